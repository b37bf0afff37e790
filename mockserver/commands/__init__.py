"""Subcommands of the `mockserver` command, one module each (each has register(subparsers))."""
