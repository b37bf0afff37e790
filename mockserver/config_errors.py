"""ConfigError: a bad settings, fixtures or scenario file, named by file and field."""

from __future__ import annotations

from typing import TypeVar

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
        raise ConfigError(source, first["msg"], where) from None
