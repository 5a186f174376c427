"""Who facilitates next: a fair rotation over the community's rotation pool.

The pool is every *active* membership with `in_rotation=True`; people who left, wait, or opted out
are never proposed. A *turn* is a meeting of the community that is not cancelled and has the person
as facilitator, proposed or accepted.

Person order (the first difference decides):
  1. the person whose last turn is oldest; never having had a turn counts as oldest of all,
  2. then the fewest turns,
  3. then the earliest membership (`joined_at`, then the membership's primary key).

Because a fresh proposal is always the newest turn, the order is a round robin: with a stable pool
of n people, no declines and all earlier turns lying before the new meetings, every n consecutive
new meetings give each person exactly one turn (tests/meetings/test_rotation_properties.py).

Organisation mode: the hosting organisation takes its turn by the same criteria over the
organisations that have people in the pool, and the moderator is the organisation's pool member who
is due by the person order. An organisation's turn is a meeting it hosted; a meeting without a host
(e.g. planned in person mode) counts for its facilitator's organisation. A pool member without an
organisation takes such a turn on their own, so nobody drops out of the rotation.

Declines: whoever declined a meeting (FacilitatorDecline) is excluded for that meeting; in
organisation mode the same organisation names someone else first, and only when none of its people
is left does the turn pass to the next organisation.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from members.models import Community, Membership, Organisation, User

from .models import FacilitatorDecline, Meeting

_OLDEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)
_NEWEST = datetime.datetime.max.replace(tzinfo=datetime.UTC)


@dataclass
class _Person:
    user: User
    joined_at: datetime.datetime | None
    membership_pk: int
    last_turn: datetime.datetime | None = None
    turns: int = 0

    def key(self):
        return (
            self.last_turn is not None,
            self.last_turn or _OLDEST,
            self.turns,
            self.joined_at or _NEWEST,
            self.membership_pk,
        )


@dataclass
class _Host:
    """An organisation in the rotation, or a pool member without organisation standing alone."""

    organisation: Organisation | None
    people: list[_Person] = field(default_factory=list)
    last_turn: datetime.datetime | None = None
    turns: int = 0

    def key(self):
        earliest = min(person.key()[3:] for person in self.people)
        return (self.last_turn is not None, self.last_turn or _OLDEST, self.turns, *earliest)


@dataclass(frozen=True)
class Turn:
    user: User
    organisation: Organisation | None


def _host_key(*, host_organisation_id, facilitator_id, facilitator_organisation_id):
    if host_organisation_id:
        return ("organisation", host_organisation_id)
    if facilitator_organisation_id:
        return ("organisation", facilitator_organisation_id)
    if facilitator_id:
        return ("person", facilitator_id)
    return None


def _pk(value):
    return getattr(value, "pk", value)


def rotation_pool(communities) -> QuerySet[Membership]:
    """The rotation pool of the given communities (instances or primary keys), people loaded."""
    return (
        Membership.objects.active()
        .filter(
            community__in=communities,
            in_rotation=True,
            user__in=User.objects.confirmed().filter(is_active=True),
        )
        .select_related("user", "user__organisation")
    )


class Rotation:
    """The rotation state of one community, loaded with two queries and then updated in memory.

    `ignore_meeting`: a meeting being re-assigned; its current assignment is not counted as a turn.
    `pool` and `history`: the community's `rotation_pool()` and its turns as rows of (starts_at,
    facilitator id, host organisation id, facilitator's organisation id), for a caller that loaded
    them for many communities at once; each is read from the database when not given.
    """

    def __init__(
        self,
        community: Community,
        *,
        ignore_meeting: Meeting | None = None,
        pool: Iterable[Membership] | None = None,
        history: Iterable[tuple] | None = None,
    ):
        self.community = community
        self.by_organisation = community.rotation_mode == Community.RotationMode.ORGANISATION
        if pool is None:
            pool = rotation_pool([community])
        self.people: dict[int, _Person] = {}
        self.hosts: dict[tuple, _Host] = {}
        for membership in pool:
            person = _Person(
                user=membership.user, joined_at=membership.joined_at, membership_pk=membership.pk
            )
            self.people[membership.user_id] = person
            user = membership.user
            key = _host_key(
                host_organisation_id=None,
                facilitator_id=user.pk,
                facilitator_organisation_id=user.organisation_id,
            )
            host = self.hosts.setdefault(key, _Host(organisation=user.organisation))
            host.people.append(person)

        if history is None:
            meetings = Meeting.objects.filter(community=community).exclude(status=Meeting.Status.CANCELLED)
            if ignore_meeting is not None:
                meetings = meetings.exclude(pk=ignore_meeting.pk)
            history = meetings.values_list(
                "starts_at", "facilitator_id", "host_organisation_id", "facilitator__organisation_id"
            )
        for starts_at, facilitator_id, host_id, facilitator_organisation_id in history:
            self._count(
                when=starts_at,
                user_id=facilitator_id,
                host_key=_host_key(
                    host_organisation_id=host_id,
                    facilitator_id=facilitator_id,
                    facilitator_organisation_id=facilitator_organisation_id,
                ),
            )

    def _count(self, *, when, user_id, host_key):
        person = self.people.get(user_id)
        if person is not None:
            person.turns += 1
            person.last_turn = max(person.last_turn or when, when)
        host = self.hosts.get(host_key)
        if host is not None:
            host.turns += 1
            host.last_turn = max(host.last_turn or when, when)

    def record(self, *, user: User | int | None, when: datetime.datetime, organisation=None) -> None:
        """Count a turn that is not (yet) in the database, e.g. the previous proposal of a run."""
        user_id = _pk(user)
        person = self.people.get(user_id)
        organisation_id = _pk(organisation)
        if organisation_id is None and person is not None:
            organisation_id = person.user.organisation_id
        key = _host_key(
            host_organisation_id=organisation_id, facilitator_id=user_id, facilitator_organisation_id=None
        )
        self._count(when=when, user_id=user_id, host_key=key)

    def propose(self, *, exclude: Iterable = (), prefer_organisation=None) -> Turn | None:
        """The turn that is due, leaving out the `exclude`d users; None if nobody is left."""
        excluded = {_pk(user) for user in exclude}
        if not self.by_organisation:
            candidates = [person for user_id, person in self.people.items() if user_id not in excluded]
            if not candidates:
                return None
            return Turn(user=min(candidates, key=_Person.key).user, organisation=None)

        available = []
        for key, host in self.hosts.items():
            people = [person for person in host.people if person.user.pk not in excluded]
            if people:
                available.append((key, host, people))
        if not available:
            return None
        preferred = [entry for entry in available if entry[0] == ("organisation", _pk(prefer_organisation))]
        _key, host, people = preferred[0] if preferred else min(available, key=lambda entry: entry[1].key())
        return Turn(user=min(people, key=_Person.key).user, organisation=host.organisation)

    def queue(self, *, length: int | None = None, after: datetime.datetime | None = None) -> list[Turn]:
        """Who is due next, in order, assuming everyone accepts (does not change this state)."""
        length = len(self.people) if length is None else length
        simulated = Rotation.__new__(Rotation)
        simulated.community = self.community
        simulated.by_organisation = self.by_organisation
        simulated.people = {
            user_id: _Person(
                user=p.user,
                joined_at=p.joined_at,
                membership_pk=p.membership_pk,
                last_turn=p.last_turn,
                turns=p.turns,
            )
            for user_id, p in self.people.items()
        }
        simulated.hosts = {}
        for key, host in self.hosts.items():
            simulated.hosts[key] = _Host(
                organisation=host.organisation,
                people=[simulated.people[p.user.pk] for p in host.people],
                last_turn=host.last_turn,
                turns=host.turns,
            )
        latest = max(
            [p.last_turn for p in simulated.people.values() if p.last_turn]
            + [h.last_turn for h in simulated.hosts.values() if h.last_turn]
            + [after or _OLDEST]
        )
        turns = []
        for step in range(length):
            turn = simulated.propose()
            if turn is None:
                break
            turns.append(turn)
            simulated.record(
                user=turn.user,
                organisation=turn.organisation,
                when=latest + datetime.timedelta(seconds=step + 1),
            )
        return turns


def _decliners(meeting: Meeting | None) -> set[int]:
    if meeting is None or meeting.pk is None:
        return set()
    return set(FacilitatorDecline.objects.filter(meeting=meeting).values_list("user_id", flat=True))


def next_turn(
    *,
    community: Community,
    exclude: Iterable = (),
    extra_turns: Iterable[tuple] | None = None,
    meeting: Meeting | None = None,
    prefer_organisation: Organisation | None = None,
) -> Turn | None:
    """The due facilitator (and, in organisation mode, hosting organisation).

    `extra_turns`: (user, starts_at) or (user, starts_at, organisation) for turns not saved yet.
    `meeting`: the meeting the proposal is for; its decliners are excluded and its current
    assignment is not counted.
    """
    rotation = Rotation(community, ignore_meeting=meeting)
    for extra in extra_turns or ():
        user, when, *rest = extra
        rotation.record(user=user, when=when, organisation=rest[0] if rest else None)
    return rotation.propose(
        exclude={*(_pk(u) for u in exclude), *_decliners(meeting)}, prefer_organisation=prefer_organisation
    )


def next_facilitator(
    *,
    community: Community,
    exclude: Iterable = (),
    extra_turns: Iterable[tuple] | None = None,
    meeting: Meeting | None = None,
) -> User | None:
    """The pool member who is due to facilitate next (see the module docstring for the order)."""
    turn = next_turn(community=community, exclude=exclude, extra_turns=extra_turns, meeting=meeting)
    return turn.user if turn else None


def rotation_queue(*, community: Community, length: int | None = None) -> list[Turn]:
    """The next turns in order if everyone accepts: 'who is next' on the community page."""
    return Rotation(community).queue(length=length)
