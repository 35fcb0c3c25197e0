"""``site-gen``: the editors' and builders' command line.

Subcommands live in ``site_gen/commands/``, one module each with ``register()``.
Errors an editor can fix are printed as one clear line; a traceback is a bug.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each name is a module in site_gen.commands with a register(subparsers) function.
COMMANDS: tuple[str, ...] = (
    "check",
    "demo",
    "letters",
    "poster",
    "digest",
    "bundle",
    "build",
    "serve",
    "print",
    "new",
    "plan",
    "report",
    "keys",
    "fleet",
    "publish",
)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` that names a command, only that command's module is
    imported (``site-gen build`` need not load the poster or the letters server)."""
    parser = argparse.ArgumentParser(
        prog="site-gen",
        description="Jarshy: one bilingual (kk/ru) Markdown source for the intranet, "
        "the newspaper and the screens.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    first = next((a for a in argv or () if not a.startswith("-")), None)
    for name in [first] if first in COMMANDS else COMMANDS:
        module = importlib.import_module(f"site_gen.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_in)
    args = parser.parse_args(args_in)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
