from django.contrib import admin

from cop.pagination import AdminListMixin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(AdminListMixin, admin.ModelAdmin):
    """The outbox, read-only: what was sent to whom and when, and what failed."""

    list_display = ("created_at", "kind", "user", "status", "attempts", "sent_at", "next_attempt_at")
    list_filter = ("status", "kind")
    list_select_related = ("user",)
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    search_fields = ("user__email", "key")
    date_hierarchy = "created_at"
    fields = (
        "kind",
        "user",
        "key",
        "status",
        "attempts",
        "created_at",
        "sent_at",
        "next_attempt_at",
        "last_error",
        "context",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
