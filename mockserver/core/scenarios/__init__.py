"""Scenarios: YAML rules that decide, per request, which fault (if any) to apply.

The models (``model``, ``core.faults``) and the loader are imported when a scenario is first read, not
at start: the engine, the middleware and the catalog of what scenarios may name do without them.
"""

#: The state every applied scenario starts in.
STARTED = "started"
