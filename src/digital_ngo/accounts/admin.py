"""Back-office admin for users and invitations (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):
    list_display = ["email", "full_name", "role", "ngo", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "groups", "user_permissions"]
    raw_id_fields = ["ngo"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "ngo", "invited_by", "expires_at", "accepted_at"]
    exclude = ["token_hash"]
