"""What the notifications app stores about a person: its sections of the data export and its step
of account deletion (registered in NotificationsConfig.ready()).

The export lists every e-mail queued for the person (kind, what it was about, when, outcome) and
the kinds they switched off. Account deletion removes both (a record of mail to an address that
no longer exists serves nobody), and the notices to others naming the person (requests to join,
interest in a call for partners) lose the name: still queued ones are dropped, sent ones say "Former member".
"""

from django.utils.translation import gettext as _

from members.export import register_export_section
from members.services import register_account_deletion_step

from .models import NAMING_A_PERSON, Notification, Unsubscription


def notifications_section(user) -> list[dict]:
    return [
        {
            "kind": row.kind,
            "about": row.key,
            "content": row.context,
            "status": row.status,
            "attempts": row.attempts,
            "queued_at": row.created_at,
            "sent_at": row.sent_at,
            "last_error": row.last_error,
        }
        for row in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]


def switched_off_section(user) -> list[dict]:
    return [
        {"kind": row.kind, "since": row.created_at}
        for row in Unsubscription.objects.filter(user=user).order_by("kind")
    ]


def delete_notifications(*, user) -> None:
    Notification.objects.filter(user=user).delete()
    Unsubscription.objects.filter(user=user).delete()
    about_requests = Notification.objects.filter(kind__in=NAMING_A_PERSON, context__person_id=user.pk)
    about_requests.filter(status=Notification.Status.QUEUED).delete()
    for row in about_requests:
        row.context = {**row.context, "person": _("Former member")}
        row.save(update_fields=["context"])


def register() -> None:
    register_export_section("notifications", notifications_section)
    register_export_section("notifications_switched_off", switched_off_section)
    register_account_deletion_step(delete_notifications)
