"""The member directory at /members/: who is listed, search, pagination and query counts."""

from http import HTTPStatus

import pytest

from members.models import Organisation

from ..factories import OrganisationFactory, UserFactory
from .conftest import names


@pytest.fixture
def moritz(db):
    organisation = OrganisationFactory(name="Stadt Heidelberg", slug="heidelberg")
    return UserFactory(
        first_name="Moritz",
        last_name="Beispiel",
        email="moritz@heidelberg.de",
        organisation=organisation,
        job_title="Referent",
        department="Stadtplanung",
        expertise="Konfliktmanagement, Mobiles Arbeiten",
    )


def listed_names(client, **params):
    response = client.get("/members/", params)
    assert response.status_code == HTTPStatus.OK
    return names(response.context["members"])


ANONYMOUS_PATHS = [
    "/members/",
    "/members/1/",
    "/organisations/",
    "/organisations/kassel/",
    "/me/",
    "/me/export/",
    "/me/delete/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ANONYMOUS_PATHS)
def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, path):
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        f"/accounts/login/?next={path}",
    )


@pytest.mark.django_db
class TestWhoIsListed:
    def test_lists_listed_active_members_by_last_name(self, viewer_client, erika, moritz):
        assert listed_names(viewer_client) == ["Moritz Beispiel", "Viktor Betrachter", "Erika Mustermann"]

    def test_unlisted_and_inactive_members_are_not_in_the_directory(self, viewer_client, erika, moritz):
        erika.is_listed = False
        erika.save()
        moritz.is_active = False
        moritz.save()
        assert listed_names(viewer_client) == ["Viktor Betrachter"]

    def test_shows_organisation_job_title_and_expertise_badges_linking_to_the_filter(
        self, viewer_client, erika
    ):
        content = viewer_client.get("/members/").content.decode()
        assert '<a href="/organisations/kassel/">Stadt Kassel</a>' in content
        assert "Personalentwicklerin" in content
        assert 'href="/members/?expertise=Agiles%20Arbeiten"' in content
        assert 'href="/members/?expertise=E-Learning"' in content


@pytest.mark.django_db
class TestSearch:
    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            ("erika", ["Erika Mustermann"]),
            ("Mustermann Erika", ["Erika Mustermann"]),
            ("BEISPIEL", ["Moritz Beispiel"]),
            ("personalentwicklerin", ["Erika Mustermann"]),
            ("stadtplanung", ["Moritz Beispiel"]),
            ("e-learning", ["Erika Mustermann"]),
            ("arbeiten", ["Moritz Beispiel", "Erika Mustermann"]),
            ("niemand", []),
        ],
        ids=["first name", "full name", "last name", "job title", "department", "expertise", "both", "none"],
    )
    def test_free_text_searches_name_job_title_department_and_expertise(
        self, viewer_client, erika, moritz, q, expected
    ):
        assert listed_names(viewer_client, q=q) == expected

    def test_filters_by_organisation(self, viewer_client, erika, moritz):
        assert listed_names(viewer_client, organisation="heidelberg") == ["Moritz Beispiel"]

    def test_filters_by_expertise_keyword(self, viewer_client, erika, moritz):
        assert listed_names(viewer_client, expertise="Mobiles Arbeiten") == ["Moritz Beispiel"]

    def test_combines_the_fields(self, viewer_client, erika, moritz):
        assert listed_names(viewer_client, q="arbeiten", organisation="kassel") == ["Erika Mustermann"]
        assert listed_names(viewer_client, q="arbeiten", expertise="Konflikt") == ["Moritz Beispiel"]

    def test_search_never_finds_unlisted_members(self, viewer_client, erika):
        erika.is_listed = False
        erika.save()
        assert listed_names(viewer_client, q="erika") == []

    def test_overlong_search_is_left_out_and_reported_at_the_field(self, viewer_client, erika, moritz):
        response = viewer_client.get("/members/", {"q": "x" * 101, "organisation": "kassel"})
        assert response.status_code == HTTPStatus.OK
        assert names(response.context["members"]) == ["Erika Mustermann"]
        assert response.context["form"].errors == {
            "q": [
                "Bitte sicherstellen, dass der Wert aus höchstens 100 Zeichen besteht. "
                "(Er besteht aus 101 Zeichen.)"
            ]
        }

    def test_unknown_organisation_is_left_out_and_reported(self, viewer_client, erika, moritz):
        response = viewer_client.get("/members/", {"organisation": "gibt-es-nicht", "q": "erika"})
        assert response.status_code == HTTPStatus.OK
        assert names(response.context["members"]) == ["Erika Mustermann"]
        assert list(response.context["form"].errors) == ["organisation"]

    def test_result_count_is_announced(self, viewer_client, erika, moritz):
        response = viewer_client.get("/members/", {"q": "arbeiten"})
        assert response.context["page"].paginator.count == 2
        content = response.content.decode()
        assert '<p id="result-count" role="status"' in content
        assert "2 Mitglieder passen zu deiner Suche." in content


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def many(self, viewer):
        # With the viewer, 26 members: one more than fits on a page.
        return UserFactory.create_batch(25, last_name="Zimmermann")

    def test_twenty_five_per_page(self, viewer_client, many):
        first = viewer_client.get("/members/")
        second = viewer_client.get("/members/", {"page": "2"})
        assert (len(first.context["members"]), len(second.context["members"])) == (25, 1)
        assert (first.context["page"].paginator.num_pages, second.context["page"].number) == (2, 2)

    def test_page_links_keep_the_search(self, viewer_client, many):
        content = viewer_client.get("/members/", {"q": "zimmermann"}).content.decode()
        # 25 Zimmermanns fit on one page; searching everyone gives two pages with the query kept.
        assert "page=2" not in content
        content = viewer_client.get("/members/", {"expertise": ""}).content.decode()
        assert 'href="?expertise=&amp;page=2"' in content

    def test_page_that_is_not_a_number_shows_the_first_page(self, viewer_client, many):
        response = viewer_client.get("/members/", {"page": "abc"})
        assert (response.status_code, response.context["page"].number) == (HTTPStatus.OK, 1)
        assert (
            response.context["page_notice"] == "„abc“ ist keine Seitenzahl; die erste Seite wird angezeigt."
        )

    def test_page_beyond_the_end_shows_the_last_page(self, viewer_client, many):
        response = viewer_client.get("/members/", {"page": "999"})
        assert (response.status_code, response.context["page"].number) == (HTTPStatus.OK, 2)
        assert response.context["page_notice"] == "Es gibt keine Seite 999; die letzte Seite wird angezeigt."

    def test_page_zero_or_negative_shows_the_first_page_quietly(self, viewer_client, many):
        response = viewer_client.get("/members/", {"page": "-3"})
        assert (response.context["page"].number, response.context["page_notice"]) == (1, "")


@pytest.mark.django_db
@pytest.mark.parametrize("others", [0, 4])
def test_directory_queries_do_not_grow_with_the_members(viewer_client, others, django_assert_num_queries):
    # Every factory member has an organisation of their own, so an N+1 would show.
    UserFactory.create_batch(others, expertise="Agiles Arbeiten, E-Learning")
    with django_assert_num_queries(4):
        response = viewer_client.get("/members/")
    assert len(response.context["members"]) == others + 1


@pytest.mark.django_db
@pytest.mark.parametrize("others", [0, 4])
def test_directory_search_queries_do_not_grow_with_the_members(
    viewer_client, others, django_assert_num_queries
):
    organisation = Organisation.objects.get(members__email="viktor@musterstadt.de")
    UserFactory.create_batch(others, organisation=organisation, job_title="Referentin")
    with django_assert_num_queries(5):
        response = viewer_client.get("/members/", {"q": "Musterstadt", "organisation": organisation.slug})
    assert len(response.context["members"]) == others + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "a\x00b", "expertise": "\x00", "organisation": "\x00", "page": "\x00"},
        {"q": "%_\\'\"", "expertise": "%", "page": "99999999999999999999999"},
    ],
    ids=["nul characters", "wildcards and huge page"],
)
def test_odd_input_never_breaks_the_directory(viewer_client, erika, params):
    response = viewer_client.get("/members/", params)
    assert response.status_code == HTTPStatus.OK
    assert names(response.context["members"]) == (
        ["Viktor Betrachter", "Erika Mustermann"] if "\x00" in params["q"] else []
    )


@pytest.mark.django_db
def test_huge_member_id_is_404(viewer_client):
    assert viewer_client.get("/members/99999999999999999999999/").status_code == HTTPStatus.NOT_FOUND
