"""The udev rule the .deb installs for the headset buttons (the package test checks it is shipped).

No udevd here (and bookworm's udevadm has no ``verify``), so the rule's shape is checked: every
rule targets hidraw nodes of one USB vendor and only adds the ``uaccess`` tag (seat user ACL, no
MODE="0666"), and the file sorts before 73-seat-late.rules, which turns the tag into the ACL.
"""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT

RULE_FILE = REPO_ROOT / "installer" / "linux" / "70-softphone-headsets.rules"
RULE = re.compile(r'^KERNEL=="hidraw\*", SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="([0-9a-f]{4})", TAG\+="uaccess"$')
# Jabra/GN, Poly/Plantronics, EPOS/Sennheiser Communications, Yealink: the makes the issue names.
VENDORS = {"0b0e", "047f", "1395", "6993"}


def test_rules_grant_the_seat_user_hidraw_access_to_headset_vendors_only() -> None:
    lines = [line for line in RULE_FILE.read_text().splitlines() if line.strip() and not line.startswith("#")]
    vendors = []
    for line in lines:
        match = RULE.match(line)
        assert match, f"unexpected rule: {line}"
        vendors.append(match[1])
    assert sorted(vendors) == sorted(VENDORS)
    assert "MODE" not in RULE_FILE.read_text()


def test_rule_file_runs_before_seat_late_rules() -> None:
    assert int(RULE_FILE.name.split("-", 1)[0]) < 73

