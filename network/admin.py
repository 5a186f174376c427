"""The Django admin for calls for partners: related rows by autocomplete, never a select of every member."""

from django.contrib import admin

from .models import Interest, PartnerSearch


class InterestInline(admin.TabularInline):
    model = Interest
    extra = 0
    fields = ("user", "created_at")
    autocomplete_fields = ("user",)


@admin.register(PartnerSearch)
class PartnerSearchAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "organisation", "status", "community", "created_at")
    list_filter = ("status",)
    list_select_related = ("author", "community")
    show_full_result_count = False
    list_per_page = 40
    search_fields = ("title", "organisation")
    autocomplete_fields = ("author", "community")
    date_hierarchy = "created_at"
    inlines = [InterestInline]
