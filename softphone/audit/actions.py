"""What the audit log records. Stored as the enum's string value, so adding an action needs no migration."""

from __future__ import annotations

import enum


class AuditAction(str, enum.Enum):
    PATIENT_VIEWED = "patient_viewed"
    NOTE_CREATED = "note_created"
    NOTE_CLOSED = "note_closed"
    NOTE_AMENDED = "note_amended"
    ESCALATION = "escalation"
    SUPERVISION = "supervision"
    SETTINGS_CHANGED = "settings_changed"
    LOGIN = "login"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    UNLOCK_FAILED = "unlock_failed"
