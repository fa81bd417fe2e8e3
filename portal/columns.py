"""What fits a database column, read from the models.

A value longer than a text column, or an integer outside an integer column's range, can be neither
stored there nor match a row: Tortoise refuses it with a ``ValidationError`` and the database driver
with an ``OverflowError``, both before any query runs (and PostgreSQL refuses text holding NUL).
Values a visitor typed or put in an address are checked here first: a lookup by a value that does not
fit finds nothing (``find``), and the form parsers (``portal.web.forms``) and path convertors
(``portal.web.convertors``) take their bounds from these columns rather than from numbers written
again by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from tortoise.fields import Field
from tortoise.fields.relational import ForeignKeyFieldInstance, OneToOneFieldInstance
from tortoise.models import Model

M = TypeVar("M", bound=Model)


def column(model: type[Model], name: str) -> Field[Any]:
    """The field behind a filter name: ``title``, ``id__in``, ``draft_id`` or ``draft`` (its key)."""
    name = name.split("__", 1)[0]
    fields = model._meta.fields_map
    found = fields.get(name) or fields.get(name.removesuffix("_id"))
    if found is None:
        raise KeyError(f"{model.__name__} has no field {name}")
    if isinstance(found, ForeignKeyFieldInstance | OneToOneFieldInstance):
        return column(found.related_model, found.related_model._meta.pk_attr)
    return found


def max_length(model: type[Model], name: str) -> int:
    length = getattr(column(model, name), "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{name} is not a text column of bounded length")
    return length


def int_range(model: type[Model], name: str) -> tuple[int, int]:
    constraints = column(model, name).constraints
    if "ge" not in constraints or "le" not in constraints:
        raise TypeError(f"{model.__name__}.{name} is not an integer column")
    return int(constraints["ge"]), int(constraints["le"])


def fits(model: type[Model], name: str, value: Any) -> bool:
    """True when ``value`` (each value, for an ``__in`` filter) could be stored in the column."""
    if name.endswith("__in") and isinstance(value, Iterable) and not isinstance(value, str):
        return all(fits(model, name.removesuffix("__in"), one) for one in value)
    field = column(model, name)
    if isinstance(value, str):
        if "\x00" in value:  # PostgreSQL's text types cannot hold NUL, so no row has it
            return False
        length = getattr(field, "max_length", None)
        return not isinstance(length, int) or len(value) <= length
    if isinstance(value, int) and not isinstance(value, bool):
        bounds = field.constraints
        if "ge" in bounds and "le" in bounds:
            return int(bounds["ge"]) <= value <= int(bounds["le"])
    return True


async def find(model: type[M], *, related: tuple[str, ...] = (), **filters: Any) -> M | None:
    """The one row matching the filters, or None, also when a value cannot fit its column (no row
    can hold it, so none matches)."""
    if not all(fits(model, name, value) for name, value in filters.items()):
        return None
    query = model.get_or_none(**filters)
    return await (query.select_related(*related) if related else query)
