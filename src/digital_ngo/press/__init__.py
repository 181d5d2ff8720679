"""Press and documents archive: scans OCR'd with Tesseract, restored with aztext,
reviewed by staff, linked to the NGOs they name and searchable without diacritics."""
