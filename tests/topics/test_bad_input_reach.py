"""The project's bad-input walk (tests/test_bad_input.py) reaches the topic forms."""

from tests.badinput.world import clients_by_role
from tests.test_bad_input import (
    discover,
    world,  # noqa: F401 - the bad-input walk's fixture
)
from tests.test_url_walk import world as url_walk_world  # noqa: F401 - needed by `world`


def test_the_bad_input_walk_reaches_the_topic_forms(world):  # noqa: F811
    clients = clients_by_role(world)
    reached = {
        role: {target.url_name for target in discover(clients[role], world) if not target.from_table}
        for role in ("member", "coordinator")
    }
    topic_forms = {"topic_board", "topic_create", "topic_edit", "topic_archive", "topic_vote"}
    assert reached["member"] & topic_forms == topic_forms
    assert reached["coordinator"] & (topic_forms | {"topic_spin_off"}) == topic_forms | {"topic_spin_off"}
