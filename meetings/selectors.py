"""Reads about meetings that several pages share; each runs a fixed number of queries."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from members import selectors as member_selectors
from members.models import Community, Membership, Organisation, User, confirmed_condition

from .models import AgendaItem, Attendance, Meeting, MinutesRevision

AGENDA_STATUSES = (AgendaItem.Status.ACCEPTED, AgendaItem.Status.DONE)


class AgendaEntry(NamedTuple):
    """One item of the agenda and when it is planned to start (unpacks as (item, starts_at))."""

    item: AgendaItem
    starts_at: datetime.datetime

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.item.duration_minutes)


@dataclass
class AgendaTimes:
    entries: list[AgendaEntry]
    total_minutes: int
    meeting_minutes: int

    @property
    def overrun(self) -> bool:
        """The accepted items take longer than the meeting: the page warns."""
        return self.total_minutes > self.meeting_minutes

    @property
    def overrun_minutes(self) -> int:
        return max(self.total_minutes - self.meeting_minutes, 0)

    @property
    def free_minutes(self) -> int:
        return max(self.meeting_minutes - self.total_minutes, 0)

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)


def agenda_with_times(meeting: Meeting) -> AgendaTimes:
    """The agenda (accepted items, and done ones after the meeting) with each item's planned start.

    Items follow one another from the meeting's start in agenda order. One query.
    """
    items = (
        AgendaItem.objects.filter(meeting=meeting, status__in=AGENDA_STATUSES)
        .select_related("proposed_by", "presenter")
        .order_by("position", "pk")
    )
    return _timed_agenda(meeting, items)


def _timed_agenda(meeting: Meeting, items) -> AgendaTimes:
    entries = []
    start = meeting.starts_at
    total = 0
    for item in items:
        item.meeting = meeting
        entries.append(AgendaEntry(item=item, starts_at=start))
        start += datetime.timedelta(minutes=item.duration_minutes)
        total += item.duration_minutes
    return AgendaTimes(entries=entries, total_minutes=total, meeting_minutes=meeting.duration_minutes)


def agendas_with_times(meetings) -> dict[int, AgendaTimes]:
    """agenda_with_times for many meetings in one query (calendar feeds): {meeting pk: AgendaTimes}."""
    items = {meeting.pk: [] for meeting in meetings}
    if items:
        for item in AgendaItem.objects.filter(
            meeting_id__in=list(items), status__in=AGENDA_STATUSES
        ).order_by("meeting_id", "position", "pk"):
            items[item.meeting_id].append(item)
    return {meeting.pk: _timed_agenda(meeting, items[meeting.pk]) for meeting in meetings}


def _with_list_details(queryset):
    """What a list of meetings shows besides the counts (with_item_counts): community, facilitator
    and host."""
    return queryset.select_related("community", "facilitator", "host_organisation")


def with_item_counts(meetings) -> list[Meeting]:
    """The meetings, each with `item_count`: the items on its agenda (accepted and done); one query
    for all of them (none for none). Asked apart from the list, it costs a fraction of a correlated
    count in every row's select."""
    meetings = list(meetings)
    counts = {}
    if meetings:
        counts = dict(
            AgendaItem.objects.filter(
                meeting__in=[meeting.pk for meeting in meetings], status__in=AGENDA_STATUSES
            )
            .values_list("meeting")
            .annotate(count=Count("pk"))
            .order_by()
        )
    for meeting in meetings:
        meeting.item_count = counts.get(meeting.pk, 0)
    return meetings


def meeting_for_page(queryset=None):
    """The queryset a meeting page loads its meeting from (community, facilitator and host joined)."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.select_related("community", "community__parent", "facilitator", "host_organisation")


def community_upcoming_meetings(community: Community) -> list[Meeting]:
    """The community's meetings that have not ended, soonest first, with the details of
    _with_list_details (the page adds with_item_counts); one query. Cancelled meetings stay in the
    list (the page marks them). Planning reaches a few cadences ahead, so the list stays short."""
    return list(_with_list_details(Meeting.objects.filter(community=community)).upcoming())


def community_past_meetings(community: Community):
    """The community's meetings that have ended, latest first, with the details of
    _with_list_details; a queryset, for a page of it (the page adds with_item_counts)."""
    return _with_list_details(Meeting.objects.filter(community=community)).past()


def my_meetings(user, community_ids=None):
    """Meetings of the communities in which the user is an active member: of `community_ids`, when
    the caller has read those communities already (the dashboard, from the user's memberships), a
    short list the planner looks up directly; else along the user's memberships
    (Meeting.objects.for_user)."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    if community_ids is None:
        return Meeting.objects.for_user(user)
    return Meeting.objects.filter(community_id__in=community_ids)


def my_next_meetings(user, *, limit: int = 5, community_ids=None) -> list[Meeting]:
    """The user's next meetings in their communities (not cancelled), soonest first, with community
    and facilitator (what the dashboard shows of them); one query. `community_ids`: see my_meetings."""
    if not user.is_authenticated:
        return []
    queryset = my_meetings(user, community_ids).not_cancelled().upcoming()
    return list(queryset.select_related("community", "facilitator")[:limit])


def my_facilitations(user) -> list[Meeting]:
    """Upcoming meetings the user facilitates, proposed or accepted ("you moderate on …"); one query."""
    if not user.is_authenticated:
        return []
    return list(
        Meeting.objects.for_user(user)
        .filter(facilitator=user)
        .not_cancelled()
        .upcoming()
        .select_related("community", "host_organisation")
    )


@dataclass
class FacilitationOverview:
    """The dashboard's facilitator items: what to answer, what to run, which minutes to write."""

    proposals: list[Meeting]  # proposed, not yet accepted: the next one per community
    confirmed: list[Meeting]  # accepted, upcoming
    minutes_due: list[Meeting]  # accepted, over, the minutes not published yet

    def __bool__(self):
        return bool(self.proposals or self.confirmed or self.minutes_due)


FACILITATIONS_LIMIT = 50
MINUTES_DUE_LIMIT = 5


def my_facilitation_overview(user, *, community_ids=None) -> FacilitationOverview:
    """For the dashboard: "you are proposed for …" (at most the next proposal per community),
    "you facilitate …" and "write the minutes" until they are published; two queries.
    `community_ids`: see my_meetings."""
    if not user.is_authenticated:
        return FacilitationOverview([], [], [])
    mine = (
        my_meetings(user, community_ids).filter(facilitator=user).not_cancelled().select_related("community")
    )
    proposals, confirmed, seen = [], [], set()
    for meeting in mine.upcoming()[:FACILITATIONS_LIMIT]:
        if meeting.facilitator_confirmed:
            confirmed.append(meeting)
        elif meeting.community_id not in seen:
            seen.add(meeting.community_id)
            proposals.append(meeting)
    minutes_due = list(
        mine.past().filter(facilitator_confirmed=True, minutes_published_at__isnull=True)[:MINUTES_DUE_LIMIT]
    )
    return FacilitationOverview(proposals=proposals, confirmed=confirmed, minutes_due=minutes_due)


@dataclass
class RotationOverview:
    upcoming: list[Meeting]
    history: list[Meeting]


def rotation_overview(
    community: Community, *, upcoming_limit: int = 6, history_limit: int = 12
) -> RotationOverview:
    """Who facilitates the next meetings and who facilitated the past ones, for the community page.

    upcoming: the next planned meetings (not cancelled) with facilitator and host, soonest first;
    history: past meetings that were not cancelled, latest first. Two queries, whatever the size of
    the community.
    """
    meetings = (
        Meeting.objects.filter(community=community)
        .not_cancelled()
        .select_related("facilitator", "host_organisation")
    )
    return RotationOverview(
        upcoming=list(meetings.upcoming()[:upcoming_limit]),
        history=list(meetings.past()[:history_limit]),
    )


ANSWER_NAMES_LIMIT = 50


@dataclass
class AttendanceOverview:
    """The answers to a meeting: how many said yes, maybe and no ({"yes": n, …}), who did by name
    (at most ANSWER_NAMES_LIMIT per answer, by name) and the reader's own answer ("" for none)."""

    counts: dict[str, int]
    names: dict[str, list]
    mine: str = ""


def attendance_overview(meeting: Meeting, user=None) -> AttendanceOverview:
    """The answers to `meeting` and `user`'s own (meetings.view_meeting_content: members only);
    one query, which reads each answer's count beside its first names (a window over the answers)
    and only the columns a name needs."""
    order = [F("user__last_name"), F("user__first_name"), F("user_id")]
    shown = Q(rank__lte=ANSWER_NAMES_LIMIT)
    if user is not None and user.is_authenticated:
        shown |= Q(user_id=user.pk)
    rows = (
        Attendance.objects.filter(meeting=meeting, response__in=Attendance.Response.values)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("response")], order_by=order),
            total=Window(Count("pk"), partition_by=[F("response")]),
        )
        .filter(shown)
        .order_by(*order)
        .values_list(
            "response",
            "rank",
            "total",
            "user_id",
            "user__first_name",
            "user__last_name",
            "user__is_active",
            "user__email",
        )
    )
    overview = AttendanceOverview(
        counts=dict.fromkeys(Attendance.Response.values, 0),
        names={response: [] for response in Attendance.Response.values},
    )
    for response, rank, total, user_id, first_name, last_name, is_active, email in rows:
        overview.counts[response] = total
        if rank <= ANSWER_NAMES_LIMIT:
            person = User(
                pk=user_id, first_name=first_name, last_name=last_name, is_active=is_active, email=email
            )
            overview.names[response].append(person)
        if user is not None and user_id == user.pk:
            overview.mine = response
    return overview


def default_agenda_template(meeting: Meeting) -> str:
    """ "first" for the community's first meeting (none before it that was not cancelled), else
    "regular"; one query."""
    earlier = (
        Meeting.objects.filter(community_id=meeting.community_id, starts_at__lt=meeting.starts_at)
        .not_cancelled()
        .exists()
    )
    return "regular" if earlier else "first"


def host_choices(meeting: Meeting) -> list[member_selectors.OrganisationChoice]:
    """The organisations the host may be chosen from (community_organisations), the current host
    among them; at most members.selectors.MEMBER_ORGANISATIONS_SHOWN, kept in the cache."""
    choices = list(member_selectors.community_member_organisations(meeting.community))
    host = meeting.host_organisation
    if host is not None and host.pk not in {organisation.pk for organisation in choices}:
        choices.insert(0, member_selectors.OrganisationChoice(host.pk, host.name))
    return choices


def upcoming_meetings_for_swap(meeting: Meeting) -> list[Meeting]:
    """The community's other upcoming meetings a facilitator could swap with; one query."""
    return list(
        Meeting.objects.filter(community_id=meeting.community_id)
        .exclude(pk=meeting.pk)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
        .filter(ends_at__gt=timezone.now())
        .select_related("facilitator")
        .order_by("starts_at", "pk")
    )


def community_organisations(community: Community):
    """The organisations of the community's active members, by name: who may host its meetings."""
    members = Membership.objects.active().filter(community=community).values("user__organisation_id")
    return Organisation.objects.filter(pk__in=members).order_by("name", "pk")


# --- the meeting page ------------------------------------------------------------------------------


def meeting_page(meeting: Meeting, user) -> dict:
    """Everything the meeting page and its agenda partial show to `user`, and what they may do there
    (meetings/rules.py); a constant number of queries, whatever the size of the agenda."""
    can_view_agenda = user.has_perm("meetings.view_agenda", meeting)
    can_view_content = user.has_perm("meetings.view_meeting_content", meeting)
    agenda = AgendaTimes([], 0, 0)
    others = []
    if can_view_content:
        # Insiders see the agenda and the other items (proposals, set aside): all in one query.
        items = list(
            meeting.agenda_items.select_related("proposed_by", "presenter").order_by("position", "pk")
        )
        others = [item for item in items if item.status not in AGENDA_STATUSES]
        if can_view_agenda:
            agenda = _timed_agenda(meeting, [item for item in items if item.status in AGENDA_STATUSES])
    elif can_view_agenda:
        agenda = agenda_with_times(meeting)
    for item in others:
        item.meeting = meeting  # the permission checks need no further query
        item.can_edit = user.has_perm("meetings.edit_item", item)
    can_edit_agenda = user.has_perm("meetings.edit_agenda", meeting)
    can_propose = user.has_perm("meetings.propose_item", meeting)
    can_respond = user.has_perm("meetings.respond", meeting)
    can_answer = user.has_perm("meetings.answer_facilitation", meeting)
    can_set_facilitator = user.has_perm("meetings.set_facilitator", meeting)
    can_view_minutes = user.has_perm("meetings.view_minutes", meeting)
    can_view_draft = user.has_perm("meetings.view_minutes_draft", meeting)
    can_set_host = user.has_perm("meetings.set_host", meeting)
    answers = attendance_overview(meeting, user) if can_view_content else AttendanceOverview({}, {})
    # Who may answer is a member (meetings.respond), so the overview holds their answer too.
    my_response = answers.mine if can_respond else ""
    context = {
        "meeting": meeting,
        "community": meeting.community,
        "agenda_rows": agenda.entries,
        "agenda_total": agenda.total_minutes,
        "agenda_overrun": agenda.overrun,
        "agenda_end": agenda.entries[-1].ends_at if agenda.entries else None,
        "accepted_order": ",".join(
            str(entry.item.pk) for entry in agenda.entries if entry.item.status == AgendaItem.Status.ACCEPTED
        ),
        "proposals": [item for item in others if item.status == AgendaItem.Status.PROPOSED],
        "set_aside": [item for item in others if item.status != AgendaItem.Status.PROPOSED],
        # Minutes are for insiders only: view_minutes implies view_meeting_content.
        "outcome_items": (
            [entry.item for entry in agenda.entries if entry.item.outcome] if can_view_minutes else []
        ),
        "can_view_agenda": can_view_agenda,
        "can_view_content": can_view_content,
        "can_view_facilitator": user.has_perm("meetings.view_facilitator", meeting),
        "can_edit_agenda": can_edit_agenda,
        "can_propose": can_propose,
        "can_respond": can_respond,
        "can_record": user.has_perm("meetings.record_minutes", meeting),
        "can_edit_meeting": user.has_perm("meetings.edit_meeting", meeting),
        "can_cancel": user.has_perm("meetings.cancel_meeting", meeting),
        "can_answer": can_answer,
        "can_set_facilitator": can_set_facilitator,
        "counts": answers.counts,
        "answer_names": answers.names,
        "answer_names_limit": ANSWER_NAMES_LIMIT,
        "can_set_host": can_set_host,
        "host_choices": host_choices(meeting) if can_set_host else [],
        "offer_templates": can_edit_agenda and not meeting.agenda_is_published,
        "default_template": (
            default_agenda_template(meeting) if can_edit_agenda and not meeting.agenda_is_published else ""
        ),
        "attended_count": (
            meeting.attendances.filter(attended=True).count() if meeting.is_held and can_view_content else 0
        ),
        "my_response": my_response,
        "my_response_label": Attendance.Response(my_response).label if my_response else "",
        "responses": Attendance.Response.choices,
        "swap_candidates": [],
        "can_view_minutes": can_view_minutes,
        "can_view_draft": can_view_draft,
        "can_publish_minutes": user.has_perm("meetings.publish_minutes", meeting),
        "has_begun": meeting.starts_at <= timezone.now(),
        "attendees": [],
        "minutes_revisions": [],
    }
    if can_view_minutes:
        # Deliberate queries, only for those who read the minutes: the change record and, once the
        # meeting has begun, who took part.
        context["minutes_revisions"] = minutes_revisions(meeting, limit=5 if can_view_draft else 1)
        if context["has_begun"]:
            context["attendees"] = meeting_attendees(meeting)
    if can_answer and not meeting.facilitator_confirmed:
        context["swap_candidates"] = [
            other for other in upcoming_meetings_for_swap(meeting) if other.facilitator_id
        ]
    return context


# --- minutes --------------------------------------------------------------------------------------


def minutes_revisions(meeting: Meeting, *, limit: int = 5) -> list[MinutesRevision]:
    """The latest changes of the minutes (who, when, published), newest first; one query."""
    revisions = MinutesRevision.objects.filter(meeting=meeting).select_related("editor")
    return list(revisions.order_by("-created_at", "-pk")[:limit])


def minutes_items(meeting: Meeting) -> list[AgendaItem]:
    """The items whose outcomes the minutes record (accepted and done), in agenda order; one query."""
    return list(
        AgendaItem.objects.filter(meeting=meeting, status__in=AGENDA_STATUSES).order_by("position", "pk")
    )


def attendance_to_record(meeting: Meeting) -> list[int]:
    """The ids the minutes form starts with: who is recorded as present, or, before the minutes were
    first saved, the active members who answered yes; two queries at most."""
    recorded = list(meeting.attendances.filter(attended=True).values_list("user_id", flat=True))
    if recorded or meeting.minutes_revisions.exists():
        return recorded
    return list(
        Attendance.objects.filter(meeting=meeting, response=Attendance.Response.YES)
        .filter(
            user_id__in=Membership.objects.active()
            .filter(community_id=meeting.community_id)
            .values("user_id")
        )
        .order_by("user__last_name", "user__first_name", "user_id")
        .values_list("user_id", flat=True)
    )


def meeting_attendees(meeting: Meeting) -> list:
    """Who took part (recorded with the minutes), by name; one query."""
    return [
        attendance.user
        for attendance in Attendance.objects.filter(meeting=meeting, attended=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__pk")
    ]


@dataclass(frozen=True)
class SharedMinutes:
    """The part of a meeting's minutes that may leave the meeting page (e.g. in an e-mail)."""

    text: str
    outcomes: list[tuple[str, str]]


def minutes_for_sharing(meeting: Meeting) -> SharedMinutes | None:
    """The published minutes without their confidential part, for anything that leaves the page.

    A later minutes e-mail, digest or export of the meeting takes the minutes from here and nowhere
    else: Meeting.minutes_confidential is shown on the meeting page only, to those who may read the
    minutes, and never goes into e-mails or exports of other people. None while the minutes are a
    draft. One query (the outcomes).
    """
    if not meeting.minutes_are_published:
        return None
    outcomes = (
        AgendaItem.objects.filter(meeting=meeting, status__in=AGENDA_STATUSES)
        .exclude(outcome="")
        .order_by("position", "pk")
        .values_list("title", "outcome")
    )
    return SharedMinutes(text=meeting.minutes, outcomes=list(outcomes))


# --- choosing people for a meeting ----------------------------------------------------------------
# Facilitator, presenter and attendance offer a community's people without listing every one of
# them: a community with few eligible people gets the whole list, a larger one a search that shows
# at most CHOOSER_MATCH_LIMIT matches next to who is already chosen (and, for the attendance, who
# answered yes or maybe or is recorded as present).

CHOOSER_LIST_LIMIT = 50
CHOOSER_MATCH_LIMIT = 20
CHOOSER_QUERY_MAX = 100
CHOOSER_QUERY_WORDS = 5
CHOOSER_KINDS = ("facilitator", "presenter", "attended")


@dataclass
class PeopleChoice:
    """Whom a chooser shows. `searchable`: too many for one list, so a search box and its matches."""

    people: list
    searchable: bool
    query: str = ""
    matches: int = 0
    more: bool = False  # more matches than shown: the page asks for more of the name


def chooser_query(raw) -> str:
    """The search text as used: whitespace collapsed, at most CHOOSER_QUERY_MAX characters."""
    return " ".join(str(raw or "").split())[:CHOOSER_QUERY_MAX]


def _eligible_memberships(meeting: Meeting, kind: str):
    """Active memberships of confirmed, active accounts; the rotation pool first for the facilitator."""
    order = ["user__last_name", "user__first_name", "user_id"]
    if kind == "facilitator":
        order.insert(0, "-in_rotation")
    return (
        Membership.objects.active()
        .filter(community_id=meeting.community_id, user__is_active=True)
        .filter(confirmed_condition("user_id"))
        .select_related("user", "user__organisation")
        .order_by(*order)
    )


def _chooser_order(kind: str):
    """The order of _eligible_memberships as a sort key: the rotation pool first for the facilitator."""

    def key(membership):
        user = membership.user
        name = (user.last_name, user.first_name, user.pk)
        return (not membership.in_rotation, *name) if kind == "facilitator" else name

    return key


def _attendance_start(meeting: Meeting) -> list:
    """Active members who answered yes or maybe, and who is recorded as present: where recording the
    attendance starts (services.meeting_record accepts no one else)."""
    rows = (
        Attendance.objects.filter(meeting=meeting)
        .filter(
            Q(attended=True)
            | Q(
                response__in=[Attendance.Response.YES, Attendance.Response.MAYBE],
                user_id__in=Membership.objects.active()
                .filter(community_id=meeting.community_id)
                .values("user_id"),
            )
        )
        .select_related("user", "user__organisation")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    return [row.user for row in rows]


def _with_memberships(people: list, memberships) -> None:
    rotation = {membership.user_id: membership.in_rotation for membership in memberships}
    for person in people:
        person.in_rotation = rotation.get(person.pk)


def _short_list(meeting: Meeting, eligible) -> list | None:
    """The eligible memberships with their people if there are at most CHOOSER_LIST_LIMIT, else None
    (a search instead); at most two queries, kept on `meeting` for the request, so the choosers of
    one page (facilitator, presenter) share them.

    Whether the list is short is asked from ids alone and unordered, so the database stops after
    CHOOSER_LIST_LIMIT + 1 rows instead of sorting every member of a large community, and no member
    of a long list is loaded only to be left out; each chooser puts a short list in its own order.
    """
    if "_chooser_short_list" not in meeting.__dict__:
        ids = list(eligible.order_by().values_list("pk", flat=True)[: CHOOSER_LIST_LIMIT + 1])
        short = None
        if len(ids) <= CHOOSER_LIST_LIMIT:
            short = list(eligible.order_by().filter(pk__in=ids))
        meeting.__dict__["_chooser_short_list"] = short
    return meeting.__dict__["_chooser_short_list"]


def people_choice(meeting: Meeting, *, kind: str, query: str = "", selected=()) -> PeopleChoice:
    """The people a chooser of `kind` (CHOOSER_KINDS) offers; at most four queries, however large the
    community (a short list: the ids, then the people; a long one: the ids, then the matches).
    `selected`: ids already chosen (shown and kept, if they belong to the community)."""
    selected = [pk for pk in selected if pk]
    start = _attendance_start(meeting) if kind == "attended" else []
    eligible = _eligible_memberships(meeting, kind)
    short_list = _short_list(meeting, eligible)
    searchable = short_list is None
    memberships = [] if searchable else sorted(short_list, key=_chooser_order(kind))
    shown = {person.pk for person in start}
    if not searchable:
        listed = [membership.user for membership in memberships]
        shown |= {person.pk for person in listed}
    chosen = []
    missing = [pk for pk in selected if pk not in shown]
    if missing:
        chosen = list(
            User.objects.filter(
                pk__in=missing[:CHOOSER_LIST_LIMIT], memberships__community_id=meeting.community_id
            )
            .select_related("organisation")
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
    if not searchable:
        people = _unique(start + listed + chosen)
        _with_memberships(people, memberships)
        return PeopleChoice(people=people, searchable=False)
    query = chooser_query(query)
    matches = []
    if query:
        found = eligible
        for word in query.split()[:CHOOSER_QUERY_WORDS]:
            found = found.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word))
        found = list(found[: CHOOSER_MATCH_LIMIT + 1])
        matches = [membership.user for membership in found[:CHOOSER_MATCH_LIMIT]]
        _with_memberships(matches, found)
    people = _unique(start + chosen + matches)
    return PeopleChoice(
        people=people,
        searchable=True,
        query=query,
        matches=len(matches),
        more=len(matches) == CHOOSER_MATCH_LIMIT and len(found) > CHOOSER_MATCH_LIMIT,
    )


def _unique(people: list) -> list:
    seen = set()
    result = []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result
