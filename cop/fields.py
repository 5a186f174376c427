"""Small checks the apps' services share."""


def refuse_unknown_fields(function_name: str, fields, allowed) -> None:
    """A service asked to change a field that is not its to change: a programming error (TypeError),
    never a user's, so it does not read as a form message."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{function_name}() cannot change {sorted(unknown)}")
