"""Azerbaijani first: default language, complete translations, local formats."""

import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

import digital_ngo

PACKAGE = Path(digital_ngo.__file__).parent
PO_FILE = PACKAGE / "locale" / "az" / "LC_MESSAGES" / "django.po"


def test_every_ui_string_has_an_azerbaijani_translation(tmp_path):
    """Extract the strings afresh from the code and templates; each must be translated."""
    copy = tmp_path / "digital_ngo"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "locale"))
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "az", "-v0"],
        cwd=copy,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "", "PATH": "/usr/bin:/bin"},
    )
    extracted = polib.pofile(str(copy / "locale" / "az" / "LC_MESSAGES" / "django.po"))
    translated = {entry.msgid: entry for entry in polib.pofile(str(PO_FILE))}
    missing = [
        entry.msgid
        for entry in extracted
        if entry.msgid not in translated
        or translated[entry.msgid].fuzzy
        or not (
            translated[entry.msgid].msgstr or all(translated[entry.msgid].msgstr_plural.values())
        )
    ]
    assert missing == []


@pytest.mark.django_db
def test_azerbaijani_is_served_whatever_the_browser_asks(client):
    html = client.get(
        reverse("registry:directory"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "QHT kataloqu" in html and "NGO directory" not in html


@pytest.mark.django_db
def test_switcher_changes_the_language_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/ngos/"})
    html = client.get(reverse("registry:directory")).content.decode()
    assert "NGO directory" in html and '<html lang="en">' in html


def render(source: str, **context: object) -> str:
    return Template("{% load formatting %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected_money", "expected_date"),
    [("az", "15\u00a0000\u00a0₼", "14 fevral 2024"), ("en", "₼15,000", "Feb. 14, 2024")],
)
def test_money_and_dates_follow_the_locale(language, expected_money, expected_date):
    with translation.override(language):
        assert render("{{ amount|azn }}", amount=Decimal("15000")) == expected_money
        assert render("{{ day|date }}", day=date(2024, 2, 14)) == expected_date


def test_money_keeps_qepik():
    with translation.override("az"):
        assert render("{{ amount|azn }}", amount=Decimal("1234.5")) == "1\u00a0234,50\u00a0₼"


@pytest.mark.parametrize(("language", "expected"), [("az", "Almaniya"), ("en", "Germany")])
def test_country_names_follow_the_language(language, expected):
    with translation.override(language):
        assert render("{{ code|country }}", code="DE") == expected


@pytest.mark.django_db
def test_registration_form_lists_countries_in_azerbaijani_order(client, make_user):
    from digital_ngo.registry.forms import NGORegistrationForm

    with translation.override("az"):
        names = [name for _, name in NGORegistrationForm().fields["country"].choices]
    assert "Azərbaycan" in names and "Azerbaijan" not in names
    assert names.index("Çin") < names.index("Əfqanıstan") < names.index("Xırvatıstan")
