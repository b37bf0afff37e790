"""Plain JSON data from a store's records and back: the codec of --state-file and /__admin/snapshot.

JSON keeps ``null``, booleans, numbers, strings, lists and objects with string keys as they are.
Everything else becomes an object with one key that starts with ``$``: ``{"$datetime": ISO}``,
``{"$date": ISO}``, ``{"$time": ISO}``, ``{"$timedelta": seconds}``, ``{"$decimal": text}``,
``{"$tuple": [...]}``, ``{"$set": [...]}``, ``{"$map": [[key, value], ...]}`` (a mapping whose keys
are not all plain strings), ``{"$random": state}`` (a seeded generator, so ids go on as they would
have), and ``{"$record": "module:Class", "fields": {...}}`` (a provider's dataclass record).
"""

from __future__ import annotations

import dataclasses
import importlib
import random
import threading
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, ClassVar

#: Records may only be classes of the provider packages (a document never names any other code).
RECORD_PACKAGE = "mockserver.providers."


class PersistError(ValueError):
    """Data that is not a store's saved state; ``field`` says where (``clients[3].fields.name``)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}" if field else message)


def encode(value: Any) -> Any:
    """``value`` as plain JSON data (raises TypeError for a kind of value the codec does not know)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {"$map": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, timedelta):
        return {"$timedelta": value.total_seconds()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, tuple):
        return {"$tuple": [encode(item) for item in value]}
    if isinstance(value, set | frozenset):
        return {"$set": [encode(item) for item in value]}
    if isinstance(value, random.Random):
        version, internal, gauss = value.getstate()
        return {"$random": [version, list(internal), gauss]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$record": f"{cls.__module__}:{cls.__qualname__}", "fields": fields}
    raise TypeError(f"cannot save a {type(value).__name__}")


def decode(data: Any, where: str = "", package: str = RECORD_PACKAGE) -> Any:
    """The value ``encode`` made ``data`` from; PersistError naming the place of anything else.

    ``package`` limits the record classes a document may name (one provider's package).
    """
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(item, f"{where}[{i}]", package) for i, item in enumerate(data)]
    if not isinstance(data, dict):
        raise PersistError(where, f"not JSON data ({type(data).__name__})")
    tags = [key for key in data if key.startswith("$")]
    if not tags:
        return {key: decode(item, _join(where, key), package) for key, item in data.items()}
    tag = tags[0]
    if tag == "$record":
        return _record(data, where, package)
    if len(data) != 1:
        raise PersistError(where, f"a {tag} value has no other keys")
    try:
        return _TAGS[tag](data[tag], where, package)
    except KeyError:
        raise PersistError(where, f"unknown tag {tag!r}; known: {', '.join(sorted(_TAGS))}, $record") from None
    except (TypeError, ValueError, OverflowError) as exc:
        if isinstance(exc, PersistError):
            raise
        raise PersistError(_join(where, tag), str(exc)) from None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _items(data: Any, where: str, package: str) -> list[Any]:
    if not isinstance(data, list):
        raise PersistError(where, "must be a list")
    return [decode(item, f"{where}[{i}]", package) for i, item in enumerate(data)]


def _map(data: Any, where: str, package: str) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for i, pair in enumerate(_items(data, where + ".$map", package)):
        if not isinstance(pair, list) or len(pair) != 2:
            raise PersistError(f"{where}.$map[{i}]", "must be a [key, value] pair")
        key, value = pair
        try:
            out[key] = value
        except TypeError:
            raise PersistError(f"{where}.$map[{i}]", f"a {type(key).__name__} cannot be a key") from None
    return out


def _random(data: Any, where: str, package: str) -> random.Random:
    if not (isinstance(data, list) and len(data) == 3 and isinstance(data[1], list)):
        raise PersistError(where + ".$random", "must be [version, [state...], gauss]")
    generator = random.Random()
    generator.setstate((data[0], tuple(data[1]), data[2]))
    return generator


def _text(kind: type[Any]) -> Any:
    def parse(data: Any, where: str, package: str) -> Any:
        if not isinstance(data, str):
            raise PersistError(where, f"a {kind.__name__} is written as a string")
        return kind.fromisoformat(data) if kind is not Decimal else Decimal(data)

    return parse


_TAGS: dict[str, Any] = {
    "$datetime": _text(datetime),
    "$date": _text(date),
    "$time": _text(time),
    "$decimal": _text(Decimal),
    "$timedelta": lambda data, where, package: timedelta(seconds=float(data)),
    "$tuple": lambda data, where, package: tuple(_items(data, where + ".$tuple", package)),
    "$set": lambda data, where, package: set(_items(data, where + ".$set", package)),
    "$map": _map,
    "$random": _random,
}


def _record(data: dict[str, Any], where: str, package: str) -> Any:
    name = data.get("$record")
    fields = data.get("fields")
    if set(data) != {"$record", "fields"} or not isinstance(name, str) or not isinstance(fields, dict):
        raise PersistError(where, 'a record is {"$record": "module:Class", "fields": {...}}')
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith(package) or not qualname.isidentifier():
        raise PersistError(_join(where, "$record"), f"{name!r} is not a record class of {package.rstrip('.')}")
    try:
        cls = getattr(importlib.import_module(module_name), qualname)
    except (ImportError, AttributeError):
        raise PersistError(_join(where, "$record"), f"no record class {name!r}") from None
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise PersistError(_join(where, "$record"), f"{name!r} is not a record class")
    declared = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(fields) - set(declared))
    if unknown:
        raise PersistError(_join(where, f"fields.{unknown[0]}"), f"{qualname} has no such field")
    record = cls.__new__(cls)
    for field_name, spec in declared.items():
        if field_name in fields:
            value = decode(fields[field_name], _join(where, f"fields.{field_name}"), package)
        elif spec.default is not dataclasses.MISSING:
            value = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            value = spec.default_factory()
        else:
            raise PersistError(_join(where, f"fields.{field_name}"), f"missing (a {qualname} needs it)")
        object.__setattr__(record, field_name, value)
    return record


def _get(owner: Any, path: str) -> Any:
    for part in path.split("."):
        owner = getattr(owner, part)
    return owner


def _set(owner: Any, path: str, value: Any) -> None:
    parent, _, name = path.rpartition(".")
    setattr(_get(owner, parent) if parent else owner, name, value)


def dump_fields(owner: Any, names: Iterable[str]) -> dict[str, Any]:
    """The named attributes of ``owner`` (``a`` or ``a.b``) as plain JSON data (a store's ``dump_state``)."""
    return {name: encode(_get(owner, name)) for name in names}


def load_fields(owner: Any, data: Any, names: Iterable[str], package: str) -> None:
    """Set the named attributes of ``owner`` from ``dump_fields``' data; checks everything before setting any.

    Each attribute must come back as the kind of value it is now (a mapping stays a mapping).
    """
    names = list(names)
    if not isinstance(data, dict):
        raise PersistError("", "a store's state is an object of its fields")
    missing = [name for name in names if name not in data]
    if missing:
        raise PersistError(missing[0], "missing")
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise PersistError(unknown[0], f"not a saved field; saved: {', '.join(names)}")
    values = {name: decode(data[name], name, package) for name in names}
    for name, value in values.items():
        current = _get(owner, name)
        if not isinstance(value, type(current)) and not (current is None or value is None):
            raise PersistError(name, f"must be a {type(current).__name__}, not a {type(value).__name__}")
    for name, value in values.items():
        _set(owner, name, value)


def package_of(cls: type) -> str:
    """The provider package a store class lives in (``mockserver.providers.ons.``): its records' only home."""
    parts = cls.__module__.split(".")
    return ".".join(parts[:3]) + "." if cls.__module__.startswith(RECORD_PACKAGE) else cls.__module__ + "."


class SavedFields:
    """A store's ``dump_state``/``load_state``: the attributes named in ``SAVED``, through this module's codec.

    ``SAVED`` names what a restart must keep (records, id counters, seeded generators); caches stay out
    and ``after_load`` drops them. Every access holds the store's lock.
    """

    SAVED: ClassVar[tuple[str, ...]] = ()
    lock: threading.RLock

    def dump_state(self) -> dict[str, Any]:
        """This store's data as plain JSON data (the ``stores`` part of a state document)."""
        with self.lock:
            return dump_fields(self, self.SAVED)

    def load_state(self, data: Any) -> None:
        """Take over ``dump_state``'s data (PersistError naming the field, and nothing changed, when it is not)."""
        with self.lock:
            load_fields(self, data, self.SAVED, package_of(type(self)))
            self.after_load()

    def after_load(self) -> None:
        """Forget whatever was derived from the data before (indexes, rendered bytes)."""
