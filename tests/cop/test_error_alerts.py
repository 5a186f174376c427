"""Every error a page shows is an alert (role="alert"); other notes are a status. One message partial."""

from http import HTTPStatus

import pytest
from django import forms
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse

from members.models import Community
from tests.accounts.html import parse
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from topics import services as topic_services


def alerts(content) -> list[str]:
    return [node.text for node in parse(content).find_all(role="alert")]


def statuses(content) -> list[str]:
    return [node.text for node in parse(content).find_all(role="status")]


def test_the_message_partial_makes_errors_alerts_and_other_levels_a_status():
    messages = [
        Message(constants.ERROR, "Das hat nicht geklappt."),
        Message(constants.SUCCESS, "Gespeichert."),
        Message(constants.WARNING, "Achtung."),
        Message(constants.INFO, "Zur Info."),
    ]

    html = render_to_string(
        "cop/_messages.html",
        {"messages": messages, "DEFAULT_MESSAGE_LEVELS": constants.DEFAULT_LEVELS},
    )

    tree = parse(html)
    assert [
        (node.attrs.get("role"), node.attrs["class"], node.text) for node in tree.find("div").children
    ] == [
        ("alert", "alert alert-danger", "Das hat nicht geklappt."),
        ("status", "alert alert-success", "Gespeichert."),
        ("status", "alert alert-warning", "Achtung."),
        ("status", "alert alert-info", "Zur Info."),
    ]


class _DateRangeForm(forms.Form):
    start = forms.IntegerField(label="Beginn")
    end = forms.IntegerField(label="Ende")

    def clean(self):
        data = super().clean()
        if data.get("start") is not None and data.get("end") is not None and data["end"] < data["start"]:
            raise forms.ValidationError("Das Ende liegt vor dem Beginn.")
        return data


def test_crispy_forms_show_form_and_field_errors_as_alerts():
    template = engines["django"].from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
    before_start = _DateRangeForm({"start": "5", "end": "3"})
    not_a_number = _DateRangeForm({"start": "fünf", "end": "3"})

    assert alerts(template.render({"form": before_start})) == ["Das Ende liegt vor dem Beginn."]
    assert alerts(template.render({"form": not_a_number})) == ["Bitte eine ganze Zahl eingeben."]


@pytest.fixture
def member_client(client, db):
    community = CommunityFactory(
        name="Personalentwicklung", slug="personalentwicklung", visibility=Community.Visibility.PUBLIC
    )
    member = UserFactory()
    MembershipFactory(community=community, user=member)
    client.force_login(member)
    client.community = community
    client.member = member
    return client


def test_a_form_error_on_a_page_is_an_alert_at_the_field(member_client):
    url = reverse("topic_create", kwargs={"slug": member_client.community.slug})

    response = member_client.post(url, {"title": "", "description": "Worum es geht"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert alerts(response.content) == ["Dieses Feld ist zwingend erforderlich."]
    [field_error] = parse(response.content).find_all(role="alert")
    assert field_error.attrs["id"] == "id_title_error"


def test_an_error_message_on_a_page_is_an_alert_and_a_success_a_status(member_client):
    topic = topic_services.topic_propose(
        community=member_client.community, user=member_client.member, title="Mentoring"
    )
    url = reverse("topic_vote", kwargs={"pk": topic.pk})

    refused = member_client.post(url, {"action": "nonsense"}, follow=True)
    counted = member_client.post(url, {"action": "cast"}, follow=True)

    assert alerts(refused.content) == ["Bitte wähle, ob du einen Punkt geben oder zurücknehmen möchtest."]
    assert (alerts(counted.content), statuses(counted.content)[:1]) == (
        [],
        ["Dein Punkt für „Mentoring“ zählt."],
    )
