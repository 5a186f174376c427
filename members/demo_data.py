"""The members' demo data as tables: organisations, people, communities and memberships.

The hand-written base (German towns, their utilities, the four communities and the people of the
README) and, for `demo_data --scale N`, the generators of benchmark cluster k (2..N): five
fictional towns with their utilities, as many people as the base and four communities. Loaded by
members/demo.py; other apps' demo data find the base rows by the constants below.
"""

import datetime
from dataclasses import dataclass

from cop.demo import ascii_fold, slugify

from .models import Community, Membership, Organisation

SITE_COORDINATOR_EMAIL = "admin@kassel.example"
COMMUNITY_COORDINATOR_EMAIL = "koordination@heidelberg.example"
NEWCOMER_EMAIL = "neu@freiburg.example"

PERSONALENTWICKLUNG = "personalentwicklung"
WORKING_OUT_LOUD = "working-out-loud"
DIGITALE_VERWALTUNG = "digitale-verwaltung"
KOLLEGIALE_BERATUNG = "kollegiale-beratung"

# The other demo people, by first name, for the demo data of meetings and topics.
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

# ---------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------

# Real town names, but every domain ends in .example (RFC 2606): no real mailbox gets demo mail.
ORGANISATIONS = [
    # slug, name, kind, parent slug, e-mail domain
    ("stadt-kassel", "Stadt Kassel", Organisation.Kind.MUNICIPALITY, None, "kassel.example"),
    (
        "staedtische-werke-kassel",
        "Städtische Werke Kassel",
        Organisation.Kind.COMPANY,
        "stadt-kassel",
        "sw-kassel.example",
    ),
    ("stadt-heidelberg", "Stadt Heidelberg", Organisation.Kind.MUNICIPALITY, None, "heidelberg.example"),
    (
        "stadtwerke-heidelberg",
        "Stadtwerke Heidelberg",
        Organisation.Kind.COMPANY,
        "stadt-heidelberg",
        "swhd.example",
    ),
    (
        "stadt-freiburg",
        "Stadt Freiburg im Breisgau",
        Organisation.Kind.MUNICIPALITY,
        None,
        "freiburg.example",
    ),
    (
        "landeshauptstadt-hannover",
        "Landeshauptstadt Hannover",
        Organisation.Kind.MUNICIPALITY,
        None,
        "hannover.example",
    ),
    (
        "stadtentwaesserung-hannover",
        "Stadtentwässerung Hannover",
        Organisation.Kind.COMPANY,
        "landeshauptstadt-hannover",
        "se-hannover.example",
    ),
    ("stadt-muenster", "Stadt Münster", Organisation.Kind.MUNICIPALITY, None, "muenster.example"),
    (
        "stadtwerke-muenster",
        "Stadtwerke Münster",
        Organisation.Kind.COMPANY,
        "stadt-muenster",
        "sw-muenster.example",
    ),
    (
        "studieninstitut-kommunale-verwaltung",
        "Studieninstitut für kommunale Verwaltung",
        Organisation.Kind.OTHER,
        None,
        "studieninstitut.example",
    ),
]

TOWN_STEMS = ["Musterstadt", "Beispielheim", "Probstadt", "Testingen", "Vorlagenau"]


def cluster_organisations(k: int) -> list[tuple]:
    """Benchmark cluster k: five fictional towns, each with its utility (as many as the base)."""
    rows = []
    for stem in TOWN_STEMS:
        town = f"{ascii_fold(stem)}-{k}"
        rows.append(
            (
                town,
                f"Stadt {stem} {k}",
                Organisation.Kind.MUNICIPALITY,
                None,
                f"{ascii_fold(stem)}{k}.example",
            )
        )
        rows.append(
            (
                f"stadtwerke-{town}",
                f"Stadtwerke {stem} {k}",
                Organisation.Kind.COMPANY,
                town,
                f"sw-{ascii_fold(stem)}{k}.example",
            )
        )
    return rows


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str
    job_title: str
    department: str
    expertise: str
    bio: str = ""
    phone: str = ""
    show_email: bool = False
    show_phone: bool = False
    is_listed: bool = True
    is_staff: bool = False


# Phone numbers come from the range the Bundesnetzagentur keeps free for fiction (030 23125 xxx).
PEOPLE = [
    Person(
        SITE_COORDINATOR_EMAIL,
        "Erika",
        "Mustermann",
        "Koordinatorin der CoP-Plattform",
        "Personal- und Organisationsamt",
        "Communities of Practice, Wissensmanagement, Moderation",
        "Ich betreue die Plattform für alle beteiligten Häuser: Organisationen anlegen, Konten "
        "freischalten, bei Fragen helfen. Schreibt mir gern, wenn etwas hakt.",
        phone="+49 30 23125 101",
        show_email=True,
        show_phone=True,
        is_staff=True,
    ),
    Person(
        COMMUNITY_COORDINATOR_EMAIL,
        "Max",
        "Mustermann",
        "Personalentwickler",
        "Personal- und Organisationsamt, Abteilung Personalentwicklung",
        "Führungskräfteentwicklung, agile Arbeit, Moderation",
        "Seit zwölf Jahren in der Personalentwicklung, davon acht bei der Stadt Heidelberg. "
        "Ich koordiniere die CoP Personalentwicklung und freue mich über jedes neue Gesicht.",
        phone="+49 30 23125 102",
        show_email=True,
    ),
    Person(
        "lena.beispiel@freiburg.example",
        "Lena",
        "Beispiel",
        "Referentin für Personalentwicklung",
        "Haupt- und Personalamt",
        "Working Out Loud, agile Arbeit, Netzwerke",
        "Ich habe den ersten Working-Out-Loud-Circle in unserer Verwaltung begleitet und "
        "koordiniere den Ableger dazu.",
        show_email=True,
    ),
    Person(
        "jonas.muster@sw-kassel.example",
        "Jonas",
        "Muster",
        "Leiter Aus- und Weiterbildung",
        "Personal",
        "digitale Lernangebote, Ausbildung, Blended Learning",
        "Bei den Städtischen Werken verantworte ich Ausbildung und Weiterbildung. Mein Steckenpferd: "
        "kurze Lernvideos, die man zwischen zwei Terminen schauen kann.",
    ),
    Person(
        "aylin.probe@hannover.example",
        "Aylin",
        "Probe",
        "Teamleiterin Führungskräfteentwicklung",
        "Fachbereich Personal und Organisation",
        "Führungskräfteentwicklung, Coaching, kollegiale Beratung",
        "Systemische Coachin. Ich leite unser Programm für neue Führungskräfte und die Runde "
        "zur kollegialen Beratung.",
        phone="+49 30 23125 105",
        show_phone=True,
    ),
    Person(
        "tobias.test@muenster.example",
        "Tobias",
        "Test",
        "Berater für Konfliktmanagement",
        "Personal- und Organisationsamt",
        "Konfliktmanagement, Mediation, Teamentwicklung",
        "Ausgebildeter Mediator. Ich baue bei der Stadt Münster ein internes Konfliktlotsen-Netz auf.",
    ),
    Person(
        "sophie.vorlage@swhd.example",
        "Sophie",
        "Vorlage",
        "HR Business Partnerin",
        "Personalmanagement",
        "mobiles Arbeiten, Arbeitszeitmodelle, Change-Management",
        "Ich begleite unsere Bereiche beim Umstieg auf mobiles und hybrides Arbeiten.",
        show_email=True,
    ),
    Person(
        "kai.platzhalter@hannover.example",
        "Kai",
        "Platzhalter",
        "Referent Digitalisierung",
        "Fachbereich Personal und Organisation, Bereich Digitalisierung",
        "digitale Verwaltung, Onlinezugangsgesetz, Prozessmanagement",
        "Ich koordiniere die CoP Digitale Verwaltung. Mich interessiert, wie Digitalisierung die "
        "Arbeit der Menschen verändert, nicht nur die Technik.",
        show_email=True,
    ),
    Person(
        "mira.exempel@kassel.example",
        "Mira",
        "Exempel",
        "Sachbearbeiterin Fortbildung",
        "Personal- und Organisationsamt",
        "digitale Lernangebote, Lernplattformen, Barrierefreiheit",
    ),
    Person(
        "ole.entwurf@muenster.example",
        "Ole",
        "Entwurf",
        "Gesundheitsmanager",
        "Betriebliches Gesundheitsmanagement",
        "Gesundheitsmanagement, mobiles Arbeiten, Resilienz",
        "Betriebliches Gesundheitsmanagement mit Schwerpunkt psychische Gesundheit im Homeoffice.",
    ),
    Person(
        "hanna.musterfrau@se-hannover.example",
        "Hanna",
        "Musterfrau",
        "Personalreferentin",
        "Personal und Recht",
        "Recruiting, Onboarding, Arbeitgebermarke",
    ),
    Person(
        "deniz.beispiel@sw-muenster.example",
        "Deniz",
        "Beispiel",
        "Agile Coach",
        "Unternehmensentwicklung",
        "agile Arbeit, Scrum, Retrospektiven",
        "Ich unterstütze Teams dabei, in kurzen Schleifen zu arbeiten und regelmäßig "
        "zurückzuschauen. Gern auch als Gast-Moderation.",
        phone="+49 30 23125 112",
        show_email=True,
        show_phone=True,
    ),
    Person(
        "paula.probst@studieninstitut.example",
        "Paula",
        "Probst",
        "Dozentin",
        "Fortbildung",
        "Führungskräfteentwicklung, digitale Lernangebote, Didaktik",
    ),
    Person(
        "felix.muster@heidelberg.example",
        "Felix",
        "Muster",
        "Organisationsberater",
        "Amt für Digitales und Informationsverarbeitung",
        "digitale Verwaltung, E-Akte, Change-Management",
    ),
    Person(
        "jana.test@freiburg.example",
        "Jana",
        "Test",
        "Personalentwicklerin",
        "Haupt- und Personalamt",
        "Konfliktmanagement, kollegiale Beratung, Supervision",
        is_listed=False,
    ),
    Person(
        NEWCOMER_EMAIL,
        "Nele",
        "Neumann",
        "Sachbearbeiterin Personalentwicklung",
        "Haupt- und Personalamt",
        "Onboarding",
        "Neu im Team und neugierig, welche Communities es gibt.",
    ),
]

FIRST_NAMES = [
    "Anna", "Ben", "Clara", "David", "Elif", "Finn", "Greta", "Hannes", "Ida", "Jan", "Katrin",
    "Leon", "Marie", "Nils", "Olga", "Paul", "Rana", "Simon", "Tara", "Uwe",
]  # fmt: skip
LAST_NAMES = [
    "Mustermann", "Musterfrau", "Beispiel", "Probe", "Test", "Platzhalter", "Exempel", "Vorlage",
    "Entwurf", "Muster", "Probst", "Schablone", "Modell",
]  # fmt: skip
JOB_TITLES = [
    ("Personalentwickler:in", "Personalamt"),
    ("Referent:in Fortbildung", "Personal- und Organisationsamt"),
    ("Teamleitung Personalservice", "Personalservice"),
    ("Ausbildungsleitung", "Aus- und Fortbildung"),
    ("Organisationsberater:in", "Organisation und Digitalisierung"),
    ("Gesundheitsmanager:in", "Betriebliches Gesundheitsmanagement"),
    ("HR Business Partner:in", "Personalmanagement"),
    ("Agile Coach", "Unternehmensentwicklung"),
]
EXPERTISE = [
    "agile Arbeit, Retrospektiven",
    "digitale Lernangebote, Blended Learning",
    "Konfliktmanagement, Mediation",
    "mobiles Arbeiten, Arbeitszeitmodelle",
    "Führungskräfteentwicklung, Coaching",
    "Onboarding, Recruiting",
    "Gesundheitsmanagement, Resilienz",
    "Wissensmanagement, Working Out Loud",
]
PEOPLE_PER_CLUSTER = len(PEOPLE)


def cluster_people(k: int) -> list[Person]:
    """Benchmark cluster k: as many people as the base, spread over the cluster's organisations."""
    organisations = cluster_organisations(k)
    people = []
    for i in range(PEOPLE_PER_CLUSTER):
        domain = organisations[i % len(organisations)][4]
        first = FIRST_NAMES[(i + k) % len(FIRST_NAMES)]
        last = LAST_NAMES[(3 * i + k) % len(LAST_NAMES)]
        job_title, department = JOB_TITLES[(i + 2 * k) % len(JOB_TITLES)]
        people.append(
            Person(
                f"{ascii_fold(first)}.{ascii_fold(last)}.{i}@{domain}",
                first,
                last,
                job_title,
                department,
                EXPERTISE[(i + k) % len(EXPERTISE)],
                show_email=i % 3 == 0,
            )
        )
    return people


# ---------------------------------------------------------------------------------------------
# Communities
# ---------------------------------------------------------------------------------------------

PERSONALENTWICKLUNG_DESCRIPTION = """\
Wir sind Personalentwickler:innen aus Städten und kommunalen Unternehmen. Etwa alle drei Monate \
treffen wir uns online für zwei Stunden, um voneinander zu lernen: Was funktioniert bei Euch, was \
bei uns, und was probieren wir als Nächstes aus?

## Worum es geht

- **Führungskräfteentwicklung:** Programme für neue und erfahrene Führungskräfte, Führen auf Distanz
- **Lernen:** digitale Lernangebote, Blended Learning, Lernplattformen, Lernen im Arbeitsalltag
- **Zusammenarbeit:** agiles Arbeiten in der Verwaltung, mobiles Arbeiten, Working Out Loud
- **Miteinander:** Konfliktmanagement, kollegiale Beratung, betriebliches Gesundheitsmanagement

## So arbeiten wir

1. **Orga und Moderation reihum.** Jedes Treffen bereitet jemand anderes vor und moderiert es.
2. **Jede:r kann TOPs einbringen.** Themen sammeln wir im Themenspeicher und stimmen per \
Punktabfrage ab; was die meisten Stimmen hat, kommt auf die Tagesordnung.
3. **Ableger.** Braucht ein Thema mehr Zeit, gründen wir eine Untergruppe. So ist \
*Working Out Loud* entstanden.
4. **Vertraulich.** Was in der kollegialen Beratung besprochen wird, bleibt in der Runde.

## Ablauf eines Treffens

| Minuten | Was |
|---:|---|
| 10 | Check-in: Wie geht's, was bringt Ihr mit? |
| 40 | Lean Coffee zu den Themen mit den meisten Stimmen |
| 30 | Input aus einer Organisation |
| 30 | Kollegiale Beratung zu einem echten Fall |
| 10 | Rückblick und Übergabe an die nächste Moderation |

## Mitmachen

Die CoP ist offen für alle, die in einer beteiligten Verwaltung oder einem kommunalen Unternehmen \
mit Personalentwicklung zu tun haben. Tretet einfach bei und schaut beim nächsten Treffen vorbei. \
Unsere Ergebnisse halten wir auf dem Whiteboard und im Aufgabenboard fest; die Links findet Ihr \
als Mitglied auf dieser Seite.
"""

WORKING_OUT_LOUD_DESCRIPTION = """\
Ein Ableger der CoP Personalentwicklung. Wir probieren **Working Out Loud** aus: In *Circles* von \
vier bis fünf Personen verfolgt jede:r zwölf Wochen lang ein eigenes Ziel, baut dafür Beziehungen \
auf und macht die eigene Arbeit sichtbar.

- einmal im Monat eine Stunde Austausch zwischen den Circles
- Leitfäden, Erfahrungen und Stolpersteine aus unseren Häusern
- wie wir Working Out Loud in Führungskräfteprogramme einbauen

Neue Circles starten jeweils zum Quartalsbeginn.
"""

DIGITALE_VERWALTUNG_DESCRIPTION = """\
Ein geschlossener Kreis für alle, die in ihrer Verwaltung die Digitalisierung vorantreiben: \
E-Akte, Onlinedienste, Prozessmanagement und die Frage, wie wir unsere Kolleg:innen dabei \
mitnehmen.

Weil wir hier auch unfertige Konzepte und interne Zahlen teilen, sehen die Inhalte nur \
Mitglieder. Wer mitmachen möchte, stellt eine Anfrage; die Koordination meldet sich.

Die Orga geht reihum **von Haus zu Haus**: Die gastgebende Organisation lädt ein und stellt die \
Moderation.
"""

KOLLEGIALE_BERATUNG_DESCRIPTION = """\
Kollegiale Beratung für Führungskräfteentwickler:innen nach dem Heilsbronner Modell: Eine Person \
bringt einen echten Fall mit, die anderen beraten in festen Phasen.

Wir bleiben **bewusst klein und geschlossen**, damit Vertrauen entstehen kann: Wer dabei ist, \
lädt neue Kolleg:innen ein. Ist die Runde voll, kommen Eingeladene auf die Warteliste und rücken \
nach, sobald ein Platz frei wird.
"""

COMMUNITIES = [
    {
        "slug": PERSONALENTWICKLUNG,
        "name": "Personalentwicklung",
        "tagline": "Personalentwickler:innen aus Kommunen und kommunalen Unternehmen lernen voneinander.",
        "description": PERSONALENTWICKLUNG_DESCRIPTION,
        "visibility": Community.Visibility.PUBLIC,
        "join_policy": Community.JoinPolicy.OPEN,
        "cadence_months": 3,
        "cadence_week": Community.WeekOfMonth.SECOND,
        "cadence_weekday": Community.Weekday.TUESDAY,
        "meeting_start_time": datetime.time(10, 0),
        "meeting_duration_minutes": 120,
        "meeting_format": Community.Format.ONLINE,
        "video_url": "https://video.example/rooms/cop-personalentwicklung",
        "whiteboard_url": "https://whiteboard.example/board/personalentwicklung",
        "taskboard_url": "https://aufgaben.example/b/cop-personalentwicklung",
        "chat_url": "https://chat.example/channel/personalentwicklung",
        "votes_per_member": 3,
    },
    {
        "slug": WORKING_OUT_LOUD,
        "name": "Working Out Loud",
        "parent": PERSONALENTWICKLUNG,
        "tagline": "Ableger der CoP Personalentwicklung: Circles, Erfahrungen, Leitfäden.",
        "description": WORKING_OUT_LOUD_DESCRIPTION,
        "visibility": Community.Visibility.PUBLIC,
        "join_policy": Community.JoinPolicy.OPEN,
        "cadence_months": 1,
        "cadence_week": Community.WeekOfMonth.FIRST,
        "cadence_weekday": Community.Weekday.THURSDAY,
        "meeting_start_time": datetime.time(14, 0),
        "meeting_duration_minutes": 60,
        "meeting_format": Community.Format.ONLINE,
        "video_url": "https://video.example/rooms/working-out-loud",
        "whiteboard_url": "https://whiteboard.example/board/working-out-loud",
        "votes_per_member": 2,
    },
    {
        "slug": DIGITALE_VERWALTUNG,
        "name": "Digitale Verwaltung",
        "tagline": "Digitalisierungsverantwortliche tauschen sich aus, auch über Unfertiges.",
        "description": DIGITALE_VERWALTUNG_DESCRIPTION,
        "visibility": Community.Visibility.INTERNAL,
        "join_policy": Community.JoinPolicy.APPROVAL,
        "cadence_months": 2,
        "cadence_week": Community.WeekOfMonth.LAST,
        "cadence_weekday": Community.Weekday.WEDNESDAY,
        "meeting_start_time": datetime.time(9, 30),
        "meeting_duration_minutes": 120,
        "meeting_format": Community.Format.HYBRID,
        "meeting_location": "bei der gastgebenden Organisation, Einwahl für alle möglich",
        "video_url": "https://video.example/rooms/digitale-verwaltung",
        "taskboard_url": "https://aufgaben.example/b/digitale-verwaltung",
        "rotation_mode": Community.RotationMode.ORGANISATION,
    },
    {
        "slug": KOLLEGIALE_BERATUNG,
        "name": "Kollegiale Beratung",
        "tagline": "Eine kleine, feste Runde: echte Fälle, vertraulich beraten.",
        "description": KOLLEGIALE_BERATUNG_DESCRIPTION,
        # Confidential cases: only members know the circle exists; new members come by invitation.
        "visibility": Community.Visibility.SECRET,
        "join_policy": Community.JoinPolicy.INVITATION,
        "max_members": 5,
        "cadence_months": 2,
        "cadence_week": Community.WeekOfMonth.THIRD,
        "cadence_weekday": Community.Weekday.MONDAY,
        "meeting_start_time": datetime.time(13, 0),
        "meeting_duration_minutes": 90,
        "meeting_format": Community.Format.ONLINE,
        "video_url": "https://video.example/rooms/kollegiale-beratung",
    },
]

# Per cluster: a public CoP, its spin-off, a members-only CoP and a small one that is full.
COP_THEMES = ["Ausbildung", "Gesundheitsmanagement", "Wissensmanagement", "Recruiting", "Onboarding"]
SPIN_OFF_THEMES = ["Lernvideos", "Bewegte Pause", "Wikis", "Active Sourcing", "Patenprogramme"]
CLOSED_THEMES = ["E-Akte", "Prozessmanagement", "Onlinedienste", "Datenschutz im Team"]
SMALL_THEMES = ["Supervision", "Führen in Teilzeit", "Mediation"]


def cluster_communities(k: int) -> list[dict]:
    themes = [
        COP_THEMES[k % len(COP_THEMES)],
        SPIN_OFF_THEMES[k % len(SPIN_OFF_THEMES)],
        CLOSED_THEMES[k % len(CLOSED_THEMES)],
        SMALL_THEMES[k % len(SMALL_THEMES)],
    ]
    cop, spin_off, closed, small = (
        {"slug": f"{slugify(theme)}-{k}", "name": f"{theme} {k}", "description": f"Demo-Community {theme}."}
        for theme in themes
    )
    spin_off["parent"] = cop["slug"]
    closed.update(visibility=Community.Visibility.INTERNAL, join_policy=Community.JoinPolicy.APPROVAL)
    small["max_members"] = 5
    return [cop, spin_off, closed, small]


def cluster_community_slugs(k: int) -> list[str]:
    return [community["slug"] for community in cluster_communities(k)]


# ---------------------------------------------------------------------------------------------
# Memberships
# ---------------------------------------------------------------------------------------------

ACTIVE = Membership.Status.ACTIVE
PENDING = Membership.Status.PENDING
WAITLISTED = Membership.Status.WAITLISTED
COORDINATOR = Membership.Role.COORDINATOR
MEMBER = Membership.Role.MEMBER

MEMBERSHIPS = [
    # community, e-mail, role, status, days since joining
    (PERSONALENTWICKLUNG, COMMUNITY_COORDINATOR_EMAIL, COORDINATOR, ACTIVE, 700),
    (PERSONALENTWICKLUNG, "aylin.probe@hannover.example", MEMBER, ACTIVE, 690),
    (PERSONALENTWICKLUNG, "jonas.muster@sw-kassel.example", MEMBER, ACTIVE, 680),
    (PERSONALENTWICKLUNG, "lena.beispiel@freiburg.example", MEMBER, ACTIVE, 600),
    (PERSONALENTWICKLUNG, "tobias.test@muenster.example", MEMBER, ACTIVE, 590),
    (PERSONALENTWICKLUNG, SITE_COORDINATOR_EMAIL, MEMBER, ACTIVE, 580),
    (PERSONALENTWICKLUNG, "sophie.vorlage@swhd.example", MEMBER, ACTIVE, 500),
    (PERSONALENTWICKLUNG, "paula.probst@studieninstitut.example", MEMBER, ACTIVE, 420),
    (PERSONALENTWICKLUNG, "deniz.beispiel@sw-muenster.example", MEMBER, ACTIVE, 400),
    (PERSONALENTWICKLUNG, "mira.exempel@kassel.example", MEMBER, ACTIVE, 300),
    (PERSONALENTWICKLUNG, "ole.entwurf@muenster.example", MEMBER, ACTIVE, 250),
    (PERSONALENTWICKLUNG, "hanna.musterfrau@se-hannover.example", MEMBER, ACTIVE, 120),
    (PERSONALENTWICKLUNG, "jana.test@freiburg.example", MEMBER, ACTIVE, 60),
    (WORKING_OUT_LOUD, "lena.beispiel@freiburg.example", COORDINATOR, ACTIVE, 330),
    (WORKING_OUT_LOUD, COMMUNITY_COORDINATOR_EMAIL, MEMBER, ACTIVE, 330),
    (WORKING_OUT_LOUD, "deniz.beispiel@sw-muenster.example", MEMBER, ACTIVE, 320),
    (WORKING_OUT_LOUD, "sophie.vorlage@swhd.example", MEMBER, ACTIVE, 300),
    (WORKING_OUT_LOUD, "mira.exempel@kassel.example", MEMBER, ACTIVE, 200),
    (DIGITALE_VERWALTUNG, "kai.platzhalter@hannover.example", COORDINATOR, ACTIVE, 500),
    (DIGITALE_VERWALTUNG, "felix.muster@heidelberg.example", MEMBER, ACTIVE, 480),
    (DIGITALE_VERWALTUNG, SITE_COORDINATOR_EMAIL, MEMBER, ACTIVE, 470),
    (DIGITALE_VERWALTUNG, "sophie.vorlage@swhd.example", MEMBER, ACTIVE, 400),
    (DIGITALE_VERWALTUNG, "deniz.beispiel@sw-muenster.example", MEMBER, ACTIVE, 350),
    (DIGITALE_VERWALTUNG, "hanna.musterfrau@se-hannover.example", MEMBER, ACTIVE, 100),
    (DIGITALE_VERWALTUNG, "mira.exempel@kassel.example", MEMBER, PENDING, 3),
    (KOLLEGIALE_BERATUNG, "aylin.probe@hannover.example", COORDINATOR, ACTIVE, 450),
    (KOLLEGIALE_BERATUNG, "jana.test@freiburg.example", MEMBER, ACTIVE, 440),
    (KOLLEGIALE_BERATUNG, "tobias.test@muenster.example", MEMBER, ACTIVE, 440),
    (KOLLEGIALE_BERATUNG, "paula.probst@studieninstitut.example", MEMBER, ACTIVE, 430),
    (KOLLEGIALE_BERATUNG, COMMUNITY_COORDINATOR_EMAIL, MEMBER, ACTIVE, 430),
    (KOLLEGIALE_BERATUNG, "ole.entwurf@muenster.example", MEMBER, WAITLISTED, 40),
    (KOLLEGIALE_BERATUNG, "lena.beispiel@freiburg.example", MEMBER, WAITLISTED, 10),
]

# The site coordinator looks after the platform and is not in the moderation rotation.
NOT_IN_ROTATION = {SITE_COORDINATOR_EMAIL}


def cluster_memberships(k: int) -> list[tuple]:
    """Cluster k's people in its four communities; four of them also join Personalentwicklung."""
    people = [person.email for person in cluster_people(k)]
    cop, spin_off, closed, small = cluster_community_slugs(k)
    rows = [
        (cop, email, COORDINATOR if i == 0 else MEMBER, ACTIVE, 400 - i) for i, email in enumerate(people)
    ]
    rows += [(spin_off, people[i], COORDINATOR if i == 1 else MEMBER, ACTIVE, 300 - i) for i in range(1, 6)]
    rows += [(closed, people[i], COORDINATOR if i == 6 else MEMBER, ACTIVE, 250 - i) for i in range(6, 14)]
    rows.append((closed, people[14], MEMBER, PENDING, 2))
    rows += [(small, people[i], COORDINATOR if i == 2 else MEMBER, ACTIVE, 200 - i) for i in (2, 4, 6, 8, 10)]
    rows += [(small, people[i], MEMBER, WAITLISTED, 20 - i) for i in (12, 15)]
    rows += [(PERSONALENTWICKLUNG, people[i], MEMBER, ACTIVE, 100 - i) for i in (3, 7, 11, 15)]
    return rows
