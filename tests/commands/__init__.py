"""The mockserver subcommands."""
