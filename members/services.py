"""Every write the members domain knows: joining, leaving, approving, inviting, profiles."""

import datetime
import hashlib
import re
import secrets
from functools import partial

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cop.fields import refuse_unknown_fields
from notifications import hooks as notices

from . import selectors
from .models import (
    MAX_MEMBERS_LIMIT,
    Community,
    Invitation,
    Membership,
    Organisation,
    OrganisationDomain,
    User,
    normalise_email,
    single_line,
)
from .selectors import free_places

INVITATION_VALID_DAYS = 30
# Invitations are e-mails sent in the platform's name to any address: a coordinator's account must
# not become a way to send many of them, nor to flood one person's mailbox.
INVITATIONS_PER_INVITER = 20
INVITATIONS_PER_INVITER_SECONDS = 60 * 60
INVITATIONS_PER_ADDRESS = 3
INVITATIONS_PER_ADDRESS_SECONDS = 24 * 60 * 60


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation whose e-mail domain the address has, if any."""
    domain = normalise_email(email).rsplit("@", 1)[-1]
    match = OrganisationDomain.objects.select_related("organisation").filter(domain=domain).first()
    return match.organisation if match else None


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
        free = free_places(community)
        status = Membership.Status.WAITLISTED if free == 0 else Membership.Status.ACTIVE

    if membership is None:
        membership = Membership(community=community, user=user, role=Membership.Role.MEMBER)
    membership.status = status
    membership.message = message
    membership.requested_at = timezone.now()
    membership.joined_at = timezone.now() if status == Membership.Status.ACTIVE else None
    membership.full_clean()
    membership.save()
    notices.membership_requested(membership)
    return membership


def _other_coordinator_remains(*, community_id: int, user_id: int) -> bool:
    return (
        Membership.objects.coordinators().filter(community_id=community_id).exclude(user_id=user_id).exists()
    )


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership:
    """Leave a community. The last coordinator cannot leave.

    The community row is locked first (the order membership_join uses), so that two coordinators
    leaving at the same moment queue up and the second one sees that the first has gone.
    """
    Community.objects.select_for_update().get(pk=membership.community_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.LEFT:
        raise ValidationError(_("You have already left this community."))
    if membership.is_coordinator and not _other_coordinator_remains(
        community_id=membership.community_id, user_id=membership.user_id
    ):
        raise ValidationError(
            _("You are the only coordinator. Please make someone else coordinator before you leave.")
        )
    _membership_end(membership)
    return membership


def _membership_end(membership: Membership, *, fields=()) -> None:
    """Mark an active membership as left and let the other apps react (facilitations, votes)."""
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["status", "role", *fields])
    for step in _MEMBERSHIP_LEFT_STEPS:
        step(user=membership.user, community=membership.community)


def _lock_active_membership(membership: Membership) -> Membership:
    """Lock the community row first (the order membership_join uses), then the membership.

    A coordinator's page may be stale: someone who left in between is refused with a message.
    """
    Community.objects.select_for_update().get(pk=membership.community_id)
    # Only the membership row: locking its user too would invert user_delete_account's order.
    locked = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "community")
        .get(pk=membership.pk)
    )
    if locked.status != Membership.Status.ACTIVE:
        raise ValidationError(
            _("%(person)s is no longer a member of this community.") % {"person": locked.user.display_name}
        )
    return locked


def _refuse_if_only_coordinator(membership: Membership, message: str) -> None:
    if membership.is_coordinator and not _other_coordinator_remains(
        community_id=membership.community_id, user_id=membership.user_id
    ):
        raise ValidationError(message % {"person": membership.user.display_name})


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    """Make an active member coordinator or member; the last coordinator stays coordinator."""
    if role not in Membership.Role.values:
        raise ValidationError(_("Please choose coordinator or member."))
    membership = _lock_active_membership(membership)
    if role == Membership.Role.MEMBER:
        _refuse_if_only_coordinator(
            membership,
            _(
                "%(person)s is the only coordinator of this community. Please make someone else "
                "coordinator first."
            ),
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_set_rotation(*, membership: Membership, in_rotation: bool) -> Membership:
    """Take an active member out of the facilitation rotation, or back into it."""
    membership = _lock_active_membership(membership)
    membership.in_rotation = in_rotation
    membership.save(update_fields=["in_rotation"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, reason: str = "") -> Membership:
    """A coordinator removes an active member; the last coordinator cannot be removed.

    The membership is kept as left, with the reason in its message; the member's upcoming
    facilitations are handed on by the same steps as when a member leaves.
    """
    membership = _lock_active_membership(membership)
    _refuse_if_only_coordinator(
        membership,
        _(
            "%(person)s is the only coordinator of this community and cannot be removed. Please make "
            "someone else coordinator first."
        ),
    )
    membership.message = reason.strip()
    membership.full_clean(validate_unique=False, validate_constraints=False)
    _membership_end(membership, fields=["message"])
    notices.membership_removed(membership)
    return membership


# Other apps react to a member leaving (e.g. meetings hands on their facilitations) through
# `register_membership_left_step(function)`, called as `function(user=..., community=...)` inside
# the leaving transaction; members itself depends on no other app.
_MEMBERSHIP_LEFT_STEPS = []


def register_membership_left_step(function) -> None:
    if function not in _MEMBERSHIP_LEFT_STEPS:
        _MEMBERSHIP_LEFT_STEPS.append(function)


def _check_max_members(max_members: int | None) -> None:
    if max_members is not None and not 1 <= max_members <= MAX_MEMBERS_LIMIT:
        raise ValidationError(
            _("Please enter a number of members between 1 and %(limit)s, or leave the field empty.")
            % {"limit": MAX_MEMBERS_LIMIT}
        )


@transaction.atomic
def community_set_max_members(*, community: Community, max_members: int | None) -> Community:
    """Change how many active members a community takes (None: no limit).

    A limit below the current number removes nobody: the members stay, and new joiners wait on the
    waitlist until enough have left. The community row is locked, as joining locks it.
    """
    _check_max_members(max_members)
    community = Community.objects.select_for_update().get(pk=community.pk)
    community.max_members = max_members
    community.save(update_fields=["max_members"])
    return community


@transaction.atomic
def community_update(*, community: Community, **fields) -> Community:
    """Change the community's settings (`Community.SETTINGS_FIELDS`); the model's rules hold (a
    secret community takes members by invitation only), a refusal changes nothing."""
    refuse_unknown_fields("community_update", fields, Community.SETTINGS_FIELDS)
    community = Community.objects.select_for_update().get(pk=community.pk)
    for name, value in fields.items():
        setattr(community, name, value)
    community.full_clean(validate_unique=False)
    community.save(update_fields=list(fields))
    return community


@transaction.atomic
def membership_approve(
    *, membership: Membership, above_limit: bool = False, raise_limit: bool = False
) -> Membership:
    """Accept a pending request or move someone off the waitlist, if a place is free.

    When the community is full, a waiting person is admitted anyway with `above_limit` (the limit
    stays as it is), or with `raise_limit` (the limit grows by one for them); otherwise a request
    goes on the waitlist and a waitlisted person stays there, with a message.
    """
    community = Community.objects.select_for_update().get(pk=membership.community_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in (Membership.Status.PENDING, Membership.Status.WAITLISTED):
        raise ValidationError(_("This person is not waiting to join."))
    full = free_places(community) == 0
    if full and raise_limit:
        _check_max_members(community.max_members + 1)
        community.max_members += 1
        community.save(update_fields=["max_members"])
        full = False
    if full and not above_limit:
        if membership.status == Membership.Status.WAITLISTED:
            raise ValidationError(
                _("The community is full. Raise the maximum number of members to admit more people.")
            )
        membership.status = Membership.Status.WAITLISTED
    else:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    notices.membership_decided(membership)
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in (Membership.Status.PENDING, Membership.Status.WAITLISTED):
        raise ValidationError(_("This person is not waiting to join."))
    membership.status = Membership.Status.LEFT
    membership.save(update_fields=["status"])
    notices.membership_decided(membership)
    return membership


@transaction.atomic
def membership_set_status(*, membership: Membership, status: str) -> Membership:
    """Move a membership to `status` by the steps the pages take (used by the admin).

    Activating a pending, waitlisted or former member admits them only while the community has a
    free place; ending an active membership hands their facilitations on and keeps the last
    coordinator; a request or waitlist place that ends is declined. Nothing else is a step of its own.
    """
    if status not in Membership.Status.values:
        raise ValidationError(_("Please choose a status."))
    current = Membership.objects.get(pk=membership.pk)
    if current.status == status:
        return current
    waiting = (Membership.Status.PENDING, Membership.Status.WAITLISTED)
    if status == Membership.Status.ACTIVE and current.status in waiting:
        result = membership_approve(membership=current)
    elif status == Membership.Status.ACTIVE and current.status == Membership.Status.LEFT:
        result = membership_join(community=current.community, user=current.user, invited=True)
    elif status == Membership.Status.LEFT and current.status == Membership.Status.ACTIVE:
        return membership_remove(membership=current)
    elif status == Membership.Status.LEFT and current.status in waiting:
        return membership_decline(membership=current)
    else:
        raise ValidationError(
            _("A membership cannot go from “%(old)s” to “%(new)s”.")
            % {"old": current.get_status_display(), "new": Membership.Status(status).label}
        )
    if result.status != Membership.Status.ACTIVE:
        # Raised inside this transaction: the waitlisting above is undone with it.
        raise ValidationError(
            _("The community is full. Raise the maximum number of members to admit more people.")
        )
    return result


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation_limit_keys(*, email: str, invited_by: User) -> tuple[str, str]:
    # The address is hashed so the cache never holds it in clear.
    return (
        f"invitations:inviter:{invited_by.pk}",
        f"invitations:address:{hashlib.sha256(email.encode()).hexdigest()}",
    )


def _invitation_check_limits(*, email: str, invited_by: User) -> None:
    """Refuse an invitation beyond the limits; counts live in the shared cache (Redis when set)."""
    inviter_key, address_key = _invitation_limit_keys(email=email, invited_by=invited_by)
    if (cache.get(inviter_key) or 0) >= INVITATIONS_PER_INVITER:
        raise ValidationError(
            _(
                "You have sent %(count)s invitations within the last hour. Please wait a while before "
                "you send more."
            ),
            code="invitation_limit_inviter",
            params={"count": INVITATIONS_PER_INVITER},
        )
    if (cache.get(address_key) or 0) >= INVITATIONS_PER_ADDRESS:
        raise ValidationError(
            _("This address has already received %(count)s invitations today. Please try again tomorrow."),
            code="invitation_limit_address",
            params={"count": INVITATIONS_PER_ADDRESS},
        )


def _invitation_count(*, email: str, invited_by: User) -> None:
    inviter_key, address_key = _invitation_limit_keys(email=email, invited_by=invited_by)
    for key, seconds in (
        (inviter_key, INVITATIONS_PER_INVITER_SECONDS),
        (address_key, INVITATIONS_PER_ADDRESS_SECONDS),
    ):
        # The window starts with the first invitation counted; incr keeps the key's expiry.
        cache.add(key, 0, timeout=seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=seconds)


@transaction.atomic
def invitation_send(
    *, community: Community, email: str, invited_by: User, base_url: str, limited: bool = True
) -> Invitation:
    """Invite someone by e-mail; only the hash of the secret link is stored.

    At most INVITATIONS_PER_INVITER per inviter and hour and INVITATIONS_PER_ADDRESS per address
    and day; a refused invitation stores and sends nothing. `limited=False` for people who asked to
    be invited (they voted for the topic of a spin-off, registered interest in a call): the limits
    guard against mail to addresses that did not ask for it.
    """
    email = normalise_email(email)
    if limited:
        _invitation_check_limits(email=email, invited_by=invited_by)
    if Membership.objects.active().filter(community=community, user__email=email).exists():
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
    _invitation_mail(invitation, token=token, invited_by=invited_by, base_url=base_url, limited=limited)
    return invitation


def _invitation_mail(
    invitation: Invitation, *, token: str, invited_by: User, base_url: str, limited: bool = True
) -> None:
    """Send the invitation's link after the commit and (`limited`) count it against the limits."""
    link = base_url + reverse("invitation_accept", kwargs={"token": token})
    context = {
        "invitation": invitation,
        "community": invitation.community,
        "link": link,
        # Only ever one short line of the inviter's name: a name must not add its own text to the mail.
        "inviter_name": single_line(invited_by.display_name),
    }
    subject = render_to_string("members/email/invitation_subject.txt", context).strip()
    body = render_to_string("members/email/invitation_body.txt", context)
    email = invitation.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    if limited:
        _invitation_count(email=email, invited_by=invited_by)


def _lock_open_invitation(invitation: Invitation) -> Invitation:
    """The invitation, locked; refused with a message once it is used or withdrawn (a stale list)."""
    invitation = Invitation.objects.select_for_update().select_related("community").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("The invitation to %(email)s has already been accepted.") % {"email": invitation.email}
        )
    if invitation.revoked_at is not None:
        raise ValidationError(
            _("The invitation to %(email)s has already been withdrawn.") % {"email": invitation.email}
        )
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, invited_by: User, base_url: str) -> Invitation:
    """Send an open (or expired) invitation again, with a new link valid for INVITATION_VALID_DAYS;
    the old link stops working. The same limits as for a new invitation apply."""
    invitation = _lock_open_invitation(invitation)
    _invitation_check_limits(email=invitation.email, invited_by=invited_by)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash_token(token)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS)
    invitation.sent_count += 1
    invitation.save(update_fields=["token_hash", "expires_at", "sent_count"])
    _invitation_mail(invitation, token=token, invited_by=invited_by, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Withdraw an invitation: its link no longer lets anyone join."""
    invitation = _lock_open_invitation(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def community_found(
    *,
    founder: User,
    name: str,
    slug: str,
    description: str = "",
    invitees=(),
    base_url: str,
    **fields,
) -> Community:
    """Found a community: the founder is its first coordinator and each of `invitees` (users who
    asked for it, so without the invitation limits) is invited by e-mail. `fields` are further
    Community fields (parent, origin_topic, inherited defaults). Used by a spin-off (topics) and by
    a partner search (network)."""
    slug = (slug or "").strip().lower()
    if Community.objects.filter(slug=slug).exists():
        raise ValidationError(
            _("The short name “%(slug)s” is already taken; please choose another one.") % {"slug": slug}
        )
    community = Community(
        name=(name or "").strip(), slug=slug, description=(description or "").strip(), **fields
    )
    community.full_clean()
    community.save()
    coordinator = Membership(
        community=community,
        user=founder,
        role=Membership.Role.COORDINATOR,
        status=Membership.Status.ACTIVE,
        joined_at=timezone.now(),
    )
    coordinator.full_clean()
    coordinator.save()
    for invitee in sorted({user for user in invitees if user.pk != founder.pk}, key=lambda user: user.pk):
        invitation_send(
            community=community, email=invitee.email, invited_by=founder, base_url=base_url, limited=False
        )
    return community


def invitation_by_token(token: str) -> Invitation | None:
    invitation = invitation_of_token(token)
    return invitation if invitation and invitation.is_usable else None


def invitation_of_token(token: str) -> Invitation | None:
    """The invitation of a link, usable or not (to say why a link no longer works)."""
    return Invitation.objects.select_related("community").filter(token_hash=_hash_token(token)).first()


def usable_invitation_for_email(email: str, invitation_id: int | None) -> Invitation | None:
    if not invitation_id:
        return None
    invitation = Invitation.objects.filter(pk=invitation_id, email=normalise_email(email)).first()
    return invitation if invitation and invitation.is_usable else None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invited person joins; only an account with the invited address may accept."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn by the community's coordinators."))
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has already been used or has expired."))
    if normalise_email(user.email) != normalise_email(invitation.email):
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    membership = Membership.objects.filter(community=invitation.community, user=user).first()
    if membership is None or membership.status != Membership.Status.ACTIVE:
        if membership is not None and membership.status != Membership.Status.LEFT:
            membership.status = Membership.Status.LEFT
            membership.save(update_fields=["status"])
        membership = membership_join(community=invitation.community, user=user, invited=True)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


# --- Profiles and account deletion (DSGVO) ---------------------------------------------------

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "job_title",
    "department",
    "expertise",
    "bio",
    "phone",
    "is_listed",
    "show_email",
    "show_phone",
)

# Other apps add what they must erase when an account is deleted (calendar feed tokens, …):
# `register_account_deletion_step(function)`; each function is called as `function(user=user)`
# inside the deletion's transaction, before the user row is anonymised.
_ACCOUNT_DELETION_STEPS = []


def register_account_deletion_step(function) -> None:
    if function not in _ACCOUNT_DELETION_STEPS:
        _ACCOUNT_DELETION_STEPS.append(function)


@transaction.atomic
def user_update_profile(*, user: User, data: dict) -> User:
    """Change one's own profile and privacy settings; the organisation is not among them."""
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = [field for field in PROFILE_FIELDS if field in data]
    for field in changed:
        setattr(user, field, data[field])
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    return user


@transaction.atomic
def user_delete_account(*, user: User) -> User:
    """Delete an account in the DSGVO sense (Art. 17).

    The row stays so that meetings, topics and agenda items keep an author, shown as
    "Ehemaliges Mitglied"; everything that identifies the person is removed. The last coordinator
    of a community with other members is refused (the community would be left unmanaged). The
    caller logs the person out of the current request. What happens to each row about the person
    (tests/directory/test_personal_data_walk.py holds every model pointing at the user to it):

    - members.User: name, e-mail (deleted-<id>@invalid), organisation, profile, password, staff
      rights, groups and permissions are cleared; the row stays as "Ehemaliges Mitglied".
    - members.Membership: kept as left (role member, out of the rotation, message cleared): the
      community's history of who belonged when, without a name.
    - members.Invitation: those sent *to* any of the person's addresses (primary and secondary)
      are deleted; those the person sent stay (the invitee's data), attributed to the former member.
    - allauth EmailAddress, SocialAccount (with its tokens), mfa Authenticator: deleted.
    - sessions: deleted (database sessions); others are refused by the changed session hash.
    - admin LogEntry: entries about the person's row and entries naming them (name or address in
      object_repr / change_message) are anonymised; entries the person made as staff stay.
    - meetings (registered steps, meetings/export.py): upcoming facilitations are handed on;
      RSVPs to meetings still to come and declined facilitations are deleted; past attendance,
      past facilitations, agenda items proposed or presented and changes of the minutes stay as
      the meetings' record, attributed to "Ehemaliges Mitglied".
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    user = User.objects.select_for_update().get(pk=user.pk)
    _refuse_if_last_coordinator(user)
    old_email = user.email
    for step in _ACCOUNT_DELETION_STEPS:
        step(user=user)

    memberships = Membership.objects.filter(user=user)
    community_ids = list(memberships.values_list("community_id", flat=True))
    memberships.update(
        status=Membership.Status.LEFT, role=Membership.Role.MEMBER, in_rotation=False, message=""
    )
    for community_id in community_ids:  # an update sends no signal (members/invalidation.py)
        selectors.forget_member_counts(community_id)
        transaction.on_commit(partial(selectors.forget_member_counts, community_id))
    addresses = {old_email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    _admin_log_anonymise(user, names=[user.get_full_name().strip(), *sorted(addresses)])
    invited = Q()
    for address in addresses:
        invited |= Q(email__iexact=address)
    Invitation.objects.filter(invited).delete()
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()  # its tokens go with it (cascade)
    Authenticator.objects.filter(user=user).delete()

    user.first_name = ""
    user.last_name = ""
    user.email = f"deleted-{user.pk}@invalid"
    user.organisation = None
    user.job_title = ""
    user.department = ""
    user.expertise = ""
    user.bio = ""
    user.phone = ""
    user.is_listed = False
    user.show_email = False
    user.show_phone = False
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    # "@invalid" is reserved (RFC 2606) and so fails EmailValidator on purpose: never deliverable.
    user.full_clean(exclude=["email", "password"])
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _sessions_delete(user)
    return user


def _admin_log_anonymise(user: User, *, names: list[str]) -> None:
    """Admin log entries about the person: their name and addresses become "former member".

    The log keeps what was done and when (accountability of the site coordinators); entries of the
    person's own row, and any entry whose text names them (e.g. a membership "Erika – PE"), lose
    the name. Entries the person wrote as staff stay, attributed to the anonymised row.
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    names = [name for name in names if name]
    former = _("Former member")  # stored text: in the language of the deletion, as the site shows it
    user_type = ContentType.objects.get_for_model(User)
    mentions = Q(content_type=user_type, object_id=str(user.pk))
    for name in names:
        mentions |= Q(object_repr__icontains=name) | Q(change_message__icontains=name)
    for entry in LogEntry.objects.filter(mentions):
        if entry.content_type_id == user_type.pk and entry.object_id == str(user.pk):
            entry.object_repr = former
        for name in names:
            entry.object_repr = _replace_ignoring_case(entry.object_repr, name, former)
            entry.change_message = _replace_ignoring_case(entry.change_message, name, former)
        entry.save(update_fields=["object_repr", "change_message"])


def _replace_ignoring_case(text: str, old: str, new: str) -> str:
    return re.sub(re.escape(old), new, text, flags=re.IGNORECASE)


def _refuse_if_last_coordinator(user: User) -> None:
    """Refuse the deletion while a community the user coordinates would be left without coordinator.

    Only communities with other active members count: with nobody to hand over to, the person may
    still go. The communities are locked in a fixed order (as in membership_leave), so that two
    coordinators deleting their accounts at the same moment cannot both succeed.
    """
    coordinated = Membership.objects.coordinators().filter(user=user).values("community_id")
    communities = list(Community.objects.select_for_update().filter(pk__in=coordinated).order_by("pk"))
    stranded = [
        community.name
        for community in communities
        if not _other_coordinator_remains(community_id=community.pk, user_id=user.pk)
        and Membership.objects.active().filter(community=community).exclude(user=user).exists()
    ]
    if stranded:
        raise ValidationError(
            _(
                "You are the only coordinator of %(communities)s. Please make someone else coordinator "
                "there before you delete your account."
            )
            % {"communities": ", ".join(stranded)}
        )


def _sessions_delete(user: User) -> None:
    """Delete the user's stored sessions.

    The unusable password changes the session hash, so every session of the user is refused
    on its next request anyway; for database sessions we also remove the rows. Sessions carry
    no index by user, so this reads the unexpired ones: acceptable for a rare, explicit action.
    """
    from django.conf import settings
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return
    user_id = str(user.pk)
    stale = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]
    Session.objects.filter(pk__in=stale).delete()
