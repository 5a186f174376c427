"""Demo data for topics: the CoP's themes on its board, with dot votes, one discussed, one on the
next agenda and the *Working Out Loud* spin-off grown from one of them.

Run by `manage.py demo_data` after cop's and meetings' sections (see cop/demo.py for the
conventions). Idempotent per community: a community that has any topic is left alone. Rows are
validated with full_clean() before they are written; the budget of votes per member is kept.
The next meeting's onboarding input (written by meetings' demo) is linked to its board topic.
"""

from dataclasses import dataclass

from cop.demo import (
    COMMUNITY_COORDINATOR_EMAIL,
    DIGITALE_VERWALTUNG,
    PERSONALENTWICKLUNG,
    WORKING_OUT_LOUD,
    DemoContext,
    cluster_community_slugs,
)
from meetings.models import AgendaItem
from members.models import Community, Membership, User

from .models import VOTE_HOLDING_STATUSES, Topic, TopicStatus, Vote
from .selectors import next_open_meeting

OPEN, DISCUSSED, SPUN_OFF, ARCHIVED = (
    TopicStatus.OPEN,
    TopicStatus.DISCUSSED,
    TopicStatus.SPUN_OFF,
    TopicStatus.ARCHIVED,
)
AYLIN = "aylin.probe@hannover.example"
JONAS = "jonas.muster@sw-kassel.example"
LENA = "lena.beispiel@freiburg.example"
TOBIAS = "tobias.test@muenster.example"
SOPHIE = "sophie.vorlage@swhd.example"
PAULA = "paula.probst@studieninstitut.example"
DENIZ = "deniz.beispiel@sw-muenster.example"
MIRA = "mira.exempel@kassel.example"
OLE = "ole.entwurf@muenster.example"
HANNA = "hanna.musterfrau@se-hannover.example"
KAI = "kai.platzhalter@hannover.example"
FELIX = "felix.muster@heidelberg.example"
COORDINATOR = COMMUNITY_COORDINATOR_EMAIL


@dataclass
class DemoTopic:
    title: str
    description: str
    proposer: str
    days_ago: int
    status: str = OPEN
    outcome: str = ""
    voters: tuple[str, ...] = ()


ONBOARDING = "Onboarding und Mitarbeiterbindung"

TOPICS = {
    PERSONALENTWICKLUNG: [
        DemoTopic(
            "Agiles Arbeiten in der Verwaltung",
            "Scrum, Kanban, Retrospektiven: Was davon passt zu Haushaltsrecht und Zuständigkeiten? "
            "Wer hat schon ein Pilotteam begleitet?",
            JONAS,
            200,
            voters=(AYLIN, TOBIAS, PAULA, OLE, HANNA),
        ),
        DemoTopic(
            "Digitale Lernangebote gestalten",
            "Von der Präsenzschulung zum **Blended Learning**: Formate, Werkzeuge, Erfahrungen.",
            PAULA,
            180,
            voters=(COORDINATOR, LENA, SOPHIE, MIRA),
        ),
        DemoTopic(
            "Zusammenarbeit über Fachbereiche hinweg",
            "Wie bringen wir Ämter und Eigenbetriebe an einen Tisch, ohne neue Gremien zu schaffen?",
            TOBIAS,
            170,
            voters=(JONAS, DENIZ),
        ),
        DemoTopic(
            "Konfliktmanagement im Team",
            "Moderation, Mediation, Eskalationsstufen: Was bieten wir Führungskräften an?",
            AYLIN,
            320,
            status=DISCUSSED,
            outcome="Drei Städte teilen ihre Leitfäden; Aylin sammelt sie im gemeinsamen Ordner.",
            voters=(JONAS, LENA, TOBIAS, SOPHIE, PAULA),
        ),
        DemoTopic(
            "Mobiles Arbeiten: Regeln und Erfahrungen",
            "Dienstvereinbarungen im Vergleich, Führung auf Distanz, Teamtage.",
            HANNA,
            150,
            voters=(COORDINATOR, AYLIN, MIRA, OLE),
        ),
        DemoTopic(
            "Führungskräfteentwicklung",
            "Programme für neue Führungskräfte: Module, Dauer, Kosten, Wirkung.",
            COORDINATOR,
            140,
            voters=(JONAS, TOBIAS, DENIZ, HANNA),
        ),
        DemoTopic(
            ONBOARDING,
            "Die ersten 100 Tage: Patenschaften, Willkommenstage, Feedback nach der Probezeit.",
            SOPHIE,
            120,
            voters=(COORDINATOR, LENA, PAULA, DENIZ, MIRA, OLE),
        ),
        DemoTopic(
            "Coaching als Angebot der Personalentwicklung",
            "Interne Coaches ausbilden oder extern einkaufen?",
            LENA,
            90,
            voters=(AYLIN, SOPHIE),
        ),
        DemoTopic(
            "Lernplattformen im Vergleich",
            "Moodle, ILIAS, kommerzielle Anbieter: Wer nutzt was, und wie zufrieden seid ihr?",
            DENIZ,
            60,
            voters=(PAULA, HANNA),
        ),
        DemoTopic(
            "Feedbackkultur",
            "Wie etablieren wir regelmäßiges, wertschätzendes Feedback jenseits des Jahresgesprächs?",
            MIRA,
            30,
            voters=(COORDINATOR, SOPHIE, OLE),
        ),
        DemoTopic(
            "Working Out Loud",
            "Zwölf Wochen in kleinen Circles: Netzwerke aufbauen und voneinander lernen.",
            LENA,
            400,
            status=SPUN_OFF,
            voters=(COORDINATOR, DENIZ, SOPHIE, MIRA),
        ),
        DemoTopic(
            "Gemeinsames Wissenswiki",
            "Ein Wiki für alle Mitgliedsstädte.",
            TOBIAS,
            380,
            status=ARCHIVED,
        ),
    ],
    DIGITALE_VERWALTUNG: [
        DemoTopic(
            "E-Akte einführen",
            "Erfahrungen mit Einführung, Schulung und Akzeptanz.",
            KAI,
            100,
            voters=(FELIX, SOPHIE, HANNA),
        ),
        DemoTopic(
            "KI-Assistenten im Bürgerservice",
            "Chatbots und Textassistenten: Datenschutz, Nutzen, Grenzen.",
            FELIX,
            40,
            voters=(KAI, DENIZ),
        ),
    ],
}


def _people(emails) -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__in=list(emails))}


def _active_ids(community) -> set[int]:
    return set(Membership.objects.active().filter(community=community).values_list("user_id", flat=True))


def _demo_board(ctx: DemoContext, community: Community, topics: list[DemoTopic]) -> None:
    emails = {t.proposer for t in topics} | {v for t in topics for v in t.voters}
    people = _people(emails)
    members = _active_ids(community)
    held = {}  # user id -> votes on undecided topics, to keep within the budget
    for spec in topics:
        topic = Topic(
            community=community,
            title=spec.title,
            description=spec.description,
            proposed_by=people.get(spec.proposer),
            status=spec.status,
            outcome=spec.outcome,
            created_at=ctx.days_ago(spec.days_ago),
        )
        topic.full_clean()
        topic.save()
        for days, email in enumerate(spec.voters):
            voter = people.get(email)
            if voter is None or voter.pk not in members:
                continue
            if spec.status in VOTE_HOLDING_STATUSES:
                if held.get(voter.pk, 0) >= community.votes_per_member:
                    continue
                held[voter.pk] = held.get(voter.pk, 0) + 1
            vote = Vote(topic=topic, user=voter, created_at=ctx.days_ago(max(spec.days_ago - days - 1, 0)))
            vote.full_clean()
            vote.save()
        if spec.status == SPUN_OFF:
            Community.objects.filter(slug=WORKING_OUT_LOUD, parent=community, origin_topic=None).update(
                origin_topic=topic
            )


def _link_onboarding_to_next_agenda(community: Community) -> None:
    """The next meeting's accepted onboarding input came from the board: link it, the topic is scheduled."""
    meeting = next_open_meeting(community)
    item = (
        AgendaItem.objects.filter(
            meeting=meeting, status=AgendaItem.Status.ACCEPTED, topic=None, title__icontains="Onboarding"
        ).first()
        if meeting
        else None
    )
    topic = Topic.objects.filter(community=community, title=ONBOARDING, status=OPEN).first()
    if item is None or topic is None:
        return
    item.topic = topic
    item.save(update_fields=["topic"])
    topic.status = TopicStatus.SCHEDULED
    topic.full_clean()
    topic.save(update_fields=["status", "updated_at"])


def demo_topics(ctx: DemoContext) -> None:
    for slug, topics in TOPICS.items():
        community = Community.objects.filter(slug=slug).first()
        if community is None or Topic.objects.filter(community=community).exists():
            continue
        _demo_board(ctx, community, topics)
        if slug == PERSONALENTWICKLUNG:
            _link_onboarding_to_next_agenda(community)


CLUSTER_TOPICS = ("Agiles Arbeiten", "Mobiles Arbeiten", "Feedbackkultur")


def demo_cluster_topics(ctx: DemoContext) -> None:
    """Benchmark clusters: three open topics on each cluster CoP's board (no votes)."""
    for chunk in ctx.cluster_chunks("Topics"):
        slugs = [cluster_community_slugs(k)[0] for k in chunk]
        communities = Community.objects.filter(slug__in=slugs).exclude(topics__isnull=False)
        rows = [
            Topic(community=community, title=title, created_at=ctx.days_ago(30 + index))
            for community in communities
            for index, title in enumerate(CLUSTER_TOPICS)
        ]
        Topic.objects.bulk_create(rows)


SECTIONS = [demo_topics, demo_cluster_topics]
