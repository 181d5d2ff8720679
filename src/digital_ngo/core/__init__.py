"""Shared pieces of the platform: layout, formatting, upload checks, permission helpers."""
