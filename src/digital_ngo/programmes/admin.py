"""Back office (superusers only) for programmes."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.programmes.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title_az", "act_kind", "act_number", "act_date"]
