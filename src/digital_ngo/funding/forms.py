"""Forms of calls: the call itself and its instruments, topics, criteria and documents."""

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from digital_ngo.funding.models import Call, CallInstrument, Criterion, RequiredDocument, Topic

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TranchesField(forms.Field):
    """Tranche percentages typed as "80, 20"."""

    def to_python(self, value: Any) -> list[int]:
        text = str(value or "")
        try:
            return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(
                _("Write whole percentages separated by commas.")
            ) from error

    def prepare_value(self, value: Any) -> str:
        return ", ".join(str(part) for part in value) if isinstance(value, list) else value


class CallForm(forms.ModelForm):  # type: ignore[type-arg]
    tranches = TranchesField(
        label=_("Tranche percentages"),
        initial=[80, 20],
        widget=forms.TextInput,
        help_text=_("For example 80, 20 or 40, 40, 20."),
    )

    class Meta:
        model = Call
        fields = [
            "name_az",
            "name_en",
            "year",
            "description",
            "funders",
            "opens_at",
            "closes_at",
            "total_budget",
            "evaluators_per_application",
            "divergence_threshold",
            "correction_days",
            "pass_score",
            "appeal_days",
            "tranches",
        ]
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "funders": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


def _formset(model: type, fields: list[str]) -> Any:
    return inlineformset_factory(Call, model, fields=fields, extra=1, can_delete=True)


InstrumentFormSet = _formset(CallInstrument, ["instrument", "max_amount", "max_months"])
TopicFormSet = _formset(
    Topic, ["code", "position", "name_az", "name_en", "coalition_required", "max_amount"]
)
CriterionFormSet = _formset(Criterion, ["position", "name_az", "name_en", "weight", "max_score"])
DocumentFormSet = _formset(RequiredDocument, ["position", "name_az", "name_en", "is_mandatory"])

FORMSETS = {
    "instruments": (InstrumentFormSet, _("Instruments")),
    "topics": (TopicFormSet, _("Priority topics")),
    "criteria": (CriterionFormSet, _("Evaluation criteria")),
    "documents": (DocumentFormSet, _("Required documents")),
}
