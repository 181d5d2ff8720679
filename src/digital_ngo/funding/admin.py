"""Back-office admin of funding (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.funding.models import (
    Call,
    CallInstrument,
    Criterion,
    Funder,
    RequiredDocument,
    Topic,
)


class InstrumentInline(admin.TabularInline):
    model = CallInstrument
    extra = 0


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class DocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["name_az", "year", "opens_at", "closes_at", "is_published"]
    inlines = [InstrumentInline, TopicInline, CriterionInline, DocumentInline]


admin.site.register(Funder, SimpleHistoryAdmin)
