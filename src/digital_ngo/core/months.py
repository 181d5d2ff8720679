"""Month names in Azerbaijani orthography.

Django's Azerbaijani catalogue capitalises month names ("14 Fevral 2024"),
but Azerbaijani writes them in lower case ("14 fevral 2024"). Listing the
strings here puts them in the project's catalogue, which Django reads before
its own, so the date formats ``E`` and ``F`` come out right.
"""

from django.utils.translation import pgettext_lazy

ALT_MONTHS = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
