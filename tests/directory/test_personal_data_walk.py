"""Every model that points at the user is in the export, and account deletion leaves no trace of them.

The walk is not a list of our models: it asks Django for every ForeignKey, OneToOne and
ManyToMany to AUTH_USER_MODEL (third-party apps included). For each one BUILDERS makes a row for
the person and returns a text that the export must contain; a new model pointing at the user
fails here, naming the model, until it has a builder, an export section and a deletion rule (see
members.services.user_delete_account), or a place in NOT_EXPORTED with a reason.
"""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from calendars.models import FeedToken
from meetings.models import AgendaItem, Attendance, FacilitatorDecline, MinutesRevision
from members import services
from members.export import user_export_json
from members.models import Invitation, Membership, User
from network.models import Interest, PartnerSearch
from notifications.models import Kind, Notification, Unsubscription
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory
from topics.models import LeanCoffeeRound, LeanCoffeeThumb, SpinOffSuggestion, Topic, Vote

NAME = ("Hildegard", "Quastenberg")
PRIMARY = "hildegard.quastenberg@kassel.de"
SECONDARY = "h.quastenberg@privat.example"
CONFIDENTIAL = "Vertraulich: Personalfall Schneider"

# Rows deliberately not in the export, with the reason.
NOT_EXPORTED = {
    ("admin.LogEntry", "user"): (
        "what a site coordinator did in the admin: the entries describe other members' rows and are "
        "kept for the operator's accountability; the export shows is_staff, the operator answers "
        "an Art. 15 request for the log"
    ),
}


def later(days=14):
    return timezone.now() + datetime.timedelta(days=days)


def _membership(user, w):
    MembershipFactory(community=w.community, user=user, message="Ich möchte mitmachen")
    return "Ich möchte mitmachen"


def _invitation(user, w):
    Invitation.objects.create(
        community=w.community,
        email="neu@heidelberg.de",
        token_hash="c" * 64,
        invited_by=user,
        expires_at=later(),
    )
    return "neu@heidelberg.de"


def _facilitation(user, w):
    MeetingFactory(community=w.community, title="Treffen unter meiner Moderation", facilitator=user)
    return "Treffen unter meiner Moderation"


def _minutes_revision(user, w):
    meeting = MeetingFactory(
        community=w.community, title="Treffen mit meinem Protokoll", minutes_confidential=CONFIDENTIAL
    )
    MinutesRevision.objects.create(meeting=meeting, editor=user)
    return "Treffen mit meinem Protokoll"


def _decline(user, w):
    meeting = MeetingFactory(community=w.community, title="Treffen, das ich abgelehnt habe")
    FacilitatorDecline.objects.create(meeting=meeting, user=user)
    return "Treffen, das ich abgelehnt habe"


def _proposed_item(user, w):
    AgendaItem.objects.create(meeting=w.meeting, title="Mein Vorschlag", proposed_by=user)
    return "Mein Vorschlag"


def _presented_item(user, w):
    AgendaItem.objects.create(meeting=w.meeting, title="Mein Vortrag", presenter=user)
    return "Mein Vortrag"


def _attendance(user, w):
    meeting = MeetingFactory(community=w.community, title="Treffen, zu dem ich zugesagt habe")
    Attendance.objects.create(meeting=meeting, user=user, response=Attendance.Response.YES)
    return "Treffen, zu dem ich zugesagt habe"


def _log_entry(user, w):
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[w.community],
        action_flag=CHANGE,
        change_message="Beschreibung",
        single_object=True,
    )
    return None


def _email_address(user, w):
    # The factory gave the person their verified primary address; this is a second one.
    EmailAddress.objects.create(user=user, email=SECONDARY, primary=False, verified=True)
    return SECONDARY


def _authenticator(user, w):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "TOTPGEHEIMNIS"})
    return '"type": "totp"'


def _social_account(user, w):
    SocialAccount.objects.create(user=user, provider="municipality", uid="kassel-0815")
    return "kassel-0815"


def _group(user, w):
    user.groups.add(Group.objects.create(name="Redaktion Newsletter"))
    return "Redaktion Newsletter"


def _permission(user, w):
    user.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    return "meetings.view_meeting"


def _feed_token(user, w):
    FeedToken.objects.create(user=user, name="Outlook im Büro", token_hash="f" * 64)
    return "Outlook im Büro"


def _proposed_topic(user, w):
    Topic.objects.create(community=w.community, title="Mein Thema: Feedbackkultur", proposed_by=user)
    return "Mein Thema: Feedbackkultur"


def _vote(user, w):
    topic = Topic.objects.create(community=w.community, title="Thema mit meinem Punkt")
    Vote.objects.create(topic=topic, user=user)
    return "Thema mit meinem Punkt"


def _notification(user, w):
    Notification.objects.create(
        kind=Kind.MEETING_REMINDER, user=user, key="meeting:1", context={"meeting": "Treffen mit Erinnerung"}
    )
    # The coordinators' notice about her request to join names her.
    coordinator = Membership.objects.coordinators().filter(community=w.community).first().user
    Notification.objects.create(
        kind=Kind.JOIN_REQUESTED,
        user=coordinator,
        key="membership:1",
        status=Notification.Status.SENT,
        context={"person": user.get_full_name(), "person_id": user.pk, "community": w.community.name},
    )
    return "Treffen mit Erinnerung"


def _unsubscription(user, w):
    Unsubscription.objects.create(user=user, kind=Kind.AGENDA_PUBLISHED)
    return '"kind": "agenda_published"'


def _spin_off_suggestion(user, w):
    topic = Topic.objects.create(community=w.community, title="Thema für einen Ableger")
    SpinOffSuggestion.objects.create(topic=topic, suggested_by=user, note="Mein Vorschlag: ein eigener Kreis")
    return "Mein Vorschlag: ein eigener Kreis"


def _lean_coffee_thumb(user, w):
    item = AgendaItem.objects.create(
        meeting=w.meeting, title="Lean Coffee im Quastenberg-Kreis", kind=AgendaItem.Kind.LEAN_COFFEE
    )
    LeanCoffeeThumb.objects.create(
        round=LeanCoffeeRound.objects.create(agenda_item=item), slot=1, user=user, up=True
    )
    return '"continue": true'


def _partner_search(user, w):
    PartnerSearch.objects.create(
        title="Mein Aufruf: Wissensmanagement", author=user, organisation="Stadt Kassel"
    )
    return "Mein Aufruf: Wissensmanagement"


def _partner_interest(user, w):
    search = PartnerSearch.objects.create(title="Aufruf, bei dem ich dabei bin")
    Interest.objects.create(search=search, user=user)
    # Its author was told by e-mail, with her name.
    author = UserFactory()
    search.author = author
    search.save()
    Notification.objects.create(
        kind=Kind.PARTNER_INTEREST,
        user=author,
        key=f"partner_interest:{search.pk}:{user.pk}",
        status=Notification.Status.SENT,
        context={"person": user.get_full_name(), "person_id": user.pk, "search": search.title},
    )
    return "Aufruf, bei dem ich dabei bin"


# (model label, field name) -> builder(user, world) returning a text the export must contain.
BUILDERS = {
    ("members.User_groups", "user"): _group,
    ("members.User_user_permissions", "user"): _permission,
    ("members.Membership", "user"): _membership,
    ("members.Invitation", "invited_by"): _invitation,
    ("meetings.Meeting", "facilitator"): _facilitation,
    ("meetings.MinutesRevision", "editor"): _minutes_revision,
    ("meetings.FacilitatorDecline", "user"): _decline,
    ("meetings.AgendaItem", "proposed_by"): _proposed_item,
    ("meetings.AgendaItem", "presenter"): _presented_item,
    ("meetings.Attendance", "user"): _attendance,
    ("calendars.FeedToken", "user"): _feed_token,
    ("topics.Topic", "proposed_by"): _proposed_topic,
    ("topics.Vote", "user"): _vote,
    ("topics.SpinOffSuggestion", "suggested_by"): _spin_off_suggestion,
    ("topics.LeanCoffeeThumb", "user"): _lean_coffee_thumb,
    ("network.PartnerSearch", "author"): _partner_search,
    ("network.Interest", "user"): _partner_interest,
    ("admin.LogEntry", "user"): _log_entry,
    ("account.EmailAddress", "user"): _email_address,
    ("mfa.Authenticator", "user"): _authenticator,
    ("socialaccount.SocialAccount", "user"): _social_account,
    ("notifications.Notification", "user"): _notification,
    ("notifications.Unsubscription", "user"): _unsubscription,
}


def relations_to_user() -> list[tuple[str, str]]:
    """(model label, field name) of every concrete relation to the user model.

    Many-to-many relations show up through their tables (members.User_groups.user), which
    include_auto_created adds; so does an M2M to the user declared on another model.
    """
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.related_model is not None
                and field.related_model._meta.label == settings.AUTH_USER_MODEL
            ):
                found.append((model._meta.label, field.name))
    return sorted(found)


class World:
    def __init__(self):
        self.community = CommunityFactory(name="Personalentwicklung Kassel")
        self.meeting = MeetingFactory(community=self.community, title="Nächstes Treffen")
        MembershipFactory(community=self.community, role=Membership.Role.COORDINATOR)


@pytest.fixture
def person(db):
    return UserFactory(
        email=PRIMARY, first_name=NAME[0], last_name=NAME[1], phone="+49 561 4711", bio="Quastenbergs Bio"
    )


def test_every_relation_to_the_user_has_a_builder():
    missing = [f"{label}.{field}" for label, field in relations_to_user() if (label, field) not in BUILDERS]
    assert missing == [], (
        f"{missing} point at the user: add a builder here, an export section (members/export.py) and a "
        "rule in user_delete_account, or list it in NOT_EXPORTED with the reason"
    )


def test_every_row_about_the_person_is_in_the_export(person):
    world = World()
    markers = {relation: BUILDERS[relation](person, world) for relation in relations_to_user()}
    exported = user_export_json(person)
    missing = [
        f"{label}.{field} (looked for {marker!r})"
        for (label, field), marker in markers.items()
        if (label, field) not in NOT_EXPORTED and marker not in exported
    ]
    assert missing == []
    # Secrets and other people's confidential minutes never leave.
    assert [secret for secret in ("TOTPGEHEIMNIS", CONFIDENTIAL, person.password) if secret in exported] == []


def personal_texts(user) -> list[str]:
    return [user.get_full_name(), user.email, SECONDARY, user.phone, user.bio]


def rows_mentioning(texts) -> list[str]:
    """'<model>.<field> id=<pk>' for every text field of every model that contains one of the texts."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for name in fields:
            for text in texts:
                lookup = {f"{name}__icontains": text}
                for pk in model.objects.filter(**lookup).values_list("pk", flat=True):
                    found.append(f"{model._meta.label}.{name} id={pk} has {text!r}")
    return sorted(set(found))


def test_after_deletion_no_row_holds_the_persons_data(person):
    world = World()
    for relation in relations_to_user():
        BUILDERS[relation](person, world)
    # A staff member edited her row in the admin: the log names her.
    staff = UserFactory(is_staff=True)
    LogEntry.objects.log_actions(
        user_id=staff.pk, queryset=[person], action_flag=CHANGE, change_message="Telefon", single_object=True
    )
    membership = Membership.objects.get(user=person)
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=[membership],
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Rolle"], "name": str(membership)}}]),
        single_object=True,
    )
    # Invitations to both of her addresses.
    for token, address in (("d", PRIMARY), ("e", SECONDARY.upper())):
        Invitation.objects.create(
            community=world.community, email=address, token_hash=token * 64, expires_at=later()
        )
    texts = personal_texts(person)
    assert len(rows_mentioning(texts)) >= 6  # the walk finds them before the deletion

    services.user_delete_account(user=person)

    assert rows_mentioning(texts) == []
    user_log = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    )
    assert user_log.object_repr == "Ehemaliges Mitglied"


def test_what_deletion_keeps_and_what_it_removes(person):
    """The per-model decisions of user_delete_account, as whole counts of rows pointing at the person."""
    world = World()
    for relation in relations_to_user():
        BUILDERS[relation](person, world)
    past = MeetingFactory(
        community=world.community, starts_at=later(-30), ends_at=later(-30) + datetime.timedelta(hours=2)
    )
    Attendance.objects.create(meeting=past, user=person, attended=True)

    services.user_delete_account(user=person)

    remaining = {
        f"{label}.{field}": apps.get_model(label)._default_manager.filter(**{field: person}).count()
        for label, field in relations_to_user()
    }
    assert remaining == {
        "account.EmailAddress.user": 0,
        "calendars.FeedToken.user": 0,
        "admin.LogEntry.user": 1,  # kept: what she did as staff
        "meetings.AgendaItem.presenter": 1,  # authored content stays, "Ehemaliges Mitglied"
        "meetings.AgendaItem.proposed_by": 1,
        "meetings.Attendance.user": 1,  # the past meeting's record; the RSVP to the upcoming one went
        "meetings.FacilitatorDecline.user": 0,
        "meetings.Meeting.facilitator": 0,  # the upcoming one was handed on
        "meetings.MinutesRevision.editor": 1,
        "members.Invitation.invited_by": 1,
        "members.Membership.user": 1,  # left
        "members.User_groups.user": 0,
        "members.User_user_permissions.user": 0,
        "mfa.Authenticator.user": 0,
        "notifications.Notification.user": 0,
        "notifications.Unsubscription.user": 0,
        "socialaccount.SocialAccount.user": 0,
        "topics.Topic.proposed_by": 1,  # authored content stays, "Ehemaliges Mitglied"
        "topics.Vote.user": 0,
        "topics.SpinOffSuggestion.suggested_by": 1,  # authored content stays, "Ehemaliges Mitglied"
        "topics.LeanCoffeeThumb.user": 0,
        "network.Interest.user": 0,
        "network.PartnerSearch.author": 1,  # authored content stays (closed), "Ehemaliges Mitglied"
    }
