"""Subcommands of ``signage``: one module each, with ``register(sub)``; see ``signage.cli``."""
