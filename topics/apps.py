from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Topics")

    def ready(self):
        from meetings import services as meeting_services
        from members import services as member_services
        from members.export import register_export_section

        from . import export, leancoffee, services, suggestions

        register_export_section("topics_proposed", export.topics_proposed)
        register_export_section("topic_votes", export.topic_votes)
        register_export_section("spin_off_suggestions", suggestions.suggestions_of)
        # Votes are personal choices and go with the account; proposed topics stay, shown as
        # proposed by a former member; so do spin-off suggestions.
        member_services.register_account_deletion_step(services.votes_delete_for_user)
        register_export_section("lean_coffee_thumbs", export.lean_coffee_thumbs)
        member_services.register_account_deletion_step(leancoffee.thumbs_delete_for_user)
        # Someone who leaves takes their dots off the undecided topics.
        member_services.register_membership_left_step(services.votes_release_on_leave)
        # A held meeting turns its topics into discussed ones, with the item's outcome; a cancelled
        # one gives them back to the board.
        meeting_services.register_meeting_closed_step(services.topics_update_from_meeting)
