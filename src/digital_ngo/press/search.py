"""Full-text search over the archive on folded text: SQLite FTS5 or PostgreSQL trigrams.

Both index ``PressItem.search_text``, the ``aztext.fold`` key of the reviewed
text, so a query typed without diacritics or in any case finds the restored
text. On SQLite a word of the query matches words that start with it (FTS5
prefix queries); on PostgreSQL it matches anywhere in a word, served by a
``pg_trgm`` GIN index. The migration creates whichever the database needs.
"""

import re

from django.db import connection
from django.db.models import QuerySet

from aztext import fold
from digital_ngo.core.search import folded_search
from digital_ngo.press.models import PressItem

WORD = re.compile(r"\w+")
FTS_TABLE = "press_fts"


def query_terms(query: str) -> list[str]:
    """The folded words of a query."""
    return WORD.findall(fold(query))


def index_item(item: PressItem) -> None:
    """Bring the search index up to date with ``item.search_text``."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL's trigram index follows the column by itself
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)", [item.pk, item.search_text]
        )


def search(items: QuerySet[PressItem], query: str) -> QuerySet[PressItem]:
    """Keep the items of ``items`` whose text contains every word of ``query``."""
    terms = query_terms(query)
    if not terms:
        return items
    if connection.vendor == "sqlite":
        match = " AND ".join('"' + term.replace('"', '""') + '"*' for term in terms)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
            ids = [row[0] for row in cursor.fetchall()]
        return items.filter(pk__in=ids)
    return folded_search(items, query, "search_text")
