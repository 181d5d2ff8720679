"""Country names in the active language.

django-countries has no Azerbaijani catalogue, so its names would show in
English on Azerbaijani pages. pycountry ships the iso-codes translations,
which include Azerbaijani; these helpers use them and fall back to
django-countries' (English) name.
"""

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language
from django_countries import countries

from aztext import collation_key


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str) -> str:
    """The name of the country with ISO code ``code`` in the active language."""
    english = pycountry.countries.get(alpha_2=str(code))
    if english is None:
        return str(countries.name(code))
    language = (get_language() or "az").split("-")[0]
    if language == "en":
        return str(countries.name(code))
    return _catalogue(language).gettext(english.name)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs in the active language, in Azerbaijani alphabetical order."""
    named = [(code, country_name(code)) for code, _ in countries]
    return sorted(named, key=lambda pair: collation_key(pair[1]))


@cache
def country_names(language: str) -> tuple[tuple[str, str], ...]:
    """(name, ISO code) for every country, named in ``language`` and in English."""
    catalogue = _catalogue(language)
    names = []
    for entry in pycountry.countries:
        names.append((entry.name, entry.alpha_2))
        names.append((catalogue.gettext(entry.name), entry.alpha_2))
    return tuple(sorted(set(names)))
