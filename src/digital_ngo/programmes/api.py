"""Read-only public API of the programmes and tasks (wired into ``api/urls.py``)."""

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError

from digital_ngo.api.views import StrictQueryMixin
from digital_ngo.programmes import selectors
from digital_ngo.programmes.models import Evidence, Programme, Task


class EvidenceSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Evidence
        fields = ["kind", "title", "url", "press_item", "grant"]


class TaskSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "programme",
            "number",
            "text_az",
            "text_en",
            "role",
            "recurrence",
            "deadline",
            "weight",
            "status",
            "percent",
            "evidence",
        ]

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, task: Task) -> list[dict[str, Any]]:
        return EvidenceSerializer(getattr(task, "public_evidence", []), many=True).data  # type: ignore[return-value]


class ProgrammeSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    percent = serializers.SerializerMethodField(help_text="Weighted roll-up of the tasks, 0–100.")
    tasks = serializers.IntegerField(source="tasks.count", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "title_az",
            "title_en",
            "act_kind",
            "act_number",
            "act_date",
            "act_url",
            "starts_on",
            "ends_on",
            "responsible_body_az",
            "responsible_body_en",
            "tasks",
            "percent",
        ]

    def get_percent(self, programme: Programme) -> int | None:
        return selectors.programme_percent(programme)


class ProgrammeViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: state programmes with their roll-up (weighted % of their tasks)."""

    serializer_class = ProgrammeSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Any]:
        return Programme.objects.prefetch_related("tasks").order_by("act_date", "code")


@extend_schema(parameters=[OpenApiParameter("programme", str), OpenApiParameter("q", str)])
class TaskViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: tasks with status and public evidence (staff comments are never shown).

    ``programme``: a programme's code; ``q``: words of the text, diacritics ignored.
    """

    serializer_class = TaskSerializer
    permission_classes = [permissions.AllowAny]
    allowed_params: ClassVar[set[str]] = {"programme", "q"}

    def get_queryset(self) -> QuerySet[Any]:
        params = self.request.query_params
        tasks = selectors.public_tasks(query=params.get("q", "")[:100])
        code = params.get("programme")
        if code is not None:
            if len(code) > 50:
                raise ValidationError({"programme": _("Unknown programme.")})
            tasks = tasks.filter(programme__code=code)
        return tasks.order_by("pk")
