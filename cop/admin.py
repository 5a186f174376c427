from django.contrib import admin

from .models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    """Imprint, privacy policy and accessibility statement: one page of each kind."""

    list_display = ("kind", "title", "updated_at")
    search_fields = ("title", "body")
    fields = ("kind", "title", "body", "updated_at")
    readonly_fields = ("updated_at",)
