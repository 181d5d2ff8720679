"""Back office for events (read-mostly: statuses and seats move only through the services)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.events.models import Event, EventPhoto, InvitationCode, Registration


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ["title_az", "starts_at", "where", "status", "confirmed_count", "capacity"]
    list_filter = ["status", "where", "kind"]
    search_fields = ["title_az", "title_en"]
    readonly_fields = ["status", "confirmed_count"]


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ["full_name", "email", "event", "status", "checked_in_at"]
    list_filter = ["status"]
    search_fields = ["full_name", "email"]
    readonly_fields = ["status", "link_token", "checked_in_at", "checked_in_by"]


admin.site.register(EventPhoto)
admin.site.register(InvitationCode)
