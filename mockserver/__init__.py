"""mockserver: a local, stateful emulator of five third-party REST APIs."""

__version__ = "0.1.0"
