"""Custom field values on clients, matters and users: only the fields listed change (the OpenAPI's UpdateClient).

An entry whose value and optionId are both null (or missing) clears that one field. A text field
takes a string; number, boolean, date and enum fields also take their value as a string
(CustomFieldValueUpdate: "accepted for date (yyyy-MM-dd), enum (an option label - prefer optionId),
number and boolean fields too").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mockserver.providers.leanlaw import params
from mockserver.providers.leanlaw.errors import InvalidRequest
from mockserver.providers.leanlaw.models import CustomField, CustomValue

#: Numbers a custom field keeps exactly enough (and never infinity, which JSON cannot carry).
LARGEST_NUMBER = 1e15


def apply(
    definitions: Mapping[str, CustomField], entity: str, current: dict[str, CustomValue], updates: Sequence[Any]
) -> dict[str, CustomValue]:
    """The record's values after ``updates`` (checked first, so a bad entry changes nothing)."""
    result = dict(current)
    for index, update in enumerate(updates):
        where = f"customFields[{index}]"
        definition = definitions.get(update["id"])
        if definition is None or definition.entity != entity:
            raise InvalidRequest(f"Unknown {entity} custom field '{update['id']}'.", field=f"{where}.id")
        value, option_id = update.get("value"), update.get("optionId")
        if value is None and option_id is None:
            result.pop(definition.id, None)
        else:
            result[definition.id] = _coerce(definition, value, option_id, where)
    return result


def _coerce(definition: CustomField, value: Any, option_id: str | None, where: str) -> CustomValue:
    kind = definition.value_type
    if kind == "enum":
        return _option(definition, value, option_id, where)
    if kind == "text":
        if not isinstance(value, str):
            raise InvalidRequest(f"Custom field '{definition.name}' takes text.", field=f"{where}.value")
        return value, None
    if kind == "number":
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                value = None
        if isinstance(value, bool) or not isinstance(value, int | float) or not abs(value) <= LARGEST_NUMBER:
            raise InvalidRequest(f"Custom field '{definition.name}' takes a number.", field=f"{where}.value")
        return value, None
    if kind == "boolean":
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            value = value.strip().lower() == "true"
        if not isinstance(value, bool):
            raise InvalidRequest(f"Custom field '{definition.name}' takes true or false.", field=f"{where}.value")
        return value, None
    if not isinstance(value, str):
        raise InvalidRequest(f"Custom field '{definition.name}' takes a date (yyyy-MM-dd).", field=f"{where}.value")
    return params.day(value, f"{where}.value").isoformat(), None


def _option(definition: CustomField, value: Any, option_id: str | None, where: str) -> CustomValue:
    for option in definition.options:
        if option_id is not None and option.option_id == option_id:
            return option.label, option.option_id
        if option_id is None and isinstance(value, str) and option.label.casefold() == value.strip().casefold():
            return option.label, option.option_id
    labels = ", ".join(o.label for o in definition.options)
    field = f"{where}.optionId" if option_id is not None else f"{where}.value"
    raise InvalidRequest(f"Custom field '{definition.name}' takes one of its options: {labels}.", field=field)
