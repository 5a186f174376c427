"""Every write of "Vernetzt Euch!": posting, editing and closing a call, registering and withdrawing
interest, and founding the new CoP from a call.

Each function is keyword-only and atomic, validates before it saves and raises
django.core.exceptions.ValidationError with a message meant for the user. The call's row is locked
while it changes, so founding twice or registering while it is founded cannot both succeed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cop.fields import refuse_unknown_fields
from members import services as member_services
from members.models import Community, User
from notifications import hooks as notices

from .models import SEARCH_TITLE_MAX, Interest, PartnerSearch, PartnerSearchStatus

SEARCH_FIELDS = ("title", "description", "organisation")


def _lock(search: PartnerSearch) -> PartnerSearch:
    return PartnerSearch.objects.select_for_update().get(pk=search.pk)


def _clean_fields(fields: dict) -> dict:
    cleaned = {}
    for name, value in fields.items():
        value = (value or "").strip()
        if name == "title" and not value:
            raise ValidationError(_("Please name the theme of the new CoP."))
        if name == "title" and len(value) > SEARCH_TITLE_MAX:
            raise ValidationError(_("The theme can have at most 200 characters."))
        cleaned[name] = value
    return cleaned


def _refuse_unless_signed_in(user) -> None:
    if user is None or not user.is_authenticated or not user.is_active:
        raise ValidationError(_("Please sign in first."))


@transaction.atomic
def partner_search_post(
    *, user: User, title: str, description: str = "", organisation: str = ""
) -> PartnerSearch:
    """A signed-in member posts a call for partners."""
    _refuse_unless_signed_in(user)
    search = PartnerSearch(
        author=user,
        **_clean_fields({"title": title, "description": description, "organisation": organisation}),
    )
    search.full_clean()
    search.save()
    return search


@transaction.atomic
def partner_search_update(*, search: PartnerSearch, user: User, **fields) -> PartnerSearch:
    """The author changes theme, description or organisation of an open call."""
    refuse_unknown_fields("partner_search_update", fields, SEARCH_FIELDS)
    search = _lock(search)
    if not user.has_perm("network.edit_search", search):
        raise ValidationError(_("Only the author can change an open call."))
    for name, value in _clean_fields(fields).items():
        setattr(search, name, value)
    search.full_clean()
    search.save()
    return search


@transaction.atomic
def partner_search_close(*, search: PartnerSearch, user: User) -> PartnerSearch:
    """The author (or a site coordinator) closes an open call without founding a CoP."""
    search = _lock(search)
    if not search.is_open:
        raise ValidationError(_("This call is no longer open."))
    if not user.has_perm("network.close_search", search):
        raise ValidationError(_("Only the author can close this call."))
    search.status = PartnerSearchStatus.CLOSED
    search.full_clean()
    search.save(update_fields=["status", "updated_at"])
    return search


@transaction.atomic
def interest_register(*, search: PartnerSearch, user: User) -> Interest:
    """Someone would found the CoP with the author; the author hears of it by e-mail."""
    _refuse_unless_signed_in(user)
    search = _lock(search)
    if not search.is_open:
        raise ValidationError(_("This call is no longer open."))
    if search.author_id == user.pk:
        raise ValidationError(_("This is your own call."))
    if Interest.objects.filter(search=search, user=user).exists():
        raise ValidationError(_("You have already registered your interest."))
    interest = Interest(search=search, user=user)
    interest.full_clean()
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already registered your interest.")) from error
    notices.partner_interest_registered(interest)
    return interest


@transaction.atomic
def interest_withdraw(*, search: PartnerSearch, user: User) -> None:
    """Take one's interest back (possible at any time: it is one's own choice)."""
    _refuse_unless_signed_in(user)
    search = _lock(search)
    deleted, _rows = Interest.objects.filter(search=search, user_id=user.pk).delete()
    if not deleted:
        raise ValidationError(_("You have not registered your interest in this call."))


@transaction.atomic
def partner_search_found(
    *, search: PartnerSearch, user: User, name: str, slug: str, description: str = "", base_url: str
) -> Community:
    """The author founds the new CoP: they become its coordinator, everyone interested is invited,
    and the call shows "founded" with a link to it."""
    search = _lock(search)
    if search.is_founded:
        raise ValidationError(_("A CoP has already been founded from this call."))
    if not search.is_open:
        raise ValidationError(_("This call is closed; open a new one to found a CoP."))
    if not user.has_perm("network.found_community", search):
        raise ValidationError(_("Only the author of the call can found its CoP."))
    interested = User.objects.filter(partner_interests__search=search, is_active=True).order_by("pk")
    community = member_services.community_found(
        founder=user,
        name=name,
        slug=slug,
        description=description,
        invitees=list(interested),
        base_url=base_url,
    )
    search.status = PartnerSearchStatus.FOUNDED
    search.community = community
    search.full_clean()
    search.save(update_fields=["status", "community", "updated_at"])
    return community


@transaction.atomic
def network_delete_for_user(*, user: User) -> None:
    """Account deletion: the person's interests go; their open calls are closed (and stay, as
    posted by a former member)."""
    Interest.objects.filter(user=user).delete()
    PartnerSearch.objects.filter(author=user, status=PartnerSearchStatus.OPEN).update(
        status=PartnerSearchStatus.CLOSED
    )
