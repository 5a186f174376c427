"""Demo data: a believable Community of Practice for a first run, and N times more for benchmarks.

`manage.py demo_data` calls `demo_data_load()`, which runs *sections* in order inside one
transaction. A section is a function `section(ctx: DemoContext) -> None` for one area.

How an app adds its own demo data (meetings, topics, ...): create `<app>/demo.py` with a list
`SECTIONS = [demo_meetings, ...]`. Every project app's `demo.SECTIONS` is found automatically and
run in INSTALLED_APPS order, after this module's sections (`cop` comes first). A section must:

- be idempotent: find-or-create by a natural key (slug, e-mail, kind, ...); never overwrite what
  exists, so a second run changes nothing and an operator's edits survive;
- find the base data by the constants below (`PERSONALENTWICKLUNG`, `COMMUNITY_COORDINATOR_EMAIL`,
  ...) rather than by primary key;
- scale: for `ctx.scale > 1`, loop `for chunk in ctx.cluster_chunks("Meetings")`, and for each
  cluster number `k` in the chunk build rows with `bulk_create(..., ignore_conflicts=True)`; the
  cluster's communities and people are `cluster_community_slugs(k)` and `cluster_people(k)`.
"""

import datetime
import importlib
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from tqdm import tqdm

from members.models import Community, Membership, Organisation, OrganisationDomain, User

from .models import LegalPage

SITE_COORDINATOR_EMAIL = "admin@kassel.example"
COMMUNITY_COORDINATOR_EMAIL = "koordination@heidelberg.example"
NEWCOMER_EMAIL = "neu@freiburg.example"

PERSONALENTWICKLUNG = "personalentwicklung"
WORKING_OUT_LOUD = "working-out-loud"
DIGITALE_VERWALTUNG = "digitale-verwaltung"
KOLLEGIALE_BERATUNG = "kollegiale-beratung"

# How many benchmark clusters are written per database round trip.
CLUSTER_CHUNK = 50


@dataclass
class DemoContext:
    """What every section gets: the scale, the demo password's hash and a progress bar."""

    scale: int = 1
    show_progress: bool | None = None  # None: only on a terminal
    now: datetime.datetime = field(default_factory=timezone.now)

    @cached_property
    def password_hash(self) -> str:
        # Hashed once and shared by every demo account: hashing per row would take minutes.
        return make_password(settings.DEMO_PASSWORD)

    def clusters(self) -> range:
        """Cluster 1 is the hand-written base data; clusters 2..scale are generated."""
        return range(2, self.scale + 1)

    def cluster_chunks(self, description: str) -> Iterator[list[int]]:
        clusters = list(self.clusters())
        if not clusters:
            return
        disable = None if self.show_progress is None else not self.show_progress
        with tqdm(total=len(clusters), desc=description, unit="cluster", disable=disable) as bar:
            for start in range(0, len(clusters), CLUSTER_CHUNK):
                chunk = clusters[start : start + CLUSTER_CHUNK]
                yield chunk
                bar.update(len(chunk))

    def days_ago(self, days: int, hour: int = 9) -> datetime.datetime:
        return (self.now - datetime.timedelta(days=days)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )


def _ensure(model: type[models.Model], lookup: dict, **defaults) -> tuple[models.Model, bool]:
    """Find a row by its natural key, or validate and create it; an existing row is left alone."""
    instance = model.objects.filter(**lookup).first()
    if instance is not None:
        return instance, False
    instance = model(**lookup, **defaults)
    instance.full_clean()
    instance.save()
    return instance, True


def _id_map(model: type[models.Model], key: str, values) -> dict:
    return dict(model.objects.filter(**{f"{key}__in": list(values)}).values_list(key, "id"))


def _ascii(text: str) -> str:
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


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
        town = f"{_ascii(stem)}-{k}"
        rows.append(
            (town, f"Stadt {stem} {k}", Organisation.Kind.MUNICIPALITY, None, f"{_ascii(stem)}{k}.example")
        )
        rows.append(
            (
                f"stadtwerke-{town}",
                f"Stadtwerke {stem} {k}",
                Organisation.Kind.COMPANY,
                town,
                f"sw-{_ascii(stem)}{k}.example",
            )
        )
    return rows


def demo_organisations(ctx: DemoContext) -> None:
    for slug, name, kind, parent_slug, domain in ORGANISATIONS:
        parent = Organisation.objects.get(slug=parent_slug) if parent_slug else None
        organisation, _ = _ensure(
            Organisation,
            {"slug": slug},
            name=name,
            kind=kind,
            parent=parent,
            website=f"https://www.{domain}/",
        )
        _ensure(OrganisationDomain, {"domain": domain}, organisation=organisation)

    for chunk in ctx.cluster_chunks("Organisations"):
        rows = [row for k in chunk for row in cluster_organisations(k)]
        Organisation.objects.bulk_create(
            [
                Organisation(slug=slug, name=name, kind=kind, website=f"https://www.{domain}/")
                for slug, name, kind, parent, domain in rows
                if parent is None
            ],
            ignore_conflicts=True,
        )
        towns = _id_map(Organisation, "slug", (row[0] for row in rows if row[3] is None))
        Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=slug, name=name, kind=kind, parent_id=towns[parent], website=f"https://www.{domain}/"
                )
                for slug, name, kind, parent, domain in rows
                if parent is not None
            ],
            ignore_conflicts=True,
        )
        ids = _id_map(Organisation, "slug", (row[0] for row in rows))
        OrganisationDomain.objects.bulk_create(
            [OrganisationDomain(organisation_id=ids[row[0]], domain=row[4]) for row in rows],
            ignore_conflicts=True,
        )


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
                f"{_ascii(first)}.{_ascii(last)}.{i}@{domain}",
                first,
                last,
                job_title,
                department,
                EXPERTISE[(i + k) % len(EXPERTISE)],
                show_email=i % 3 == 0,
            )
        )
    return people


def _user(person: Person, organisation_id: int | None, password_hash: str) -> User:
    return User(
        email=person.email,
        password=password_hash,
        first_name=person.first_name,
        last_name=person.last_name,
        organisation_id=organisation_id,
        job_title=person.job_title,
        department=person.department,
        expertise=person.expertise,
        bio=person.bio,
        phone=person.phone,
        show_email=person.show_email,
        show_phone=person.show_phone,
        is_listed=person.is_listed,
        is_staff=person.is_staff,
        is_superuser=person.is_staff,
    )


def demo_people(ctx: DemoContext) -> None:
    """Demo accounts, each linked to the organisation of its e-mail domain and already verified."""
    organisations = dict(OrganisationDomain.objects.values_list("domain", "organisation_id"))
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = _user(person, organisations.get(person.email.split("@")[1]), ctx.password_hash)
            user.date_joined = ctx.days_ago(400 - 20 * PEOPLE.index(person))
            user.full_clean()
            user.save()
        _ensure(EmailAddress, {"user": user, "email": person.email}, verified=True, primary=True)

    for chunk in ctx.cluster_chunks("Members"):
        people = [person for k in chunk for person in cluster_people(k)]
        existing = set(
            User.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True)
        )
        domains = {p.email.split("@")[1] for p in people}
        organisations = dict(
            OrganisationDomain.objects.filter(domain__in=domains).values_list("domain", "organisation_id")
        )
        User.objects.bulk_create(
            [
                _user(p, organisations.get(p.email.split("@")[1]), ctx.password_hash)
                for p in people
                if p.email not in existing
            ],
            ignore_conflicts=True,
        )
        users = _id_map(User, "email", (p.email for p in people))
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=users[p.email], email=p.email, verified=True, primary=True)
                for p in people
            ],
            ignore_conflicts=True,
        )


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


def _slugify(text: str) -> str:
    return "-".join(part for part in "".join(c if c.isalnum() else " " for c in _ascii(text)).split())


def cluster_communities(k: int) -> list[dict]:
    themes = [
        COP_THEMES[k % len(COP_THEMES)],
        SPIN_OFF_THEMES[k % len(SPIN_OFF_THEMES)],
        CLOSED_THEMES[k % len(CLOSED_THEMES)],
        SMALL_THEMES[k % len(SMALL_THEMES)],
    ]
    cop, spin_off, closed, small = (
        {"slug": f"{_slugify(theme)}-{k}", "name": f"{theme} {k}", "description": f"Demo-Community {theme}."}
        for theme in themes
    )
    spin_off["parent"] = cop["slug"]
    closed.update(visibility=Community.Visibility.INTERNAL, join_policy=Community.JoinPolicy.APPROVAL)
    small["max_members"] = 5
    return [cop, spin_off, closed, small]


def cluster_community_slugs(k: int) -> list[str]:
    return [community["slug"] for community in cluster_communities(k)]


def demo_communities(ctx: DemoContext) -> None:
    for spec in COMMUNITIES:
        spec = dict(spec)
        slug = spec.pop("slug")
        if "parent" in spec:
            spec["parent"] = Community.objects.get(slug=spec["parent"])
        _ensure(Community, {"slug": slug}, created_at=ctx.days_ago(720), **spec)

    for chunk in ctx.cluster_chunks("Communities"):
        specs = [spec for k in chunk for spec in cluster_communities(k)]
        Community.objects.bulk_create(
            [Community(**spec) for spec in specs if "parent" not in spec], ignore_conflicts=True
        )
        parents = _id_map(Community, "slug", (spec["parent"] for spec in specs if "parent" in spec))
        Community.objects.bulk_create(
            [
                Community(
                    **{key: value for key, value in spec.items() if key != "parent"},
                    parent_id=parents[spec["parent"]],
                )
                for spec in specs
                if "parent" in spec
            ],
            ignore_conflicts=True,
        )


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


def _membership(ctx, community_id, user_id, email, role, status, days) -> Membership:
    joined = ctx.days_ago(days)
    return Membership(
        community_id=community_id,
        user_id=user_id,
        role=role,
        status=status,
        in_rotation=email not in NOT_IN_ROTATION,
        requested_at=joined,
        joined_at=joined if status == ACTIVE else None,
        message="Ich würde gern mitmachen und unsere Erfahrungen mit der E-Akte teilen."
        if status == PENDING
        else "",
    )


def demo_memberships(ctx: DemoContext) -> None:
    communities = _id_map(Community, "slug", {row[0] for row in MEMBERSHIPS})
    users = _id_map(User, "email", {row[1] for row in MEMBERSHIPS})
    for slug, email, role, status, days in MEMBERSHIPS:
        lookup = {"community_id": communities[slug], "user_id": users[email]}
        if not Membership.objects.filter(**lookup).exists():
            membership = _membership(ctx, communities[slug], users[email], email, role, status, days)
            membership.full_clean()
            membership.save()

    for chunk in ctx.cluster_chunks("Memberships"):
        rows = [row for k in chunk for row in cluster_memberships(k)]
        communities = _id_map(Community, "slug", {row[0] for row in rows})
        users = _id_map(User, "email", {row[1] for row in rows})
        Membership.objects.bulk_create(
            [
                _membership(ctx, communities[slug], users[email], email, role, status, days)
                for slug, email, role, status, days in rows
            ],
            ignore_conflicts=True,
        )


# ---------------------------------------------------------------------------------------------
# Legal pages
# ---------------------------------------------------------------------------------------------

DEMO_NOTICE = (
    "> **Demo-Text.** Dieser Text stammt aus den Demo-Daten und ist ein Platzhalter. Bitte ersetzen "
    "Sie ihn in der Verwaltung unter *Rechtliche Seiten* durch die Angaben Ihrer Organisation und "
    "lassen Sie ihn von Ihrer Rechtsabteilung oder Ihrer bzw. Ihrem Datenschutzbeauftragten prüfen.\n\n"
)

# Two trailing spaces make a Markdown line break; joined here so the source has no trailing blanks.
_ADDRESS = "  \n".join(
    ["Stadt Kassel (Demo)", "Personal- und Organisationsamt", "Musterstraße 1", "34117 Kassel"]
)
_CONTACT = "  \n".join(
    [
        "Telefon: +49 30 23125 100",
        "E-Mail: [cop-plattform@kassel.example](mailto:cop-plattform@kassel.example)",
    ]
)

IMPRINT = DEMO_NOTICE + (
    f"""\
## Anbieterin

{_ADDRESS}

Die Stadt Kassel ist eine Körperschaft des öffentlichen Rechts. Sie wird vertreten durch den \
Oberbürgermeister.

## Kontakt

{_CONTACT}

## Umsatzsteuer-Identifikationsnummer

DE 000 000 000 (Platzhalter)

## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV

Erika Mustermann, Anschrift wie oben

## Beiträge der Mitglieder

Beschreibungen, Themen, Tagesordnungspunkte und Protokolle verfassen die Mitglieder der \
Communities. Sie geben deren Sicht wieder, nicht die der Anbieterin. Hinweise auf rechtswidrige \
Inhalte nehmen wir unter der oben genannten Adresse entgegen und prüfen sie umgehend.
"""
)

PRIVACY = (
    DEMO_NOTICE
    + """\
## Verantwortliche Stelle

Stadt Kassel (Demo), Personal- und Organisationsamt, Musterstraße 1, 34117 Kassel, \
[cop-plattform@kassel.example](mailto:cop-plattform@kassel.example)

## Datenschutzbeauftragte:r

[Name], erreichbar unter [datenschutz@kassel.example](mailto:datenschutz@kassel.example)

## Welche Daten wir verarbeiten und wozu

- **Konto:** E-Mail-Adresse, Name und ein nicht umkehrbar verschlüsseltes Passwort, damit Sie sich \
anmelden können.
- **Profil (freiwillig):** Organisation, Funktion, Organisationseinheit, Fachgebiete, eine kurze \
Vorstellung und Telefonnummer. E-Mail-Adresse und Telefonnummer sehen andere Mitglieder nur, wenn \
Sie das in Ihrem Profil einschalten.
- **Mitwirkung:** Mitgliedschaften, Zusagen zu Treffen, Themen, Stimmen, Tagesordnungspunkte und \
Protokolle, damit die Communities ihre Treffen organisieren können.
- **Technik:** Beim Aufruf der Seiten verarbeitet der Server die IP-Adresse und Zeitpunkte, um den \
Betrieb zu sichern und Angriffe abzuwehren. Diese Protokolle werden nach [7] Tagen gelöscht.

Rechtsgrundlagen sind Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit [Landesdatenschutzgesetz] für \
den Betrieb der Plattform und Art. 6 Abs. 1 lit. a DSGVO für freiwillige Profilangaben.

## Cookies und Dienste Dritter

Wir setzen nur technisch notwendige Cookies (Anmeldung, Schutz von Formularen, Sprachwahl; \
§ 25 Abs. 2 TDDDG). Es gibt keine Analyse- oder Werbedienste. Schriften, Skripte und Stile liefert \
unser eigener Server aus; Ihr Browser stellt beim Besuch keine Anfragen an andere Anbieter. Links \
zu Werkzeugen der Communities (Whiteboard, Aufgabenboard, Videokonferenz) führen zu anderen \
Anbietern, für deren Datenverarbeitung deren Datenschutzhinweise gelten.

## Kalender-Abonnements

Ihr persönlicher Kalender-Link enthält ein geheimes Kennzeichen. Er zeigt keine Namen oder \
E-Mail-Adressen anderer Mitglieder. Sie können ihn jederzeit widerrufen.

## Speicherdauer

Ihre Daten speichern wir, solange Ihr Konto besteht. Löschen Sie Ihr Konto, entfernen wir Ihre \
Profildaten; Beiträge in den Communities bleiben erhalten und werden einem ehemaligen Mitglied \
zugeordnet, damit Protokolle verständlich bleiben.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, \
Datenübertragbarkeit und Widerspruch (Art. 15 bis 21 DSGVO). Eine Kopie Ihrer Daten und das Löschen \
Ihres Kontos finden Sie selbst unter *Mein Profil*. Sie können sich außerdem bei der \
Datenschutz-Aufsichtsbehörde beschweren: [zuständige Aufsichtsbehörde Ihres Landes].
"""
)

ACCESSIBILITY = (
    DEMO_NOTICE
    + """\
Die Stadt Kassel (Demo) ist bemüht, diese Plattform im Einklang mit [landesrechtliche Vorschrift, \
z. B. Behindertengleichstellungsgesetz des Landes] und der Barrierefreie-Informationstechnik-\
Verordnung (BITV 2.0) zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen.

## Stand der Vereinbarkeit mit den Anforderungen

Diese Plattform ist wegen der unten aufgeführten Ausnahmen **teilweise** mit den Anforderungen \
der BITV 2.0 und der WCAG 2.1 auf Stufe AA vereinbar.

## Nicht barrierefreie Inhalte

Die folgenden Punkte sind Beispiele. Bitte ersetzen Sie sie durch das Ergebnis Ihrer eigenen \
Prüfung.

- **Inhalte der Mitglieder:** Beschreibungen und Protokolle schreiben die Mitglieder selbst. \
Überschriften, Linktexte und Tabellen darin sind nicht immer barrierefrei gestaltet.
- **Werkzeuge anderer Anbieter:** Verlinkte Whiteboards, Aufgabenboards und Videokonferenzen \
gehören nicht zu dieser Plattform; ihre Barrierefreiheit können wir nicht sicherstellen.
- **Kalender-Dateien:** Wie Termine dargestellt werden, bestimmt Ihr Kalenderprogramm.

## Erstellung dieser Erklärung

Diese Erklärung wurde am [Datum] erstellt. Grundlage ist eine Selbstbewertung \
[oder: ein Prüfbericht von ...] vom [Datum].

## Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder brauchen Sie Inhalte in einer \
anderen Form? Schreiben Sie uns an \
[barrierefreiheit@kassel.example](mailto:barrierefreiheit@kassel.example) oder rufen Sie an: \
+49 30 23125 199. Wir antworten innerhalb von [zwei Wochen].

## Durchsetzungsverfahren

Haben Sie uns kontaktiert und innerhalb von [sechs Wochen] keine zufriedenstellende Antwort \
erhalten, können Sie sich an die Durchsetzungs- bzw. Schlichtungsstelle wenden: \
[zuständige Stelle Ihres Landes mit Anschrift, Telefon und E-Mail]. Für Stellen des Bundes ist das \
die Schlichtungsstelle nach § 16 BGG beim Beauftragten der Bundesregierung für die Belange von \
Menschen mit Behinderungen. Das Verfahren ist kostenlos; Sie brauchen keinen Rechtsbeistand.
"""
)

LEGAL_PAGES = [
    (LegalPage.Kind.IMPRINT, "Impressum", IMPRINT),
    (LegalPage.Kind.PRIVACY, "Datenschutzerklärung", PRIVACY),
    (LegalPage.Kind.ACCESSIBILITY, "Erklärung zur Barrierefreiheit", ACCESSIBILITY),
]


def demo_legal_pages(ctx: DemoContext) -> None:
    """Placeholder texts the operator replaces; an existing page is never overwritten."""
    for kind, title, body in LEGAL_PAGES:
        _ensure(LegalPage, {"kind": kind}, title=title, body=body)


SECTIONS: list[Callable[[DemoContext], None]] = [
    demo_organisations,
    demo_people,
    demo_communities,
    demo_memberships,
    demo_legal_pages,
]


# ---------------------------------------------------------------------------------------------
# Running the sections
# ---------------------------------------------------------------------------------------------


def _project_app_configs():
    base = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        if Path(app_config.path).resolve().is_relative_to(base):
            yield app_config


def demo_sections() -> list[Callable[[DemoContext], None]]:
    """This module's sections, then every other project app's `demo.SECTIONS`, in app order."""
    sections = list(SECTIONS)
    for app_config in _project_app_configs():
        if app_config.name == "cop" or not module_has_submodule(app_config.module, "demo"):
            continue
        sections += getattr(importlib.import_module(f"{app_config.name}.demo"), "SECTIONS", [])
    return sections


def model_counts() -> dict[str, int]:
    """Rows per model of the project's apps and allauth's e-mail addresses, by model label."""
    models_to_count = [model for config in _project_app_configs() for model in config.get_models()]
    models_to_count.append(EmailAddress)
    return {model._meta.label: model.objects.count() for model in models_to_count}


@transaction.atomic
def demo_data_load(*, context: DemoContext) -> None:
    """Run every section in one transaction: a failure leaves the database as it was."""
    for section in demo_sections():
        section(context)
