"""Full-text indexes for the database in use.

PostgreSQL: a stored generated tsvector (`indonesian` configuration: the
Snowball stemmer, so "membangun" finds "pembangunan"), weighted title (A) >
desa names, tags, category and summary (B) > body (C), with a GIN index; and
pg_trgm on `fuzzy_text` for typo tolerance. pg_trgm ships with PostgreSQL
(contrib); creating it needs a role allowed to create extensions.

SQLite: an FTS5 table over the records (diacritics removed), kept in sync by
triggers.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    ALTER TABLE aggregator_searchrecord ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('indonesian'::regconfig,
               coalesce(desa_name, '') || ' ' || coalesce(desa_aliases, '') || ' '
               || coalesce(tags_text, '') || ' ' || coalesce(category_name, '')), 'B')
        || setweight(to_tsvector('indonesian'::regconfig, coalesce(summary, '')), 'B')
        || setweight(to_tsvector('indonesian'::regconfig, coalesce(body, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX aggregator_record_vector ON aggregator_searchrecord "
    "USING GIN (search_vector)",
    "CREATE INDEX aggregator_record_fuzzy ON aggregator_searchrecord "
    "USING GIN (fuzzy_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS aggregator_record_fuzzy",
    "DROP INDEX IF EXISTS aggregator_record_vector",
    "ALTER TABLE aggregator_searchrecord DROP COLUMN IF EXISTS search_vector",
]

FTS_COLUMNS = "title, summary, body, fuzzy_text"
SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE aggregator_fts USING fts5({FTS_COLUMNS},
        content='aggregator_searchrecord', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER aggregator_fts_ai AFTER INSERT ON aggregator_searchrecord
    BEGIN
        INSERT INTO aggregator_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.summary, new.body, new.fuzzy_text);
    END""",
    f"""CREATE TRIGGER aggregator_fts_ad AFTER DELETE ON aggregator_searchrecord
    BEGIN
        INSERT INTO aggregator_fts(aggregator_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.fuzzy_text);
    END""",
    f"""CREATE TRIGGER aggregator_fts_au AFTER UPDATE ON aggregator_searchrecord
    BEGIN
        INSERT INTO aggregator_fts(aggregator_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.fuzzy_text);
        INSERT INTO aggregator_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.summary, new.body, new.fuzzy_text);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS aggregator_fts_au",
    "DROP TRIGGER IF EXISTS aggregator_fts_ad",
    "DROP TRIGGER IF EXISTS aggregator_fts_ai",
    "DROP TABLE IF EXISTS aggregator_fts",
]
STATEMENTS = {
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def run(direction: int):
    def apply(apps, schema_editor):
        statements = STATEMENTS.get(schema_editor.connection.vendor)
        if statements is None:
            return  # other databases: search with Elasticsearch
        for sql in statements[direction]:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("aggregator", "0001_initial")]

    operations = [migrations.RunPython(run(0), run(1))]
