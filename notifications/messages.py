"""What each kind of notice says: one German e-mail per recipient, with a text and an HTML part.

Every kind is a function that turns the row's context (a snapshot taken when the notice was
queued) into a Content: subject, paragraphs, an optional list and one link. The two parts are
rendered from the same Content by notifications/email/message.txt and message.html, so they never
say different things. Links start with settings.SITE_URL; the footer carries the one-click
unsubscribe link of the notice's kind, also in the List-Unsubscribe headers (RFC 2369, RFC 8058).
"""

from dataclasses import dataclass, field
from email.mime.text import MIMEText
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .models import Kind, Notification
from .services import site_url, unsubscribe_token

LANGUAGE = "de"
ATTACHMENT_NAME = "treffen.ics"


@dataclass
class Content:
    subject: str
    paragraphs: list[str]
    action_label: str
    action_path: str
    items: list[str] = field(default_factory=list)


def when(value: str) -> str:
    """An ISO time from the snapshot as the site shows it, e.g. 'Dienstag, 9. Juni 2026, 10:00 Uhr'."""
    moment = timezone.localtime(parse_datetime(value))
    return _("%(date)s, %(time)s") % {
        "date": formats.date_format(moment, "l, j. F Y"),
        "time": formats.time_format(moment, "H:i"),
    }


def day(value: str) -> str:
    return formats.date_format(timezone.localtime(parse_datetime(value)), "j. F Y")


def _facilitator_proposed(c: dict) -> Content:
    return Content(
        subject=_("Would you facilitate the meeting on %(day)s?") % {"day": day(c["starts_at"])},
        paragraphs=[
            _("it is your turn: you are proposed to facilitate “%(meeting)s” of %(community)s on %(when)s.")
            % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
            _(
                "Please accept or decline on the meeting page. If you decline, the next person in the "
                "rotation is asked; you can also swap with another meeting."
            ),
        ],
        action_label=_("Accept or decline"),
        action_path=c["path"],
    )


def _facilitation_reminder(c: dict) -> Content:
    return Content(
        subject=_("You facilitate the meeting on %(day)s") % {"day": day(c["starts_at"])},
        paragraphs=[
            _("you facilitate “%(meeting)s” of %(community)s on %(when)s. A short checklist:")
            % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
        ],
        items=[
            _("Look at the proposed agenda items: accept, defer or reject them."),
            _("Order the accepted items and give each a time box."),
            _("Publish the agenda, so that everyone can prepare."),
            _("Check the video link or the room."),
        ],
        action_label=_("Open the agenda"),
        action_path=c["path"],
    )


def _agenda_item_decided(c: dict) -> Content:
    texts = {
        "accepted": _("your agenda item “%(item)s” is on the agenda of “%(meeting)s” on %(when)s."),
        "deferred": _(
            "your agenda item “%(item)s” was deferred: it moves to the proposals of the meeting after "
            "“%(meeting)s” on %(when)s."
        ),
        "rejected": _(
            "your agenda item “%(item)s” was not taken onto the agenda of “%(meeting)s” on %(when)s."
        ),
    }
    subjects = {
        "accepted": _("Your agenda item was accepted"),
        "deferred": _("Your agenda item was deferred"),
        "rejected": _("Your agenda item was not accepted"),
    }
    values = {"item": c["item"], "meeting": c["meeting"], "when": when(c["starts_at"])}
    paragraphs = [texts[c["status"]] % values]
    if c.get("reason"):
        paragraphs.append(_("The facilitator’s reason: %(reason)s") % {"reason": c["reason"]})
    return Content(
        subject=subjects[c["status"]],
        paragraphs=paragraphs,
        action_label=_("Open the meeting"),
        action_path=c["path"],
    )


def _agenda_published(c: dict) -> Content:
    return Content(
        subject=_("Agenda published: %(meeting)s") % {"meeting": c["meeting"]},
        paragraphs=[
            _("the agenda of “%(meeting)s” of %(community)s on %(when)s is published:")
            % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
        ],
        items=list(c.get("items", [])),
        action_label=_("Open the meeting and answer whether you come"),
        action_path=c["path"],
    )


def _meeting_reminder(c: dict) -> Content:
    return Content(
        subject=_("Reminder: %(meeting)s on %(day)s") % {"meeting": c["meeting"], "day": day(c["starts_at"])},
        paragraphs=[
            _("a reminder: “%(meeting)s” of %(community)s takes place on %(when)s.")
            % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
        ],
        action_label=_("Open the meeting"),
        action_path=c["path"],
    )


def _meeting_changed(c: dict) -> Content:
    return Content(
        subject=_("Changed: %(meeting)s") % {"meeting": c["meeting"]},
        paragraphs=[
            _("“%(meeting)s” of %(community)s has changed. It now takes place on %(when)s.")
            % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
            _("Please check the details on the meeting page."),
        ],
        action_label=_("Open the meeting"),
        action_path=c["path"],
    )


def _meeting_cancelled(c: dict) -> Content:
    return Content(
        subject=_("Cancelled: %(meeting)s") % {"meeting": c["meeting"]},
        paragraphs=[
            _("“%(meeting)s” of %(community)s on %(when)s has been cancelled.")
            % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
        ],
        action_label=_("Open the community"),
        action_path=c["path"],
    )


def _join_requested(c: dict) -> Content:
    if c["status"] == "waitlisted":
        text = _("%(person)s wants to join %(community)s and is on the waitlist, as the community is full.")
        subject = _("%(community)s: someone is on the waitlist")
    else:
        text = _("%(person)s asks to join %(community)s. Please accept or decline the request.")
        subject = _("%(community)s: a new request to join")
    values = {"person": c["person"], "community": c["community"]}
    return Content(
        subject=subject % values,
        paragraphs=[text % values],
        action_label=_("Manage the community"),
        action_path=c["path"],
    )


def _membership_decided(c: dict) -> Content:
    texts = {
        "active": _("you are now a member of %(community)s. Welcome!"),
        "waitlisted": _("%(community)s is full at the moment. You are on the waitlist."),
        "left": _("your request to join %(community)s was not accepted."),
    }
    return Content(
        subject=_("Your membership in %(community)s") % {"community": c["community"]},
        paragraphs=[texts[c["status"]] % {"community": c["community"]}],
        action_label=_("Open the community"),
        action_path=c["path"],
    )


def _membership_removed(c: dict) -> Content:
    paragraphs = [
        _("a coordinator of %(community)s has ended your membership. You no longer see its internal pages.")
        % {"community": c["community"]}
    ]
    if c.get("reason"):
        paragraphs.append(_("The reason given: %(reason)s") % {"reason": c["reason"]})
    paragraphs.append(_("If you have questions, please ask the community's coordinators."))
    return Content(
        subject=_("Your membership in %(community)s has ended") % {"community": c["community"]},
        paragraphs=paragraphs,
        action_label=_("Open the community"),
        action_path=c["path"],
    )


def _minutes_published(c: dict) -> Content:
    paragraphs = [
        _("the minutes of “%(meeting)s” of %(community)s on %(when)s are published.")
        % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
    ]
    minutes = [part.strip() for part in c.get("minutes", "").split("\n\n") if part.strip()]
    paragraphs += minutes
    outcomes = [f"{title}: {outcome}" for title, outcome in c.get("outcomes", [])]
    if outcomes:
        paragraphs.append(_("Outcomes of the agenda items:"))
    return Content(
        subject=_("Minutes: %(meeting)s") % {"meeting": c["meeting"]},
        paragraphs=paragraphs,
        items=outcomes,
        action_label=_("Read the minutes on the meeting page"),
        action_path=c["path"],
    )


def _minutes_reminder(c: dict) -> Content:
    return Content(
        subject=_("The minutes of %(meeting)s are still a draft") % {"meeting": c["meeting"]},
        paragraphs=[
            _(
                "you facilitated “%(meeting)s” of %(community)s on %(when)s. The minutes are not "
                "published yet: the members who could not be there are waiting for them."
            )
            % {"meeting": c["meeting"], "community": c["community"], "when": when(c["starts_at"])},
            _("Please write down the outcomes and publish the minutes on the meeting page."),
        ],
        action_label=_("Write the minutes"),
        action_path=c["path"],
    )


def _join_requests_digest(c: dict) -> Content:
    people = [
        _("%(person)s (on the waitlist)") % {"person": person} if status == "waitlisted" else person
        for person, status in c["people"]
    ]
    return Content(
        subject=_("%(community)s: further requests to join on %(day)s")
        % {"community": c["community"], "day": formats.date_format(parse_date(c["day"]), "j. F Y")},
        paragraphs=[
            _(
                "after the first request of %(day)s, more people asked to join %(community)s. "
                "These requests are still open:"
            )
            % {"community": c["community"], "day": formats.date_format(parse_date(c["day"]), "j. F Y")},
        ],
        items=people,
        action_label=_("Manage the community"),
        action_path=c["path"],
    )


def _partner_interest(c: dict) -> Content:
    if c.get("organisation"):
        text = _("%(person)s (%(organisation)s) is interested in your call “%(search)s”.")
    else:
        text = _("%(person)s is interested in your call “%(search)s”.")
    return Content(
        subject=_("Vernetzt Euch!: someone is interested in “%(search)s”") % {"search": c["search"]},
        paragraphs=[
            text % {"person": c["person"], "organisation": c.get("organisation", ""), "search": c["search"]},
            _(
                "On the call's page you see everyone who is interested. Once enough are in, you can found "
                "the new CoP there: they are invited as its first members."
            ),
        ],
        action_label=_("Open the call"),
        action_path=c["path"],
    )


CONTENT = {
    Kind.FACILITATOR_PROPOSED: _facilitator_proposed,
    Kind.FACILITATION_REMINDER: _facilitation_reminder,
    Kind.AGENDA_ITEM_DECIDED: _agenda_item_decided,
    Kind.AGENDA_PUBLISHED: _agenda_published,
    Kind.MEETING_REMINDER: _meeting_reminder,
    Kind.MEETING_CHANGED: _meeting_changed,
    Kind.MEETING_CANCELLED: _meeting_cancelled,
    Kind.JOIN_REQUESTED: _join_requested,
    Kind.MEMBERSHIP_DECIDED: _membership_decided,
    Kind.MEMBERSHIP_REMOVED: _membership_removed,
    Kind.MINUTES_PUBLISHED: _minutes_published,
    Kind.MINUTES_REMINDER: _minutes_reminder,
    Kind.JOIN_REQUESTS_DIGEST: _join_requests_digest,
    Kind.PARTNER_INTEREST: _partner_interest,
}


def sender() -> str:
    """The site's name with the configured sender address."""
    return formataddr((settings.SITE_NAME, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def compose(row: Notification) -> EmailMultiAlternatives:
    """The e-mail for one outbox row: to its recipient only, in German."""
    with translation.override(LANGUAGE):
        content = CONTENT[row.kind](row.context)
        unsubscribe_url = site_url(
            reverse(
                "notifications_unsubscribe", kwargs={"token": unsubscribe_token(user=row.user, kind=row.kind)}
            )
        )
        context = {
            "content": content,
            "name": row.user.display_name,
            "action_url": site_url(content.action_path),
            "kind_label": Kind(row.kind).label,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": site_url(reverse("me_notifications")),
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
        }
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    message = EmailMultiAlternatives(
        subject=content.subject,
        body=text,
        from_email=sender(),
        to=[row.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    if row.context.get("ics"):
        message.attach(calendar_attachment(row.context["ics"]))
    return message


def calendar_attachment(ics: str) -> MIMEText:
    """The meeting's `.ics` as an attachment: text/calendar with its METHOD, as RFC 6047 asks."""
    part = MIMEText(ics, "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename=ATTACHMENT_NAME)
    return part
