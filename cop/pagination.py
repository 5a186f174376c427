"""The one way the site splits a long list into pages."""

from functools import cached_property

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _


class CappedPaginator(Paginator):
    """Counts no further than `cap` rows (`capped` says there were more); pages stop there."""

    def __init__(self, object_list, per_page, *, cap):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def _found(self) -> int:
        # Only the ids are counted: an annotation of the list (a count per row, say) is left out of
        # the select, where it would be computed for every counted row.
        return self.object_list.order_by().select_related(None).values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._found, self.cap)

    @property
    def capped(self) -> bool:
        return self._found > self.cap


# The admin's changelists count at most this many rows (400 pages); beyond, a search or a filter
# narrows the list. Counting a whole table of a national network on every visit would cost more
# than the rest of the page.
ADMIN_COUNTED_UP_TO = 10_000


class AdminPaginator(CappedPaginator):
    """`ModelAdmin.paginator` for tables that grow with the platform: a CappedPaginator."""

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True):
        super().__init__(object_list, per_page, cap=ADMIN_COUNTED_UP_TO)


class AdminListMixin:
    """For ModelAdmins of tables that grow with the platform: the AdminPaginator, and each row's
    action checkbox written directly instead of through the form widget's templates (the same
    markup as Django's; rendering 25 of them through the template engine took a fifth of the
    meeting list's time)."""

    paginator = AdminPaginator

    def action_checkbox(self, obj):
        from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
        from django.utils.html import format_html

        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class CountedPaginator(Paginator):
    """Told its count (e.g. a count the cache holds), so that it does not count the rows again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def paginate(request, queryset, per_page: int, *, paginator: Paginator | None = None) -> tuple[Page, str]:
    """The page `?page=` asks for, clamped into range, and a notice when the number had to change.

    Never raises: a missing, empty, zero or negative number is the first page; text the first page
    with a notice; a number beyond the end (however large) the last page with a notice.
    Counts (annotations) meant for the rows shown belong on `page.object_list`'s queryset or in a
    correlated subquery, so that only the page's rows are counted. `paginator`: one of another kind
    (e.g. CappedPaginator) for the same queryset.
    """
    paginator = paginator or Paginator(queryset, per_page)
    raw = request.GET.get("page", "").strip()
    notice = ""
    shown = "".join(character for character in raw[:20] if character.isprintable())
    if not raw:
        number = 1
    else:
        try:
            number = int(raw)
        except ValueError:
            if raw.isdigit():  # more digits than int() accepts: far beyond the end
                number = paginator.num_pages + 1
            else:
                number = 1
                notice = _("“%(page)s” is not a page number; showing the first page.") % {"page": shown}
    if number < 1:
        number = 1
    elif number > paginator.num_pages:
        notice = _("There is no page %(page)s; showing the last page.") % {"page": raw[:20]}
        number = paginator.num_pages
    return paginator.page(number), notice
