"""Demo data for meetings: a believable history and the next meetings with agendas in progress.

Run by `manage.py demo_data` after cop.demo's sections (see cop/demo.py for the conventions).

- Past meetings are written directly: the services rightly refuse to plan or hold a meeting in the
  past. They still follow the rotation rule: each goes to whoever meetings.rotation proposes from the
  pool of that day (members who had joined by then), so a coordinator's next planning run continues
  the same fair order. Every row is validated with full_clean() before it is written.
- The next meetings, their agendas and RSVPs go through the services (meeting_plan_next,
  agenda_item_propose, ...), as a coordinator's and members' clicks would.
- Idempotent per community: a community that has any meeting is left alone, so a second run, or
  meetings an operator planned or edited, change nothing.
- Benchmark clusters (`--scale N`): a few meetings per cluster community, bulk-created per chunk.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cop.demo import (
    ACTIVE,
    COMMUNITY_COORDINATOR_EMAIL,
    DIGITALE_VERWALTUNG,
    NOT_IN_ROTATION,
    PERSONALENTWICKLUNG,
    WORKING_OUT_LOUD,
    DemoContext,
    cluster_community_slugs,
    cluster_memberships,
)
from members.models import Community, Membership, User

from . import cadence
from .models import AgendaItem, Attendance, Meeting, MinutesRevision
from .rotation import Rotation
from .services import (
    agenda_item_accept,
    agenda_item_propose,
    attendance_respond,
    community_cadence_update,
    default_title,
    facilitator_accept,
    meeting_plan_next,
)

Kind = AgendaItem.Kind
DONE = AgendaItem.Status.DONE
DEFERRED = AgendaItem.Status.DEFERRED
YES, MAYBE, NO = Attendance.Response.YES, Attendance.Response.MAYBE, Attendance.Response.NO

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
JANA = "jana.test@freiburg.example"
KAI = "kai.platzhalter@hannover.example"
FELIX = "felix.muster@heidelberg.example"
MAX = COMMUNITY_COORDINATOR_EMAIL


@dataclass(frozen=True)
class Item:
    """An agenda item of the demo. `by`: proposer's e-mail; None means the facilitator."""

    kind: str
    title: str
    minutes: int
    outcome: str = ""
    description: str = ""
    by: str | None = None
    presenter: str | None = None
    status: str = DONE


@dataclass(frozen=True)
class Past:
    """A past meeting: what the minutes sum up, its agenda with outcomes, decisions and next steps."""

    summary: str
    items: tuple[Item, ...]
    decisions: tuple[str, ...]
    next_steps: tuple[str, ...]
    # The confidential part of the minutes (e.g. a peer consultation's case): meeting page only.
    confidential: str = ""


def _checkin(outcome: str, minutes: int = 10) -> Item:
    return Item(Kind.CHECKIN, "Check-in", minutes, outcome)


def _retro(outcome: str, minutes: int = 10) -> Item:
    return Item(Kind.RETROSPECTIVE, "Retrospektive", minutes, outcome)


# {facilitator}, {next} and {host} are filled in with the names the rotation chose.
PERSONALENTWICKLUNG_HISTORY = [
    Past(
        summary=(
            "Im Lean Coffee ging es darum, wie agile Arbeit in der Verwaltung anfangen kann und was neue "
            "Führungskräfte in den ersten 100 Tagen brauchen. Max stellte das Heidelberger Programm »Führen "
            "im Wandel« vor; in der kollegialen Beratung brachte Aylin einen Fall mit."
        ),
        items=(
            _checkin("Runde mit einem Wort zur Woche: »voll«, »neugierig«, »Haushalt«."),
            Item(
                Kind.LEAN_COFFEE,
                "Agile Arbeit in der Verwaltung: Wo fangen wir an?",
                20,
                "Nicht mit Methoden anfangen, sondern mit einem Team, das ein echtes Problem hat. "
                "Heidelberg und Kassel probieren Retrospektiven in je einem Team aus.",
                by=JONAS,
            ),
            Item(
                Kind.LEAN_COFFEE,
                "Führungskräfteentwicklung: Was brauchen neue Führungskräfte in den ersten 100 Tagen?",
                20,
                "Gesammelt: Mentoring, Sicherheit im Personalrecht, Gesprächsführung, Zeit für die "
                "eigene Rolle.",
                by=AYLIN,
            ),
            Item(
                Kind.INPUT,
                "Input: »Führen im Wandel«, das Heidelberger Programm für neue Führungskräfte",
                30,
                "Sechs Module über ein Jahr, Peer-Gruppen statt Frontalunterricht. Die Folien liegen "
                "auf dem Whiteboard.",
                by=MAX,
                presenter=MAX,
            ),
            Item(
                Kind.PEER_CONSULTATION,
                "Kollegiale Beratung: Mentoring ohne Mentor:innen?",
                30,
                "Aylins Fall nach dem Heilsbronner Modell beraten; die Inhalte bleiben in der Runde. "
                "Aylin nimmt drei Lösungsideen mit.",
                by=AYLIN,
                presenter=AYLIN,
            ),
            _retro("Gut: klare Zeitfenster. Besser: Themen vorher sammeln. Nächste Moderation: {next}."),
        ),
        decisions=(
            "Wir treffen uns weiter etwa alle drei Monate für zwei Stunden online.",
            "Themen für das Lean Coffee sammeln wir vorab im Themenspeicher.",
        ),
        next_steps=(
            "Max legt den Themenspeicher auf dem Whiteboard an.",
            "Jonas stellt beim nächsten Treffen die Lernvideos der Städtischen Werke vor.",
        ),
    ),
    Past(
        summary=(
            "Schwerpunkte waren digitale Lernangebote und Dienstvereinbarungen zum mobilen Arbeiten. Jonas "
            "zeigte, wie die Städtischen Werke Kassel Lernvideos mit wenig Aufwand produzieren; in der "
            "kollegialen Beratung ging es um einen Fall von Tobias."
        ),
        items=(
            _checkin("Sophie von den Stadtwerken Heidelberg ist neu dabei; kurze Vorstellungsrunde."),
            Item(
                Kind.LEAN_COFFEE,
                "Digitale Lernangebote: Was nutzen die Beschäftigten wirklich?",
                20,
                "Kurze Formate und Lernen im Team laufen gut, lange Selbstlernkurse werden selten "
                "abgeschlossen. Wunsch: Nutzungszahlen vergleichen.",
                by=JONAS,
            ),
            Item(
                Kind.LEAN_COFFEE,
                "Mobiles Arbeiten: Dienstvereinbarungen im Vergleich",
                20,
                "Die Spanne reicht von 40 bis 60 Prozent mobiler Arbeit. Sophie sammelt die "
                "Vereinbarungen anonymisiert.",
                by=SOPHIE,
            ),
            Item(
                Kind.INPUT,
                "Input: Lernvideos in fünf Minuten – Erfahrungen der Städtischen Werke Kassel",
                30,
                "Drehbuch, Smartphone, ein Nachmittag pro Video. Die Abrufe haben sich verdreifacht, "
                "seit die Videos im Intranet neben den Formularen stehen.",
                by=JONAS,
                presenter=JONAS,
            ),
            Item(
                Kind.PEER_CONSULTATION,
                "Kollegiale Beratung: Teamkonflikt nach der Zusammenlegung zweier Abteilungen",
                30,
                "Tobias' Fall beraten; vertraulich. Idee aus der Runde: ein moderierter Teamtag mit "
                "Begleitung von außen.",
                by=TOBIAS,
                presenter=TOBIAS,
            ),
            _retro("Gut: Der Themenspeicher hat funktioniert. Nächste Moderation: {next}."),
        ),
        decisions=("Dienstvereinbarungen teilen wir nur anonymisiert.",),
        next_steps=(
            "Sophie stellt die Vergleichstabelle auf das Aufgabenboard.",
            "Lena berichtet beim nächsten Treffen von Working Out Loud.",
        ),
    ),
    Past(
        summary=(
            "Konfliktlotsen und Retrospektiven im Amt standen im Lean Coffee oben. Lena berichtete vom ersten"
            " Working-Out-Loud-Circle, und die Runde beschloss, daraus einen Ableger zu machen."
        ),
        items=(
            _checkin("Jahresendspurt überall; Wunsch nach einem kürzeren Check-in."),
            Item(
                Kind.LEAN_COFFEE,
                "Konfliktmanagement: Interne Konfliktlotsen ausbilden?",
                20,
                "Münster bildet gerade Lots:innen aus, mehrere Häuser sind interessiert. Tobias lädt "
                "zu einem eigenen Austausch ein.",
                by=TOBIAS,
            ),
            Item(
                Kind.LEAN_COFFEE,
                "Agile Arbeit: Retrospektiven im Amt nach einem halben Jahr",
                20,
                "Beide Pilotteams machen weiter. Stolperstein: Die Führungskraft sitzt mit in der "
                "Runde. Tipp: Sie kommt erst zum letzten Teil dazu.",
                by=MAX,
            ),
            Item(
                Kind.INPUT,
                "Input: Working Out Loud – Erfahrungen aus dem ersten Circle",
                30,
                "Zwölf Wochen, fünf Personen, jede mit einem eigenen Ziel. Großes Interesse: mehrere "
                "wollen einen Circle starten.",
                by=LENA,
                presenter=LENA,
            ),
            Item(
                Kind.PEER_CONSULTATION,
                "Kollegiale Beratung: Feedback an eine langjährige Führungskraft",
                30,
                "Sophies Fall beraten; vertraulich. Sophie probiert ein Gespräch mit Ich-Botschaften "
                "und einer klaren Bitte.",
                by=SOPHIE,
                presenter=SOPHIE,
            ),
            _retro("Gut: lebendiges Lean Coffee. Nächste Moderation: {next}."),
        ),
        decisions=("Wir gründen den Ableger *Working Out Loud*; Lena koordiniert ihn.",),
        next_steps=(
            "Lena legt die Community »Working Out Loud« auf der Plattform an.",
            "Tobias lädt zum Austausch über Konfliktlotsen ein.",
        ),
    ),
    Past(
        summary=(
            "Wir sprachen über Gesundheit im Homeoffice und Führen auf Distanz. Tobias zog eine "
            "Zwischenbilanz des Konfliktlotsen-Netzes in Münster; Paula brachte einen Fall zum "
            "Weiterbildungsbudget mit."
        ),
        items=(
            _checkin("Runde zur Frage: Was hat sich seit dem letzten Treffen bei Euch bewegt?"),
            Item(
                Kind.LEAN_COFFEE,
                "Mobiles Arbeiten und Gesundheit: Wie erreichen wir Beschäftigte im Homeoffice?",
                20,
                "Bewegte Pausen online kommen an, Angebote zur psychischen Gesundheit werden wenig "
                "genutzt. Idee: Führungskräfte als Türöffner gewinnen.",
                by=SOPHIE,
            ),
            Item(
                Kind.LEAN_COFFEE,
                "Führungskräfteentwicklung: Führen auf Distanz",
                20,
                "Vereinbarungen im Team sind wichtiger als Werkzeuge. Aylin teilt ihre Checkliste.",
                by=AYLIN,
            ),
            Item(
                Kind.INPUT,
                "Input: Das Konfliktlotsen-Netz der Stadt Münster – ein Zwischenstand",
                30,
                "Zwölf Lots:innen, gut dreißig Gespräche im ersten Halbjahr, die meisten ohne "
                "Eskalation. Leitfaden und Ausbildungsplan liegen auf dem Whiteboard.",
                by=TOBIAS,
                presenter=TOBIAS,
            ),
            Item(
                Kind.PEER_CONSULTATION,
                "Kollegiale Beratung: Das Weiterbildungsbudget gerecht verteilen",
                30,
                "Paulas Fall beraten; vertraulich. Paula nimmt die Idee eines offenen Kriterienkatalogs mit.",
                by=PAULA,
                presenter=PAULA,
            ),
            _retro("Gut: konkrete Beispiele. Besser: pünktlich enden. Nächste Moderation: {next}."),
        ),
        decisions=(
            "Wer moderiert, lädt auch ein und bereitet die Tagesordnung vor: Orga und Moderation reihum.",
        ),
        next_steps=(
            "Aylin stellt die Checkliste »Führen auf Distanz« auf das Whiteboard.",
            "Sophie bereitet einen Input zum hybriden Arbeiten vor.",
        ),
    ),
    Past(
        summary=(
            "Im Lean Coffee ging es um eine gemeinsame Lernplattform und um Kanban im Personalservice. Sophie"
            " berichtete vom ersten Jahr hybrider Arbeit bei den Stadtwerken Heidelberg."
        ),
        items=(
            _checkin("Urlaubszeit naht; viele stecken in Auswahlverfahren für Auszubildende."),
            Item(
                Kind.LEAN_COFFEE,
                "Digitale Lernangebote: Lernplattform selbst betreiben oder einkaufen?",
                20,
                "Ein eigener Betrieb lohnt sich nur mit eigener Redaktion. Kassel und das "
                "Studieninstitut prüfen eine gemeinsame Lösung.",
                by=MIRA,
            ),
            Item(
                Kind.LEAN_COFFEE,
                "Agile Arbeit: Kanban im Personalservice",
                20,
                "Das Board macht Engpässe bei Einstellungen sichtbar. Deniz bietet eine Hospitation "
                "in Münster an.",
                by=DENIZ,
            ),
            Item(
                Kind.INPUT,
                "Input: Hybrid arbeiten bei den Stadtwerken Heidelberg – was wir nach einem Jahr wissen",
                30,
                "Feste Teamtage im Büro helfen mehr als Quoten. Die Zufriedenheit ist gestiegen, der "
                "Zusammenhalt gesunken; Gegenmittel sind gemeinsame Rituale.",
                by=SOPHIE,
                presenter=SOPHIE,
            ),
            Item(
                Kind.PEER_CONSULTATION,
                "Kollegiale Beratung: Rückkehr nach langer Krankheit gut begleiten",
                30,
                "Oles Fall beraten; vertraulich. Ole probiert ein gestuftes Rückkehrgespräch mit "
                "Führungskraft und Gesundheitsmanagement.",
                by=OLE,
                presenter=OLE,
            ),
            _retro("Gut: Hospitationsangebote. Nächste Moderation: {next}."),
        ),
        decisions=("Im Herbst vergleichen wir die Nutzungszahlen unserer digitalen Lernangebote.",),
        next_steps=(
            "Mira und Paula sammeln Kriterien für eine gemeinsame Lernplattform.",
            "Deniz stellt beim nächsten Treffen Formate für Retrospektiven vor.",
        ),
        confidential=(
            "**Vertraulich – kollegiale Beratung, Fall von Ole:** Eine Sachbearbeiterin kehrt nach "
            "acht Monaten Krankheit zurück; das erste Gespräch mit ihrer Führungskraft verlief angespannt. "
            "Hypothesen der Runde: Sorge vor Kontrolle, unklare Erwartungen an die Leistung in den ersten "
            "Wochen. Ideen: Gespräch in zwei Stufen, erst mit dem Gesundheitsmanagement, dann mit der "
            "Führungskraft; Wiedereinstieg schriftlich vereinbaren. Ole berichtet beim nächsten Treffen."
        ),
    ),
    Past(
        summary=(
            "360-Grad-Feedback und die Nutzungszahlen digitaler Lernangebote füllten das Lean Coffee; das "
            "Thema Konfliktmanagement haben wir aus Zeitgründen vertagt. Deniz stellte fünf Formate für "
            "Retrospektiven vor."
        ),
        items=(
            _checkin("Runde zu einem Lernmoment des Sommers."),
            Item(
                Kind.LEAN_COFFEE,
                "Führungskräfteentwicklung: 360-Grad-Feedback für alle Führungskräfte?",
                20,
                "Die Meinungen gehen auseinander. Einig sind wir: nur freiwillig und mit Begleitung. "
                "Hannover teilt die Erfahrungen aus seinem Pilot.",
                by=AYLIN,
            ),
            Item(
                Kind.LEAN_COFFEE,
                "Digitale Lernangebote: Nutzungszahlen im Vergleich",
                20,
                "Zahlen aus drei Häusern liegen vor; Lernvideos werden am häufigsten genutzt. Mira "
                "bereitet eine Übersicht vor.",
                by=MIRA,
            ),
            Item(
                Kind.LEAN_COFFEE,
                "Konfliktmanagement: Wie erreichen wir Führungskräfte früher?",
                20,
                "Aus Zeitgründen auf das nächste Treffen vertagt.",
                description="Konflikte landen oft erst bei uns, wenn sie schon eskaliert sind. Wie "
                "bringen wir Führungskräfte dazu, sich früher Hilfe zu holen?",
                by=TOBIAS,
                status=DEFERRED,
            ),
            Item(
                Kind.INPUT,
                "Input: Retrospektiven, die nicht langweilen – fünf Formate zum Ausprobieren",
                30,
                "Seestern, Segelboot, Zeitstrahl, Glücksmomente, Fünf Warum. Die Vorlagen liegen auf "
                "dem Whiteboard.",
                by=DENIZ,
                presenter=DENIZ,
            ),
            Item(
                Kind.PEER_CONSULTATION,
                "Kollegiale Beratung: Ein Team lehnt mobiles Arbeiten ab",
                30,
                "Hannas Fall beraten; vertraulich. Hanna fragt das Team zuerst nach seinen Gründen.",
                by=HANNA,
                presenter=HANNA,
            ),
            _retro("Besser: weniger Themen ins Lean Coffee. Nächste Moderation: {next}."),
        ),
        decisions=("Konfliktmanagement kommt als erster Punkt auf die nächste Tagesordnung.",),
        next_steps=(
            "Mira stellt die Übersicht der Nutzungszahlen auf das Whiteboard.",
            "{next} lädt zum nächsten Treffen ein und bereitet die Tagesordnung vor.",
        ),
    ),
]

WORKING_OUT_LOUD_HISTORY = [
    Past(
        summary=(
            "Erstes Treffen über die Circles hinweg: Alle Circles sind gestartet. Lena erklärte die fünf "
            "Elemente von Working Out Loud."
        ),
        items=(
            _checkin("Jede:r nennt das eigene Circle-Ziel in einem Satz."),
            Item(
                Kind.DISCUSSION,
                "Circle-Runde: Ziele und erste Schritte",
                25,
                "Alle drei Circles haben begonnen; ein Circle sucht noch eine fünfte Person.",
            ),
            Item(
                Kind.INPUT,
                "Input: Die fünf Elemente von Working Out Loud",
                15,
                "Beziehungen, Großzügigkeit, sichtbare Arbeit, zielgerichtetes Verhalten, "
                "wachstumsorientierte Haltung.",
                by=LENA,
                presenter=LENA,
            ),
            _retro("Gut: kurz und konkret. Nächste Moderation: {next}."),
        ),
        decisions=("Ein zweiter Durchgang startet zum Quartalsbeginn.",),
        next_steps=("Lena schickt den Leitfaden für Woche 1 bis 4 herum.",),
    ),
    Past(
        summary=(
            "Austausch über Stolpersteine, vor allem bei der Terminfindung. Deniz zeigte, wie eine "
            "Beziehungsliste entsteht."
        ),
        items=(
            _checkin("Was war Eure großzügigste Geste in diesem Monat?"),
            Item(
                Kind.DISCUSSION,
                "Circle-Runde: Wo hakt es?",
                25,
                "Termine finden ist schwer; zwei Circles treffen sich jetzt immer zur selben Zeit.",
            ),
            Item(
                Kind.INPUT,
                "Input: Beziehungslisten – wen brauche ich für mein Ziel?",
                15,
                "Mit kleinen Beiträgen anfangen: einen Artikel teilen, sich bedanken.",
                by=DENIZ,
                presenter=DENIZ,
            ),
            _retro("Besser: Kameras an. Nächste Moderation: {next}."),
        ),
        decisions=("Feste Circle-Termine, die nicht verschoben werden.",),
        next_steps=("Deniz teilt eine Vorlage für die Beziehungsliste.",),
    ),
    Past(
        summary=(
            "Halbzeit in den Circles. Sophie stellte Faustregeln für sichtbares Arbeiten im Intranet vor."
        ),
        items=(
            _checkin("Ein Satz zu Eurem Fortschritt."),
            Item(
                Kind.DISCUSSION,
                "Circle-Runde: Halbzeit",
                25,
                "Zwei Ziele sind schon erreicht, eines wurde bewusst geändert.",
            ),
            Item(
                Kind.INPUT,
                "Input: Sichtbar arbeiten im Intranet – was darf ich teilen?",
                15,
                "Faustregel: Arbeitsstände ja, personenbezogene Daten nie. Im Zweifel vorher fragen.",
                by=SOPHIE,
                presenter=SOPHIE,
            ),
            _retro("Gut: Erfolge feiern. Nächste Moderation: {next}."),
        ),
        decisions=("Wir sammeln Erfahrungen für einen Leitfaden für Führungskräfte-Circles.",),
        next_steps=("Sophie fragt im Intranet-Team nach einer eigenen Seite für Working Out Loud.",),
    ),
]

DIGITALE_VERWALTUNG_HISTORY = [
    Past(
        summary=(
            "Wir verglichen den Stand der E-Akte in unseren Häusern und sprachen über Onlinedienste nach dem "
            "OZG. Die Zahlen dazu bleiben in dieser Runde."
        ),
        items=(
            Item(Kind.OTHER, "Begrüßung durch das gastgebende Haus", 10, "Kurze Führung durch das Haus."),
            Item(
                Kind.DISCUSSION,
                "Stand der E-Akte in den Häusern",
                40,
                "Alle führen die E-Akte in Wellen ein; Engpass sind die Schulungen, nicht die Technik.",
            ),
            Item(
                Kind.INPUT,
                "Input: Onlinedienste nach dem OZG – was läuft, was hakt",
                40,
                "Die Nutzung steigt, wo ein Dienst Ende-zu-Ende digital ist. Interne Zahlen nur in "
                "dieser Runde.",
                by=KAI,
                presenter=KAI,
            ),
            Item(
                Kind.DISCUSSION,
                "Offene Runde: unfertige Konzepte",
                20,
                "Felix stellt eine Skizze für digitale Unterschriftenmappen vor; Rückmeldungen gesammelt.",
                by=FELIX,
            ),
            _retro("Gut: offene Atmosphäre. Nächster Gastgeber: {host}."),
        ),
        decisions=("Interne Zahlen bleiben in der Community und werden nicht weitergegeben.",),
        next_steps=("Kai teilt die Checkliste für Ende-zu-Ende-Dienste.",),
    ),
    Past(
        summary=(
            "Schwerpunkt war die Einführung der E-Akte in Wellen. Außerdem ging es um Werkzeuge für das "
            "Prozessmanagement und darum, wie wir skeptische Kolleg:innen mitnehmen."
        ),
        items=(
            Item(Kind.OTHER, "Begrüßung durch das gastgebende Haus", 10, "Blick in das neue Scanzentrum."),
            Item(
                Kind.INPUT,
                "Input: E-Akte in Wellen einführen",
                40,
                "Pro Welle ein Team aus Fachamt, IT und Personalentwicklung; Schulung direkt am "
                "Arbeitsplatz.",
                by=FELIX,
                presenter=FELIX,
            ),
            Item(
                Kind.DISCUSSION,
                "Prozessmanagement: Welche Werkzeuge nutzen wir?",
                30,
                "Drei Häuser modellieren in BPMN, zwei mit einfachen Ablaufskizzen; beides hat Platz.",
            ),
            Item(
                Kind.DISCUSSION,
                "Mitnehmen: Wie sprechen wir mit skeptischen Kolleg:innen?",
                30,
                "Erst zuhören, dann zeigen: Kolleg:innen aus der ersten Welle berichten selbst.",
                by=SOPHIE,
            ),
            _retro("Gut: vor Ort zu sein. Nächster Gastgeber: {host}."),
        ),
        decisions=("Die Gastgeber stellen künftig einen Blick hinter die Kulissen vor.",),
        next_steps=("Felix teilt den Schulungsplan der ersten Welle.",),
    ),
]

# The next meeting's agenda in progress (each item accepted or only proposed) and the first answers.
ACCEPTED, PROPOSED = AgendaItem.Status.ACCEPTED, AgendaItem.Status.PROPOSED

PERSONALENTWICKLUNG_NEXT = [
    Item(Kind.CHECKIN, "Check-in: Was nehmt Ihr aus diesem Jahr mit?", 10, status=ACCEPTED),
    Item(
        Kind.LEAN_COFFEE,
        "Lean Coffee",
        35,
        description="Themen aus dem Themenspeicher mit den meisten Stimmen: mobiles Arbeiten nach "
        "der neuen Dienstvereinbarung, Führungskräfteentwicklung im Tandem, KI in der Fortbildung.",
        status=ACCEPTED,
    ),
    Item(
        Kind.INPUT,
        "Input: Onboarding für neue Führungskräfte in Hannover",
        30,
        description="Wie wir neue Führungskräfte in den ersten sechs Monaten begleiten, und was wir "
        "nach dem ersten Jahrgang geändert haben.",
        by=AYLIN,
        presenter=AYLIN,
        status=ACCEPTED,
    ),
    Item(Kind.RETROSPECTIVE, "Retrospektive und Übergabe an die nächste Moderation", 10, status=ACCEPTED),
    Item(
        Kind.DISCUSSION,
        "Azubi-Onboarding mit einer Lern-App",
        20,
        description="Wir testen eine App für die ersten Wochen der Ausbildung. Wer hat Erfahrungen?",
        by=HANNA,
        status=PROPOSED,
    ),
    Item(
        Kind.PEER_CONSULTATION,
        "Kollegiale Beratung: Rückkehrgespräche, die nicht wie Kontrolle wirken",
        30,
        description="Ich bringe einen Fall aus dem Gesundheitsmanagement mit.",
        by=OLE,
        presenter=OLE,
        status=PROPOSED,
    ),
]
PERSONALENTWICKLUNG_RSVPS = {
    YES: [AYLIN, JONAS, MAX, HANNA, OLE],
    MAYBE: [TOBIAS, LENA],
    NO: [SOPHIE],
}

WORKING_OUT_LOUD_NEXT = [
    Item(Kind.CHECKIN, "Check-in", 10, status=ACCEPTED),
    Item(Kind.DISCUSSION, "Circle-Runde: Abschluss des Durchgangs", 25, status=ACCEPTED),
    Item(
        Kind.DISCUSSION,
        "Working Out Loud in Führungskräfteprogramme einbauen",
        20,
        description="Ein Circle als Baustein im Programm für neue Führungskräfte: "
        "Wer hat das schon probiert?",
        by=MIRA,
        status=PROPOSED,
    ),
]
WORKING_OUT_LOUD_RSVPS = {YES: [LENA, MAX, DENIZ], MAYBE: [MIRA]}

DIGITALE_VERWALTUNG_NEXT = [
    Item(Kind.OTHER, "Begrüßung durch das gastgebende Haus", 10, status=ACCEPTED),
    Item(
        Kind.DISCUSSION,
        "E-Akte: Erfahrungen mit dem Scannen von Altakten",
        30,
        description="Scannen wir alles oder nur, was gebraucht wird?",
        by=FELIX,
        status=PROPOSED,
    ),
]
DIGITALE_VERWALTUNG_RSVPS = {YES: [KAI, FELIX], MAYBE: [HANNA]}

WORKING_OUT_LOUD_CADENCE = {
    "cadence_months": 1,
    "cadence_week": Community.WeekOfMonth.FIRST,
    "cadence_weekday": Community.Weekday.THURSDAY,
    "meeting_start_time": datetime.time(14, 0),
    "meeting_duration_minutes": 60,
}

# Answers of the members to past meetings, cycled: mostly yes, now and then maybe or no.
ANSWERS = [(YES, True), (YES, True), (MAYBE, True), (YES, True), (NO, False), (YES, True), (MAYBE, False)]


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------


def _today(ctx: DemoContext) -> datetime.date:
    return timezone.localdate(ctx.now, timezone=cadence.BERLIN)


def _cadence_dates(
    *,
    months: int,
    week: int,
    weekday: int,
    start_time: datetime.time,
    today: datetime.date,
    past: int,
    upcoming: int,
) -> tuple[list[datetime.datetime], list[datetime.datetime]]:
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
    return (before[-past:] if past else []), after[:upcoming]


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
            sequence=2,  # agenda published, then marked held
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
            row.full_clean()
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

CLUSTER_PAST = 2
CLUSTER_UPCOMING = 2
CADENCE_VALUES = ("id", "name", *Community.CADENCE_FIELDS)


def _cluster_pools(chunk: Iterable[int]) -> dict[str, list[str]]:
    """Each cluster community's rotation pool in rotation order (earliest membership first)."""
    pools: dict[str, list[tuple[int, int, str]]] = {}
    for k in chunk:
        own = set(cluster_community_slugs(k))
        for order, (slug, email, _role, status, days) in enumerate(cluster_memberships(k)):
            if slug in own and status == ACTIVE and email not in NOT_IN_ROTATION:
                pools.setdefault(slug, []).append((-days, order, email))
    return {slug: [email for *_, email in sorted(rows)] for slug, rows in pools.items()}


def _cluster_meetings(
    community: dict, pool: list[str], users: dict, today: datetime.date, now: datetime.datetime
):
    """Two held and two planned meetings; the facilitators take turns in the rotation's order."""
    past, upcoming = _cadence_dates(
        months=community["cadence_months"],
        week=community["cadence_week"],
        weekday=community["cadence_weekday"],
        start_time=community["meeting_start_time"],
        today=today,
        past=CLUSTER_PAST,
        upcoming=CLUSTER_UPCOMING,
    )
    meetings = []
    for index, starts_at in enumerate(past + upcoming):
        user_id, organisation_id = users[pool[index % len(pool)]]
        held = index < len(past)
        meetings.append(
            Meeting(
                community_id=community["id"],
                title=default_title(community=Community(name=community["name"]), starts_at=starts_at),
                starts_at=starts_at,
                ends_at=cadence.end_after(starts_at, community["meeting_duration_minutes"]),
                format=community["meeting_format"],
                location=community["meeting_location"],
                video_url=community["video_url"],
                host_organisation_id=organisation_id if held else None,
                facilitator_id=user_id,
                facilitator_confirmed=held,
                status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
                sequence=2 if held else 0,
                minutes=(
                    f"## Besprochen\n\n- Erfahrungen aus den Häusern zum Thema {community['name']} "
                    "ausgetauscht.\n\n## Beschlüsse\n\n- Wir bleiben beim bisherigen Rhythmus."
                )
                if held
                else "",
                minutes_published_at=min(starts_at + datetime.timedelta(days=2), now) if held else None,
                slot=starts_at.date(),
            )
        )
    return meetings


def _cluster_rows(meeting_id: int, held: bool, pool: list[str], users: dict, index: int):
    facilitator = users[pool[index % len(pool)]][0]
    other = users[pool[(index + 1) % len(pool)]][0]
    if held:
        items = [
            AgendaItem(
                meeting_id=meeting_id,
                position=1,
                title="Check-in",
                kind=Kind.CHECKIN,
                duration_minutes=15,
                proposed_by_id=facilitator,
                status=DONE,
                outcome="Kurze Runde.",
            ),
            AgendaItem(
                meeting_id=meeting_id,
                position=2,
                title="Erfahrungsaustausch",
                kind=Kind.DISCUSSION,
                duration_minutes=60,
                proposed_by_id=other,
                status=DONE,
                outcome="Beispiele aus drei Häusern gesammelt.",
            ),
            AgendaItem(
                meeting_id=meeting_id,
                position=3,
                title="Retrospektive",
                kind=Kind.RETROSPECTIVE,
                duration_minutes=15,
                proposed_by_id=facilitator,
                status=DONE,
                outcome="Gut: konkrete Beispiele.",
            ),
        ]
        attendances = [
            Attendance(
                meeting_id=meeting_id,
                user_id=users[email][0],
                response=YES,
                attended=(position + index) % 5 != 0 or users[email][0] == facilitator,
            )
            for position, email in enumerate(pool)
        ]
    else:
        items = [
            AgendaItem(
                meeting_id=meeting_id,
                position=1,
                title="Check-in",
                kind=Kind.CHECKIN,
                duration_minutes=15,
                proposed_by_id=facilitator,
                status=ACCEPTED,
            ),
            AgendaItem(
                meeting_id=meeting_id,
                position=2,
                title="Erfahrungsaustausch",
                kind=Kind.DISCUSSION,
                duration_minutes=45,
                proposed_by_id=other,
                status=PROPOSED,
            ),
        ]
        attendances = [Attendance(meeting_id=meeting_id, user_id=other, response=YES)]
    return items, attendances


def demo_cluster_meetings(ctx: DemoContext) -> None:
    """Per cluster community two held and two planned meetings, bulk-created chunk by chunk."""
    today = _today(ctx)
    for chunk in ctx.cluster_chunks("Meetings"):
        pools = _cluster_pools(chunk)
        communities = list(Community.objects.filter(slug__in=list(pools)).values("slug", *CADENCE_VALUES))
        filled = set(
            Meeting.objects.filter(community_id__in=[c["id"] for c in communities]).values_list(
                "community_id", flat=True
            )
        )
        communities = [c for c in communities if c["id"] not in filled]
        if not communities:
            continue
        emails = {email for c in communities for email in pools[c["slug"]]}
        users = {
            email: (pk, organisation_id)
            for email, pk, organisation_id in User.objects.filter(email__in=emails).values_list(
                "email", "pk", "organisation_id"
            )
        }
        meetings = []
        for community in communities:
            pool = [email for email in pools[community["slug"]] if email in users]
            if pool:
                meetings += _cluster_meetings(community, pool, users, today, ctx.now)
        Meeting.objects.bulk_create(meetings, ignore_conflicts=True)

        # ignore_conflicts leaves the primary keys unset on some databases: read the meetings back.
        by_id = {c["id"]: c["slug"] for c in communities}
        saved = Meeting.objects.filter(community_id__in=list(by_id)).order_by("community_id", "starts_at")
        items, attendances, revisions, index = [], [], [], {}
        rows = saved.values_list(
            "pk", "community_id", "status", "facilitator_id", "starts_at", "minutes_published_at"
        )
        for meeting_id, community_id, status, facilitator_id, starts_at, published_at in rows:
            if published_at is not None:
                revisions += _minutes_revisions(
                    ctx,
                    Meeting(pk=meeting_id, starts_at=starts_at, minutes_published_at=published_at),
                    facilitator_id,
                )
            position = index[community_id] = index.get(community_id, -1) + 1
            pool = [email for email in pools[by_id[community_id]] if email in users]
            more_items, more_attendances = _cluster_rows(
                meeting_id, status == Meeting.Status.HELD, pool, users, position
            )
            items += more_items
            attendances += more_attendances
        AgendaItem.objects.bulk_create(items)
        Attendance.objects.bulk_create(attendances, ignore_conflicts=True)
        MinutesRevision.objects.bulk_create(revisions)


SECTIONS = [demo_meetings, demo_cluster_meetings]
