"""Check constraints that every app declares the same way: a choice field holds one of its
choices, a number stays in its range. Names follow `<model>_<field>_valid` and
`<model>_<field>_range`, so an IntegrityError names the rule it broke."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def choice_constraint(prefix: str, field: str, choices, *, blank: bool = False) -> models.CheckConstraint:
    """The column holds one of the values of `choices` (a Choices class); with `blank` also ""."""
    values = [*choices.values, ""] if blank else list(choices.values)
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": values}),
        name=f"{prefix}_{field}_valid",
        violation_error_message=_("Please choose one of the offered values."),
    )


def range_constraint(
    prefix: str, field: str, *, minimum: int, maximum: int | None = None, null: bool = False, message
) -> models.CheckConstraint:
    """`minimum` ≤ column (≤ `maximum`); with `null` an empty column is allowed too."""
    condition = Q(**{f"{field}__gte": minimum})
    if maximum is not None:
        condition &= Q(**{f"{field}__lte": maximum})
    if null:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        condition=condition, name=f"{prefix}_{field}_range", violation_error_message=message
    )
