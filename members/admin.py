"""The Django admin for site coordinators: members, organisations, communities and their exports."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .exports_csv import members_csv_write
from .models import Community, Invitation, Membership, Organisation, OrganisationDomain, User

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


def members_csv_response(users) -> HttpResponse:
    filename = f"{slugify(User._meta.verbose_name_plural)}-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    members_csv_write(users=users, file=response)
    return response


# Users ----------------------------------------------------------------------------------------------


class EmailCleaningMixin:
    """E-mail addresses are stored in lower case, and two may not differ only in case."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        duplicates = User.objects.filter(email__iexact=email)
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


class MembershipOfUserInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    fields = ("community", "role", "status", "in_rotation", "joined_at")
    autocomplete_fields = ("community",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("community")


@admin.action(description=_("Export selected members as CSV"), permissions=["view"])
def export_members_csv(modeladmin, request, queryset):
    return members_csv_response(User.objects.filter(pk__in=queryset.values("pk")))


@admin.register(User)
class UserAdmin(ShowRemainingFieldsMixin, DjangoUserAdmin):
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
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "member_count")
    list_select_related = ("parent",)
    list_filter = ("kind",)
    search_fields = ("name", "slug", "domains__domain")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    formfield_overrides = HTTPS_URL_FIELDS
    inlines = (OrganisationDomainInline, SubOrganisationInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=Count("members", filter=Q(members__is_active=True), distinct=True))
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


class MembershipOfCommunityInline(admin.TabularInline):
    model = Membership
    fk_name = "community"
    fields = ("user", "role", "status", "in_rotation", "joined_at")
    autocomplete_fields = ("user",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Community)
class CommunityAdmin(ShowRemainingFieldsMixin, admin.ModelAdmin):
    list_display = ("name", "parent", "visibility", "join_policy", "active_member_count", "max_members")
    list_select_related = ("parent",)
    list_filter = (CommunityLevelFilter, "visibility", "join_policy", "rotation_mode", "meeting_format")
    search_fields = ("name", "slug", "tagline")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "origin_topic")
    formfield_overrides = HTTPS_URL_FIELDS
    inlines = (MembershipOfCommunityInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "parent", "origin_topic", "created_at")}),
        (_("Description"), {"fields": ("tagline", "description")}),
        (_("Access"), {"fields": ("visibility", "join_policy", "max_members")}),
        (
            _("Meeting defaults"),
            {"fields": Community.CADENCE_FIELDS},
        ),
        (_("Rotation and voting"), {"fields": ("rotation_mode", "votes_per_member")}),
        (_("Tools"), {"fields": ("whiteboard_url", "taskboard_url", "chat_url")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_member_count=Count(
                    "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE), distinct=True
                )
            )
        )

    @admin.display(description=_("active members"), ordering="active_member_count")
    def active_member_count(self, community):
        return community.active_member_count


@admin.action(description=_("Export the members of the selected memberships as CSV"), permissions=["view"])
def export_membership_members_csv(modeladmin, request, queryset):
    return members_csv_response(User.objects.filter(pk__in=queryset.values("user_id")))


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("community", "user", "role", "status", "in_rotation", "joined_at")
    list_select_related = ("community", "user")
    list_filter = ("status", "role", "in_rotation", "community")
    search_fields = ("user__email", "user__first_name", "user__last_name", "community__name")
    autocomplete_fields = ("community", "user")
    date_hierarchy = "joined_at"
    actions = (export_membership_members_csv,)


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
