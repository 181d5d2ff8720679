"""Public, read-only API of statements (with tallies) and coalitions (with members by country)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from digital_ngo.api.views import StrictQueryMixin
from digital_ngo.campaigns.chain import chain_head
from digital_ngo.campaigns.models import Statement
from digital_ngo.campaigns.selectors import public_statements, tally
from digital_ngo.coalitions.models import Coalition
from digital_ngo.coalitions.selectors import current_members, members_by_country, public_coalitions


class CountryCountSerializer(serializers.Serializer):  # type: ignore[type-arg]
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code")
    count = serializers.IntegerField()


class TallySerializer(serializers.Serializer):  # type: ignore[type-arg]
    organisations = serializers.IntegerField()
    countries = serializers.IntegerField()
    by_country = CountryCountSerializer(many=True)
    chain_head = serializers.CharField(help_text="SHA-256 of the last row of the chained export")


class StatementSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    tally = serializers.SerializerMethodField()
    coalition = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "title_az",
            "title_en",
            "text_az",
            "text_en",
            "coalition",
            "signing_opens",
            "signing_closes",
            "tally",
        ]

    @extend_schema_field(TallySerializer)
    def get_tally(self, statement: Statement) -> dict[str, Any]:
        counted = tally(statement)
        return TallySerializer(
            {
                "organisations": counted.total,
                "countries": counted.countries,
                "by_country": [{"country": c, "count": n} for c, n in counted.by_country],
                "chain_head": chain_head(statement)[1],
            }
        ).data


class MemberSerializer(serializers.Serializer):  # type: ignore[type-arg]
    organisation = serializers.CharField()
    country = serializers.CharField()
    role = serializers.CharField()
    joined_on = serializers.DateField()


class CoalitionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    members = serializers.SerializerMethodField()
    members_by_country = serializers.SerializerMethodField()

    class Meta:
        model = Coalition
        fields = [
            "id",
            "slug",
            "name_az",
            "name_en",
            "kind",
            "founded_on",
            "founded_at",
            "seat",
            "members",
            "members_by_country",
        ]

    @extend_schema_field(MemberSerializer(many=True))
    def get_members(self, coalition: Coalition) -> list[dict[str, Any]]:
        return MemberSerializer(current_members(coalition), many=True).data  # type: ignore[return-value]

    @extend_schema_field(CountryCountSerializer(many=True))
    def get_members_by_country(self, coalition: Coalition) -> list[dict[str, Any]]:
        return [{"country": c, "count": n} for c, n in members_by_country(coalition)]


class StatementViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: statements opened for signature, with tallies by country and the chain head."""

    serializer_class = StatementSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Statement]:
        return public_statements().select_related("coalition").order_by("pk")


class CoalitionViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Everyone: coalitions and platforms, their current members and members by country."""

    serializer_class = CoalitionSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Coalition]:
        return public_coalitions()
