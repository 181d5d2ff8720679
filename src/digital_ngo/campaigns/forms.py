"""Forms of statements, the public signing form and the rejection reason."""

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digital_ngo.campaigns.models import Signature, Statement
from digital_ngo.core.countries import country_choices
from digital_ngo.media.models import MediaContact, MediaOutlet

LANGUAGES = [
    ("az", _("Azerbaijani")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
]


_CHOICES: dict[str, list[tuple[str, str]]] = {}


def countries_sorted() -> list[tuple[str, str]]:
    """Country choices in the active language, sorted once per language (not per request)."""
    language = (get_language() or "az")[:2]
    if language not in _CHOICES:
        _CHOICES[language] = country_choices()
    return _CHOICES[language]


class StatementForm(forms.ModelForm):
    segment_kinds = forms.MultipleChoiceField(
        label=_("Outlet types"),
        choices=MediaOutlet.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    segment_statuses = forms.MultipleChoiceField(
        label=_("Register statuses"),
        choices=MediaOutlet.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    segment_languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    segment_countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    outlets = forms.ModelMultipleChoiceField(
        label=_("Hand-picked outlets"),
        queryset=MediaOutlet.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_("Hand-picked persons"),
        queryset=MediaContact.objects.select_related("outlet"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    signing_opens = forms.DateTimeField(
        label=_("Open for signature from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    signing_closes = forms.DateTimeField(
        label=_("Open for signature until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    class Meta:
        model = Statement
        fields = [
            "title_az",
            "title_en",
            "text_az",
            "text_en",
            "coalition",
            "segment_kinds",
            "segment_statuses",
            "segment_languages",
            "segment_countries",
            "outlets",
            "contacts",
            "signing_opens",
            "signing_closes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["segment_countries"].choices = countries_sorted()  # type: ignore[attr-defined]


class SignForm(forms.ModelForm):
    """The public signing form; ``nickname`` is a honeypot hidden from people."""

    nickname = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = Signature
        fields = [
            "organisation",
            "country",
            "city",
            "website",
            "ecosoc",
            "representative",
            "position",
            "email",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries_sorted()]  # type: ignore[attr-defined]
        self.fields["email"].help_text = _("We send a link to confirm the signature to it.")

    def validate_unique(self) -> None:
        """Uniqueness is the service's and the database's business (no hint who signed)."""


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
