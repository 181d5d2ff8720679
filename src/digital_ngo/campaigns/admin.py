"""Back-office views of statements, deliveries and signatures (read mostly)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.campaigns.models import Delivery, Signature, Statement


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["title_az", "status", "created_at"]
    readonly_fields = ["status", "approved_by", "author"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["statement", "email", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    readonly_fields = ["statement", "contact", "email", "status", "attempts", "sent_at", "reason"]


@admin.register(Signature)
class SignatureAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "country", "status", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["organisation"]
    readonly_fields = ["status"]
