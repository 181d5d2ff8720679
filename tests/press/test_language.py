"""Restoration is applied only to Azerbaijani text in Latin script."""

import pytest

from digital_ngo.press.language import script_and_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azərbaycan vətəndaş cəmiyyəti üçün yeni imkanlar yaranır.", "az"),
        ("Azerbaycan vetendas cemiyyeti ucun yeni imkanlar yaranir.", "az"),
        ("Агентство государственной поддержки НПО создано в 2021 году.", "cyrillic"),
        (
            "The Agency was created in 2021 by a decree of the President and it funds projects.",
            "other",
        ),
        ("1234 5678", "other"),
    ],
)
def test_script_and_language(text, expected):
    assert script_and_language(text) == expected
