""" "Vernetzt Euch!" demo data: two open calls for partners with interested colleagues.

Run by `manage.py demo_data` (see cop/demo.py for the conventions); the table lives in
network/demo_data.py. Idempotent: a call is found by its title and author and left alone.
"""

from cop.demo import DemoContext, ensure
from members.models import User

from .demo_data import SEARCHES
from .models import Interest, PartnerSearch


def demo_partner_searches(ctx: DemoContext) -> None:
    emails = {spec.author for spec in SEARCHES} | {email for spec in SEARCHES for email in spec.interested}
    people = {
        user.email: user for user in User.objects.filter(email__in=emails).select_related("organisation")
    }
    for spec in SEARCHES:
        author = people.get(spec.author)
        if author is None:
            continue
        search, created = ensure(
            PartnerSearch,
            {"title": spec.title, "author": author},
            description=spec.description,
            organisation=author.organisation.name if author.organisation else "",
            created_at=ctx.days_ago(spec.days_ago),
        )
        if not created:
            continue
        for days, email in enumerate(spec.interested):
            if email in people:
                ensure(
                    Interest,
                    {"search": search, "user": people[email]},
                    created_at=ctx.days_ago(spec.days_ago - days - 1),
                )


SECTIONS = [demo_partner_searches]
