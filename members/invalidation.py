"""What forgets the counts the cache keeps: a community's member counts
(selectors.community_member_counts) on every save or delete of one of its memberships, and the
number of communities per visibility level (selectors.visible_community_count) on every save or
delete of a community, whichever path writes them (services, admin, cascades).

Like calendars/invalidation.py, the one kind of signal receiver the project has: it holds no
domain rule, it only drops derived data that a write made stale.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import Community, Membership
from .selectors import forget_community_totals, forget_member_counts


def _membership_changed(sender, instance, **kwargs):
    # Now, for the rest of this transaction, and after the commit, for a page that counted the old
    # rows in between.
    forget_member_counts(instance.community_id)
    transaction.on_commit(partial(forget_member_counts, instance.community_id))


def _community_changed(sender, instance, **kwargs):
    forget_community_totals()
    transaction.on_commit(forget_community_totals)


def connect() -> None:
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="members-Membership-saved")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="members-Membership-deleted")
    post_save.connect(_community_changed, sender=Community, dispatch_uid="members-Community-saved")
    post_delete.connect(_community_changed, sender=Community, dispatch_uid="members-Community-deleted")
