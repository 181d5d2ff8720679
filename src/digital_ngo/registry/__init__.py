"""The NGO registry: organisations, their documents, verification and sanctions."""
