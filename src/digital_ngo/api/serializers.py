"""Serializers of the API: plain, read-mostly views of the models; writes go through services."""

import base64
import binascii
from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from digital_ngo.applications.models import Application, BudgetLine, Indicator
from digital_ngo.funding.models import Call, CallInstrument, Criterion, Topic
from digital_ngo.grants import selectors as grant_selectors
from digital_ngo.grants.models import Grant, Report
from digital_ngo.registry.models import NGO


class NGOSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    legal_form_label = serializers.CharField(source="get_legal_form_display", read_only=True)
    region = serializers.CharField(source="region.name_az", default=None, read_only=True)
    fields_of_activity = serializers.SlugRelatedField(
        source="fields", slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = NGO
        fields = [
            "id",
            "name_az",
            "name_en",
            "legal_form",
            "legal_form_label",
            "voen",
            "scope",
            "region",
            "country",
            "fields_of_activity",
            "status",
            "website",
        ]


class TopicSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Topic
        fields = ["code", "name_az", "name_en", "coalition_required", "max_amount"]


class InstrumentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = CallInstrument
        fields = ["instrument", "max_amount", "max_months"]


class CriterionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Criterion
        fields = ["name_az", "name_en", "weight", "max_score"]


class CallSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    topics = TopicSerializer(many=True, read_only=True)
    instruments = InstrumentSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "name_az",
            "name_en",
            "year",
            "opens_at",
            "closes_at",
            "total_budget",
            "tranches",
            "is_open",
            "instruments",
            "topics",
            "criteria",
        ]

    def get_is_open(self, call: Call) -> bool:
        return call.is_open()


class IndicatorProgressSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField()
    unit = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2)
    target = serializers.DecimalField(max_digits=14, decimal_places=2)
    actual = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class ProjectSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    title = serializers.CharField(source="application.title")
    summary = serializers.CharField(source="application.summary")
    ngo = serializers.IntegerField(source="application.ngo_id")
    ngo_name = serializers.CharField(source="application.ngo.name_az")
    call = serializers.IntegerField(source="application.call_id")
    topic = serializers.CharField(source="application.topic.code")
    paid = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()

    class Meta:
        model = Grant
        fields = [
            "id",
            "number",
            "title",
            "summary",
            "ngo",
            "ngo_name",
            "call",
            "topic",
            "amount",
            "paid",
            "starts_on",
            "ends_on",
            "status",
            "indicators",
        ]

    def get_paid(self, grant: Grant) -> Decimal:
        return sum((t.amount for t in grant.tranches.all() if t.status == "paid"), Decimal(0))

    @extend_schema_field(IndicatorProgressSerializer(many=True))
    def get_indicators(self, grant: Grant) -> list[dict[str, object]]:
        return IndicatorProgressSerializer(
            grant_selectors.indicator_progress(grant), many=True
        ).data  # type: ignore[return-value]


class IndicatorSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Indicator
        fields = ["id", "name", "unit", "baseline", "target", "means_of_verification"]


class BudgetLineSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = BudgetLine
        fields = ["id", "category", "description", "unit_cost", "quantity", "months", "cofunding"]


class ApplicationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    indicators = IndicatorSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "ngo",
            "instrument",
            "title",
            "status",
            "submitted_at",
            "score",
            "awarded_amount",
            "duration_months",
            "indicators",
            "budget_lines",
        ]


class ReportSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    grant_number = serializers.CharField(source="grant.number")

    class Meta:
        model = Report
        fields = [
            "id",
            "grant",
            "grant_number",
            "kind",
            "number",
            "due_on",
            "status",
            "submitted_at",
            "review_comment",
        ]


class IndicatorValueInput(serializers.Serializer):  # type: ignore[type-arg]
    indicator = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)


class ExpenseInput(serializers.Serializer):  # type: ignore[type-arg]
    budget_line = serializers.IntegerField()
    spent_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    description = serializers.CharField(max_length=255)
    outlet = serializers.IntegerField(required=False, allow_null=True)
    document = serializers.CharField(
        help_text="The supporting document (PDF, PNG or JPEG), base64-encoded.",
        max_length=14_000_000,
    )
    document_name = serializers.CharField(max_length=120, required=False, default="document.pdf")

    def validate_document(self, value: str) -> bytes:
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as error:
            raise serializers.ValidationError(_("The document is not valid base64.")) from error


class ReportSubmission(serializers.Serializer):  # type: ignore[type-arg]
    narrative = serializers.CharField()
    values = IndicatorValueInput(many=True)
    expenses = ExpenseInput(many=True, required=False)
