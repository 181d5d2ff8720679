"""Back-office admin of evaluation (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.reviews.models import Assignment


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["application", "evaluator", "status", "total", "is_tiebreak"]
    list_filter = ["status"]
