"""Request models as field tables, and one reader that checks a JSON body against them.

The vendor's bodies are read by ASP.NET: unknown members are ignored, a value of the wrong JSON
type is a conversion error, and the model's rules (length, format, enum values) come back
together in one ProblemDetails keyed by camelCase member names. ``null`` and a missing member are
kept apart, because the vendor's update semantics differ for them (see ``Present``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from mockserver.providers.onix.errors import ValidationFailed, display_name

INT32 = (-(2**31), 2**31 - 1)
#: The .NET type names System.Text.Json puts in its conversion messages.
NET_TYPES = {
    "int": "System.Int32",
    "str": "System.String",
    "bool": "System.Boolean",
    "decimal": "System.Decimal",
    "date": "System.String",
    "enum": "System.Int32",
}


@dataclass(frozen=True)
class Field:
    """One member of a request model."""

    name: str
    kind: str = "str"  # int, str, bool, decimal, date, enum, list
    max_length: int | None = None
    #: 1 forbids "" (an update can then not clear the field).
    min_length: int = 0
    choices: tuple[int, ...] = ()
    #: Message when the value breaks the rule (the seed's own words for ``source``: "Source is invalid").
    invalid: str | None = None
    #: For kind "list": the model of each element (None: a list of strings).
    element: Model | None = None
    positive: bool = False
    #: Must be sent with a value (members of list elements, such as a property's name).
    required: bool = False


@dataclass(frozen=True)
class Model:
    name: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


#: A body as read: only the members that were sent; a member sent as ``null`` maps to None.
Present = dict[str, Any]


def read(model: Model, body: object) -> Present:
    """The members of ``body`` the model knows, converted; every problem at once as ValidationFailed."""
    errors: dict[str, list[str]] = {}
    values = _read_object(model, body, "", errors)
    if errors:
        raise ValidationFailed(errors=errors)
    return values


def _read_object(model: Model, body: object, prefix: str, errors: dict[str, list[str]]) -> Present:
    if not isinstance(body, dict):
        errors.setdefault(prefix or "$", []).append(f"The JSON value could not be converted to {model.name}.")
        return {}
    # ASP.NET matches member names case-insensitively; the first spelling sent wins.
    sent: dict[str, Any] = {}
    for key, value in body.items():
        sent.setdefault(str(key).casefold(), value)
    values: Present = {}
    for field in model.fields:
        folded = field.name.casefold()
        path = f"{prefix}.{field.name}" if prefix else field.name
        if field.required and sent.get(folded) is None:
            errors.setdefault(path, []).append(f"'{spaced(display_name(path))}' must not be empty.")
            continue
        if folded not in sent:
            continue
        value = sent[folded]
        if value is None:
            values[field.name] = None
            continue
        converted = _convert(field, value, path, errors)
        if converted is not _BAD:
            values[field.name] = converted
    return values


_BAD = object()


def _convert(field: Field, value: Any, path: str, errors: dict[str, list[str]]) -> Any:
    def fail(text: str) -> object:
        errors.setdefault(path, []).append(text)
        return _BAD

    conversion = f"The JSON value could not be converted to {NET_TYPES.get(field.kind, 'System.Object')}."
    name = display_name(path)
    if field.kind in ("int", "enum"):
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            return fail(conversion)
        number = int(value)
        if not INT32[0] <= number <= INT32[1]:
            return fail(conversion)
        if field.kind == "enum" and number not in field.choices:
            return fail(field.invalid or f"{name} is invalid")
        if field.positive and number <= 0:
            return fail(f"{name} must be greater than 0")
        return number
    if field.kind == "bool":
        return value if isinstance(value, bool) else fail(conversion)
    if field.kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return fail(conversion)
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return fail(conversion)
        if field.positive and amount <= 0:
            return fail(f"{name} must be greater than 0")
        return amount
    if field.kind == "list":
        if not isinstance(value, list):
            element = field.element.name if field.element else "System.String"
            return fail(f"The JSON value could not be converted to {element}[].")
        out: list[Any] = []
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            if field.element is not None:
                out.append(_read_object(field.element, item, where, errors))
            elif isinstance(item, str):
                out.append(item)
            else:
                errors.setdefault(where, []).append("The JSON value could not be converted to System.String.")
        return out
    if not isinstance(value, str):
        return fail(conversion)
    if field.kind == "date":
        parsed = parse_date(value)
        return parsed if parsed is not None else fail(field.invalid or f"{name} wrong format")
    if len(value) < field.min_length:
        return fail(field.invalid or f"'{spaced(name)}' must not be empty.")
    if field.max_length is not None and len(value) > field.max_length:
        return fail(
            f"The length of '{spaced(name)}' must be {field.max_length} characters or fewer. "
            f"You entered {len(value)} characters."
        )
    return value


def spaced(name: str) -> str:
    """``OrderImportId`` -> ``Order Import Id`` (FluentValidation's display names)."""
    out = ""
    for index, char in enumerate(name):
        if char.isupper() and index and not name[index - 1].isupper():
            out += " "
        out += char
    return out


def parse_date(text: str) -> date | None:
    """An ISO 8601 date or date-time, as System.Text.Json reads a DateTime; None when it is not one."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def require(values: Present, *names: str, label: str | None = None) -> None:
    """At least one of ``names`` must be sent with a value (an id pair, a create's mandatory member)."""
    if any(values.get(n) not in (None, "") for n in names):
        return
    first = names[0]
    text = label or f"'{spaced(display_name(first))}' must not be empty."
    raise ValidationFailed(errors={first: [text]})


def non_empty(values: Present, member: str) -> list[Any]:
    """A list member that must hold at least one entry."""
    found: list[Any] | None = values.get(member)
    if not found:
        raise ValidationFailed.one(member, f"'{spaced(display_name(member))}' must not be empty.")
    return found


def pick(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """The members among ``names`` that were sent (null included)."""
    return {n: values[n] for n in names if n in values}
