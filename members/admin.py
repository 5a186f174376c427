"""The Django admin for site coordinators: members, organisations, communities and their exports."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cop.pagination import AdminListMixin

from . import services
from .exports_csv import members_csv_write
from .models import Community, Invitation, Membership, Organisation, OrganisationDomain, User, normalise_email

# Links typed without a scheme are completed with https, as Django 6 will do by default.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ShowRemainingFieldsMixin:
    """Puts model fields the declared fieldsets do not name into a last fieldset.

    A field added to the model later then still shows up in the admin instead of silently missing.
    """

    remaining_fields_title = _("Further fields")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if fieldsets is not self.fieldsets:
            return fieldsets
        listed = set(flatten_fieldsets(fieldsets))
        remaining = [
            field.name
            for field in self.model._meta.get_fields()
            if getattr(field, "editable", False)
            and not field.auto_created
            and (field.concrete or field.many_to_many)
            and not field.primary_key
            and field.name not in listed
        ]
        if not remaining:
            return fieldsets
        return [*fieldsets, (self.remaining_fields_title, {"fields": remaining})]


class ServiceRefusal(Exception):
    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


class ServiceWritesMixin:
    """For a `save_model` that writes through the services: their refusal is the form's error.

    The admin saves inside one transaction after the form was found valid. A service's
    ValidationError, raised as ServiceRefusal, rolls that transaction back (nothing changed); the
    form is then built again from the same request and shows the service's message.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefusal as refusal:
            request.service_refusal = refusal.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form

        class RefusedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, refusal.messages)
                return cleaned_data

        return RefusedForm


def count_of(queryset, field: str):
    """How many rows of `queryset` point at the outer row through `field`: a subquery per row shown."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(count=Count("pk"))
    return Coalesce(Subquery(counted.values("count")), 0)


def members_csv_response(users) -> HttpResponse:
    filename = f"{slugify(User._meta.verbose_name_plural)}-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    members_csv_write(users=users, file=response)
    return response


# Users ----------------------------------------------------------------------------------------------


class EmailCleaningMixin:
    """E-mail addresses are stored normalised (members.models.normalise_email), so two never differ
    only in case; the duplicate shows as the field's message instead of the constraint's."""

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        duplicates = User.objects.filter(email=email)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(self.instance.unique_error_message(User, ["email"]))
        return email


class UserCreationAdminForm(EmailCleaningMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "organisation")


class UserChangeAdminForm(EmailCleaningMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class ReadOnlyMembershipInline(admin.TabularInline):
    """Memberships are shown here and changed on their own admin page, which goes through the services."""

    model = Membership
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FirstMemberForm(forms.ModelForm):
    """A first member is active from the moment the community is added."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.joined_at is None:
            self.instance.joined_at = timezone.now()


class FirstMembersInline(admin.TabularInline):
    """The first members (at least a coordinator) of a community being added: nobody to wait for yet."""

    model = Membership
    form = FirstMemberForm
    fk_name = "community"
    fields = ("user", "role")
    autocomplete_fields = ("user",)
    extra = 1
    verbose_name = _("first member")
    verbose_name_plural = _("first members")


class MembershipOfUserInline(ReadOnlyMembershipInline):
    fk_name = "user"
    fields = ("community", "role", "status", "in_rotation", "joined_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("community")


@admin.action(description=_("Export selected members as CSV"), permissions=["view"])
def export_members_csv(modeladmin, request, queryset):
    return members_csv_response(User.objects.filter(pk__in=queryset.values("pk")))


@admin.register(User)
class UserAdmin(AdminListMixin, ShowRemainingFieldsMixin, DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Personal info"),
            {"fields": ("first_name", "last_name", "organisation", "job_title", "department", "expertise")},
        ),
        (_("Profile"), {"fields": ("bio", "phone")}),
        (_("Privacy"), {"fields": ("is_listed", "show_email", "show_phone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "last_name",
                    "organisation",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("email", "first_name", "last_name", "organisation", "is_staff", "is_active", "last_login")
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    list_display_links = ("email",)
    list_select_related = ("organisation",)
    list_filter = ("organisation__kind", "is_staff", "is_active", "is_listed")
    search_fields = ("email", "first_name", "last_name", "organisation__name")
    ordering = ("last_name", "first_name", "email")
    autocomplete_fields = ("organisation",)
    inlines = (MembershipOfUserInline,)
    actions = (export_members_csv,)

    def get_inlines(self, request, obj):
        # A new user has no memberships yet; the add page keeps to the account itself.
        return self.inlines if obj is not None else ()


# Organisations --------------------------------------------------------------------------------------


class OrganisationDomainInline(admin.TabularInline):
    model = OrganisationDomain
    extra = 1


class SubOrganisationInline(admin.TabularInline):
    """The organisations that belong to this one; edited on their own pages."""

    model = Organisation
    fk_name = "parent"
    fields = ("name", "kind")
    readonly_fields = ("name", "kind")
    show_change_link = True
    extra = 0
    can_delete = False
    verbose_name = _("sub-organisation")
    verbose_name_plural = _("sub-organisations")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(AdminListMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "member_count")
    list_select_related = ("parent",)
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    list_filter = ("kind",)
    search_fields = ("name", "slug", "domains__domain")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    formfield_overrides = HTTPS_URL_FIELDS
    inlines = (OrganisationDomainInline, SubOrganisationInline)

    def get_queryset(self, request):
        # A subquery per row shown, not a count over a join of every organisation with its members.
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=count_of(User.objects.filter(is_active=True), "organisation"))
        )

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, organisation):
        return organisation.member_count


@admin.register(OrganisationDomain)
class OrganisationDomainAdmin(admin.ModelAdmin):
    list_display = ("domain", "organisation")
    list_select_related = ("organisation",)
    list_filter = ("organisation__kind",)
    search_fields = ("domain", "organisation__name")
    autocomplete_fields = ("organisation",)


# Communities ----------------------------------------------------------------------------------------


class CommunityLevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("cop", _("Community of Practice")), ("spin_off", _("Spin-off"))]

    def queryset(self, request, queryset):
        if self.value() == "cop":
            return queryset.filter(parent__isnull=True)
        if self.value() == "spin_off":
            return queryset.filter(parent__isnull=False)
        return queryset


@admin.register(Community)
class CommunityAdmin(AdminListMixin, ShowRemainingFieldsMixin, admin.ModelAdmin):
    list_display = ("name", "parent", "visibility", "join_policy", "active_member_count", "max_members")
    list_select_related = ("parent",)
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    list_filter = (CommunityLevelFilter, "visibility", "join_policy", "rotation_mode", "meeting_format")
    search_fields = ("name", "slug", "tagline")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "origin_topic")
    formfield_overrides = HTTPS_URL_FIELDS
    # A community may have thousands of members: once it exists they are listed on the memberships'
    # changelist (and changed there, through the services), not inline.
    inlines = (FirstMembersInline,)
    readonly_fields = ("membership_link",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "parent", "origin_topic", "created_at", "membership_link")}),
        (_("Description"), {"fields": ("tagline", "description")}),
        (_("Access"), {"fields": ("visibility", "join_policy", "max_members")}),
        (
            _("Meeting defaults"),
            {"fields": Community.CADENCE_FIELDS},
        ),
        (_("Rotation and voting"), {"fields": ("rotation_mode", "votes_per_member")}),
        (_("Reminders to the members"), {"fields": Community.REMINDER_FIELDS}),
        (_("Tools"), {"fields": ("whiteboard_url", "taskboard_url", "chat_url")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(active_member_count=count_of(Membership.objects.active(), "community"))
        )

    @admin.display(description=_("active members"), ordering="active_member_count")
    def active_member_count(self, community):
        return community.active_member_count

    def get_inlines(self, request, obj):
        return self.inlines if obj is None else ()

    @admin.display(description=_("memberships"))
    def membership_link(self, community):
        if community.pk is None:
            return "-"
        url = reverse("admin:members_membership_changelist")
        return format_html(
            '<a href="{}?community__id__exact={}">{}</a>', url, community.pk, _("Show the memberships")
        )


@admin.action(description=_("Export the members of the selected memberships as CSV"), permissions=["view"])
def export_membership_members_csv(modeladmin, request, queryset):
    return members_csv_response(User.objects.filter(pk__in=queryset.values("user_id")))


class MembershipAdminForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        excluded = super()._get_validation_exclusions()
        if self.cleaned_data.get("status") == Membership.Status.ACTIVE and not self.cleaned_data.get(
            "joined_at"
        ):
            # Activating is the services' write, and they set the join date (membership_active_has_join_date).
            excluded.add("joined_at")
        return excluded


@admin.register(Membership)
class MembershipAdmin(AdminListMixin, ServiceWritesMixin, admin.ModelAdmin):
    """Status, role and rotation change through the members' services, as on the community pages:
    activating respects the community's maximum, leaving hands facilitations on, and the last
    coordinator stays. A refusal is shown at the form and nothing is saved."""

    form = MembershipAdminForm
    list_display = ("community", "user", "role", "status", "in_rotation", "joined_at")
    list_select_related = ("community", "user")
    # No filter by community: it would list every community; ?community__id__exact= still works.
    list_filter = ("status", "role", "in_rotation")
    search_fields = ("user__email", "user__first_name", "user__last_name", "community__name")
    autocomplete_fields = ("community", "user")
    # Newest first, by the primary key: the model's order joins every row to its community's name.
    ordering = ("-pk",)
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    actions = (export_membership_members_csv,)
    fields = ("community", "user", "status", "role", "in_rotation", "joined_at", "requested_at", "message")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            # A new membership joins like an invited person: active, or waitlisted when the community is full.
            return ("status", "joined_at")
        return ("community", "user")

    def save_model(self, request, obj, form, change):
        try:
            if change:
                self._save_change(obj, form)
            else:
                self._save_new(obj, form)
        except ValidationError as error:
            raise ServiceRefusal(error) from error

    @staticmethod
    def _save_new(obj, form):
        membership = services.membership_join(community=obj.community, user=obj.user, invited=True)
        if obj.message:
            membership.message = obj.message
            membership.save(update_fields=["message"])
        if membership.status == Membership.Status.ACTIVE:
            if obj.role != membership.role:
                membership = services.membership_set_role(membership=membership, role=obj.role)
            if obj.in_rotation != membership.in_rotation:
                services.membership_set_rotation(membership=membership, in_rotation=obj.in_rotation)
        obj.pk = membership.pk
        obj.refresh_from_db()

    @staticmethod
    def _save_change(obj, form):
        changed = set(form.changed_data)
        plain = [name for name in ("joined_at", "requested_at", "message") if name in changed]
        if plain:
            obj.save(update_fields=plain)
        if "status" in changed:
            services.membership_set_status(membership=obj, status=obj.status)
        if "role" in changed:
            services.membership_set_role(membership=obj, role=obj.role)
        if "in_rotation" in changed:
            services.membership_set_rotation(membership=obj, in_rotation=obj.in_rotation)
        obj.refresh_from_db()


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from a community's management page, which mails the secret link.

    The admin only shows them and may extend their validity; it cannot create one, because the
    link's secret is never stored and could not be sent from here.
    """

    list_display = ("community", "email", "created_at", "expires_at", "accepted_at", "invited_by")
    list_select_related = ("community", "invited_by")
    list_filter = ("accepted_at",)
    search_fields = ("email", "community__name")
    date_hierarchy = "created_at"
    fields = ("community", "email", "invited_by", "created_at", "expires_at", "accepted_at", "token_hash")
    readonly_fields = ("community", "email", "invited_by", "created_at", "accepted_at", "token_hash")

    def has_add_permission(self, request):
        return False
