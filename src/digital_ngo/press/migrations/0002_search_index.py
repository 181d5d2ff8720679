"""The archive's search index: an FTS5 table on SQLite, a pg_trgm GIN index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS press_fts USING fts5(body)")
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS press_search_trgm ON press_pressitem "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS press_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS press_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("press", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
