"""The migrations that bring existing rows into the shape the constraints demand."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0005_list_indexes"), ("meetings", "0003_agenda_item_topic")]
NORMALISED = [
    ("members", "0006_normalise_rows_before_constraints"),
    ("meetings", "0004_unconfirm_facilitations_without_facilitator"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    """The models as they were before the data migrations; afterwards everything is migrated again."""
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_rows_are_normalised(old_apps):
    User = old_apps.get_model("members", "User")
    Community = old_apps.get_model("members", "Community")
    Membership = old_apps.get_model("members", "Membership")
    Invitation = old_apps.get_model("members", "Invitation")
    Meeting = old_apps.get_model("meetings", "Meeting")
    erika = User.objects.create(email=" Erika.Mustermann@Kassel.DE", password="!")
    User.objects.create(email="max@heidelberg.example", password="!")
    community = Community.objects.create(name="Personalentwicklung", slug="pe")
    undated = Membership.objects.create(community=community, user=erika, status="active", joined_at=None)
    Invitation.objects.create(
        community=community,
        email="Gast@Beispiel.example",
        token_hash="a" * 64,
        expires_at="2030-01-01T00:00Z",
    )
    unconfirmed = Meeting.objects.create(
        community=community,
        title="Treffen",
        starts_at="2027-03-09T09:00Z",
        ends_at="2027-03-09T11:00Z",
        facilitator=None,
        facilitator_confirmed=True,
    )

    apps = migrate(NORMALISED)

    assert list(apps.get_model("members", "User").objects.order_by("pk").values_list("email", flat=True)) == [
        "erika.mustermann@kassel.de",
        "max@heidelberg.example",
    ]
    assert list(apps.get_model("members", "Invitation").objects.values_list("email", flat=True)) == [
        "gast@beispiel.example"
    ]
    membership = apps.get_model("members", "Membership").objects.get(pk=undated.pk)
    assert membership.joined_at == membership.requested_at
    assert apps.get_model("meetings", "Meeting").objects.get(pk=unconfirmed.pk).facilitator_confirmed is False


def test_accounts_that_differ_only_in_case_stop_the_migration_with_their_names(old_apps):
    User = old_apps.get_model("members", "User")
    first = User.objects.create(email="erika@kassel.de", password="!")
    second = User.objects.create(email="Erika@Kassel.de", password="!")

    with pytest.raises(RuntimeError) as stopped:
        migrate(NORMALISED)

    assert str(stopped.value) == (
        "Cannot store e-mail addresses in lower case: these accounts differ only in the case of their "
        f"address: #{first.pk} erika@kassel.de, #{second.pk} Erika@Kassel.de. Merge them or change one "
        "address, then migrate again."
    )
    assert list(User.objects.order_by("pk").values_list("email", flat=True)) == [
        "erika@kassel.de",
        "Erika@Kassel.de",
    ]
    User.objects.filter(pk=second.pk).delete()  # so that the fixture can migrate forward again
