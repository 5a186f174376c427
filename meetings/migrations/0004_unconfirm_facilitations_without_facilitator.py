"""A meeting whose facilitator was removed may still say the facilitation is accepted; the next
migration forbids that, so such meetings become unconfirmed (nobody has accepted them)."""

from django.db import migrations


def unconfirm(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.filter(facilitator__isnull=True, facilitator_confirmed=True).update(facilitator_confirmed=False)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_agenda_item_topic"),
    ]

    operations = [
        migrations.RunPython(unconfirm, migrations.RunPython.noop),
    ]
