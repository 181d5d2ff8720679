"""Page-number pagination that refuses page sizes over the limit instead of ignoring them."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 200


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if (
            not (raw.isascii() and raw.isdigit() and len(raw) <= 3)
            or not 1 <= int(raw) <= MAX_PAGE_SIZE
        ):
            raise ValidationError(
                {"page_size": _("Use a page size from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE}}
            )
        return int(raw)
