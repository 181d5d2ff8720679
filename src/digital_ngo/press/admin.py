"""Back-office admin of the press archive (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.press.models import PressItem


@admin.register(PressItem)
class PressItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "outlet", "published_on", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    readonly_fields = ["original_text", "restored_text", "edits"]
