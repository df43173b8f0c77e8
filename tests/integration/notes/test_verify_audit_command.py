"""`softphone --verify-audit` end to end, as IT runs it: the app's own profile (here the demo
database, in a private OS keyring), intact and then tampered with."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.support.keyring_session import run_command_in_private_keyring

pytestmark = pytest.mark.integration

SCENARIO = """
import json, subprocess, sys
import sqlcipher3.dbapi2 as sqlcipher
from softphone.audit import AuditAction, AuditLog
from softphone.profile import load_effective_settings, open_profile
from softphone.storage.encryption_key import key_pragma

def verify():
    run = subprocess.run([sys.executable, "-m", "softphone", "--verify-audit"], capture_output=True, text=True)
    return {"code": run.returncode, "out": run.stdout, "err": run.stderr}

profile = open_profile(load_effective_settings())
log = AuditLog(profile.database)
for index in range(5):
    log.record("agent-1", AuditAction.PATIENT_VIEWED, f"patient:P-{index}")
database_file, key = profile.database_file, profile.credentials.database_key(demo=True)
profile.close()
results = {"intact": verify()}

connection = sqlcipher.connect(str(database_file))
connection.execute(key_pragma("key", key))
connection.execute("DROP TRIGGER audit_log_refuse_update")
connection.execute("UPDATE audit_log SET subject = 'patient:P-999' WHERE sequence = 4")
connection.commit()
connection.close()
results["tampered"] = verify()
print(json.dumps(results))
"""


def test_verify_audit_names_the_first_broken_entry(tmp_path: Path) -> None:
    result = run_command_in_private_keyring([sys.executable, "-c", SCENARIO], tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads(result.stdout.strip().splitlines()[-1])
    assert results["intact"]["code"] == 0, results
    assert "intact: 5 entries" in results["intact"]["out"]
    assert results["tampered"]["code"] == 1, results
    assert "BROKEN at entry 4" in results["tampered"]["out"]
    assert "altered" in results["tampered"]["out"]
