"""Runs in a public client's own virtualenv: calls the client's functions as asked, one JSON line in, one out.

Standard library only, and no import of the project: the client under test is the only code loaded here.
A request is ``{"call": "package.module:function", "args": [...], "kwargs": {...}}``; the answer is
``{"ok": true, "value": ...}`` or ``{"ok": false, "error": "Type: message"}``. Coroutines are awaited.
"""

import asyncio
import dataclasses
import datetime
import decimal
import enum
import importlib
import inspect
import json
import sys


def plain(value):
    """The client's return value as JSON: pydantic models (v1 or v2), dataclasses, dates, containers."""
    if hasattr(value, "model_dump"):
        return plain(value.model_dump())
    if hasattr(value, "dict") and hasattr(value, "__fields__"):
        return plain(value.dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


def call(request):
    module_name, _, function_name = request["call"].partition(":")
    target = importlib.import_module(module_name)
    for part in function_name.split("."):
        target = getattr(target, part)
    value = target(*request.get("args", []), **request.get("kwargs", {}))
    if inspect.isawaitable(value):
        value = asyncio.run(value)
    return value


def main():
    for line in sys.stdin:
        try:
            answer = {"ok": True, "value": plain(call(json.loads(line)))}
        except Exception as exc:  # the test decides what a failure means
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
