"""Query building blocks that several apps share."""

from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce


def count_subquery(queryset, outer_field: str):
    """How many rows of `queryset` belong to the outer query's row, as an annotation (0 for none).

    `queryset` is filtered on an `OuterRef` through `outer_field` (e.g. "meeting"). Unlike
    `Count()` over a join, the database counts only for the rows the outer query returns (after
    LIMIT), and two counts never multiply each other's rows.
    """
    counted = queryset.order_by().values(outer_field).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
