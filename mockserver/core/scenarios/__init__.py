"""Scenarios: YAML rules that decide, per request, which fault (if any) to apply."""
