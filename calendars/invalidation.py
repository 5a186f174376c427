"""What marks a feed as changed: every write of a row a feed is made of, whichever path it takes.

The marks (calendars.services.feed_changed) follow the rows' own save and delete signals, so the
services, the admin, a cascade and the shell all invalidate alike; that is what a cache of derived
data needs, and it holds no domain logic. Writes that send no signal (bulk updates of agenda items
in meetings.services) call meetings.services' agenda-changed step instead.
"""

from django.db.models.signals import post_delete, post_save

from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership

from . import services


def _meeting_changed(sender, instance, **kwargs):
    services.community_feed_changed(community_id=instance.community_id)


def _agenda_item_changed(sender, instance, **kwargs):
    services.agenda_changed(meeting_id=instance.meeting_id)


def _community_changed(sender, instance, created=False, **kwargs):
    if not created:  # a new community has no meetings yet
        services.community_feed_changed(community_id=instance.pk)


def _membership_changed(sender, instance, **kwargs):
    services.personal_feed_changed(user_id=instance.user_id)


def connect() -> None:
    for model, receiver in [
        (Meeting, _meeting_changed),
        (AgendaItem, _agenda_item_changed),
        (Membership, _membership_changed),
    ]:
        post_save.connect(receiver, sender=model, dispatch_uid=f"calendars-{model.__name__}-saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"calendars-{model.__name__}-deleted")
    post_save.connect(_community_changed, sender=Community, dispatch_uid="calendars-Community-saved")


def agenda_changed_step(*, meeting) -> None:
    """meetings.services' step for agenda writes that send no signal (reordering, templates)."""
    services.agenda_changed(meeting_id=meeting.pk)
