"""Searching the member directory: PostgreSQL full-text search, substring matching on SQLite.

What a search looks in: first and last name, job title, expertise, department, the name of the
member's organisation and of its town (the parent organisation: "Stadtwerke Kassel" belongs to
"Stadt Kassel"). Every word must match somewhere (AND); the last word also matches as the start
of a word ("Verw" finds "Verwaltung"), because that is the word still being typed.

Decision, PostgreSQL: a stored `tsvector` column (`User.search_vector`) kept by a database
trigger, with a GIN index, rather than an expression index. The document spans two tables (the
member and their organisation and town), which an expression index or a generated column cannot
reach; the trigger also covers rows written without `save()` (bulk creation, admin bulk edits),
and renaming an organisation refreshes its members (migration 0004). The text search
configuration `german_unaccent` stems German words after removing accents, so "Muller" finds
"Müller"; its twin `simple_unaccent` keeps whole words for the prefix match, which stemming would
otherwise break ("verwaltu" is no prefix of the stem "verwalt"). Results are ranked by
`SearchRank` (name above job title and expertise above organisation, town and department), then
by name. A search that matches more than the directory counts (profile_views.
MEMBERS_COUNTED_UP_TO) is shown in name order instead: ranking would visit every match.

Plans with `demo_data --scale 1000` (16,000 members, 10,000 organisations), EXPLAIN ANALYZE:
a rare word ("Kassel") is a Bitmap Index Scan on `member_search_gin`; a word in every
organisation's name ("Stadt") counts up to 1,001 rows and then walks `member_directory_order`
for its page; the expertise and organisation filters use their trigram indexes; the plain
directory walks `member_directory_order` and stops after 25 rows. Known limit: full-text search
finds whole words and word starts, not a part inside a German compound ("entwicklerin" does not
find "Personalentwicklerin"; "Personalentw" does).

On SQLite (the embedded default for a first run) the same words are matched as case-insensitive
substrings of the same fields, without ranking or accent folding.

User input never reaches the database as query syntax: only runs of letters and digits are kept
as words (so `& | ! : * ( ) '` and NUL bytes are dropped), and their number and length are
bounded.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Q

MAX_WORDS = 8
MAX_WORD_LENGTH = 50
FULL_TEXT_CONFIG = "german_unaccent"
PREFIX_CONFIG = "simple_unaccent"

_WORD = re.compile(r"[^\W_]+")

SUBSTRING_FIELDS = (
    "first_name",
    "last_name",
    "job_title",
    "department",
    "expertise",
    "organisation__name",
    "organisation__parent__name",
)


def search_words(text: str) -> list[str]:
    """The words of a search: letters and digits only, at most MAX_WORDS of MAX_WORD_LENGTH."""
    return [word[:MAX_WORD_LENGTH] for word in _WORD.findall(text)[:MAX_WORDS]]


def uses_full_text(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _full_text_query(words: list[str]) -> SearchQuery:
    # Each word holds letters and digits only, so quoting it makes a single tsquery operand.
    query = None
    for position, word in enumerate(words):
        term = SearchQuery(f"'{word}'", config=FULL_TEXT_CONFIG, search_type="raw")
        if position == len(words) - 1:
            term |= SearchQuery(f"'{word}':*", config=PREFIX_CONFIG, search_type="raw")
        query = term if query is None else query & term
    return query


def search_members(queryset, text: str):
    """Members of `queryset` matching every word of `text`, best matches first on PostgreSQL.

    A search without a single usable word (only punctuation) matches nobody.
    """
    words = search_words(text)
    if not words:
        return queryset.none()
    if uses_full_text(queryset):
        query = _full_text_query(words)
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "last_name", "first_name", "pk")
        )
    for word in words:
        condition = Q()
        for field in SUBSTRING_FIELDS:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset.order_by("last_name", "first_name", "pk")
