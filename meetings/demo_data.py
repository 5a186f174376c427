"""The meetings' demo data as tables: each community's history, the next agenda and the answers.

Loaded by meetings/demo.py. `{facilitator}`, `{next}` and `{host}` in the texts are filled in
with the names the rotation chose.
"""

import datetime
from dataclasses import dataclass

from members.demo_data import (
    AYLIN,
    COMMUNITY_COORDINATOR_EMAIL,
    DENIZ,
    FELIX,
    HANNA,
    JONAS,
    KAI,
    LENA,
    MIRA,
    OLE,
    PAULA,
    SOPHIE,
    TOBIAS,
)
from members.models import Community

from .models import AgendaItem, Attendance

Kind = AgendaItem.Kind
DONE = AgendaItem.Status.DONE
DEFERRED = AgendaItem.Status.DEFERRED
YES, MAYBE, NO = Attendance.Response.YES, Attendance.Response.MAYBE, Attendance.Response.NO
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

# Benchmark clusters: per cluster community, this many held and planned meetings.
CLUSTER_PAST = 2
CLUSTER_UPCOMING = 2
