"""``softphone --verify-audit``: check the audit chain of the database this installation uses.

Exit codes: 0 intact, 1 broken or could not be checked (the message says which), 2 invalid
settings (as ``--check-config``).
"""

from __future__ import annotations

from typing import TextIO

EXIT_INTACT = 0
EXIT_BROKEN = 1
EXIT_BAD_CONFIG = 2


def run_verify_audit(out: TextIO, err: TextIO) -> int:
    from softphone.audit.verify import verify_audit_chain
    from softphone.config.loader import SettingsError
    from softphone.profile import load_effective_settings, open_profile

    try:
        loaded = load_effective_settings()
    except SettingsError as error:
        print(f"softphone: {error}", file=err)
        return EXIT_BAD_CONFIG
    try:
        profile = open_profile(loaded)
    except Exception as error:  # keyring locked, database unreachable, wrong key: say so and fail
        print(f"softphone: cannot open the database to verify the audit log: {error}", file=err)
        return EXIT_BROKEN
    try:
        verdict = verify_audit_chain(profile.database)
    finally:
        profile.close()
    print(f"{verdict.describe()} ({profile.database.description})", file=out)
    return EXIT_INTACT if verdict.ok else EXIT_BROKEN
