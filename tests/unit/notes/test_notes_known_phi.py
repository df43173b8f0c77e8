"""Diagnostics bundles mask the call notes' PHI too (reason, free text, patient reference)."""

from __future__ import annotations

from softphone.diagnostics.known_phi import phi_from_database
from softphone.notes import NoteDraft, save_draft
from softphone.notes.known_phi import recent_note_phi


def test_call_note_values_are_known_phi_for_the_diagnostics_bundle(database) -> None:
    with database.session() as session:
        save_draft(session, "call-1", "agent-1", NoteDraft("Refill for Ann Lee", (), "DOB 1950-01-02", None, "patient-42"))
    with database.session() as session:
        assert set(recent_note_phi(session)) == {"Refill for Ann Lee", "DOB 1950-01-02", "patient-42"}
    values = phi_from_database(database)
    assert {"Refill for Ann Lee", "DOB 1950-01-02", "patient-42"} <= set(values)
