"""Back-office admin of the media registry (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.media.models import MediaContact, MediaOutlet


class ContactInline(admin.TabularInline):
    model = MediaContact
    extra = 0


@admin.register(MediaOutlet)
class MediaOutletAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "registry_number", "registered_from", "registered_to", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "registry_number"]
    inlines = [ContactInline]
