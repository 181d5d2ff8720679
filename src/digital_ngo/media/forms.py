"""Forms of the media registry: the staff filter and the import upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_ngo.campaigns.forms import countries_sorted
from digital_ngo.media.models import MediaOutlet

LANGUAGES = [
    ("", "—"),
    ("az", _("Azerbaijani")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
]


class OutletFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", "—"), *MediaOutlet.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *MediaOutlet.Status.choices], required=False
    )
    country = forms.ChoiceField(label=_("Country"), choices=(), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, required=False)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries_sorted()]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX or CSV file"))
    commit = forms.BooleanField(label=_("Import (not only a dry run)"), required=False)
