"""Self-service data export (DSGVO Art. 15 and 20): everything stored about one member, as JSON.

The export is a dictionary of named sections. The members app registers its own sections
below; another app adds what it stores about a person by registering a function, usually in
its `AppConfig.ready()`::

    from members.export import register_export_section

    def attendance_section(user):
        return [
            {"meeting": a.meeting.title, "response": a.response}
            for a in Attendance.objects.filter(user=user).select_related("meeting")
        ]

    register_export_section("attendance", attendance_section)

A section function takes the user and returns data that `DjangoJSONEncoder` can write
(dicts, lists, strings, numbers, booleans, None, dates and datetimes). It must not include
other members' personal data beyond what the person themselves entered (e.g. the address
they sent an invitation to), nor secrets (password hashes, token hashes, TOTP seeds).
Names are unique; registering a name again replaces its function (so re-imports are harmless).
Sections appear in the order they were first registered.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from .models import Invitation, Membership

FORMAT_VERSION = 1

_sections = {}


def register_export_section(name: str, function) -> None:
    """Add (or replace) a section of the export: `function(user)` returns its data."""
    _sections[name] = function


def user_export_data(user) -> dict:
    """Everything stored about the user, as a dictionary ready for JSON."""
    data = {"format_version": FORMAT_VERSION, "exported_at": timezone.now()}
    for name, function in _sections.items():
        data[name] = function(user)
    return data


def user_export_json(user) -> str:
    return json.dumps(user_export_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _profile(user):
    organisation = user.organisation
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": organisation.name if organisation else None,
        "job_title": user.job_title,
        "department": user.department,
        "expertise": user.expertise,
        "bio": user.bio,
        "phone": user.phone,
        "is_listed": user.is_listed,
        "show_email": user.show_email,
        "show_phone": user.show_phone,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def _memberships(user):
    memberships = Membership.objects.filter(user=user).select_related("community").order_by("pk")
    return [
        {
            "community": m.community.name,
            "community_slug": m.community.slug,
            "role": m.role,
            "status": m.status,
            "in_rotation": m.in_rotation,
            "requested_at": m.requested_at,
            "joined_at": m.joined_at,
            "message": m.message,
        }
        for m in memberships
    ]


def _invitations_sent(user):
    invitations = Invitation.objects.filter(invited_by=user).select_related("community").order_by("pk")
    return [
        {
            "community": i.community.name,
            "email": i.email,
            "sent_at": i.created_at,
            "expires_at": i.expires_at,
            "accepted_at": i.accepted_at,
        }
        for i in invitations
    ]


def _email_addresses(user):
    from allauth.account.models import EmailAddress

    return [
        {"email": e.email, "primary": e.primary, "verified": e.verified}
        for e in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def _sign_in_methods(user):
    """Linked sign-ins and second factors: which ones and when, never their secrets."""
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    return {
        "has_password": user.has_usable_password(),
        "linked_accounts": [
            {"provider": s.provider, "uid": s.uid, "date_joined": s.date_joined, "last_login": s.last_login}
            for s in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        "second_factors": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
    }


def _permissions(user):
    """Staff status, groups and single permissions (for site coordinators)."""
    return {
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": sorted(
            f"{app}.{codename}"
            for app, codename in user.user_permissions.values_list("content_type__app_label", "codename")
        ),
    }


register_export_section("profile", _profile)
register_export_section("memberships", _memberships)
register_export_section("invitations_sent", _invitations_sent)
register_export_section("email_addresses", _email_addresses)
register_export_section("sign_in_methods", _sign_in_methods)
register_export_section("permissions", _permissions)
