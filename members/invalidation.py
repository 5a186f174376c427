"""What forgets the counts the cache keeps: a community's member counts
(selectors.community_member_counts) on every save or delete of one of its memberships, the
number of communities per visibility level (selectors.visible_community_count) on every save or
delete of a community, and the number of organisations (selectors.organisation_count) on every save
or delete of an organisation, whichever path writes them (services, admin, cascades).

Like calendars/invalidation.py, the one kind of signal receiver the project has: it holds no
domain rule, it only drops derived data that a write made stale.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import Community, Membership, Organisation
from .selectors import forget_community_totals, forget_member_counts, forget_organisation_count


def _membership_changed(sender, instance, **kwargs):
    # Now, for the rest of this transaction, and after the commit, for a page that counted the old
    # rows in between.
    forget_member_counts(instance.community_id)
    transaction.on_commit(partial(forget_member_counts, instance.community_id))


def _community_changed(sender, instance, **kwargs):
    forget_community_totals()
    transaction.on_commit(forget_community_totals)


def _organisation_changed(sender, instance, **kwargs):
    forget_organisation_count()
    transaction.on_commit(forget_organisation_count)


def connect() -> None:
    for model, receiver in [
        (Membership, _membership_changed),
        (Community, _community_changed),
        (Organisation, _organisation_changed),
    ]:
        post_save.connect(receiver, sender=model, dispatch_uid=f"members-{model.__name__}-saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"members-{model.__name__}-deleted")
