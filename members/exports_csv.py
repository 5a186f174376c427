"""CSV export of members for site coordinators.

Format decisions (for Excel as it is set up in German town halls):

- UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and breaks umlauts.
- `;` as delimiter: German Excel uses `;` as list separator and puts a comma-separated file into one
  column. LibreOffice asks for the separator on import anyway.
- Cells that begin with = + - @, a tab or a carriage return get a leading `'`, so that a spreadsheet
  shows them as text instead of running them as a formula (CSV injection; OWASP's advice).
"""

import csv

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Membership, User

CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell_escape(value) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def members_for_export(users):
    """The users with what the export needs, in a constant number of queries."""
    active = Membership.objects.active().select_related("community").order_by("community__name")
    return (
        users.select_related("organisation")
        .prefetch_related(Prefetch("memberships", queryset=active, to_attr="active_memberships"))
        .order_by("last_name", "first_name", "email")
    )


def members_csv_header() -> list[str]:
    field = User._meta.get_field
    return [
        capfirst(field("email").verbose_name),
        capfirst(field("first_name").verbose_name),
        capfirst(field("last_name").verbose_name),
        capfirst(field("organisation").verbose_name),
        capfirst(field("job_title").verbose_name),
        capfirst(field("department").verbose_name),
        capfirst(field("expertise").verbose_name),
        _("Communities"),
    ]


def members_csv_row(user) -> list[str]:
    memberships = getattr(user, "active_memberships", None)
    if memberships is None:
        memberships = (
            Membership.objects.active()
            .filter(user=user)
            .select_related("community")
            .order_by("community__name")
        )
    return [
        csv_cell_escape(value)
        for value in (
            user.email,
            user.first_name,
            user.last_name,
            user.organisation.name if user.organisation_id else "",
            user.job_title,
            user.department,
            user.expertise,
            "; ".join(membership.community.name for membership in memberships),
        )
    ]


def members_csv_write(*, users, file) -> None:
    """Write the members as CSV (BOM, header, one row per member) to a text file-like object."""
    file.write(CSV_BOM)
    writer = csv.writer(file, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(members_csv_header())
    for user in members_for_export(users):
        writer.writerow(members_csv_row(user))
