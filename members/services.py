"""Every write the members domain knows: joining, leaving, approving, inviting, profiles."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Community, Invitation, Membership, Organisation, OrganisationDomain, User

INVITATION_VALID_DAYS = 30


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation whose e-mail domain the address has, if any."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    match = OrganisationDomain.objects.select_related("organisation").filter(domain=domain).first()
    return match.organisation if match else None


def _free_places(community: Community) -> int | None:
    if community.max_members is None:
        return None
    active = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE).count()
    return max(community.max_members - active, 0)


@transaction.atomic
def membership_join(
    *, community: Community, user: User, message: str = "", invited: bool = False
) -> Membership:
    """Join a community, or ask to: the result is active, pending or waitlisted.

    The community row is locked so that simultaneous joins cannot exceed `max_members`.
    """
    community = Community.objects.select_for_update().get(pk=community.pk)
    membership = Membership.objects.select_for_update().filter(community=community, user=user).first()
    if membership is not None and membership.status != Membership.Status.LEFT:
        raise ValidationError(_("You are already a member of this community or have asked to join."))
    if community.join_policy == Community.JoinPolicy.INVITATION and not invited:
        raise ValidationError(_("This community accepts new members by invitation only."))

    if community.join_policy == Community.JoinPolicy.APPROVAL and not invited:
        status = Membership.Status.PENDING
    else:
        free = _free_places(community)
        status = Membership.Status.WAITLISTED if free == 0 else Membership.Status.ACTIVE

    if membership is None:
        membership = Membership(community=community, user=user, role=Membership.Role.MEMBER)
    membership.status = status
    membership.message = message
    membership.requested_at = timezone.now()
    membership.joined_at = timezone.now() if status == Membership.Status.ACTIVE else None
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.LEFT:
        raise ValidationError(_("You have already left this community."))
    if membership.is_coordinator and not (
        Membership.objects.coordinators()
        .filter(community_id=membership.community_id)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("You are the only coordinator. Please make someone else coordinator before you leave.")
        )
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["status", "role"])
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership) -> Membership:
    """Accept a pending request or move someone off the waitlist, if a place is free."""
    community = Community.objects.select_for_update().get(pk=membership.community_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in (Membership.Status.PENDING, Membership.Status.WAITLISTED):
        raise ValidationError(_("This person is not waiting to join."))
    if _free_places(community) == 0:
        if membership.status == Membership.Status.WAITLISTED:
            raise ValidationError(
                _("The community is full. Raise the maximum number of members to admit more people.")
            )
        membership.status = Membership.Status.WAITLISTED
    else:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    _notify_membership(membership)
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in (Membership.Status.PENDING, Membership.Status.WAITLISTED):
        raise ValidationError(_("This person is not waiting to join."))
    membership.status = Membership.Status.LEFT
    membership.save(update_fields=["status"])
    _notify_membership(membership)
    return membership


def _notify_membership(membership: Membership) -> None:
    context = {"membership": membership, "community": membership.community, "user": membership.user}
    subject = render_to_string("members/email/membership_subject.txt", context).strip()
    body = render_to_string("members/email/membership_body.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [membership.user.email]))


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(*, community: Community, email: str, invited_by: User, base_url: str) -> Invitation:
    """Invite someone by e-mail; only the hash of the secret link is stored."""
    email = email.strip().lower()
    if Membership.objects.active().filter(community=community, user__email__iexact=email).exists():
        raise ValidationError(_("This person is already a member."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        community=community,
        email=email,
        token_hash=_hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    link = base_url + reverse("invitation_accept", kwargs={"token": token})
    context = {"invitation": invitation, "community": community, "link": link, "invited_by": invited_by}
    subject = render_to_string("members/email/invitation_subject.txt", context).strip()
    body = render_to_string("members/email/invitation_body.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("community").filter(token_hash=_hash_token(token)).first()
    return invitation if invitation and invitation.is_usable else None


def usable_invitation_for_email(email: str, invitation_id: int | None) -> Invitation | None:
    if not invitation_id:
        return None
    invitation = Invitation.objects.filter(pk=invitation_id, email__iexact=email.strip()).first()
    return invitation if invitation and invitation.is_usable else None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has already been used or has expired."))
    membership = Membership.objects.filter(community=invitation.community, user=user).first()
    if membership is None or membership.status != Membership.Status.ACTIVE:
        if membership is not None and membership.status != Membership.Status.LEFT:
            membership.status = Membership.Status.LEFT
            membership.save(update_fields=["status"])
        membership = membership_join(community=invitation.community, user=user, invited=True)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership
