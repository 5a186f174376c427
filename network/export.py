"""The network app's part of the self-service data export (registered in apps.py)."""

from .models import Interest, PartnerSearch


def partner_searches(user):
    return [
        {
            "title": s.title,
            "description": s.description,
            "organisation": s.organisation,
            "status": s.status,
            "created_at": s.created_at,
        }
        for s in PartnerSearch.objects.filter(author=user).order_by("pk")
    ]


def partner_interests(user):
    interests = Interest.objects.filter(user=user).select_related("search").order_by("pk")
    return [{"partner_search": i.search.title, "registered_at": i.created_at} for i in interests]
