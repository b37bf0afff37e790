"""The control plane under /__admin: health, reset, clock, journal, state, credentials."""
