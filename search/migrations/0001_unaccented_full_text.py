"""PostgreSQL full text that ignores accents, as SQLite's FTS5 tokenizer does.

The text search configuration ``observatory`` is PostgreSQL's ``english`` with every
word passed through the ``unaccent`` dictionary before it is stemmed: "Montreal"
finds "Montréal" and "equipe" finds "équipe" in the index itself, so the search
needs no second query for accents (``core.full_text``). The search backend indexes
and searches with it (``SEARCH_CONFIG``, settings). Nothing happens on SQLite.
"""

from django.core.management import call_command
from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'observatory') THEN
        CREATE TEXT SEARCH CONFIGURATION observatory (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION observatory
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS observatory;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    # An index built with the old configuration kept the accents: build it again.
    if apps.get_model("wagtailsearch", "IndexEntry").objects.exists():
        call_command("update_index", verbosity=0)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop)]
