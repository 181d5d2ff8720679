"""Back-office editing of coalitions, their members, assemblies and documents."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.coalitions.models import Assembly, Coalition, CoalitionDocument, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["ngo"]


class AssemblyInline(admin.StackedInline):
    model = Assembly
    extra = 0


class DocumentInline(admin.TabularInline):
    model = CoalitionDocument
    extra = 0


@admin.register(Coalition)
class CoalitionAdmin(SimpleHistoryAdmin):
    list_display = ["name_az", "kind", "founded_on", "seat"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [AssemblyInline, DocumentInline, MembershipInline]
