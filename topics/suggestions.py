"""Writes and reads of spin-off suggestions ("Ableger vorschlagen"): a member suggests, the
coordinators found the spin-off through topic_spin_off (which marks the suggestions founded) or
decline with a reason. Keyword-only, atomic, ValidationError with a message for the user."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User

from . import rules as topic_rules
from .models import SpinOffSuggestion, SpinOffSuggestionStatus, Topic

SUGGESTIONS_SHOWN = 20


@transaction.atomic
def suggestion_create(*, topic: Topic, user: User, note: str = "") -> SpinOffSuggestion:
    """An active member suggests a spin-off from a topic that can still become one."""
    topic = Topic.objects.select_for_update().select_related("community").get(pk=topic.pk)
    if not topic_rules.is_topic_member(user, topic):
        raise ValidationError(_("Only active members of the community can suggest a spin-off."))
    if not topic_rules.topic_can_spin_off(user, topic):
        raise ValidationError(_("This topic can no longer become a spin-off."))
    if SpinOffSuggestion.objects.filter(
        topic=topic, suggested_by=user, status=SpinOffSuggestionStatus.OPEN
    ).exists():
        raise ValidationError(_("You have already suggested a spin-off from this topic."))
    suggestion = SpinOffSuggestion(topic=topic, suggested_by=user, note=(note or "").strip())
    suggestion.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already suggested a spin-off from this topic.")) from error
    return suggestion


@transaction.atomic
def suggestion_decline(*, suggestion: SpinOffSuggestion, user: User, reason: str) -> SpinOffSuggestion:
    """A coordinator declines an open suggestion; the reason is shown with it on the topic page."""
    suggestion = (
        SpinOffSuggestion.objects.select_for_update().select_related("topic__community").get(pk=suggestion.pk)
    )
    if not topic_rules.can_manage_topics(user, suggestion.topic):
        raise ValidationError(_("Only coordinators of the community can decline a suggestion."))
    if not suggestion.is_open:
        raise ValidationError(_("This suggestion has already been decided."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason: the member who suggested it will read it."))
    suggestion.status = SpinOffSuggestionStatus.DECLINED
    suggestion.decline_reason = reason
    suggestion.decided_at = timezone.now()
    suggestion.full_clean()
    suggestion.save(update_fields=["status", "decline_reason", "decided_at"])
    return suggestion


def suggestions_mark_founded(*, topic: Topic) -> int:
    """The topic was spun off: its open suggestions are fulfilled (called by topic_spin_off)."""
    return SpinOffSuggestion.objects.filter(topic=topic, status=SpinOffSuggestionStatus.OPEN).update(
        status=SpinOffSuggestionStatus.FOUNDED, decided_at=timezone.now()
    )


def topic_suggestions(topic: Topic) -> list[SpinOffSuggestion]:
    """The topic's latest suggestions with their authors, for the topic page (members only)."""
    return list(
        SpinOffSuggestion.objects.filter(topic=topic)
        .select_related("suggested_by")
        .order_by("-created_at", "-pk")[:SUGGESTIONS_SHOWN]
    )


def suggestions_of(user):
    """The data export: what the person suggested."""
    rows = (
        SpinOffSuggestion.objects.filter(suggested_by=user).select_related("topic__community").order_by("pk")
    )
    return [
        {
            "community": s.topic.community.name,
            "topic": s.topic.title,
            "note": s.note,
            "status": s.status,
            "decline_reason": s.decline_reason,
            "suggested_at": s.created_at,
        }
        for s in rows
    ]


def spin_off_suggestions_context(request, topic, *, can_see_names: bool) -> dict:
    """What the topic page shows of suggestions: to members (names are theirs), with the forms the
    user may use."""
    from .forms import SpinOffSuggestionForm

    user = request.user
    can_suggest = user.has_perm("topics.suggest_spin_off", topic)
    return {
        "suggestions": topic_suggestions(topic) if can_see_names else [],
        "can_suggest": can_suggest,
        "suggestion_form": SpinOffSuggestionForm() if can_suggest else None,
        "can_decide_suggestions": user.has_perm("topics.decline_suggestion", topic)
        and user.has_perm("topics.spin_off_topic", topic),
    }
