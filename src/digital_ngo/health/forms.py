"""Filters of the activity list: the directory's filters plus the number of months."""

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_ngo.health.selectors import DEFAULT_MONTHS
from digital_ngo.registry.forms import DirectoryFilterForm


class ActivityFilterForm(DirectoryFilterForm):
    months = forms.IntegerField(
        label=_("No signal for (months)"),
        min_value=1,
        max_value=240,
        required=False,
        initial=DEFAULT_MONTHS,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("region", _("Economic region")),
            ("legal_form", _("Legal form")),
            ("last", _("Last signal")),
            ("-score", _("Score")),
        ],
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        del self.fields["status"]
        del self.fields["activity"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
