"""Reads of "Vernetzt Euch!" that pages share; each runs a fixed number of queries."""

from members.models import User

from .models import PartnerSearch


def searches_for_list(user, *, status):
    return PartnerSearch.objects.filter(status=status).for_list(user)


def interested_people(search):
    """Who is interested, first come first; for the author's eyes only (network.see_interested)."""
    return (
        User.objects.filter(partner_interests__search=search)
        .select_related("organisation")
        .order_by("partner_interests__created_at", "pk")
    )
