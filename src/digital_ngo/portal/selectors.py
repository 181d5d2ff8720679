"""Reads for the public portal: headline figures."""

from dataclasses import dataclass

from django.db.models import Count

from digital_ngo.registry.models import NGO, LegalForm


@dataclass(frozen=True)
class Headline:
    verified_ngos: int
    regions: int
    foreign_ngos: int
    by_legal_form: list[tuple[str, int]]


def headline_figures() -> Headline:
    """Counts of verified NGOs for the home page."""
    verified = NGO.objects.verified()
    forms = dict(
        verified.values_list("legal_form").annotate(n=Count("pk")).values_list("legal_form", "n")
    )
    return Headline(
        verified_ngos=verified.count(),
        regions=verified.exclude(region=None).values("region").distinct().count(),
        foreign_ngos=forms.get(LegalForm.FOREIGN, 0),
        by_legal_form=[(str(label), forms.get(value, 0)) for value, label in LegalForm.choices],
    )
