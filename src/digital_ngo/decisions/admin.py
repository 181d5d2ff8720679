"""Back-office admin of decisions (superusers only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital_ngo.decisions.models import Appeal, Decision

admin.site.register([Decision, Appeal], SimpleHistoryAdmin)
