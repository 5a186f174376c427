"""Full-text search for the member directory and an index for its default order.

On PostgreSQL the search document lives in `User.search_vector`, filled by a trigger: the
document spans the member's own fields *and* the names of their organisation and its town (the
parent organisation), which no expression index or generated column can reach across tables.
The trigger also catches rows that never pass through `save()` (bulk creation, the admin's
bulk edits, raw updates), and renaming an organisation refreshes its members. The GIN index and
the trigram indexes for the expertise and organisation filters are PostgreSQL-only, so they are created here rather
than in the model's `Meta.indexes`. On SQLite every PostgreSQL step does nothing and the
directory falls back to substring matching (members/search.py).
"""

import django.contrib.postgres.search
from django.db import migrations, models

POSTGRESQL_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # German stemming after unaccent ("Müller" and "Muller" meet); the simple twin keeps whole
    # words, so a prefix ("Verwaltu") still matches after stemming cut "Verwaltung" to "verwalt".
    "CREATE TEXT SEARCH CONFIGURATION german_unaccent (COPY = german)",
    "ALTER TEXT SEARCH CONFIGURATION german_unaccent ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, german_stem",
    "CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION simple_unaccent ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, simple",
    """
    CREATE FUNCTION members_user_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        names text := concat_ws(' ', NEW.first_name, NEW.last_name);
        work text := concat_ws(' ', NEW.job_title, NEW.expertise);
        place text := NEW.department;
    BEGIN
        IF NEW.organisation_id IS NOT NULL THEN
            SELECT concat_ws(' ', organisation.name, town.name, NEW.department) INTO place
            FROM members_organisation organisation
            LEFT JOIN members_organisation town ON town.id = organisation.parent_id
            WHERE organisation.id = NEW.organisation_id;
        END IF;
        NEW.search_vector :=
            setweight(to_tsvector('german_unaccent', names) || to_tsvector('simple_unaccent', names), 'A')
            || setweight(to_tsvector('german_unaccent', work) || to_tsvector('simple_unaccent', work), 'B')
            || setweight(
                to_tsvector('german_unaccent', coalesce(place, ''))
                || to_tsvector('simple_unaccent', coalesce(place, '')),
                'C'
            );
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER members_user_search_vector
    BEFORE INSERT OR UPDATE OF first_name, last_name, job_title, department, expertise, organisation_id,
        search_vector
    ON members_user FOR EACH ROW EXECUTE FUNCTION members_user_search_vector()
    """,
    """
    CREATE FUNCTION members_organisation_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE members_user SET search_vector = NULL
        WHERE organisation_id = NEW.id
            OR organisation_id IN (SELECT id FROM members_organisation WHERE parent_id = NEW.id);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER members_organisation_search_refresh
    AFTER UPDATE OF name, parent_id ON members_organisation FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
    EXECUTE FUNCTION members_organisation_search_refresh()
    """,
    "UPDATE members_user SET search_vector = NULL",
    "CREATE INDEX member_search_gin ON members_user USING gin (search_vector)",
    # Django's icontains on PostgreSQL is UPPER(column::text) LIKE UPPER(%s): the same expression.
    "CREATE INDEX member_expertise_trgm ON members_user USING gin ((UPPER(expertise::text)) gin_trgm_ops)",
    # The organisation filter matches part of a name; the index also gives the planner statistics
    # on UPPER(name), without which it takes "Stadt" for a rare word and loops over every match.
    "CREATE INDEX organisation_name_trgm ON members_organisation USING gin ((UPPER(name::text)) gin_trgm_ops)",
]

POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS organisation_name_trgm",
    "DROP INDEX IF EXISTS member_expertise_trgm",
    "DROP INDEX IF EXISTS member_search_gin",
    "DROP TRIGGER IF EXISTS members_organisation_search_refresh ON members_organisation",
    "DROP FUNCTION IF EXISTS members_organisation_search_refresh()",
    "DROP TRIGGER IF EXISTS members_user_search_vector ON members_user",
    "DROP FUNCTION IF EXISTS members_user_search_vector()",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS german_unaccent",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_community_origin_topic"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="user",
            index=models.Index(
                condition=models.Q(("is_listed", True)),
                fields=["last_name", "first_name", "id"],
                name="member_directory_order",
            ),
        ),
        migrations.RunPython(_on_postgresql(POSTGRESQL_FORWARDS), _on_postgresql(POSTGRESQL_BACKWARDS)),
    ]
