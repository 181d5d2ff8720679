"""Forms of the programmes pages (thin: the services validate)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_ngo.grants.models import Grant
from digital_ngo.press.models import PressItem
from digital_ngo.programmes.models import Evidence, Programme, Task, TaskStatus


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search tasks"), required=False, max_length=100)


class StaffFilterForm(SearchForm):
    programme = forms.ModelChoiceField(
        label=_("State programme"), required=False, queryset=Programme.objects.all()
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *TaskStatus.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    percent = forms.IntegerField(
        label=_("Percent done"), required=False, min_value=0, max_value=100
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskEditForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "text_az",
            "text_en",
            "role",
            "recurrence",
            "deadline",
            "weight",
            "responsible",
            "staff_comment",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "text_az": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "staff_comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        from digital_ngo.accounts.models import AGENCY_ROLES, User

        self.fields["responsible"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role__in=sorted(AGENCY_ROLES), is_active=True
        )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    title = forms.CharField(label=_("Title"), required=False, max_length=255)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)
    press_item = forms.ModelChoiceField(
        label=_("Press clipping"),
        required=False,
        queryset=PressItem.objects.filter(status=PressItem.Status.PUBLISHED),
    )
    grant = forms.ModelChoiceField(
        label=_("Grant"),
        required=False,
        queryset=Grant.objects.select_related("application"),
    )
    is_public = forms.BooleanField(label=_("Show on the public page"), required=False, initial=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX or CSV file in the export's columns"))
