"""Statements and appeals: mailed to media outlets, and opened for signature by organisations."""
