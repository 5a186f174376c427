"""The main pages, per role, that the screen tests visit on the demo data (scale 1).

`tests/browser/test_screens.py` opens each at 390 px and 1280 px (no sideways scrolling, no button
outside the screen, axe-core), `tests/screens/test_valid_html.py` checks each with the Nu HTML
checker. Add a page by adding a row to `PAGES`: a name, a path whose `{placeholders}` are the
fields of `Targets`, and the roles that see it (each must get 200 there).
"""

from dataclasses import dataclass, field
from io import StringIO

from django.conf import settings
from django.core.management import call_command

VISITOR, NEWCOMER, MEMBER, FACILITATOR, COORDINATOR, STAFF = (
    "visitor",
    "newcomer",
    "member",
    "facilitator",
    "coordinator",
    "staff",
)
ROLES = (VISITOR, NEWCOMER, MEMBER, FACILITATOR, COORDINATOR, STAFF)
SIGNED_IN = ROLES[1:]
# Active members of the community (the site coordinator is one too in the demo data).
MEMBERS = (MEMBER, FACILITATOR, COORDINATOR, STAFF)
ORGANISERS = (FACILITATOR, COORDINATOR, STAFF)
MANAGERS = (COORDINATOR, STAFF)


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    roles: tuple[str, ...] = ROLES


PAGES = [
    Page("landing / dashboard", "/"),
    Page("communities", "/communities/"),
    Page("community page", "/communities/{community}/"),
    # The site coordinator does not belong to the spin-off: "manage" without being a member.
    Page("spin-off page", "/communities/{spin_off}/"),
    Page("members of the community", "/communities/{community}/members/", SIGNED_IN),
    Page("manage page", "/communities/{community}/manage/", MANAGERS),
    Page("manage page, a request waits", "/communities/{approval_community}/manage/", (STAFF,)),
    Page("manage page, full, with a waitlist", "/communities/{full_community}/manage/", (STAFF,)),
    Page("community page, full, secret", "/communities/{full_community}/", (STAFF,)),
    Page("community settings", "/communities/{community}/manage/settings/", MANAGERS),
    Page("invitations", "/communities/{community}/manage/invitations/", MANAGERS),
    Page("found a spin-off", "/communities/{community}/spin-off/", MANAGERS),
    Page("meetings of the community", "/communities/{community}/meetings/"),
    Page("meeting page, the next", "/meetings/{meeting}/"),
    Page("meeting page, a past one", "/meetings/{past_meeting}/"),
    Page("agenda item form", "/meetings/{meeting}/items/new/", MEMBERS),
    Page("meeting form", "/meetings/{meeting}/edit/", ORGANISERS),
    Page("minutes form", "/meetings/{meeting}/minutes/", ORGANISERS),
    Page("minutes form, a past meeting", "/meetings/{past_meeting}/minutes/", MANAGERS),
    Page("time box of an agenda item", "/meetings/{meeting}/items/{item}/timebox/", ORGANISERS),
    Page("Lean Coffee of a held meeting", "/meetings/{lean_meeting}/lean-coffee/{lean_item}/", MEMBERS),
    Page("topic board", "/communities/{community}/topics/", SIGNED_IN),
    Page("topic page", "/topics/{topic}/", SIGNED_IN),
    Page("topic form", "/communities/{community}/topics/new/", MEMBERS),
    Page("calls for partners", "/network/", SIGNED_IN),
    Page("a call for partners", "/network/{call}/", SIGNED_IN),
    Page("new call for partners", "/network/new/", SIGNED_IN),
    Page("directory", "/members/", SIGNED_IN),
    Page("profile", "/members/{profile}/", SIGNED_IN),
    Page("organisations", "/organisations/", SIGNED_IN),
    Page("organisation", "/organisations/{organisation}/", SIGNED_IN),
    Page("my profile", "/me/", SIGNED_IN),
    Page("my data export", "/me/export/", SIGNED_IN),
    Page("my notifications", "/me/notifications/", SIGNED_IN),
    Page("calendar links", "/calendar/", SIGNED_IN),
    Page("account e-mail", "/accounts/email/", SIGNED_IN),
    Page("sign in", "/accounts/login/", (VISITOR,)),
    Page("sign up", "/accounts/signup/", (VISITOR,)),
    Page("admin index", "/admin/", (STAFF,)),
]


@dataclass
class Targets:
    community: str
    spin_off: str
    approval_community: str
    full_community: str
    meeting: int
    past_meeting: int
    topic: int
    item: int
    lean_meeting: int
    lean_item: int
    call: int
    profile: int
    organisation: str
    users: dict = field(default_factory=dict)  # role -> User (no visitor)


def screen_targets() -> Targets:
    """Personalentwicklung of the demo data, its next and its last meeting, one person per role."""
    from meetings.models import AgendaItem, Meeting
    from members.demo_data import (
        AYLIN,
        COMMUNITY_COORDINATOR_EMAIL,
        DIGITALE_VERWALTUNG,
        KOLLEGIALE_BERATUNG,
        NEWCOMER_EMAIL,
        PERSONALENTWICKLUNG,
        SITE_COORDINATOR_EMAIL,
        WORKING_OUT_LOUD,
    )
    from members.models import Community, User
    from network.models import PartnerSearch
    from topics.models import Topic

    community = Community.objects.get(slug=PERSONALENTWICKLUNG)
    meetings = Meeting.objects.filter(community=community).exclude(status=Meeting.Status.CANCELLED)
    meeting = meetings.upcoming().order_by("starts_at").first()
    past = meetings.filter(starts_at__lt=meeting.starts_at).order_by("-starts_at").first()
    member = User.objects.get(email=AYLIN)
    lean_coffee = AgendaItem.objects.filter(meeting__community=community, lean_coffee__isnull=False).first()
    assert meeting.facilitator not in (None, member), "the demo's next meeting needs another facilitator"
    users = {
        NEWCOMER: User.objects.get(email=NEWCOMER_EMAIL),
        MEMBER: member,
        FACILITATOR: meeting.facilitator,
        COORDINATOR: User.objects.get(email=COMMUNITY_COORDINATOR_EMAIL),
        STAFF: User.objects.get(email=SITE_COORDINATOR_EMAIL),
    }
    return Targets(
        community=community.slug,
        spin_off=WORKING_OUT_LOUD,
        approval_community=DIGITALE_VERWALTUNG,
        full_community=KOLLEGIALE_BERATUNG,
        meeting=meeting.pk,
        past_meeting=past.pk,
        topic=Topic.objects.filter(community=community).order_by("pk").first().pk,
        item=meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).order_by("position").first().pk,
        lean_meeting=lean_coffee.meeting_id,
        lean_item=lean_coffee.pk,
        call=PartnerSearch.objects.order_by("pk").first().pk,
        profile=member.pk,
        organisation=member.organisation.slug,
        users=users,
    )


def load_screens() -> tuple[Targets, dict[str, str]]:
    """The demo data, plus what it leaves empty on these pages (a calendar link per signed-in role);
    the targets and a session key per signed-in role."""
    from calendars.services import feed_token_create

    call_command("demo_data", stdout=StringIO(), stderr=StringIO())
    targets = screen_targets()
    for user in targets.users.values():
        feed_token_create(user=user, name="Outlook im Büro (Arbeitsplatzrechner)")
    return targets, role_sessions(targets)


def page_urls(targets: Targets) -> list[tuple[Page, str]]:
    values = {name: getattr(targets, name) for name in Targets.__dataclass_fields__ if name != "users"}
    return [(page, page.path.format(**values)) for page in PAGES]


def role_sessions(targets: Targets) -> dict[str, str]:
    """A session key per signed-in role (the site coordinator gets the authenticator app the admin
    asks for), made as `make bench` makes them."""
    from cop import bench

    return bench.bench_sessions(
        bench.Targets(community=targets.community, meeting=None, search="", users=targets.users)
    )


SESSION_COOKIE = settings.SESSION_COOKIE_NAME
