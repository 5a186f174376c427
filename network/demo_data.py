"""The "Vernetzt Euch!" demo data as a table: calls for partners and who is interested."""

from dataclasses import dataclass

from members.demo_data import DENIZ, JONAS, LENA, SOPHIE, TOBIAS


@dataclass(frozen=True)
class DemoSearch:
    title: str
    description: str
    author: str
    interested: tuple[str, ...]
    days_ago: int


SEARCHES = [
    DemoSearch(
        title="Wissensmanagement in Stadtwerken",
        description=(
            "Wenn erfahrene Kolleg:innen in Rente gehen, geht viel Wissen mit. Ich suche Mitstreiter:innen "
            "aus Stadtwerken und Verwaltungen, die eine CoP zu **Wissenstransfer** und "
            "**Nachfolgeplanung** gründen möchten: Erfahrungen teilen, Methoden ausprobieren "
            "(Lessons Learned, Wissenslandkarten, Tandems)."
        ),
        author=JONAS,
        interested=(SOPHIE, DENIZ),
        days_ago=12,
    ),
    DemoSearch(
        title="Nachhaltige Beschaffung in Kommunen",
        description=(
            "Wie kaufen wir fair und klimafreundlich ein, ohne uns im Vergaberecht zu verlaufen? "
            "Gesucht: Leute aus Einkauf, Vergabestellen und Klimaschutz, die sich alle zwei Monate "
            "online austauschen möchten."
        ),
        author=LENA,
        interested=(TOBIAS,),
        days_ago=4,
    ),
]
