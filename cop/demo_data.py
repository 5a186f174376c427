"""The legal pages' placeholder texts of the demo data (loaded by cop/demo.py)."""

from .models import LegalPage

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
Protokolle, damit die Communities ihre Treffen organisieren können. Wer für ein Thema einen Punkt \
gegeben hat, sehen nur die Mitglieder der Community; die „Weiter?“-Daumen im Lean Coffee werden nur \
gezählt. Punkte und Daumen löschen wir mit Ihrem Konto.
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
