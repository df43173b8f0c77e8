"""Append-only, hash-chained audit log: who saw which patient, supervised which call, escalated,
changed which setting. Entries hold identifiers and codes, never free-text PHI.

    from softphone.audit import AuditAction, AuditLog, append_audit_entry
    append_audit_entry(session, actor=agent_id, action=AuditAction.PATIENT_VIEWED,
                       subject=f"patient:{patient_id}")   # inside the caller's transaction
    AuditLog(database).verify()                            # ChainVerdict
"""

from softphone.audit.actions import AuditAction
from softphone.audit.append import AuditChainError, append_audit_entry
from softphone.audit.audit_log import AuditLog
from softphone.audit.background import BackgroundAuditLog
from softphone.audit.details import AuditDetailsError
from softphone.audit.verify import ChainVerdict, verify_audit_chain

__all__ = [
    "AuditAction",
    "AuditChainError",
    "AuditDetailsError",
    "AuditLog",
    "BackgroundAuditLog",
    "ChainVerdict",
    "append_audit_entry",
    "verify_audit_chain",
]
