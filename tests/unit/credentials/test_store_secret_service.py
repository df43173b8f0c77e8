"""The credential store against a real Secret Service (GNOME Keyring), never a plaintext backend."""

from __future__ import annotations

import json

from tests.support.keyring_session import run_in_private_keyring


def test_round_trip_through_gnome_keyring(tmp_path):
    result = run_in_private_keyring(
        """
        import json
        from softphone.credentials import open_os_credential_store, SecretName
        store = open_os_credential_store()
        name = SecretName.sip_password("agent7", "pbx.example.org")
        store.set(name, "s3cret-ü")
        first = store.get(name)
        key = store.database_key()
        again = store.database_key()
        store.delete(name)
        store.delete(name)  # deleting twice is not an error
        print(json.dumps({"backend": store.backend_name, "first": first, "after_delete": store.get(name),
                          "key_len": len(key), "key_stable": key == again}))
        """,
        tmp_path / "home",
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "backend": "SecretService",
        "first": "s3cret-ü",
        "after_delete": None,
        "key_len": 32,
        "key_stable": True,
    }


def test_secrets_are_not_written_in_plain_text_under_home(tmp_path):
    home = tmp_path / "home"
    result = run_in_private_keyring(
        """
        from softphone.credentials import open_os_credential_store
        open_os_credential_store().set("probe", "plaintext-canary-4711")
        """,
        home,
    )
    assert result.returncode == 0, result.stderr
    written = [path for path in home.rglob("*") if path.is_file()]
    assert any("keyrings" in str(path) for path in written), "the keyring file was not where expected"
    assert not any(b"plaintext-canary-4711" in path.read_bytes() for path in written)


def test_locked_keyring_gives_a_clear_error(tmp_path):
    result = run_in_private_keyring(
        """
        import secretstorage
        from softphone.credentials import open_os_credential_store, CredentialStoreLocked
        store = open_os_credential_store()
        store.set("probe", "value")
        connection = secretstorage.dbus_init()
        secretstorage.get_default_collection(connection).lock()
        try:
            store.get("probe")
        except CredentialStoreLocked as error:
            print("LOCKED:", error)
        """,
        tmp_path / "home",
    )
    assert result.returncode == 0, result.stderr
    assert "LOCKED: The OS keyring is locked" in result.stdout


def test_no_secret_service_is_a_clear_refusal(tmp_path):
    """No D-Bus session at all (a service account, a bare SSH login): refuse, never a file."""
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if not key.startswith(("DBUS_", "XDG_RUNTIME"))}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "from softphone.credentials import open_os_credential_store as o; o().get('probe')"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CredentialStoreUnavailable" in result.stderr
    assert "will not store passwords or keys in a plain file" in result.stderr


def test_a_plaintext_backend_is_never_selected_even_when_preferred(tmp_path):
    result = run_in_private_keyring(
        """
        import keyring.backend
        from softphone.credentials import open_os_credential_store

        class PlaintextKeyring(keyring.backend.KeyringBackend):
            # What keyrings.alt would register; the highest priority on purpose.
            priority = 100
            def get_password(self, service, username): return None
            def set_password(self, service, username, password): pass
            def delete_password(self, service, username): pass

        PlaintextKeyring.__module__ = "keyrings.alt.file"
        print("CHOSEN:", open_os_credential_store().backend_name)
        """,
        tmp_path / "home",
    )
    assert result.returncode == 0, result.stderr
    assert "CHOSEN: SecretService" in result.stdout
