"""The services one run of the softphone needs, built from settings: the composition of the lower layers.

Kept apart from ``app.py`` (which starts Qt) so the self-test and tests can build the same services
without a screen.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from softphone.config.paths import UserPaths, system_config_file, user_paths

if TYPE_CHECKING:
    from softphone.config.loader import LoadedSettings
    from softphone.credentials import CredentialStore
    from softphone.storage.database import Database

log = logging.getLogger(__name__)

DEMO_DATABASE_FILE_NAME = "softphone-demo.db"


@dataclass
class Profile:
    loaded: LoadedSettings
    paths: UserPaths
    credentials: CredentialStore
    database: Database
    demo: bool
    # The local encrypted file, or None when the data lives in a shared PostgreSQL database.
    database_file: Path | None
    # Shown to the agent in the status bar (e.g. "demo without OS keyring: nothing is kept").
    notices: list[str] = field(default_factory=list)
    _scratch: tempfile.TemporaryDirectory | None = None

    def close(self) -> None:
        self.database.close()
        if self._scratch is not None:
            self._scratch.cleanup()


def load_effective_settings() -> LoadedSettings:
    """Raises SettingsError when the system file is invalid."""
    # Imported here, like the storage and keyring below: the app validates the settings before it
    # loads SQLAlchemy, Alembic and keyring (start-up order, issue 5).
    from softphone.config.loader import load_settings

    return load_settings(system_config_file(), user_paths().settings_file)


def open_profile(loaded: LoadedSettings, *, force_demo: bool = False) -> Profile:
    """Logging, keyring and database for this run. Raises CredentialStoreError outside the demo."""
    from softphone.credentials import CredentialStore, CredentialStoreError, open_os_credential_store
    from softphone.logs.setup import configure_logging
    from softphone.storage.database import DATABASE_FILE_NAME, open_database

    paths = user_paths().ensure()
    log_settings = loaded.settings.logging
    configure_logging(
        paths.log_dir,
        level=log_settings.level,
        max_file_bytes=log_settings.max_file_bytes,
        backup_count=log_settings.backup_count,
    )
    demo = force_demo or not loaded.settings.pbx_configured
    notices = list(loaded.warnings)
    scratch = None

    try:
        credentials = open_os_credential_store()
        # Read (or create) the key now: an unusable keyring fails here, before the window. The demo
        # has its own key, so wiping demo data never touches the agent's real database key.
        local_key = credentials.database_key(demo=demo)
    except CredentialStoreError:
        if not demo:
            raise
        # The demo's data is synthetic; without an OS keyring it runs on a key and a database
        # that vanish at exit rather than refusing to show a newcomer the product.
        from softphone.credentials.ephemeral import EphemeralKeyring

        credentials = CredentialStore(EphemeralKeyring())
        local_key = credentials.database_key(demo=True)
        scratch = tempfile.TemporaryDirectory(prefix="softphone-demo-")
        notices.append("Demo without an OS keyring: nothing is kept after you quit.")

    database_file: Path | None
    if demo:
        database_file = (Path(scratch.name) if scratch else paths.data_dir) / DEMO_DATABASE_FILE_NAME
        database = open_database(None, sqlite_path=database_file, key=local_key)
    elif loaded.settings.storage.database_url:
        database_file = None
        url = _with_keyring_password(credentials, loaded.settings.storage.database_url)
        database = open_database(url, key=None)
    else:
        database_file = paths.data_dir / DATABASE_FILE_NAME
        database = open_database(None, sqlite_path=database_file, key=local_key)
    log.info("profile opened (demo=%s, keyring=%s)", demo, credentials.backend_name)
    return Profile(loaded, paths, credentials, database, demo, database_file, notices, scratch)


def _with_keyring_password(credentials: CredentialStore, url: str) -> str:
    """The settings hold the URL without its password (validated); the password is in the keyring."""
    from sqlalchemy.engine import make_url

    from softphone.credentials import SecretName

    password = credentials.get(SecretName.database_password(url))
    if password is None:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)
