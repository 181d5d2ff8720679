"""API of the events: public events read-only; NGO people register participants (token auth)."""

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from digital_ngo.api.views import StrictOrdering, StrictQueryMixin
from digital_ngo.events import selectors, services
from digital_ngo.events.models import Event, Kind, Registration, Where


class EventSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    organiser = serializers.CharField(source="organiser_display", read_only=True)
    region = serializers.CharField(source="region.code", default=None, read_only=True)
    district = serializers.CharField(source="district.code", default=None, read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    seats_left = serializers.IntegerField(read_only=True)
    registration_open = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "title_az", "title_en", "description_az", "description_en", "kind", "format",
            "where", "organiser", "region", "district", "country", "city", "venue", "time_zone",
            "starts_at", "ends_at", "capacity", "seats_left", "visibility", "languages",
            "status", "registration_opens_at", "registration_closes_at", "registration_open",
            "outcome_az", "outcome_en",
        ]  # fmt: skip

    def get_registration_open(self, event: Event) -> bool:
        return event.registration_open()


class RegistrationRequest(serializers.Serializer):  # type: ignore[type-arg]
    full_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    country = serializers.CharField(max_length=2, min_length=2)
    position = serializers.CharField(max_length=150, required=False, default="")
    language = serializers.ChoiceField(choices=["az", "en"], required=False, default="az")
    invitation_code = serializers.CharField(max_length=16, required=False, default="")
    accept_waiting_list = serializers.BooleanField(required=False, default=False)


class RegistrationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    country = serializers.CharField(source="country.code", read_only=True)
    organisation = serializers.CharField(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "full_name", "email", "country", "organisation", "status"]


@extend_schema(
    parameters=[OpenApiParameter(name, str) for name in ("where", "region", "country", "kind")]
)
class EventViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: public events (drafts excluded); ``where`` is ``home`` or ``abroad``.

    ``ordering``: ``starts_at`` (default) or ``-starts_at``.
    """

    serializer_class = EventSerializer
    permission_classes = [permissions.AllowAny]
    filter_backends = [StrictOrdering]
    ordering_fields = ["starts_at"]
    allowed_params: ClassVar[set[str]] = {"where", "region", "country", "kind"}

    def get_queryset(self) -> QuerySet[Any]:
        params = self.request.query_params
        where = params.get("where", "")
        kind = params.get("kind", "")
        if where and where not in Where.values:
            raise serializers.ValidationError({"where": _("Give home or abroad.")})
        if kind and kind not in Kind.values:
            raise serializers.ValidationError({"kind": _("Unknown kind of event.")})
        filters = selectors.EventFilters(
            where=where, region=params.get("region", "")[:50],
            country=params.get("country", "")[:2], kind=kind,
        )  # fmt: skip
        return selectors.public_events(filters).order_by("starts_at", "pk")

    @extend_schema(request=RegistrationRequest, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def register(self, request: Request, pk: str | None = None) -> Response:
        """People of a verified NGO: register a participant of their NGO (seat or waiting list)."""
        event = self.get_object()
        if not request.user.has_perm("events.register_as_ngo"):
            raise PermissionDenied(_("Only people of a verified NGO may register with an account."))
        data = RegistrationRequest(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        person = services.Participant(
            full_name=values["full_name"],
            email=values["email"],
            country=values["country"].upper(),
            position=values["position"],
            organisation_ngo=request.user.ngo,  # type: ignore[union-attr]
            language=values["language"] or translation.get_language() or "az",
        )
        registration = services.register(
            event=event,
            person=person,
            user=request.user,
            invitation_code=values["invitation_code"],
            accept_waiting_list=values["accept_waiting_list"],
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)
