"""``softphone``'s argparse-free parsing of its common invocations (start-up time, issue 5) gives
exactly what argparse gives, and leaves everything else to argparse."""

from __future__ import annotations

import pytest

from softphone.cli import _common_invocation, build_parser


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["sip:alice@example.org"], ["tel:+34600111222", "--demo"], ["--demo", "sips:bob@example.org"],
    ["not-a-link"], [""],
])
def test_the_common_invocations_parse_as_argparse_does(argv):
    fast = _common_invocation(argv)
    assert fast is not None
    assert vars(fast) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["--help"], ["--version"], ["--dem"], ["--demo", "--demo"], ["sip:a@b", "sip:c@d"], ["--config", "x.toml"],
    ["--self-test"], ["-"], ["--", "sip:a@b"], ["--cti-status"], ["--check-config"],
])
def test_anything_else_is_left_to_argparse(argv):
    assert _common_invocation(argv) is None


def test_help_is_still_argparse_s(capsys):
    from softphone.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "usage: softphone" in out and "--demo" in out and "--cti-status" in out
