"""Back-office admin of applications (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.applications.models import Application


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "ngo", "call", "instrument", "status"]
    list_filter = ["status", "instrument", "call"]
    search_fields = ["title"]
    raw_id_fields = ["ngo"]
