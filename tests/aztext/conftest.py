"""Fixtures for the aztext tests (no Django needed)."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEVSET = REPO.parent / "shared" / "aztext"


@pytest.fixture(scope="session")
def devset() -> Path:
    """Root of the Azerbaijani dev set; skips the test when it is absent."""
    if not (DEVSET / "devset" / "gold").is_dir():
        pytest.skip(f"dev set not found at {DEVSET} (needed for dev-set checks)")
    return DEVSET
