"""``signage``: the screens' command line (preview today, and the player's own commands).

Subcommands live in ``signage/commands/``, one module each with ``register(sub)``, listed in
:data:`COMMANDS` (the same pattern as ``site_gen.cli``). A problem the user can fix is one
line on stderr and exit code 2; a traceback is a bug.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each name is a module in signage.commands with a register(subparsers) function.
COMMANDS: tuple[str, ...] = (
    "preview",
    "play",
    "doctor",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="signage",
        description="Jarshy screens: preview a screen's playlist, run the kiosk player.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"signage.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
