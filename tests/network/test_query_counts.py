"""The list and a call's page cost a constant number of queries, however many calls and interested."""

from http import HTTPStatus

import pytest

from tests.factories import UserFactory

from .factories import InterestFactory, PartnerSearchFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_costs_four_queries(client, count, django_assert_num_queries):
    viewer = UserFactory()
    for _ in range(count):
        search = PartnerSearchFactory()
        InterestFactory(search=search)
        InterestFactory(search=search, user=viewer)
    client.force_login(viewer)
    # session, user, page count, page of calls with counts and the viewer's interest
    with django_assert_num_queries(4):
        response = client.get("/network/")
    assert (response.status_code, len(response.context["searches"])) == (HTTPStatus.OK, count)


@pytest.mark.parametrize("count", [1, 8])
def test_the_authors_page_costs_seven_queries(client, count, django_assert_num_queries):
    search = PartnerSearchFactory()
    for _ in range(count):
        InterestFactory(search=search)
    client.force_login(search.author)
    # session, user, the call, interest count, my interest, page count of the interested, their page
    with django_assert_num_queries(7):
        response = client.get(search.get_absolute_url())
    assert (response.status_code, len(response.context["interested_page"].object_list)) == (
        HTTPStatus.OK,
        count,
    )


@pytest.mark.parametrize("count", [1, 8])
def test_a_strangers_page_costs_five_queries(client, count, django_assert_num_queries):
    search = PartnerSearchFactory()
    for _ in range(count):
        InterestFactory(search=search)
    client.force_login(UserFactory())
    # session, user, the call, interest count, my interest
    with django_assert_num_queries(5):
        response = client.get(search.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
