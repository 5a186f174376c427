"""The Django admin for topics and votes: related rows by autocomplete, never a select of every member."""

from django.contrib import admin
from django.db.models import Count

from cop.pagination import AdminListMixin

from .models import Topic, Vote


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0
    fields = ("user", "created_at")
    autocomplete_fields = ("user",)


@admin.register(Topic)
class TopicAdmin(AdminListMixin, admin.ModelAdmin):
    list_display = ("title", "community", "status", "proposed_by", "vote_count", "created_at")
    list_filter = ("status",)
    list_select_related = ("community", "proposed_by")
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    search_fields = ("title", "community__name")
    autocomplete_fields = ("community", "proposed_by")
    date_hierarchy = "created_at"
    inlines = [VoteInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(vote_total=Count("votes"))

    @admin.display(description=Vote._meta.verbose_name_plural, ordering="vote_total")
    def vote_count(self, topic):
        return topic.vote_total


@admin.register(Vote)
class VoteAdmin(AdminListMixin, admin.ModelAdmin):
    list_display = ("topic", "user", "created_at")
    list_select_related = ("topic", "topic__community", "user")
    show_full_result_count = False
    list_per_page = 25  # a changelist page stays under 50 KB of HTML and fast to render
    search_fields = ("topic__title", "user__email", "user__last_name")
    autocomplete_fields = ("topic", "user")
    date_hierarchy = "created_at"
