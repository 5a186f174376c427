"""The Django admin for meetings: agenda items and attendance inline, and planning from the community list."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cop.pagination import AdminListMixin

# Imported for its side effect: the Community admin must be registered before we extend it below.
from members import admin as members_admin
from members.models import Community

from . import services
from .forms import MeetingAdminForm
from .models import AgendaItem, Attendance, FacilitatorDecline, Meeting, MinutesRevision


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    ordering = ("position", "pk")
    fields = (
        "position",
        "title",
        "kind",
        "duration_minutes",
        "status",
        "proposed_by",
        "presenter",
        "outcome",
    )
    autocomplete_fields = ("proposed_by", "presenter")


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ("user", "response", "attended")
    autocomplete_fields = ("user",)


class FacilitatorDeclineInline(admin.TabularInline):
    model = FacilitatorDecline
    extra = 0
    fields = ("user", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)


class MinutesRevisionInline(admin.TabularInline):
    """The change record of the minutes: written by the services, read-only here."""

    model = MinutesRevision
    extra = 0
    fields = ("created_at", "editor", "published")
    readonly_fields = fields
    ordering = ("-created_at", "-pk")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MinutesPublishedFilter(admin.SimpleListFilter):
    title = _("minutes published")
    parameter_name = "minutes_published"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(minutes_published_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(minutes_published_at__isnull=True)
        return queryset


class WhenFilter(admin.SimpleListFilter):
    """Upcoming or past, in place of a date hierarchy: that lists the years of every meeting, a
    scan of the whole table on each visit of the list."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(ends_at__gt=timezone.now())
        if self.value() == "past":
            return queryset.filter(ends_at__lte=timezone.now())
        return queryset


@admin.action(description=_("Cancel the selected meetings"), permissions=["change"])
def cancel_meetings(modeladmin, request, queryset):
    done = 0
    for meeting in queryset:
        try:
            services.meeting_cancel(meeting=meeting)
        except ValidationError as error:
            modeladmin.message_user(request, f"{meeting}: {' '.join(error.messages)}", messages.WARNING)
        else:
            done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d meeting was cancelled.", "%(count)d meetings were cancelled.", done)
        % {"count": done},
        messages.SUCCESS,
    )


@admin.register(Meeting)
class MeetingAdmin(AdminListMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "community",
        "local_start",
        "facilitator",
        "facilitator_confirmed",
        "host_organisation",
        "status",
        "item_count",
    )
    list_select_related = ("community", "facilitator", "host_organisation")
    # No filter by community (it would list every community); search by its name instead.
    list_filter = (WhenFilter, "status", "format", "facilitator_confirmed", MinutesPublishedFilter)
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    search_fields = (
        "title",
        "community__name",
        "facilitator__email",
        "facilitator__first_name",
        "facilitator__last_name",
    )
    # Newest first, with the id as tie-break, read along the (starts_at, id) index: many meetings
    # share a start time, and the admin adds "-pk" to any ordering that is not unique.
    ordering = ("-starts_at", "-pk")
    autocomplete_fields = ("community",)
    # Status and facilitation change on the meeting's page, through the services: there the rotation
    # proposes the next person, declines are kept, the calendar and the notices follow.
    readonly_fields = (
        "status",
        "facilitator",
        "facilitator_confirmed",
        "host_organisation",
        "meeting_page",
        "slot",
        "sequence",
        "created_at",
        "updated_at",
    )
    form = MeetingAdminForm
    formfield_overrides = members_admin.HTTPS_URL_FIELDS
    inlines = (AgendaItemInline, AttendanceInline, FacilitatorDeclineInline, MinutesRevisionInline)
    actions = (cancel_meetings,)
    fieldsets = (
        (None, {"fields": ("community", "title")}),
        (_("Date and place"), {"fields": ("starts_at", "ends_at", "format", "location", "video_url")}),
        (
            _("Status and facilitation"),
            {
                "fields": (
                    "status",
                    "facilitator",
                    "facilitator_confirmed",
                    "host_organisation",
                    "meeting_page",
                ),
                "description": _(
                    "These change on the meeting's page: choose the facilitator, cancel the meeting or "
                    "record its minutes there (or cancel it with the action of the meeting list)."
                ),
            },
        ),
        (_("Minutes"), {"fields": ("minutes", "minutes_confidential", "minutes_published_at")}),
        (_("Bookkeeping"), {"fields": ("slot", "sequence", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        # A subquery per row shown, not a count over a join of every meeting with its items.
        return (
            super()
            .get_queryset(request)
            .annotate(item_count=members_admin.count_of(AgendaItem.objects.all(), "meeting"))
        )

    @admin.display(description=_("page"))
    def meeting_page(self, meeting):
        if meeting.pk is None:
            return "-"
        return format_html('<a href="{}">{}</a>', meeting.get_absolute_url(), _("Open the meeting's page"))

    @admin.display(description=_("starts"), ordering="starts_at")
    def local_start(self, meeting):
        return date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")

    # Not sortable: sorting by it would count the items of every meeting of the platform (100 ms at
    # 16,000 meetings) for one page.
    @admin.display(description=_("agenda items"))
    def item_count(self, meeting):
        return meeting.item_count

    def save_model(self, request, obj, form, change):
        # An edit here bypasses the services, so raise the calendar sequence the same way they do.
        if change and Meeting.calendar_sees(form.changed_data):
            obj.raise_sequence()
        super().save_model(request, obj, form, change)


@admin.action(description=_("Plan the next meetings"), permissions=["change"])
def plan_next_meetings(modeladmin, request, queryset):
    """Plan each selected community's next meetings by its cadence (idempotent, like the button)."""
    for community in queryset:
        try:
            created = services.meeting_plan_next(community=community)
        except ValidationError as error:
            modeladmin.message_user(request, f"{community}: {' '.join(error.messages)}", messages.ERROR)
            continue
        modeladmin.message_user(
            request,
            ngettext(
                "%(community)s: %(count)d meeting planned.",
                "%(community)s: %(count)d meetings planned.",
                len(created),
            )
            % {"community": community, "count": len(created)},
            messages.SUCCESS,
        )


def _attach_plan_action(site=admin.site) -> None:
    """Add the action to the registered Community admin.

    members/admin.py belongs to the members app and was written by another hand at the same time;
    the meetings app adds its own action here instead of editing that file, so the dependency runs
    one way (meetings knows members, not the other way round).
    """
    community_admin = site.get_model_admin(Community)
    actions = list(community_admin.actions or ())
    if plan_next_meetings not in actions:
        community_admin.actions = [*actions, plan_next_meetings]


_attach_plan_action()
