"""Forms of the events app: the calendar filters, registration, the event editor, check-in."""

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_ngo.core.countries import country_choices
from digital_ngo.events.models import LANGUAGES, Event, Kind, Where, validate_time_zone
from digital_ngo.registry.models import NGO, EconomicRegion


class FilterForm(forms.Form):
    where = forms.ChoiceField(
        label=_("Held"), required=False, choices=[("", _("Anywhere")), *Where.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Economic region"),
        required=False,
        queryset=EconomicRegion.objects.all(),
        to_field_name="code",
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    organiser = forms.ChoiceField(label=_("Organiser"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *Kind.choices])
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Any time")), ("upcoming", _("Coming")), ("past", _("Past"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]
        organisers = NGO.objects.filter(organised_events__isnull=False).distinct()
        self.fields["organiser"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            ("agency", _("The agency")),
            ("other", _("Coalitions and others")),
            *[(f"ngo:{ngo.pk}", ngo.name) for ngo in organisers],
        ]


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_ngo = forms.ModelChoiceField(
        label=_("Registered NGO"),
        required=False,
        queryset=NGO.objects.verified(),
        help_text=_("If you represent an NGO of the registry; otherwise name your organisation."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), initial="AZ")
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    invitation_code = forms.CharField(label=_("Invitation code"), max_length=16, required=False)
    accept_waiting_list = forms.BooleanField(
        label=_("If the event is full, put me on the waiting list"), required=False
    )

    def __init__(self, *args: Any, event: Event, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation_ngo"].widget = forms.Select(
            choices=[("", "—"), *NGO.objects.verified().values_list("pk", "name_az")]
        )
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]
        if event.is_full:  # the page offers the waiting list; the button says so
            self.fields["accept_waiting_list"].widget = forms.HiddenInput()
            self.fields["accept_waiting_list"].initial = True
        if event.visibility != "invitation":
            del self.fields["invitation_code"]
        if user is not None and getattr(user, "ngo_id", None):
            del self.fields["organisation_ngo"], self.fields["organisation_name"]
            self.fields["email"].initial = user.email
            self.fields["full_name"].initial = user.full_name


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=80,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters"}
        ),
    )


class InvitationForm(forms.Form):
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=500, initial=10)
    uses = forms.IntegerField(label=_("People per code"), min_value=1, max_value=1000, initial=1)
    note = forms.CharField(label=_("For whom"), max_length=200, required=False)


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("Photo"))
    caption_az = forms.CharField(label=_("Caption (Azerbaijani)"), max_length=200, required=False)
    caption_en = forms.CharField(label=_("Caption (English)"), max_length=200, required=False)


LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    """The event editor. Times are typed in the event's own time zone."""

    starts_local = forms.DateTimeField(label=_("Starts (event's local time)"), widget=LOCAL)
    ends_local = forms.DateTimeField(label=_("Ends (event's local time)"), widget=LOCAL)
    opens_local = forms.DateTimeField(
        label=_("Registration opens (local time)"), widget=LOCAL, required=False
    )
    closes_local = forms.DateTimeField(
        label=_("Registration closes (local time)"), widget=LOCAL, required=False
    )
    language_list = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        initial="Asia/Baku",
        help_text=_("An IANA name such as Asia/Baku, Europe/Paris or America/New_York."),
    )

    class Meta:
        model = Event
        fields = [
            "title_az", "title_en", "description_az", "description_en", "kind", "format",
            "organiser_kind", "organiser_ngo", "organiser_name", "partner_ngos", "partners_text",
            "where", "region", "district", "country", "city", "venue", "online_url", "time_zone",
            "capacity", "visibility", "outcome_az", "outcome_en", "grants", "press_items",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk:
            zone = event.zone
            self.initial.update(
                starts_local=event.starts_at.astimezone(zone),
                ends_local=event.ends_at.astimezone(zone),
                opens_local=event.registration_opens_at.astimezone(zone)
                if event.registration_opens_at
                else None,
                closes_local=event.registration_closes_at.astimezone(zone)
                if event.registration_closes_at
                else None,
                language_list=event.languages.split(","),
            )
        self.fields["organiser_ngo"].queryset = NGO.objects.verified()  # type: ignore[attr-defined]
        self.fields["partner_ngos"].queryset = NGO.objects.verified()  # type: ignore[attr-defined]
        self.fields["partner_ngos"].required = False

    def clean_time_zone(self) -> str:
        value: str = self.cleaned_data["time_zone"].strip()
        validate_time_zone(value)
        return value

    def _aware(self, name: str) -> dt.datetime | None:
        value = self.cleaned_data.get(name)
        zone = self.cleaned_data.get("time_zone")
        if value is None or zone is None:
            return None
        return value.replace(tzinfo=zoneinfo.ZoneInfo(zone))

    def service_data(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The values for ``services.create_event``/``update_event`` and the linked records."""
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        links = {k: data.pop(k) for k in ("partner_ngos", "grants", "press_items")}
        data.update(
            starts_at=self._aware("starts_local"),
            ends_at=self._aware("ends_local"),
            registration_opens_at=self._aware("opens_local"),
            registration_closes_at=self._aware("closes_local"),
            languages=",".join(self.cleaned_data.get("language_list", [])),
        )
        return data, links

    def _post_clean(self) -> None:
        """Validation is the service's (it knows the seats taken); the form only parses."""
