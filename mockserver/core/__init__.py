"""Provider-agnostic services: clock, seeding, state, negotiation, rendering, journal, limits."""
