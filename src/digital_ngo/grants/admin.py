"""Back-office admin of grants (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.grants.models import Grant, Report, Tranche

admin.site.register([Grant, Report, Tranche], SimpleHistoryAdmin)
