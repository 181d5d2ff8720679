"""Forms of evaluation: the declaration and the score sheet."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_ngo.funding.models import Criterion
from digital_ngo.reviews.models import DECLARATION_QUESTIONS

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


class DeclarationForm(forms.Form):
    confidential = forms.BooleanField(
        label=_("I will keep the application and the evaluation confidential."), required=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, question in DECLARATION_QUESTIONS.items():
            self.fields[key] = forms.ChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect
            )

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[key] == "yes" for key in DECLARATION_QUESTIONS}


class ScoreSheetForm(forms.Form):
    """One score and one comment per criterion of the call."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} ({criterion.weight.normalize()}%)",
                min_value=0,
                max_value=criterion.max_score,
                help_text=_("From 0 to %(max)s.") % {"max": criterion.max_score},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2})
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }
