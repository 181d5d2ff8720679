"""Back-office admin of the registry (superusers only; the product UI is elsewhere)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.registry.models import (
    NGO,
    District,
    EconomicRegion,
    FieldOfActivity,
    NGODocument,
    Sanction,
)


@admin.register(NGO)
class NGOAdmin(SimpleHistoryAdmin):
    list_display = ["name_az", "legal_form", "voen", "region", "status", "verification"]
    list_filter = ["legal_form", "status", "verification", "region"]
    search_fields = ["name_az", "name_en", "voen"]
    filter_horizontal = ["fields"]


@admin.register(FieldOfActivity)
class FieldOfActivityAdmin(SimpleHistoryAdmin):
    list_display = ["name_az", "name_en", "slug", "position", "is_active"]


admin.site.register([EconomicRegion, District])
admin.site.register([NGODocument, Sanction], SimpleHistoryAdmin)
