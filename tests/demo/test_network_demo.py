"""The "Vernetzt Euch!" part of `manage.py demo_data` (network/demo.py)."""

from io import StringIO

import pytest
from django.core.management import call_command

from members import demo_data as data
from network.models import PartnerSearch

pytestmark = pytest.mark.django_db


def test_demo_data_has_two_open_calls_with_interested_colleagues():
    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    calls = [
        (s.title, s.author.email, s.status, sorted(s.interests.values_list("user__email", flat=True)))
        for s in PartnerSearch.objects.order_by("title")
    ]
    assert calls == [
        ("Nachhaltige Beschaffung in Kommunen", data.LENA, "open", [data.TOBIAS]),
        ("Wissensmanagement in Stadtwerken", data.JONAS, "open", sorted([data.DENIZ, data.SOPHIE])),
    ]
