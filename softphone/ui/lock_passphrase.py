"""The agent's unlock passphrase (or PIN): an scrypt hash kept in the OS keyring. No Qt here.

Why not the OS account password: it cannot be checked portably (PAM on Linux needs a service
file and often root; Windows LogonUser needs extra privileges and counts against lockout
policies), and a softphone asking for the Windows password is a phishing pattern agents should
not learn. So the agent chooses a passphrase the first time auto-lock is enabled; only its
scrypt hash is stored, in the keyring entry ``lock-passphrase:<agent id>`` (the keyring itself
is unlocked by the OS login, so another OS user cannot read or replace it).

scrypt (hashlib, OpenSSL) with N=2^15, r=8, p=1: ~32 MiB and some tens of ms per check on a
desktop, so a stolen hash is expensive to brute-force; checks run on a worker thread. Failed
attempts are throttled by ``UnlockThrottle`` (and audited by the caller).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

SCHEME = "scrypt"
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
KEY_BYTES = 32
SALT_BYTES = 16
MIN_LENGTH = 6
MAX_LENGTH = 256
# hashlib.scrypt's default maxmem (32 MiB) is just below what N=2^15, r=8 needs.
_MAXMEM = 64 * 1024 * 1024


class PassphraseError(ValueError):
    """A passphrase that may not be chosen; the message says why (never quoting it)."""


def check_new_passphrase(passphrase: str, confirmation: str) -> None:
    if passphrase != confirmation:
        raise PassphraseError("the two entries differ")
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(f"use at least {MIN_LENGTH} characters (digits are fine)")
    if len(passphrase) > MAX_LENGTH:
        raise PassphraseError(f"use at most {MAX_LENGTH} characters")
    if len(set(passphrase)) == 1 or passphrase in "0123456789" or passphrase in "9876543210":
        raise PassphraseError("choose something less guessable than a repeated or running sequence")


def hash_passphrase(passphrase: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64): the parameters travel with the hash, so they can grow."""
    salt = secrets.token_bytes(SALT_BYTES)
    derived = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=_MAXMEM)
    return "$".join((SCHEME, str(n), str(r), str(p), _b64(salt), _b64(derived)))


def verify_passphrase(passphrase: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != SCHEME:
            return False
        expected_bytes = base64.b64decode(expected)
        derived = hashlib.scrypt(
            passphrase.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
            dklen=len(expected_bytes), maxmem=_MAXMEM,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, expected_bytes)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def secret_name(agent_id: str) -> str:
    return f"lock-passphrase:{agent_id}"


class PassphraseStore:
    """The hash in the keyring (``softphone.credentials.CredentialStore``). Blocking: worker threads."""

    def __init__(self, credentials, agent_id: str):
        self._credentials = credentials
        self._name = secret_name(agent_id)

    def is_set(self) -> bool:
        return bool(self._credentials.get(self._name))

    def set(self, passphrase: str) -> None:
        self._credentials.set(self._name, hash_passphrase(passphrase))

    def verify(self, passphrase: str) -> bool:
        stored = self._credentials.get(self._name)
        return bool(stored) and verify_passphrase(passphrase, stored)


@dataclass
class UnlockThrottle:
    """After ``free_attempts`` failures, each further attempt waits longer (up to ``max_delay_s``)."""

    free_attempts: int = 3
    max_delay_s: float = 60.0
    failures: int = 0

    def delay_s(self) -> float:
        extra = self.failures - self.free_attempts
        return 0.0 if extra < 0 else min(self.max_delay_s, 2.0 ** extra)

    def failed(self) -> None:
        self.failures += 1

    def succeeded(self) -> None:
        self.failures = 0
