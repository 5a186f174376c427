"""The topics' demo data as tables: each community's board with its votes (loaded by topics/demo.py)."""

from dataclasses import dataclass

from members.demo_data import (
    AYLIN,
    COMMUNITY_COORDINATOR_EMAIL,
    DENIZ,
    DIGITALE_VERWALTUNG,
    FELIX,
    HANNA,
    JONAS,
    KAI,
    LENA,
    MIRA,
    OLE,
    PAULA,
    PERSONALENTWICKLUNG,
    SOPHIE,
    TOBIAS,
)

from .models import TopicStatus

OPEN, DISCUSSED, SPUN_OFF, ARCHIVED = (
    TopicStatus.OPEN,
    TopicStatus.DISCUSSED,
    TopicStatus.SPUN_OFF,
    TopicStatus.ARCHIVED,
)
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


# Benchmark clusters: open topics on each cluster CoP's board.
CLUSTER_TOPICS = ("Agiles Arbeiten", "Mobiles Arbeiten", "Feedbackkultur")
