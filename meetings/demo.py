"""Demo data for meetings: a believable history and the next meetings with agendas in progress.

Run by `manage.py demo_data` after the members' sections (see cop/demo.py for the conventions);
the tables (histories, next agendas, answers) live in meetings/demo_data.py.

- Past meetings are written directly: the services rightly refuse to plan or hold a meeting in the
  past. They still follow the rotation rule: each goes to whoever meetings.rotation proposes from the
  pool of that day (members who had joined by then), so a coordinator's next planning run continues
  the same fair order. Every row is validated with full_clean() before it is written.
- The next meetings, their agendas and RSVPs go through the services (meeting_plan_next,
  agenda_item_propose, ...), as a coordinator's and members' clicks would.
- Idempotent per community: a community that has any meeting is left alone, so a second run, or
  meetings an operator planned or edited, change nothing.
- Benchmark clusters (`--scale N`): a few meetings per cluster community, bulk-created per chunk,
  their facilitators chosen by meetings.rotation as well.
- `sequence` stays at its default: calendars have seen none of these meetings change.
"""

import datetime
from collections import defaultdict
from functools import lru_cache
from itertools import islice

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cop.demo import DemoContext
from members.demo_data import (
    DIGITALE_VERWALTUNG,
    PERSONALENTWICKLUNG,
    WORKING_OUT_LOUD,
    cluster_community_slugs,
)
from members.models import Community, Membership

from . import cadence
from .demo_data import (
    ACCEPTED,
    ANSWERS,
    CLUSTER_PAST,
    CLUSTER_UPCOMING,
    DIGITALE_VERWALTUNG_HISTORY,
    DIGITALE_VERWALTUNG_NEXT,
    DIGITALE_VERWALTUNG_RSVPS,
    DONE,
    PERSONALENTWICKLUNG_HISTORY,
    PERSONALENTWICKLUNG_NEXT,
    PERSONALENTWICKLUNG_RSVPS,
    PROPOSED,
    WORKING_OUT_LOUD_CADENCE,
    WORKING_OUT_LOUD_HISTORY,
    WORKING_OUT_LOUD_NEXT,
    WORKING_OUT_LOUD_RSVPS,
    YES,
    Item,
    Kind,
    Past,
)
from .models import AgendaItem, Attendance, Meeting, MinutesRevision
from .rotation import Rotation, rotation_pool
from .services import (
    CADENCE_FIELDS,
    agenda_item_accept,
    agenda_item_propose,
    attendance_respond,
    community_cadence_update,
    default_title,
    facilitator_accept,
    meeting_plan_next,
)

# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------


def _today(ctx: DemoContext) -> datetime.date:
    return timezone.localdate(ctx.now, timezone=cadence.BERLIN)


@lru_cache(maxsize=1024)  # the cluster communities share a few rules
def _cadence_dates(
    *,
    months: int,
    week: int,
    weekday: int,
    start_time: datetime.time,
    today: datetime.date,
    past: int,
    upcoming: int,
) -> tuple[tuple[datetime.datetime, ...], tuple[datetime.datetime, ...]]:
    """The last `past` dates of the community's rule before today and the next `upcoming` after it.

    Both lie on one series (every `months` months), which ends with the first matching date after
    today, so meeting_plan_next, anchored to the latest past date, continues the same series.
    """
    rule = {"week": week, "weekday": weekday, "start_time": start_time}
    first = cadence.first_date_after(after=today, **rule)
    start = cadence.first_of_month(first.date()) - relativedelta(months=months * (past + 1))
    dates = list(islice(cadence.series(months=months, first_month=start, **rule), past + 1 + upcoming))
    before = [day for day in dates if day.date() < today]
    after = [day for day in dates if day.date() > today]
    return tuple(before[-past:] if past else ()), tuple(after[:upcoming])


def _community_dates(community: Community, today: datetime.date, *, past: int, upcoming: int = 0):
    return _cadence_dates(
        months=community.cadence_months,
        week=community.cadence_week,
        weekday=community.cadence_weekday,
        start_time=community.meeting_start_time,
        today=today,
        past=past,
        upcoming=upcoming,
    )


# ---------------------------------------------------------------------------------------------
# The hand-written communities
# ---------------------------------------------------------------------------------------------


def _active_members(community: Community) -> dict[str, Membership]:
    memberships = (
        Membership.objects.active()
        .filter(community=community)
        .select_related("user", "user__organisation")
        .order_by("joined_at", "pk")
    )
    return {membership.user.email: membership for membership in memberships}


def _past_turns(community: Community, dates: list[datetime.datetime], members: dict[str, Membership]):
    """The rotation's choice for each past date among the pool members who had joined by then.

    Returns [(starts_at, turn)] for the dates someone was there for, and the turn due after them.
    """
    rotation = Rotation(community)
    joined = {m.user_id: m.joined_at for m in members.values()}
    turns = []
    for starts_at in dates:
        not_yet = [user_id for user_id, at in joined.items() if at is None or at > starts_at]
        turn = rotation.propose(exclude=not_yet)
        if turn is None:
            continue
        rotation.record(user=turn.user, when=starts_at, organisation=turn.organisation)
        turns.append((starts_at, turn))
    return turns, rotation.propose()


def _attendances(meeting: Meeting, members: dict[str, Membership], index: int, present: set[int]):
    rows = []
    for position, membership in enumerate(members.values()):
        if membership.joined_at is None or membership.joined_at > meeting.starts_at:
            continue
        response, attended = ANSWERS[(position + 3 * index) % len(ANSWERS)]
        if membership.user_id in present:
            response, attended = YES, True
        rows.append(Attendance(meeting=meeting, user=membership.user, response=response, attended=attended))
    return rows


def _minutes(past: Past, *, facilitator: str, present: int, names: dict[str, str]) -> str:
    # Each item's outcome is shown with the agenda; the minutes sum up and record what follows.
    lines = [f"**Moderation:** {facilitator} · **Anwesend:** {present} Personen", "", "## Besprochen", ""]
    lines += [past.summary.format(**names), "", "## Beschlüsse", ""]
    lines += [f"- {text.format(**names)}" for text in past.decisions]
    lines += ["", "## Nächste Schritte", ""]
    lines += [f"- {text.format(**names)}" for text in past.next_steps]
    return "\n".join(lines)


def _write_history(
    ctx: DemoContext,
    community: Community,
    history: list[Past],
    members,
    *,
    location=None,
    draft_last: bool = False,
):
    """The community's past meetings, each held, with agenda, outcomes, attendance and minutes.

    The minutes are published, except those of the most recent meeting when `draft_last`: the
    facilitator is still writing them.
    """
    dates, _ = _community_dates(community, _today(ctx), past=len(history))
    turns, due = _past_turns(community, dates, members)
    history = history[len(history) - len(turns) :]
    by_organisation = community.rotation_mode == Community.RotationMode.ORGANISATION
    meetings = []
    for index, ((starts_at, turn), past) in enumerate(zip(turns, history, strict=True)):
        following = turns[index + 1][1] if index + 1 < len(turns) else due
        host = turn.organisation if by_organisation else turn.user.organisation
        names = {
            "facilitator": turn.user.display_name,
            "next": following.user.display_name if following else "offen",
            "host": following.organisation.name if following and following.organisation else "offen",
        }
        meeting = Meeting(
            community=community,
            title=default_title(community=community, starts_at=starts_at),
            starts_at=starts_at,
            ends_at=cadence.end_after(starts_at, community.meeting_duration_minutes),
            format=community.meeting_format,
            location=location(host) if location and host else community.meeting_location,
            video_url=community.video_url,
            host_organisation=host,
            facilitator=turn.user,
            facilitator_confirmed=True,
            status=Meeting.Status.HELD,
            slot=starts_at.date(),
        )
        people = {turn.user.pk} | {
            members[item.presenter].user_id for item in past.items if item.presenter in members
        }
        attendances = _attendances(meeting, members, index, people)
        meeting.minutes = _minutes(
            past,
            facilitator=turn.user.display_name,
            present=sum(1 for row in attendances if row.attended),
            names=names,
        )
        meeting.minutes_confidential = past.confidential
        if not (draft_last and index == len(turns) - 1):
            meeting.minutes_published_at = _recorded(ctx, meeting)
        meeting.full_clean()
        meeting.save()
        items = []
        for position, spec in enumerate(past.items, start=1):
            proposer = members.get(spec.by)
            presenter = members.get(spec.presenter)
            item = AgendaItem(
                meeting=meeting,
                position=position,
                title=spec.title,
                description=spec.description,
                kind=spec.kind,
                duration_minutes=spec.minutes,
                proposed_by=proposer.user if proposer else turn.user,
                presenter=presenter.user if presenter else None,
                status=spec.status,
                outcome=spec.outcome.format(**names),
            )
            item.full_clean()
            items.append(item)
        AgendaItem.objects.bulk_create(items)
        for row in attendances:
            row.meeting = meeting
            # Meeting and member were just read or written, and the database checks the constraints
            # itself: full_clean() would cost queries per answer (tens of thousands at --scale 6250).
            row.clean_fields(exclude=["meeting", "user"])
            row.clean()
        Attendance.objects.bulk_create(attendances)
        meetings.append(meeting)
    _backdate(ctx, meetings, months=community.cadence_months)
    return meetings


def _recorded(ctx: DemoContext, meeting: Meeting) -> datetime.datetime:
    """When the minutes were finished: two days after the meeting (never in the future)."""
    return min(meeting.starts_at + datetime.timedelta(days=2), ctx.now)


def _minutes_revisions(ctx: DemoContext, meeting: Meeting, editor_id: int | None) -> list[MinutesRevision]:
    """The change record of demo minutes: a first draft the day after, then the publication."""
    drafted = min(meeting.starts_at + datetime.timedelta(days=1), ctx.now)
    rows = [MinutesRevision(meeting_id=meeting.pk, editor_id=editor_id, created_at=drafted, published=False)]
    if meeting.minutes_published_at is not None:
        rows.append(
            MinutesRevision(
                meeting_id=meeting.pk,
                editor_id=editor_id,
                created_at=meeting.minutes_published_at,
                published=True,
            )
        )
    return rows


def _backdate(ctx: DemoContext, meetings: list[Meeting], *, months: int) -> None:
    """Give the history believable timestamps: planned a cadence ahead, minutes written two days after."""
    MinutesRevision.objects.bulk_create(
        [row for meeting in meetings for row in _minutes_revisions(ctx, meeting, meeting.facilitator_id)]
    )
    for meeting in meetings:
        planned = meeting.starts_at - relativedelta(months=months)
        recorded = _recorded(ctx, meeting)
        meeting.created_at, meeting.updated_at = planned, recorded
        AgendaItem.objects.filter(meeting=meeting).update(
            created_at=planned + datetime.timedelta(days=7), updated_at=recorded
        )
        Attendance.objects.filter(meeting=meeting).update(updated_at=recorded)
    Meeting.objects.bulk_update(meetings, ["created_at", "updated_at"])


def _prepare_next(meeting: Meeting, members: dict[str, Membership], agenda: list[Item], rsvps: dict) -> None:
    """The next meeting's agenda in progress and the first answers, through the services."""
    facilitator = meeting.facilitator
    if facilitator is not None:
        attendance_respond(meeting=meeting, user=facilitator, response=YES)
    for spec in agenda:
        proposer = members.get(spec.by).user if spec.by in members else facilitator
        if proposer is None:
            continue
        presenter = members.get(spec.presenter)
        item = agenda_item_propose(
            meeting=meeting,
            user=proposer,
            title=spec.title,
            description=spec.description,
            kind=spec.kind,
            duration_minutes=spec.minutes,
            presenter=presenter.user if presenter else None,
        )
        if spec.status == ACCEPTED:
            agenda_item_accept(item=item)
    for response, emails in rsvps.items():
        for email in emails:
            if email in members:
                attendance_respond(meeting=meeting, user=members[email].user, response=response)


def _fill(
    ctx: DemoContext,
    slug: str,
    history: list[Past],
    agenda: list[Item],
    rsvps: dict,
    *,
    accept_next: bool = False,
    location=None,
    draft_last: bool = False,
) -> None:
    """History, planning and the next agenda of one community, unless it has meetings already."""
    community = Community.objects.filter(slug=slug).first()
    if community is None or Meeting.objects.filter(community=community).exists():
        return
    members = _active_members(community)
    _write_history(ctx, community, history, members, location=location, draft_last=draft_last)
    planned = meeting_plan_next(community=community, today=_today(ctx))
    if planned:
        upcoming = planned[0]
        if accept_next and upcoming.facilitator is not None:
            upcoming = facilitator_accept(meeting=upcoming, user=upcoming.facilitator)
        _prepare_next(upcoming, members, agenda, rsvps)


def demo_meetings(ctx: DemoContext) -> None:
    """Personalentwicklung, Working Out Loud and Digitale Verwaltung: history, plan, next agenda."""
    _fill(
        ctx,
        PERSONALENTWICKLUNG,
        PERSONALENTWICKLUNG_HISTORY,
        PERSONALENTWICKLUNG_NEXT,
        PERSONALENTWICKLUNG_RSVPS,
        accept_next=True,
        draft_last=True,
    )

    spin_off = Community.objects.filter(slug=WORKING_OUT_LOUD).first()
    if spin_off is not None and not Meeting.objects.filter(community=spin_off).exists():
        defaults = {name: Community._meta.get_field(name).get_default() for name in WORKING_OUT_LOUD_CADENCE}
        if all(getattr(spin_off, name) == value for name, value in defaults.items()):
            community_cadence_update(community=spin_off, **WORKING_OUT_LOUD_CADENCE)
    _fill(ctx, WORKING_OUT_LOUD, WORKING_OUT_LOUD_HISTORY, WORKING_OUT_LOUD_NEXT, WORKING_OUT_LOUD_RSVPS)

    _fill(
        ctx,
        DIGITALE_VERWALTUNG,
        DIGITALE_VERWALTUNG_HISTORY,
        DIGITALE_VERWALTUNG_NEXT,
        DIGITALE_VERWALTUNG_RSVPS,
        location=lambda host: f"Gastgeber: {host.name}; Einwahl für alle möglich",
    )


# ---------------------------------------------------------------------------------------------
# Benchmark clusters
# ---------------------------------------------------------------------------------------------


def _cluster_meetings(community: Community, rotation: Rotation, today: datetime.date, now) -> list[Meeting]:
    """Two held and two planned meetings, each facilitated by whom the rotation proposes."""
    past, upcoming = _community_dates(community, today, past=CLUSTER_PAST, upcoming=CLUSTER_UPCOMING)
    meetings = []
    for index, starts_at in enumerate(past + upcoming):
        turn = rotation.propose()
        if turn is None:
            break
        rotation.record(user=turn.user, when=starts_at, organisation=turn.organisation)
        held = index < len(past)
        host = turn.organisation if rotation.by_organisation else turn.user.organisation
        meetings.append(
            Meeting(
                community=community,
                title=default_title(community=community, starts_at=starts_at),
                starts_at=starts_at,
                ends_at=cadence.end_after(starts_at, community.meeting_duration_minutes),
                format=community.meeting_format,
                location=community.meeting_location,
                video_url=community.video_url,
                host_organisation=host if held else None,
                facilitator=turn.user,
                facilitator_confirmed=held,
                status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
                minutes=(
                    f"## Besprochen\n\n- Erfahrungen aus den Häusern zum Thema {community.name} "
                    "ausgetauscht.\n\n## Beschlüsse\n\n- Wir bleiben beim bisherigen Rhythmus."
                )
                if held
                else "",
                minutes_published_at=min(starts_at + datetime.timedelta(days=2), now) if held else None,
                slot=starts_at.date(),
            )
        )
    return meetings


def _cluster_rows(meeting: Meeting, people: list[int], index: int):
    """A held meeting's done agenda and everyone's answer; a planned one's agenda in progress."""
    facilitator = meeting.facilitator_id
    other = people[(people.index(facilitator) + 1) % len(people)]
    if meeting.status == Meeting.Status.HELD:
        items = [
            AgendaItem(
                meeting=meeting,
                position=position,
                title=title,
                kind=kind,
                duration_minutes=minutes,
                proposed_by_id=proposer,
                status=DONE,
                outcome=outcome,
            )
            for position, (title, kind, minutes, proposer, outcome) in enumerate(
                [
                    ("Check-in", Kind.CHECKIN, 15, facilitator, "Kurze Runde."),
                    (
                        "Erfahrungsaustausch",
                        Kind.DISCUSSION,
                        60,
                        other,
                        "Beispiele aus drei Häusern gesammelt.",
                    ),
                    ("Retrospektive", Kind.RETROSPECTIVE, 15, facilitator, "Gut: konkrete Beispiele."),
                ],
                start=1,
            )
        ]
        attendances = [
            Attendance(
                meeting=meeting,
                user_id=user_id,
                response=YES,
                attended=(position + index) % 5 != 0 or user_id == facilitator,
            )
            for position, user_id in enumerate(people)
        ]
    else:
        items = [
            AgendaItem(
                meeting=meeting,
                position=1,
                title="Check-in",
                kind=Kind.CHECKIN,
                duration_minutes=15,
                proposed_by_id=facilitator,
                status=ACCEPTED,
            ),
            AgendaItem(
                meeting=meeting,
                position=2,
                title="Erfahrungsaustausch",
                kind=Kind.DISCUSSION,
                duration_minutes=45,
                proposed_by_id=other,
                status=PROPOSED,
            ),
        ]
        attendances = [Attendance(meeting=meeting, user_id=other, response=YES)]
    return items, attendances


def demo_cluster_meetings(ctx: DemoContext) -> None:
    """Per cluster community two held and two planned meetings, bulk-created chunk by chunk.

    Each chunk reads its communities' rotation pools in one query and lets meetings.rotation choose
    every facilitator, so a coordinator's next planning run continues the same order.
    """
    today = _today(ctx)
    for chunk in ctx.cluster_chunks("Meetings"):
        slugs = [slug for k in chunk for slug in cluster_community_slugs(k)]
        communities = list(
            Community.objects.filter(slug__in=slugs)
            .exclude(Exists(Meeting.objects.filter(community=OuterRef("pk"))))
            .only("id", "slug", "name", *CADENCE_FIELDS)
            .order_by("pk")
        )
        if not communities:
            continue
        pools = defaultdict(list)
        for membership in rotation_pool(communities).order_by("joined_at", "pk"):
            pools[membership.community_id].append(membership)
        meetings = []
        for community in communities:
            pool = pools[community.pk]
            rotation = Rotation(community, pool=pool, history=())
            meetings += _cluster_meetings(community, rotation, today, ctx.now)
        Meeting.objects.bulk_create(meetings)

        items, attendances, revisions, index = [], [], [], {}
        for meeting in meetings:
            position = index[meeting.community_id] = index.get(meeting.community_id, -1) + 1
            people = [membership.user_id for membership in pools[meeting.community_id]]
            more_items, more_attendances = _cluster_rows(meeting, people, position)
            items += more_items
            attendances += more_attendances
            if meeting.minutes_published_at is not None:
                revisions += _minutes_revisions(ctx, meeting, meeting.facilitator_id)
        AgendaItem.objects.bulk_create(items)
        Attendance.objects.bulk_create(attendances)
        MinutesRevision.objects.bulk_create(revisions)


SECTIONS = [demo_meetings, demo_cluster_meetings]
