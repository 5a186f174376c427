"""Every write of the calendar app: feed links, feed states and the stored VEVENT texts."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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


def feed_state_observe(*, scope: str, validator: str, content_changed_at) -> datetime.datetime:
    """The feed's Last-Modified for this validator; a new validator moves it forward, never back.

    An edit dates the change by the edited rows; a deletion (or a meeting leaving the feed)
    leaves nothing to date it by, so the time it was first seen is taken.
    """
    now = timezone.now()
    state = FeedState.objects.filter(scope=scope).first()
    if state is not None and state.validator == validator:
        return state.changed_at
    changed = min(content_changed_at, now) if content_changed_at is not None else now
    if state is None:
        try:
            with transaction.atomic():
                FeedState.objects.create(scope=scope, validator=validator, changed_at=changed)
        except IntegrityError:  # another request recorded it a moment ago
            return FeedState.objects.get(scope=scope).changed_at
        return changed
    if changed <= state.changed_at:
        changed = max(now, state.changed_at + datetime.timedelta(seconds=1))
    FeedState.objects.filter(pk=state.pk).update(validator=validator, changed_at=changed)
    return changed


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
