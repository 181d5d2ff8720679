"""The one folded search used by every search box of the product (issue 11, §6).

Searchable records keep a stored column with the ``aztext.fold`` key of their text
(``NGO.search_text``, ``Application.search_text``, ``PressItem.search_text``). A query is
folded the same way, so "maariflendirme", "MAARİFLƏNDİRMƏ" and "maarifləndirmə" find the
same rows on PostgreSQL and SQLite alike (``icontains`` and ``unaccent`` do not fold ə or İ).
"""

from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from aztext import fold

M = TypeVar("M", bound=Model)


def folded_terms(query: str) -> list[str]:
    """The folded words of a query."""
    return fold(query or "").split()


def folded_search(queryset: QuerySet[M], query: str, *columns: str) -> QuerySet[M]:
    """Keep rows where every word of ``query`` occurs in at least one of the folded ``columns``."""
    for term in folded_terms(query):
        match = Q()
        for column in columns:
            match |= Q(**{f"{column}__contains": term})
        queryset = queryset.filter(match)
    return queryset
