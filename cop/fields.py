"""Small checks the apps' services share."""


def refuse_unknown_fields(function_name: str, fields, allowed) -> None:
    """A service asked to change a field that is not its to change: a programming error (TypeError),
    never a user's, so it does not read as a form message."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{function_name}() cannot change {sorted(unknown)}")


def https_by_default(field, **kwargs):
    """A form field for a model field; a link typed without scheme becomes https://… (the default
    of Django 6 and later). Used as a ModelForm's `formfield_callback`."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)
