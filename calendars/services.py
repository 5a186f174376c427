"""Every write of the calendar app: feed links, the feeds' change marks and the stored VEVENT texts."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting

from .models import FeedState, FeedToken, RenderedEvent
from .selectors import hash_secret

MAX_FEED_TOKENS = 20
NAME_MAX_LENGTH = 100
# last_used_at is written at most this often per link: feeds are polled, a write per poll is waste.
LAST_USED_PRECISION = datetime.timedelta(minutes=15)


def _new_secret() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


@transaction.atomic
def feed_token_create(*, user, name: str) -> tuple[FeedToken, str]:
    """A new named feed link; returns it and its secret, which is shown once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Please give the link a name, e.g. “Outlook at the office”."))
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(_("A name has at most 100 characters."))
    # Lock the user's row so that two requests cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if FeedToken.objects.filter(user=user).count() >= MAX_FEED_TOKENS:
        raise ValidationError(
            _("You already have %(count)s calendar links. Please revoke one you no longer use.")
            % {"count": MAX_FEED_TOKENS}
        )
    secret = _new_secret()
    token = FeedToken(user=user, name=name, token_hash=hash_secret(secret))
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def feed_token_revoke(*, user, token_id) -> None:
    """Revoke one of the user's own links: its row goes, so its secret is unknown from now on."""
    deleted, _rows = FeedToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise ValidationError(_("This calendar link does not exist (any more)."))


def feed_token_touch(*, token: FeedToken) -> None:
    """Record that the link was used (at most every few minutes)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        FeedToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def feed_tokens_delete_all(*, user) -> None:
    """Account deletion: every feed link of the person, and their personal feed's state."""
    FeedToken.objects.filter(user=user).delete()
    FeedState.objects.filter(scope=personal_scope(user.pk)).delete()


def personal_scope(user_pk: int) -> str:
    return f"user:{user_pk}"


def public_scope(community_pk: int) -> str:
    return f"community:{community_pk}"


def feed_changed(*, scope: str) -> None:
    """Mark a feed's content as changed: a new validator, and changed_at moved to now (never back).

    A personal feed's validator is made of the marks of its member's communities and of the member
    (joining or leaving), so a 304 needs no look at the meetings; see calendars.feeds.
    """
    now = timezone.now()
    values = {
        "validator": secrets.token_hex(16),
        "changed_at": Greatest("changed_at", Value(now, DateTimeField())),
    }
    if FeedState.objects.filter(scope=scope).update(**values):
        return
    try:
        with transaction.atomic():
            FeedState.objects.create(scope=scope, validator=values["validator"], changed_at=now)
    except IntegrityError:  # another transaction created it a moment ago
        FeedState.objects.filter(scope=scope).update(**values)


def community_feed_changed(*, community_id: int) -> None:
    """A meeting, an agenda or the community itself changed: its public and its members' feeds."""
    feed_changed(scope=public_scope(community_id))


def personal_feed_changed(*, user_id: int) -> None:
    """The member joined or left a community (or their membership changed otherwise)."""
    feed_changed(scope=personal_scope(user_id))


def agenda_changed(*, meeting_id: int) -> None:
    """A meeting's agenda changed: its stored members' entry is stale, and so are the feeds holding it."""
    RenderedEvent.objects.filter(meeting_id=meeting_id, variant=RenderedEvent.Variant.MEMBER).delete()
    community_id = Meeting.objects.filter(pk=meeting_id).values_list("community_id", flat=True).first()
    if community_id is not None:  # a deleted meeting's own deletion marks its feeds
        community_feed_changed(community_id=community_id)


def rendered_events_store(*, variant: str, rendered: list[tuple[int, str, str]]) -> None:
    """Keep freshly rendered VEVENTs: (meeting pk, key, text); one query, safe against a parallel request."""
    if not rendered:
        return
    try:
        with transaction.atomic():
            RenderedEvent.objects.bulk_create(
                [
                    RenderedEvent(meeting_id=pk, variant=variant, key=key, text=text)
                    for pk, key, text in rendered
                ],
                update_conflicts=True,
                unique_fields=["meeting", "variant"],
                update_fields=["key", "text"],
            )
    except IntegrityError:  # a meeting was deleted meanwhile: the next request renders again
        pass
