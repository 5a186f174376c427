"""Searching and filtering the member directory at national scale (issue 9).

Most tests run on both databases: full-text search on PostgreSQL, substring matching on SQLite.
The ones marked `postgres` test what only full-text search does (accents, stemming, ranking, the
index, the trigger that keeps the search document).
"""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection

from members import services
from members.models import Organisation, User
from members.profile_views import MEMBERS_PER_PAGE
from members.search import search_members

from ..factories import OrganisationFactory, UserFactory
from .conftest import names

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis"))

NOBODY = "Niemand passt zu deiner Suche. Versuche es mit weniger oder anderen Suchbegriffen."


@pytest.fixture
def people(db):
    """Three members in two towns; each field holds a word that nothing else holds."""
    kassel = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    werke = OrganisationFactory(name="Städtische Werke AG", slug="werke", parent=kassel)
    goettingen = OrganisationFactory(name="Stadtverwaltung Göttingen", slug="goettingen")
    return {
        "erika": UserFactory(
            first_name="Erika",
            last_name="Mustermann",
            organisation=kassel,
            job_title="Personalentwicklerin",
            department="Organisation",
            expertise="Agiles Arbeiten, E-Learning",
        ),
        "jonas": UserFactory(
            first_name="Jonas",
            last_name="Schäfer",
            organisation=werke,
            job_title="Netzplaner",
            department="Leitungsbau",
            expertise="Wasserversorgung",
        ),
        "paula": UserFactory(
            first_name="Paula",
            last_name="Probst",
            organisation=goettingen,
            job_title="Sachbearbeiterin",
            department="Bürgerservice",
            expertise="Digitale Verwaltung, Onlinezugangsgesetz",
        ),
    }


def search(client, **params):
    response = client.get("/members/", params)
    assert response.status_code == HTTPStatus.OK
    return response


def found(client, **params) -> list[str]:
    return names(search(client, **params).context["members"])


@pytest.mark.django_db
class TestSearchFindsEachField:
    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            ("Erika", ["Erika Mustermann"]),
            ("mustermann", ["Erika Mustermann"]),
            ("Göttingen", ["Paula Probst"]),
            ("Werke", ["Jonas Schäfer"]),
            ("Netzplaner", ["Jonas Schäfer"]),
            ("Leitungsbau", ["Jonas Schäfer"]),
            ("Wasserversorgung", ["Jonas Schäfer"]),
            ("Onlinezugangsgesetz", ["Paula Probst"]),
        ],
        ids=[
            "first name",
            "last name",
            "organisation",
            "utility",
            "job title",
            "department",
            "expertise",
            "more",
        ],
    )
    def test_each_field_is_searched(self, viewer_client, people, q, expected):
        assert found(viewer_client, q=q) == expected

    def test_the_town_finds_members_of_its_utilities(self, viewer_client, people):
        # "Städtische Werke AG" does not name its town; its parent organisation does.
        assert found(viewer_client, q="Kassel") == ["Erika Mustermann", "Jonas Schäfer"]

    def test_every_word_must_match_somewhere(self, viewer_client, people):
        assert found(viewer_client, q="Kassel Netzplaner") == ["Jonas Schäfer"]
        assert found(viewer_client, q="Kassel Onlinezugangsgesetz") == []

    def test_the_last_word_matches_the_start_of_a_word(self, viewer_client, people):
        assert found(viewer_client, q="Verw") == ["Paula Probst"]
        assert found(viewer_client, q="Wasserv") == ["Jonas Schäfer"]

    def test_only_listed_members_are_found(self, viewer_client, people):
        people["jonas"].is_listed = False
        people["jonas"].save()
        assert found(viewer_client, q="Kassel") == ["Erika Mustermann"]


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "q",
        ["&|!:*()'", "!!!", "'", "...", ":*", "( )", "\\", "%", "_", "--", "«»"],
    )
    def test_only_punctuation_finds_nobody_and_says_so(self, viewer_client, people, q):
        response = search(viewer_client, q=q)
        assert names(response.context["members"]) == []
        assert response.context["form"].errors == {}
        assert NOBODY in response.content.decode()

    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            ("Erika & | !", ["Erika Mustermann"]),
            ("Erika:*", ["Erika Mustermann"]),
            ("'Erika' | 'Jonas'", []),
            ("!Erika", ["Erika Mustermann"]),
            ("(Kassel) & Netzplaner", ["Jonas Schäfer"]),
            ("Schäfer's", ["Jonas Schäfer"]),
        ],
    )
    def test_query_syntax_is_read_as_words(self, viewer_client, people, q, expected):
        assert found(viewer_client, q=q) == expected

    @pytest.mark.parametrize(
        "q",
        [
            "😀",
            "ǅ",
            "x\u0301",
            "١٢٣",
            "ﬁ",
            "İ",
            "\u202eErika",
            "a" * 100,
            "e2e-Test 2026",
            "Erika\u00a0Mustermann",
        ],
    )
    def test_odd_letters_give_a_normal_page(self, viewer_client, people, q):
        response = search(viewer_client, q=q)
        expected = ["Erika Mustermann"] if "Erika" in q else []
        assert (names(response.context["members"]), response.context["form"].errors) == (expected, {})

    def test_ten_thousand_characters_are_left_out_and_reported(self, viewer_client, people):
        response = search(viewer_client, q="Kassel" * 1666 + "Erika", organisation="goettingen")
        assert names(response.context["members"]) == ["Paula Probst"]
        assert response.context["form"].errors == {
            "q": [
                "Bitte sicherstellen, dass der Wert aus höchstens 100 Zeichen besteht. "
                "(Er besteht aus 10001 Zeichen.)"
            ]
        }

    def test_many_words_are_bounded(self, viewer_client, people):
        # Twenty words fit into 100 characters; only the first eight are searched for.
        assert found(viewer_client, q="Erika " * 8 + "gibtesnicht " * 4) == ["Erika Mustermann"]

    @pytest.mark.parametrize("field", ["q", "organisation", "expertise"])
    def test_nul_bytes_are_refused_at_the_field(self, viewer_client, people, field):
        response = search(viewer_client, **{field: "Kas\x00sel"})
        assert list(response.context["form"].errors) == [field]
        assert len(response.context["members"]) == 4  # everyone, the viewer included

    @pytest.mark.parametrize(
        ("page", "number"),
        [("abc", 1), ("-1", 1), ("0", 1), ("2", 2), ("3", 3), ("4", 3), ("9" * 30, 3), ("1.5", 1), ("", 1)],
    )
    def test_any_page_number_gives_a_page(self, viewer_client, db, page, number):
        UserFactory.create_batch(2 * MEMBERS_PER_PAGE + 1, last_name="Zimmermann")
        response = search(viewer_client, q="Zimmermann", page=page)
        assert response.context["page"].number == number
        assert len(response.context["members"]) == (MEMBERS_PER_PAGE if number < 3 else 1)


@pytest.mark.django_db
class TestFilters:
    def test_organisation_by_short_name_from_a_link(self, viewer_client, people):
        assert found(viewer_client, organisation="werke") == ["Jonas Schäfer"]

    def test_organisation_by_part_of_its_name(self, viewer_client, people):
        assert found(viewer_client, organisation="verwaltung") == ["Paula Probst"]
        # The viewer's organisation is a "Stadt Musterstadt"; "Städtische" has no "stadt" in it.
        assert found(viewer_client, organisation="stadt") == [
            "Viktor Betrachter",
            "Erika Mustermann",
            "Paula Probst",
        ]

    def test_unknown_organisation_is_reported_and_left_out(self, viewer_client, people):
        response = search(viewer_client, organisation="Atlantis", q="Kassel")
        assert names(response.context["members"]) == ["Erika Mustermann", "Jonas Schäfer"]
        assert response.context["form"].errors == {
            "organisation": ["Keine Organisation heißt „Atlantis“ oder hat es im Namen."]
        }
        assert '<p class="alert alert-warning" role="alert">' in response.content.decode()

    def test_expertise(self, viewer_client, people):
        assert found(viewer_client, expertise="e-learning") == ["Erika Mustermann"]

    def test_filters_and_search_combine(self, viewer_client, people):
        assert found(viewer_client, q="Kassel", organisation="werke") == ["Jonas Schäfer"]
        assert found(viewer_client, q="Kassel", expertise="Agiles") == ["Erika Mustermann"]
        assert found(viewer_client, q="Kassel", organisation="goettingen") == []

    def test_the_form_offers_no_list_of_every_organisation(self, viewer_client, people):
        form = search(viewer_client).content.decode().split('role="search"')[1].split("</form>")[0]
        assert ("<select" in form, "<option" in form) == (False, False)
        assert '<input type="search" name="organisation"' in form


@pytest.mark.django_db
class TestPages:
    @pytest.fixture
    def many(self, db):
        organisation = OrganisationFactory(name="Stadt Zettelstadt", slug="zettelstadt")
        return UserFactory.create_batch(
            2 * MEMBERS_PER_PAGE + 1, last_name="Zimmermann", organisation=organisation, expertise="Akten"
        )

    def test_page_size_is_bounded(self, viewer_client, many):
        response = search(viewer_client, q="Zimmermann")
        assert (len(response.context["members"]), response.context["page"].paginator.count) == (25, 51)
        assert response.content.decode().count('<li class="list-group-item') == 25

    def test_page_links_keep_search_and_filters(self, viewer_client, many):
        content = search(
            viewer_client, q="Zimmermann", organisation="zettel", expertise="Akten"
        ).content.decode()
        assert 'href="?q=Zimmermann&amp;organisation=zettel&amp;expertise=Akten&amp;page=2"' in content
        assert 'href="?q=Zimmermann&amp;organisation=zettel&amp;expertise=Akten&amp;page=3"' in content
        content = search(
            viewer_client, q="Zimmermann", organisation="zettel", expertise="Akten", page="3"
        ).content.decode()
        assert (
            'href="?q=Zimmermann&amp;organisation=zettel&amp;expertise=Akten&amp;page=2" rel="prev"'
            in content
        )


@pytest.mark.django_db
@pytest.mark.parametrize("others", [0, 4])
def test_search_with_every_filter_has_a_constant_query_count(
    viewer_client, others, django_assert_num_queries
):
    organisation = OrganisationFactory(name="Stadt Kassel", slug="kassel")
    UserFactory.create_batch(
        others + 1, last_name="Muster", organisation=organisation, expertise="Agiles Arbeiten"
    )
    # session, user, organisation check, count, page
    with django_assert_num_queries(5):
        response = viewer_client.get(
            "/members/", {"q": "Muster Kassel", "organisation": "kassel", "expertise": "agil", "page": "1"}
        )
    assert len(response.context["members"]) == others + 1


# --- PostgreSQL full-text search ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["Schafer", "schäfer", "SCHAFER", "Schäfers"])
@pytest.mark.postgres
@pytest.mark.skipif(
    not ON_POSTGRESQL, reason="needs PostgreSQL: SQLite's fallback matches letters as typed, without unaccent"
)
def test_accents_and_case_do_not_matter(viewer_client, people, q):
    assert found(viewer_client, q=q) == ["Jonas Schäfer"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Verwaltungen", ["Paula Probst"]),
        ("Stadtverwaltung Gottingen", ["Paula Probst"]),
        ("agile Arbeit", ["Erika Mustermann"]),
    ],
)
@pytest.mark.postgres
@pytest.mark.skipif(
    not ON_POSTGRESQL, reason="needs PostgreSQL: SQLite's fallback does not stem German words"
)
def test_german_words_are_stemmed(viewer_client, people, q, expected):
    assert found(viewer_client, q=q) == expected


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL: SQLite's fallback orders by name only")
def test_results_are_ranked_name_before_work_before_organisation(viewer_client, db):
    town = OrganisationFactory(name="Stadt Fuchsberg", slug="fuchsberg")
    UserFactory(first_name="Anna", last_name="Aal", organisation=town)
    UserFactory(first_name="Bert", last_name="Bach", expertise="Fuchsberg")
    UserFactory(first_name="Carla", last_name="Fuchsberg")
    assert found(viewer_client, q="Fuchsberg") == ["Carla Fuchsberg", "Bert Bach", "Anna Aal"]
    # Without a search, the directory is in name order.
    assert found(viewer_client, expertise="")[:3] == ["Anna Aal", "Bert Bach", "Viktor Betrachter"]


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL: the search document is kept by a trigger")
class TestSearchDocumentStaysCurrent:
    def test_renaming_an_organisation_or_its_town_refreshes_its_members(self, viewer_client, people):
        kassel = Organisation.objects.get(slug="kassel")
        kassel.name = "Stadt Neukassel"
        kassel.save()
        assert found(viewer_client, q="Neukassel") == ["Erika Mustermann", "Jonas Schäfer"]
        assert found(viewer_client, q="Kassel") == []

    def test_moving_a_member_to_another_organisation(self, viewer_client, people):
        people["erika"].organisation = Organisation.objects.get(slug="goettingen")
        people["erika"].save()
        assert found(viewer_client, q="Göttingen") == ["Erika Mustermann", "Paula Probst"]

    def test_rows_created_in_bulk_are_searchable(self, viewer_client, people):
        User.objects.bulk_create(
            [User(email="neu@example.org", first_name="Nora", last_name="Neu", is_listed=True)]
        )
        nora = User.objects.get(email="neu@example.org")
        nora.emailaddress_set.create(email=nora.email, verified=True, primary=True)
        assert found(viewer_client, q="Nora") == ["Nora Neu"]

    def test_deleting_the_account_empties_the_search_document(self, people):
        services.user_delete_account(user=people["jonas"])
        assert User.objects.filter(pk=people["jonas"].pk).values_list("search_vector", flat=True).get() == ""


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(
    not ON_POSTGRESQL, reason="needs PostgreSQL: the GIN and trigram indexes exist there only"
)
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: search_members(User.objects.all(), "Kassel"), "Bitmap Index Scan on member_search_gin"),
        (lambda: search_members(User.objects.all(), "Stadt Verw"), "Bitmap Index Scan on member_search_gin"),
        (
            lambda: User.objects.filter(expertise__icontains="Agiles").order_by(),
            "Bitmap Index Scan on member_expertise_trgm",
        ),
        (
            lambda: Organisation.objects.filter(name__icontains="Kassel").order_by(),
            "Bitmap Index Scan on organisation_name_trgm",
        ),
        (
            lambda: User.objects.filter(is_listed=True).order_by("last_name", "first_name", "pk")[:25],
            "Index Scan using member_directory_order",
        ),
    ],
    ids=["word", "words and prefix", "expertise", "organisation", "name order"],
)
def test_the_directory_conditions_can_use_their_index(people, queryset, index):
    # The directory's own plans at scale are in members/search.py; on a handful of rows every other
    # way is cheaper, so the planner is told to avoid them and may only use the index.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
    assert index in queryset().explain()


@pytest.mark.django_db
class TestBroadSearches:
    """Past MEMBERS_COUNTED_UP_TO matches the directory neither counts nor ranks any further."""

    @pytest.fixture
    def cap_of_three(self, monkeypatch):
        monkeypatch.setattr("members.profile_views.MEMBERS_COUNTED_UP_TO", 3)

    @pytest.fixture
    def four(self, db):
        town = OrganisationFactory(name="Stadt Fuchsberg", slug="fuchsberg")
        UserFactory(first_name="Anna", last_name="Aal", organisation=town)
        UserFactory(first_name="Bert", last_name="Bach", expertise="Fuchsberg")
        UserFactory(first_name="Carla", last_name="Fuchsberg")
        UserFactory(first_name="Dora", last_name="Dachs", organisation=town)

    def test_a_broad_search_shows_the_first_by_name_and_says_there_are_more(
        self, viewer_client, four, cap_of_three
    ):
        response = search(viewer_client, q="Fuchsberg")
        assert names(response.context["members"]) == ["Anna Aal", "Bert Bach", "Dora Dachs"]
        assert (response.context["page"].paginator.count, response.context["page"].paginator.capped) == (
            3,
            True,
        )
        assert (
            "Mehr als 3 Mitglieder passen zu deiner Suche; die ersten 3 stehen nach Namen geordnet da. "
            "Mit weiteren Wörtern oder Filtern grenzt du sie ein."
        ) in " ".join(response.content.decode().split())

    def test_up_to_the_cap_the_search_is_counted_and_ranked(self, viewer_client, four, cap_of_three):
        response = search(viewer_client, q="Fuchsberg", organisation="fuchsberg")
        assert names(response.context["members"]) == ["Anna Aal", "Dora Dachs"]
        assert (response.context["page"].paginator.count, response.context["page"].paginator.capped) == (
            2,
            False,
        )
        assert "2 Mitglieder passen zu deiner Suche." in response.content.decode()

    def test_the_whole_directory_past_the_cap(self, viewer_client, four, cap_of_three):
        response = search(viewer_client)
        assert names(response.context["members"]) == ["Anna Aal", "Bert Bach", "Viktor Betrachter"]
        assert "Mehr als 3 Mitglieder im Verzeichnis" in response.content.decode()
