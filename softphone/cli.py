"""The ``softphone`` command (also ``python -m softphone``).

    softphone                     run the app (the embedded demo when no PBX is configured)
    softphone --demo              run the embedded demo even if a PBX is configured
    softphone --config PATH       use PATH as the user settings file
    softphone --check-config      validate the settings files; exit 0 when valid, 2 when not
    softphone --self-test         run the demo headless end to end, print a JSON summary
    softphone --diagnostics PATH  write a PHI-redacted diagnostics bundle (.zip) for IT/support
    softphone --verify-audit      check the audit log's hash chain; exit 0 intact, 1 broken
    softphone --version
    softphone sip:URI | tel:NUMBER   dial it (in the running instance if there is one)
    softphone --cti-status        print the running instance's status (local control API) as JSON
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from softphone import __version__

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_CONFIG = 2


def build_parser() -> argparse.ArgumentParser:
    import argparse

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
    parser.add_argument(
        "--diagnostics",
        metavar="PATH",
        help="write a diagnostics bundle (version, settings, recent logs, SIP traces; patient data redacted) to PATH",
    )
    parser.add_argument(
        "--verify-audit",
        action="store_true",
        help="check the audit log's hash chain and name the first broken entry (exit 0 intact, 1 broken)",
    )
    parser.add_argument(
        "uri",
        nargs="?",
        metavar="URI",
        help="a sip:, sips: or tel: link to dial (handed to the running instance if there is one)",
    )
    parser.add_argument(
        "--cti-status",
        action="store_true",
        help="ask the running instance for its status over the local control API and print it as JSON",
    )
    return parser


def _common_invocation(argv: list[str]) -> SimpleNamespace | None:
    """``softphone``, ``softphone --demo`` and a link (with or without ``--demo``), the invocations
    agents, desktop files and click-to-dial use, parsed as argparse would without building the
    parser (~3 ms before the window, issue 5). None for anything else: argparse parses it (and
    answers --help, errors, abbreviations). tests/unit/test_cli_common_invocations.py keeps the two equal."""
    demo, uri = False, None
    for arg in argv:
        if arg == "--demo" and not demo:
            demo = True
        elif not arg.startswith("-") and uri is None:
            uri = arg
        else:
            return None
    return SimpleNamespace(demo=demo, config=None, check_config=False, self_test=False,
                           diagnostics=None, verify_audit=False, uri=uri, cti_status=False)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--demo-switchboard"]:
        # Internal: the demo's simulated parties, a child process of `softphone --demo`. A flag
        # rather than `python -m`, because the installed (frozen) app has no Python to run -m with.
        from softphone.demo.switchboard import main as switchboard_main

        return switchboard_main(argv[1:])
    args = _common_invocation(argv) or build_parser().parse_args(argv)
    if args.config:
        # Through the environment, so every layer (and any child process) sees the same file.
        os.environ["SOFTPHONE_CONFIG"] = os.path.abspath(args.config)

    if args.check_config:
        from softphone.config.check import check_config

        return check_config(sys.stdout, sys.stderr)
    if args.self_test:
        from softphone.selftest.runner import run_self_test

        return run_self_test(sys.stdout)
    if args.diagnostics:
        from softphone.diagnostics.command import run_diagnostics

        return run_diagnostics(args.diagnostics, sys.stdout, sys.stderr)
    if args.verify_audit:
        from softphone.audit.verify_command import run_verify_audit

        return run_verify_audit(sys.stdout, sys.stderr)

    if args.cti_status:
        from softphone.cti.command import run_cti_status

        return run_cti_status(sys.stdout, sys.stderr)
    if args.uri is not None:
        from softphone.cti.uri import is_call_uri

        if not is_call_uri(args.uri):
            print(f"softphone: not a sip:, sips: or tel: link: {args.uri[:80]!r}", file=sys.stderr)
            return EXIT_BAD_CONFIG

    from softphone.app import run_app

    return run_app(force_demo=args.demo, uri=args.uri)
