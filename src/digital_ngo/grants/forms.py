"""Forms of grants: reports (values and expenses), reviews, payments, the agreement start."""

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from digital_ngo.applications.models import BudgetLine
from digital_ngo.core import limits
from digital_ngo.grants.models import Report
from digital_ngo.media.models import MediaOutlet

DATE = forms.DateInput(attrs={"type": "date"})


class ReportForm(forms.Form):
    narrative = forms.CharField(
        label=_("What the project did"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = list(report.grant.application.indicators.all())
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit}; {_('target')} {indicator.target:g})",
                max_digits=14,
                decimal_places=2,
            )
            self.fields[f"evidence_{indicator.pk}"] = forms.FileField(
                label=_("Evidence for “%(name)s” (PDF, PNG or JPEG)") % {"name": indicator.name},
                required=False,
            )

    def values(self) -> dict[int, Any]:
        return {i.pk: self.cleaned_data[f"indicator_{i.pk}"] for i in self.indicators}

    def evidence(self) -> dict[int, Any]:
        return {
            i.pk: self.cleaned_data[f"evidence_{i.pk}"]
            for i in self.indicators
            if self.cleaned_data.get(f"evidence_{i.pk}")
        }


class ExpenseForm(forms.Form):
    budget_line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    spent_on = forms.DateField(label=_("Date"), widget=DATE)
    amount = forms.DecimalField(
        label=_("Amount (AZN)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=limits.MAX_EXPENSE,
    )
    description = forms.CharField(label=_("Description"), max_length=255)
    document = forms.FileField(label=_("Supporting document"), required=False)
    outlet = forms.ModelChoiceField(
        label=_("Media outlet"), queryset=MediaOutlet.objects.all(), required=False
    )

    def __init__(self, *args: Any, lines: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if lines is not None:
            self.fields["budget_line"].queryset = lines  # type: ignore[attr-defined]


ExpenseFormSet = formset_factory(
    ExpenseForm, extra=2, max_num=limits.MAX_EXPENSE_ROWS, validate_max=True
)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    reference = forms.CharField(label=_("Payment reference"), max_length=64)


class ConcludeForm(forms.Form):
    starts_on = forms.DateField(label=_("Project starts on"), widget=DATE)
