"""ConfigError: a bad settings, fixtures or scenario file, named by file and field."""

from __future__ import annotations

from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class ConfigError(ValueError):
    """One clear line for the user: which file, which field, what is wrong."""

    def __init__(self, source: str, message: str, field: str | None = None) -> None:
        self.source = source
        self.field = field
        self.reason = message
        where = f"{source}: {field}: " if field else f"{source}: "
        super().__init__(where + message)


def yaml_problem(exc: Exception) -> str:
    """A YAML parse error in one line: where it is and what is wrong (PyYAML's own text spans several)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"not valid YAML{where}: {problem}"


def field_path(location: tuple[object, ...]) -> str:
    """pydantic's location tuple as ``a.b[2].c``."""
    out = ""
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def validate_model(model: type[M], raw: object, source: str, prefix: str = "") -> M:
    """Validate ``raw`` into ``model``; the first problem becomes a ConfigError."""
    try:
        return model.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = field_path(tuple(first["loc"]))
        if prefix:
            where = f"{prefix}.{where}" if where != "(top level)" else prefix
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            message = f"unknown field; valid: {', '.join(_fields_at(model, tuple(first['loc'])[:-1]))}"
        raise ConfigError(source, message, where) from None


def _fields_at(model: type[BaseModel], location: tuple[object, ...]) -> list[str]:
    """The field names of the model found at ``location`` (for "unknown field; valid: ..." messages)."""
    current: Any = model
    for part in location:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(str(part))
        current = _model_in(info.annotation) if info is not None else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The model class in ``X``, ``X | None``, ``list[X]`` or ``tuple[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
