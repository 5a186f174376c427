"""Bring existing rows into the shape the constraints of the next migration demand.

- E-mail addresses are stored trimmed and in lower case (members.models.normalise_email). If two
  accounts differ only in case the migration stops and names them: one must be merged or renamed
  by hand, as it cannot be known which one the person uses.
- An active membership without a join date gets the date of its request.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import F


def normalise(address):
    # The same as members.models.normalise_email at the time of writing (migrations keep their own copy).
    return (address or "").strip().lower()


def lower_case_emails(apps, schema_editor):
    User = apps.get_model("members", "User")
    Invitation = apps.get_model("members", "Invitation")
    by_address = defaultdict(list)
    for pk, email in User.objects.values_list("pk", "email").order_by("pk").iterator():
        by_address[normalise(email)].append((pk, email))
    clashes = {address: rows for address, rows in by_address.items() if len(rows) > 1}
    if clashes:
        listed = "; ".join(
            ", ".join(f"#{pk} {email}" for pk, email in rows) for rows in clashes.values()
        )
        raise RuntimeError(
            "Cannot store e-mail addresses in lower case: these accounts differ only in the case of "
            f"their address: {listed}. Merge them or change one address, then migrate again."
        )
    changed = [
        User(pk=pk, email=address)
        for address, [(pk, email)] in by_address.items()
        if email != address
    ]
    User.objects.bulk_update(changed, ["email"], batch_size=500)
    invitations = [
        Invitation(pk=pk, email=normalise(email))
        for pk, email in Invitation.objects.values_list("pk", "email").iterator()
        if email != normalise(email)
    ]
    Invitation.objects.bulk_update(invitations, ["email"], batch_size=500)


def date_active_memberships(apps, schema_editor):
    Membership = apps.get_model("members", "Membership")
    Membership.objects.filter(status="active", joined_at__isnull=True).update(joined_at=F("requested_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_list_indexes"),
    ]

    operations = [
        migrations.RunPython(lower_case_emails, migrations.RunPython.noop),
        migrations.RunPython(date_active_memberships, migrations.RunPython.noop),
    ]
