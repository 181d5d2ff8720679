"""API views. Each docstring says who may use the endpoint; others get 401, 403 or 404."""

from typing import Any, ClassVar

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import filters, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from digital_ngo.api import serializers as s
from digital_ngo.applications.models import Application, BudgetLine
from digital_ngo.funding.selectors import public_calls
from digital_ngo.grants import services as grant_services
from digital_ngo.grants.models import Grant, Report
from digital_ngo.media.models import MediaOutlet
from digital_ngo.registry.selectors import DirectoryFilters, public_directory

COMMON_PARAMS = {"page", "page_size", "format", "ordering"}


class StrictQueryMixin:
    """Refuses query parameters the endpoint does not know, instead of silently ignoring them."""

    allowed_params: ClassVar[set[str]] = set()
    request: Request

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        unknown = set(request.query_params) - self.allowed_params - COMMON_PARAMS
        if unknown:
            raise ValidationError({name: _("Unknown parameter.") for name in sorted(unknown)})
        bad = [name for name, value in request.query_params.items() if "\x00" in value]
        if bad:
            raise ValidationError({name: _("The value contains a NUL character.") for name in bad})


class StrictOrdering(filters.OrderingFilter):
    """DRF's ordering, but an unknown field is a 400 rather than silently ignored."""

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> Any:
        raw = request.query_params.get(self.ordering_param)
        if raw:
            allowed = set(view.ordering_fields)
            wrong = [term for term in raw.split(",") if term.strip().lstrip("-") not in allowed]
            if wrong:
                fields = ", ".join(sorted(allowed))
                raise ValidationError(
                    {"ordering": _("Order by one of: %(fields)s.") % {"fields": fields}}
                )
        return super().get_ordering(request, queryset, view)


@extend_schema(
    parameters=[
        OpenApiParameter(name, str) for name in ("q", "legal_form", "region", "field", "status")
    ]
)
class NGOViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: verified NGOs of the registry; ``q`` ignores case and Azerbaijani diacritics.

    ``ordering``: ``sort_key`` (Azerbaijani alphabet order, the default), ``founded_on``, or
    either with ``-`` for descending.
    """

    filter_backends = [StrictOrdering]
    ordering_fields = ["sort_key", "founded_on"]

    serializer_class = s.NGOSerializer
    permission_classes = [permissions.AllowAny]
    allowed_params: ClassVar[set[str]] = {"q", "legal_form", "region", "field", "status"}

    def get_queryset(self) -> QuerySet[Any]:
        params = self.request.query_params
        filters = DirectoryFilters(
            **{name: params.get(name, "")[:100] for name in self.allowed_params}
        )
        return public_directory(filters).prefetch_related("fields")


class CallViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: published calls with their instruments, topics and criteria."""

    serializer_class = s.CallSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Any]:
        return public_calls().prefetch_related("topics", "criteria")


@extend_schema(parameters=[OpenApiParameter("call", int), OpenApiParameter("ngo", int)])
class ProjectViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: funded projects with amounts, payments and indicators (target vs actual).

    ``ordering``: ``number`` (default), ``amount``, ``starts_on``, each also descending with ``-``.
    """

    filter_backends = [StrictOrdering]
    ordering_fields = ["number", "amount", "starts_on"]

    serializer_class = s.ProjectSerializer
    permission_classes = [permissions.AllowAny]
    allowed_params: ClassVar[set[str]] = {"call", "ngo"}

    def get_queryset(self) -> QuerySet[Any]:
        grants = Grant.objects.select_related(
            "application__ngo", "application__topic"
        ).prefetch_related("tranches")
        for name, lookup in (("call", "application__call_id"), ("ngo", "application__ngo_id")):
            value = self.request.query_params.get(name)
            if value is not None:
                if not (value.isascii() and value.isdigit() and len(value) <= 18):  # fits 64 bits
                    raise ValidationError({name: _("Give a number.")})
                grants = grants.filter(**{lookup: int(value)})
        return grants.order_by("number")


class ApplicationViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """NGO people: their NGO's applications; agency staff: all; evaluators: those they may read."""

    serializer_class = s.ApplicationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Any]:
        user = self.request.user
        applications = Application.objects.prefetch_related("indicators", "budget_lines").order_by(
            "pk"
        )
        if getattr(self, "swagger_fake_view", False):  # schema generation: no real user
            return applications.none()
        if user.has_perm("accounts.view_staff_area"):
            return applications
        if getattr(user, "ngo_id", None):
            return applications.filter(ngo_id=user.ngo_id)  # type: ignore[union-attr]
        return applications.filter(
            assignments__evaluator=user, assignments__status__in=["declared", "submitted"]
        )


class ReportViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """NGO people: their grants' reports (and submit them); agency staff: all reports."""

    serializer_class = s.ReportSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Any]:
        user = self.request.user
        reports = Report.objects.select_related("grant").order_by("due_on", "pk")
        if getattr(self, "swagger_fake_view", False):  # schema generation: no real user
            return reports.none()
        if user.has_perm("accounts.view_staff_area"):
            return reports
        return reports.filter(grant__application__ngo_id=getattr(user, "ngo_id", None) or -1)

    @extend_schema(request=s.ReportSubmission, responses=s.ReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """The grantee's people: submit the report (actuals, expenses); the form's rules apply."""
        report = self.get_object()
        if not request.user.has_perm("grants.report", report.grant):
            raise PermissionDenied(_("Only the grantee's people may submit its reports."))
        data = s.ReportSubmission(data=request.data)
        data.is_valid(raise_exception=True)
        lines = {
            line.pk: line
            for line in BudgetLine.objects.filter(application=report.grant.application)
        }
        expenses = []
        for row in data.validated_data.get("expenses", []):
            if row["budget_line"] not in lines:
                raise ValidationError(
                    {"expenses": _("The expense names a budget line of another project.")}
                )
            outlet = (
                MediaOutlet.objects.filter(pk=row["outlet"]).first() if row.get("outlet") else None
            )
            if row.get("outlet") and outlet is None:
                raise ValidationError(
                    {"expenses": _("There is no media outlet %(id)s.") % {"id": row["outlet"]}}
                )
            expenses.append(
                grant_services.ExpenseInput(
                    budget_line=lines[row["budget_line"]],
                    spent_on=row["spent_on"],
                    amount=row["amount"],
                    description=row["description"],
                    outlet=outlet,
                    document=SimpleUploadedFile(row["document_name"], row["document"]),
                )
            )
        values = {row["indicator"]: row["value"] for row in data.validated_data["values"]}
        report = grant_services.submit_report(
            user=request.user,
            report=report,  # type: ignore[arg-type]
            narrative=data.validated_data["narrative"],
            values=values,
            expenses=expenses,
        )
        return Response(s.ReportSerializer(report).data)
