"""The ``softphone`` command (also ``python -m softphone``).

    softphone                     run the app (the embedded demo when no PBX is configured)
    softphone --demo              run the embedded demo even if a PBX is configured
    softphone --config PATH       use PATH as the user settings file
    softphone --check-config      validate the settings files; exit 0 when valid, 2 when not
    softphone --self-test         run the demo headless end to end, print a JSON summary
    softphone --version
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from softphone import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_CONFIG = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="softphone",
        description="Softphone for healthcare call-centre agents.",
    )
    parser.add_argument("--version", action="version", version=f"softphone {__version__}")
    parser.add_argument("--demo", action="store_true", help="run the embedded demo switchboard on loopback")
    parser.add_argument("--config", metavar="PATH", help="user settings file (default: the per-user file)")
    parser.add_argument(
        "--check-config",
        action="store_true",
        help="validate the system and user settings files and exit (0 valid, 2 invalid)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run the embedded demo headless end to end and print a one-line JSON summary",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.config:
        # Through the environment, so every layer (and any child process) sees the same file.
        os.environ["SOFTPHONE_CONFIG"] = os.path.abspath(args.config)

    if args.check_config:
        from softphone.config.check import check_config

        return check_config(sys.stdout, sys.stderr)
    if args.self_test:
        from softphone.selftest.runner import run_self_test

        return run_self_test(sys.stdout)

    from softphone.app import run_app

    return run_app(force_demo=args.demo)
