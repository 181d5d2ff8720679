"""Forms of the registry: validation at the boundary, before any service writes."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_ngo.core.countries import country_choices
from digital_ngo.registry.models import (
    NGO,
    Affiliation,
    EconomicRegion,
    FieldOfActivity,
    LegalForm,
    NGOStatus,
    Sanction,
    Scope,
    Verification,
)
from digital_ngo.registry.validators import normalize_voen

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = {"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}


class NGORegistrationForm(forms.ModelForm):  # type: ignore[type-arg]
    """The NGO's registration data plus its charter and registry extract."""

    charter = forms.FileField(
        label=_("Charter (PDF, PNG or JPEG)"),
        required=False,
        widget=forms.ClearableFileInput(ACCEPT),
    )
    registry_extract = forms.FileField(
        label=_("State registry extract (PDF, PNG or JPEG)"),
        required=False,
        widget=forms.ClearableFileInput(ACCEPT),
    )
    voen = forms.CharField(
        label=_("VÖEN (tax ID)"),
        required=False,
        max_length=20,
        help_text=_("10 digits; required for NGOs registered in Azerbaijan."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = NGO
        fields = [
            "name_az",
            "name_en",
            "legal_form",
            "registration_number",
            "registration_date",
            "voen",
            "scope",
            "region",
            "district",
            "address",
            "fields",
            "purposes",
            "founded_on",
            "ecosoc_status",
            "country",
            "email",
            "phone",
            "website",
        ]
        widgets = {
            "registration_date": DATE,
            "founded_on": DATE,
            "fields": forms.CheckboxSelectMultiple,
            "purposes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = FieldOfActivity.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["fields"].required = True
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]

    def clean_voen(self) -> str | None:
        value = (self.cleaned_data.get("voen") or "").strip()
        return normalize_voen(value) if value else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        region, district = data.get("region"), data.get("district")
        if district and region and district.region_id != region.pk:
            self.add_error("district", _("This district is not in the chosen economic region."))
        if district and not region:
            data["region"] = district.region
        if data.get("scope") == Scope.LOCAL and not district:
            self.add_error("district", _("A local NGO must name its district."))
        if data.get("legal_form") != LegalForm.FOREIGN and not data.get("voen"):
            self.add_error("voen", _("An NGO registered in Azerbaijan must have a VÖEN."))
        return data

    def documents(self) -> dict[str, Any]:
        """The uploaded files by document kind."""
        return {
            kind: self.cleaned_data[kind]
            for kind in ("charter", "registry_extract")
            if self.cleaned_data.get(kind)
        }

    def ngo_data(self) -> dict[str, Any]:
        """The model fields to save, without the many-to-many fields and files."""
        skip = {"fields", "charter", "registry_extract"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


class ReturnForm(forms.Form):
    reasons = forms.CharField(
        label=_("What must be corrected"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SanctionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Sanction
        fields = ["kind", "starts_on", "ends_on", "reason"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "reason": forms.Textarea(attrs={"rows": 2})}


class DirectoryFilterForm(forms.Form):
    """Filters of the public directory; unknown values are reported, never a server error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", _("All")), *LegalForm.choices]
    )
    region = forms.ChoiceField(label=_("Economic region"), required=False)
    field = forms.ChoiceField(label=_("Field of activity"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *NGOStatus.choices]
    )
    activity = forms.ChoiceField(
        label=_("Visible activity"),
        required=False,
        choices=[
            ("", _("All")),
            ("active", _("Active")),
            ("inactive", _("Inactive (no visible activity)")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = [(region.code, region.name) for region in EconomicRegion.objects.all()]
        fields = [(f.slug, f.name) for f in FieldOfActivity.objects.filter(is_active=True)]
        self.fields["region"].choices = [("", _("All")), *regions]  # type: ignore[attr-defined]
        self.fields["field"].choices = [("", _("All")), *fields]  # type: ignore[attr-defined]


class StaffFilterForm(DirectoryFilterForm):
    verification = forms.ChoiceField(
        label=_("Verification"), required=False, choices=[("", _("All")), *Verification.choices]
    )


# --- Affiliations (issue 11, §6) ---------------------------------------------------------------


class AffiliationForm(forms.ModelForm):  # type: ignore[type-arg]
    """One of the NGO's people: name, e-mail where known, role, from/to dates."""

    class Meta:
        model = Affiliation
        fields = ["name", "email", "role", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {
            "email": _(
                "Where known: it links the person's account and keeps them out of "
                "evaluating the NGO's applications."
            ),
            "ends_on": _("Leave empty while the link lasts."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data

    def _post_clean(self) -> None:  # the service validates the model; the form only the input
        pass


class OwnAffiliationForm(AffiliationForm):
    """An evaluator's own link to an NGO: which NGO, what role, when."""

    ngo = forms.ModelChoiceField(label=_("NGO"), queryset=NGO.objects.order_by("sort_key"))

    class Meta(AffiliationForm.Meta):
        fields = ["ngo", "role", "starts_on", "ends_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        forms.ModelForm.__init__(self, *args, **kwargs)


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this link void?"), widget=forms.Textarea(attrs={"rows": 2})
    )


#: The optional "people of the NGO" part of the registration form.
PeopleFormSet = forms.formset_factory(AffiliationForm, extra=2, max_num=30)
