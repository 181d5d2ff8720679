"""Forms of an application, section by section."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from digital_ngo.applications.models import (
    Activity,
    Application,
    BudgetLine,
    Indicator,
    Outcome,
    Output,
    Partner,
)
from digital_ngo.core import limits
from digital_ngo.funding.models import Call, RequiredDocument, Topic
from digital_ngo.registry.models import NGO, FieldOfActivity

RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")


class ListAsTextField(forms.Field):
    """A JSON list edited as a line of text (model JSONFields pass encoder/decoder: unused)."""

    widget = forms.TextInput

    def __init__(self, *, encoder: Any = None, decoder: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)


class MonthsField(ListAsTextField):
    """Months typed as "1-3, 5" → [1, 2, 3, 5]."""

    def to_python(self, value: Any) -> list[int]:
        months: set[int] = set()
        for part in str(value or "").split(","):
            if not part.strip():
                continue
            match = RANGE.match(part)
            if not match:
                raise forms.ValidationError(_("Write months like 1-3, 5."))
            first = int(match.group(1))
            last = int(match.group(2) or first)
            if not 1 <= first <= last <= 60:
                raise forms.ValidationError(
                    _("Months run from 1 to 60, the first before the last.")
                )
            months.update(range(first, last + 1))
        if not months:
            raise forms.ValidationError(_("Give at least one month."))
        return sorted(months)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(str(m) for m in value) if isinstance(value, list) else value


class MilestonesField(ListAsTextField):
    """Milestones typed as "3: 40, 6: 100" → [{"month": 3, "value": "40"}, …]."""

    def to_python(self, value: Any) -> list[dict[str, Any]]:
        milestones = []
        for part in str(value or "").split(","):
            if not part.strip():
                continue
            month, colon, amount = part.partition(":")
            if not colon:
                raise forms.ValidationError(_("Write milestones like 3: 40, 6: 100."))
            try:
                milestones.append(
                    {
                        "month": limits.milestone_month(month),
                        "value": str(limits.finite_decimal(amount)),
                    }
                )
            except ValidationError as error:
                raise forms.ValidationError(
                    [_("Write milestones like 3: 40, 6: 100."), *error.messages]
                ) from error
        if len(milestones) > limits.MAX_MILESTONES:
            raise forms.ValidationError(_("Write milestones like 3: 40, 6: 100."))
        return milestones

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(f"{m['month']}: {m['value']}" for m in value)
        return value


class StartForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=255)
    instrument = forms.ChoiceField(label=_("Instrument"))
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.none())
    field = forms.ModelChoiceField(
        label=_("Field of activity"), queryset=FieldOfActivity.objects.none()
    )

    def __init__(self, *args: Any, call: Call, ngo: NGO, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offers = call.instruments.all()
        self.fields["instrument"].choices = [(o.instrument, str(o)) for o in offers]  # type: ignore[attr-defined]
        self.fields["topic"].queryset = call.topics.all()  # type: ignore[attr-defined]
        self.fields["field"].queryset = ngo.fields.all()  # type: ignore[attr-defined]


class GeneralForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Application
        fields = [
            "title",
            "topic",
            "field",
            "summary",
            "target_group",
            "beneficiaries",
            "regions",
            "duration_months",
            "overall_objective",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "overall_objective": forms.Textarea(attrs={"rows": 2}),
            "regions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = self.instance.call.topics.all()  # type: ignore[attr-defined]
        self.fields["field"].queryset = FieldOfActivity.objects.filter(  # type: ignore[attr-defined]
            ngos=self.instance.ngo
        )


class ApplicationPartsFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """Limits choices of outcomes and outputs to the application's own."""

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        application = self.instance
        if "outcome" in form.fields:
            form.fields["outcome"].queryset = Outcome.objects.filter(application=application)  # type: ignore[attr-defined]
        if "output" in form.fields:
            form.fields["output"].queryset = Output.objects.filter(application=application)  # type: ignore[attr-defined]
        if "ngo" in form.fields:
            form.fields["ngo"].queryset = NGO.objects.verified().exclude(pk=application.ngo_id)  # type: ignore[attr-defined]


def _parts(model: type, fields: list[str], **kwargs: Any) -> Any:
    return inlineformset_factory(
        Application,
        model,
        formset=ApplicationPartsFormSet,
        fields=fields,
        extra=1,
        can_delete=True,
        **kwargs,
    )


OutcomeFormSet = _parts(
    Outcome, ["position", "text"], widgets={"text": forms.Textarea(attrs={"rows": 2})}
)
OutputFormSet = _parts(
    Output, ["outcome", "position", "text"], widgets={"text": forms.Textarea(attrs={"rows": 2})}
)
IndicatorFormSet = _parts(
    Indicator,
    ["outcome", "name", "unit", "baseline", "target", "milestones", "means_of_verification"],
    field_classes={"milestones": MilestonesField},
)
ActivityFormSet = _parts(
    Activity, ["title", "output", "months"], field_classes={"months": MonthsField}
)
BudgetFormSet = _parts(
    BudgetLine, ["category", "description", "unit_cost", "quantity", "months", "cofunding"]
)
PartnerFormSet = _parts(Partner, ["ngo", "role"])


class AttachmentForm(forms.Form):
    document = forms.ChoiceField(label=_("Document"))
    upload = forms.FileField(label=_("File (PDF, PNG or JPEG)"))

    AGREEMENT = "agreement"

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(d.pk), d.name) for d in call.required_documents.all()]
        choices.append((self.AGREEMENT, str(_("Partnership agreement"))))
        self.fields["document"].choices = choices  # type: ignore[attr-defined]

    def target(self) -> tuple[RequiredDocument | None, bool]:
        """The required document chosen, or whether it is the partnership agreement."""
        choice = self.cleaned_data["document"]
        if choice == self.AGREEMENT:
            return None, True
        return RequiredDocument.objects.get(pk=int(choice)), False


class ReasonsForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


#: The editable sections: their title and the forms they show, in order.
SECTIONS: dict[str, tuple[Any, list[tuple[str, Any]]]] = {
    "general": (_("General information"), [("general", GeneralForm)]),
    "logframe": (
        _("Logframe"),
        [
            ("outcomes", OutcomeFormSet),
            ("outputs", OutputFormSet),
            ("indicators", IndicatorFormSet),
        ],
    ),
    "workplan": (_("Workplan"), [("activities", ActivityFormSet)]),
    "budget": (_("Budget"), [("budget", BudgetFormSet)]),
    "partners": (_("Partners"), [("partners", PartnerFormSet)]),
}
