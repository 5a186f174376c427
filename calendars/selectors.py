"""Reads of the calendar app: feed links, which meetings a feed holds, and a feed's change marks."""

import datetime
import hashlib
import hmac

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AnonymousUser
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from meetings.models import Meeting
from members.models import Community, Membership

from . import ical
from .models import FeedState, FeedToken

# The personal and public feeds hold meetings from six months back to two years ahead.
WINDOW_BACK = relativedelta(months=6)
WINDOW_AHEAD = relativedelta(years=2)
_NO_HASH = "0" * 64


def hash_secret(secret: str) -> str:
    """SHA-256 of a feed secret; any string (garbage, another format) hashes the same way."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def feed_token_by_secret(secret: str) -> FeedToken | None:
    """The feed link of this secret, or None; unknown, revoked and malformed secrets take one path.

    The look-up is by hash (a revoked link's row is gone), the final comparison in constant time,
    and an inactive account's links answer like unknown ones. The token comes without its user
    row (feeds are polled often): token.user_id is what the feed needs.
    """
    wanted = hash_secret(secret)
    row = (
        FeedToken.objects.filter(token_hash=wanted)
        .values_list("pk", "token_hash", "user_id", "last_used_at", "user__is_active")
        .first()
    )
    stored = row[1] if row is not None else _NO_HASH
    if not hmac.compare_digest(stored, wanted) or row is None or not row[4]:
        return None
    pk, token_hash, user_id, last_used_at, _active = row
    return FeedToken(pk=pk, token_hash=token_hash, user_id=user_id, last_used_at=last_used_at)


def feed_tokens_of(user) -> list[FeedToken]:
    return list(FeedToken.objects.filter(user=user).order_by("created_at", "pk"))


def feed_tokens_export(user) -> list[dict]:
    """The export section: names and dates of the person's feed links, never the secret or its hash."""
    return [
        {"name": token.name, "created_at": token.created_at, "last_used_at": token.last_used_at}
        for token in feed_tokens_of(user)
    ]


def feed_window(now: datetime.datetime | None = None) -> tuple[datetime.datetime, datetime.datetime]:
    """[six months ago, two years ahead), from midnight in Europe/Berlin: the same all day long."""
    today = timezone.localdate(now or timezone.now(), ical.BERLIN)
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=ical.BERLIN)
    return midnight - WINDOW_BACK, midnight + WINDOW_AHEAD


def _in_window(queryset, window):
    start, end = window
    return queryset.filter(starts_at__gte=start, starts_at__lt=end)


def personal_feed_communities(user_id: int) -> list[tuple[int, str]]:
    """(id, name) of the communities the user is an active member of: what the personal feed is made of."""
    return list(
        Membership.objects.active()
        .filter(user_id=user_id)
        .order_by("community_id")
        .values_list("community_id", "community__name")
    )


def personal_feed_meetings(communities: list[tuple[int, str]], window):
    """Every meeting (cancelled ones included) of those communities: Meeting.objects.for_user's set,
    from the memberships read once for the feed (a parity test holds the two together)."""
    return _in_window(Meeting.objects.filter(community_id__in=[pk for pk, _name in communities]), window)


def public_feed_meetings(community: Community, window):
    """The community's meetings as a signed-out visitor may see them."""
    return _in_window(Meeting.objects.filter(community=community).visible_to(AnonymousUser()), window)


def feed_marks(scope: str, *, user_id: int | None = None) -> list[tuple[str, str, datetime.datetime]]:
    """(scope, validator, changed_at) of the feed's change marks, in one small query.

    A public feed has its community's mark; a personal feed (user_id) has the member's own mark
    (joined, left) and the marks of the communities they are an active member of.
    """
    wanted = Q(scope=scope)
    if user_id is not None:
        communities = (
            Membership.objects.active()
            .filter(user_id=user_id)
            .annotate(scope=Concat(Value("community:"), Cast("community_id", CharField())))
            .values("scope")
        )
        wanted |= Q(scope__in=communities)
    return list(
        FeedState.objects.filter(wanted).order_by("scope").values_list("scope", "validator", "changed_at")
    )
