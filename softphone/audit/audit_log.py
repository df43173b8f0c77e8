"""The audit log as a service for callers that have no transaction of their own (UI actions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from softphone.audit.actions import AuditAction
from softphone.audit.append import append_audit_entry
from softphone.audit.verify import ChainVerdict, verify_audit_chain
from softphone.storage.database import Database
from softphone.storage.models import AuditEntry


class AuditLog:
    def __init__(self, database: Database):
        self._database = database

    def record(
        self,
        actor: str,
        action: AuditAction,
        subject: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        """Append one entry in its own transaction (blocks on the database: not on the GUI thread)."""
        with self._database.session() as session:
            return append_audit_entry(
                session, actor=actor, action=action, subject=subject, details=details
            )

    def verify(self) -> ChainVerdict:
        return verify_audit_chain(self._database)
