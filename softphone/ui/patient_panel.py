"""The patient context panel: renders ``ScreenPop`` results; asks for a pick or a manual search.

States: idle, loading, found (name, DOB/age, MRN, language, allergies, conditions, medications,
on-call clinician), multiple (pick list), not found (search by name + date of birth), EHR
unavailable, invalid response. Every EHR string is untrusted: plain text through ``display_text``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from softphone.ui.plain_text import display_text
from softphone.ui.widgets import plain_label

if TYPE_CHECKING:  # annotations only: the window is shown before the patient model is loaded (issue 5)
    from softphone.patients.model import ContextSection, PatientCandidate, PatientContext
    from softphone.patients.screen_pop import ScreenPop

_MAX_ITEMS = 12


class PatientPanel(QFrame):
    patient_chosen = Signal(str)  # patient id
    search_requested = Signal(str, str, object)  # family, given, date
    retry_requested = Signal()

    IDLE, LOADING, FOUND, MULTIPLE, NOT_FOUND, PROBLEM = range(6)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("patient_panel")
        self.setAccessibleName(self.tr("Patient context"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.state = "idle"
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = plain_label(self.tr("Patient"), "patient_title", self.tr("Patient"))
        self.title.setProperty("role", "section-title")
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)

        self.idle_label = plain_label(self.tr("Patient context appears here during a call."), "patient_idle")
        self.loading_label = plain_label(self.tr("Looking up the caller in the patient record…"), "patient_loading")
        self.stack.addWidget(self._top(self.idle_label))
        self.stack.addWidget(self._top(self.loading_label))

        # found
        found = QWidget()
        form = QFormLayout(found)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name_label = plain_label("", "patient_name", self.tr("Patient name"))
        self.name_label.setProperty("role", "patient-name")
        form.addRow(self.name_label)
        self.fields: dict[str, object] = {}
        for key, text in (
            ("dob", self.tr("Date of birth")),
            ("mrn", self.tr("MRN")),
            ("language", self.tr("Language")),
            ("allergies", self.tr("Allergies")),
            ("conditions", self.tr("Conditions")),
            ("medications", self.tr("Medications")),
            ("on_call", self.tr("On-call clinician")),
        ):
            value = plain_label("", f"patient_{key}", text)
            self.fields[key] = value
            form.addRow(plain_label(text + ":", f"patient_{key}_caption", text, wrap=False), value)
        self.fields["allergies"].setProperty("role", "allergies")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(found)
        self.stack.addWidget(scroll)

        # multiple
        multiple = QWidget()
        multiple_layout = QVBoxLayout(multiple)
        self.multiple_label = plain_label(self.tr("Several patients use this number. Confirm who is calling:"), "patient_multiple")
        self.pick_list = QListWidget()
        self.pick_list.setObjectName("patient_pick_list")
        self.pick_list.setAccessibleName(self.tr("Matching patients"))
        self.pick_list.itemActivated.connect(self._picked)
        self.pick_button = QPushButton(self.tr("Open patient"))
        self.pick_button.setObjectName("patient_pick_button")
        self.pick_button.setAccessibleName(self.tr("Open the selected patient"))
        self.pick_button.clicked.connect(lambda: self._picked(self.pick_list.currentItem()))
        multiple_layout.addWidget(self.multiple_label)
        multiple_layout.addWidget(self.pick_list, 1)
        multiple_layout.addWidget(self.pick_button)
        self.stack.addWidget(multiple)

        # not found: manual search
        search = QWidget()
        search_form = QFormLayout(search)
        self.not_found_label = plain_label(self.tr("No patient matches the caller's number. Search by name and date of birth:"), "patient_not_found")
        self.family_edit = QLineEdit()
        self.family_edit.setObjectName("patient_family")
        self.family_edit.setAccessibleName(self.tr("Family name"))
        self.family_edit.setMaxLength(100)
        self.given_edit = QLineEdit()
        self.given_edit.setObjectName("patient_given")
        self.given_edit.setAccessibleName(self.tr("Given name"))
        self.given_edit.setMaxLength(100)
        self.dob_edit = QDateEdit()
        self.dob_edit.setObjectName("patient_dob")
        self.dob_edit.setAccessibleName(self.tr("Date of birth"))
        self.dob_edit.setDisplayFormat("yyyy-MM-dd")
        self.dob_edit.setCalendarPopup(True)
        self.dob_edit.setDate(QDate(1970, 1, 1))
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setObjectName("patient_search_button")
        self.search_button.setAccessibleName(self.tr("Search patients"))
        self.search_button.clicked.connect(self._search)
        self.family_edit.returnPressed.connect(self._search)
        search_form.addRow(self.not_found_label)
        search_form.addRow(self.tr("Family name"), self.family_edit)
        search_form.addRow(self.tr("Given name"), self.given_edit)
        search_form.addRow(self.tr("Date of birth"), self.dob_edit)
        search_form.addRow(self.search_button)
        self.stack.addWidget(search)

        # unavailable / invalid
        problem = QWidget()
        problem_layout = QVBoxLayout(problem)
        self.problem_label = plain_label("", "patient_problem", self.tr("Patient record problem"))
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setObjectName("patient_retry_button")
        self.retry_button.setAccessibleName(self.tr("Look up the caller again"))
        self.retry_button.clicked.connect(self.retry_requested)
        problem_layout.addWidget(self.problem_label)
        problem_layout.addWidget(self.retry_button)
        problem_layout.addStretch(1)
        self.stack.addWidget(problem)

    @staticmethod
    def _top(label) -> QWidget:
        label.setAlignment(Qt.AlignmentFlag.AlignTop)
        return label

    # ------------------------------------------------------------------ rendering

    def show_idle(self) -> None:
        self._set("idle", self.IDLE)

    def show_loading(self) -> None:
        self._set("loading", self.LOADING)

    def show_pop(self, pop: ScreenPop) -> None:
        from softphone.patients.model import LookupState  # loaded by the time a pop arrives

        lookup = pop.lookup
        if pop.context is not None:
            self._show_context(pop.context)
        elif lookup.state is LookupState.MULTIPLE:
            self._show_candidates(lookup.candidates, lookup.truncated)
        elif lookup.state is LookupState.FOUND and pop.context_state is None:
            self.show_loading()
        elif lookup.state is LookupState.NOT_FOUND or pop.context_state is LookupState.NOT_FOUND:
            self._set("not_found", self.NOT_FOUND)
        elif LookupState.INVALID_RESPONSE in (lookup.state, pop.context_state):
            self.problem_label.setText(
                self.tr("The patient record system answered with data the softphone cannot read. "
                        "Confirm the caller's identity verbally; IT has been told in the logs.")
            )
            self._set("invalid_response", self.PROBLEM)
        else:
            self.problem_label.setText(
                self.tr("The patient record system is not answering. Take the call; try again in a moment.")
            )
            self._set("unavailable", self.PROBLEM)

    def _show_context(self, context: PatientContext) -> None:
        from softphone.patients.model import ContextSection

        missing = set(context.unavailable_sections)
        self.name_label.setText(display_text(context.display_name, 80))
        dob = context.birth_date.isoformat() if context.birth_date else self.tr("unknown")
        age = self.tr("%n year(s)", "", context.age_years) if context.age_years is not None else ""
        self.fields["dob"].setText(f"{dob}  ({age})" if age else dob)
        self.fields["mrn"].setText(display_text(context.mrn, 40) or "—")
        self.fields["language"].setText(display_text(context.preferred_language, 40) or "—")

        def listing(section: ContextSection, items: list[str], none_text: str) -> str:
            if section in missing:
                return self.tr("not available (the record could not be loaded)")
            if not items:
                return none_text
            shown = [display_text(item, 100) for item in items[:_MAX_ITEMS]]
            more = len(items) - len(shown)
            return "\n".join(shown + ([self.tr("… and %n more", "", more)] if more > 0 else []))

        allergies = [
            a.substance + (f" — {a.criticality}" if a.criticality else "") for a in context.allergies
        ]
        self.fields["allergies"].setText(listing(ContextSection.ALLERGIES, allergies, self.tr("none recorded")))
        self.fields["conditions"].setText(
            listing(ContextSection.CONDITIONS, [c.description for c in context.conditions], self.tr("none recorded"))
        )
        self.fields["medications"].setText(
            listing(
                ContextSection.MEDICATIONS,
                [m.description + (f" ({m.dosage})" if m.dosage else "") for m in context.medications],
                self.tr("none recorded"),
            )
        )
        on_call = [
            c.display_name + (f" — {c.role}" if c.role else "") + (f" — {c.phone}" if c.phone else "")
            for c in context.on_call[:1]
        ]
        self.fields["on_call"].setText(listing(ContextSection.CARE_TEAM, on_call, self.tr("none assigned")))
        self._set("found", self.FOUND)

    def _show_candidates(self, candidates: tuple[PatientCandidate, ...], truncated: bool) -> None:
        self.pick_list.clear()
        for candidate in candidates:
            dob = candidate.birth_date.isoformat() if candidate.birth_date else "?"
            text = f"{display_text(candidate.display_name, 60)} — {dob}"
            if candidate.mrn:
                text += f" — MRN {display_text(candidate.mrn, 30)}"
            if candidate.matched_on_old_number:
                text += " — " + self.tr("old number: confirm identity")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, candidate.patient_id)
            self.pick_list.addItem(item)
        if self.pick_list.count():
            self.pick_list.setCurrentRow(0)
        self.multiple_label.setText(
            self.tr("More patients match than can be listed: search by name and date of birth.")
            if truncated else self.tr("Several patients use this number. Confirm who is calling:")
        )
        self._set("multiple", self.MULTIPLE)

    def _set(self, state: str, index: int) -> None:
        self.state = state
        self.stack.setCurrentIndex(index)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.patient_chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def _search(self) -> None:
        family = self.family_edit.text().strip()
        if not family:
            self.family_edit.setFocus()
            return
        qdate = self.dob_edit.date()
        self.search_requested.emit(family, self.given_edit.text().strip(), date(qdate.year(), qdate.month(), qdate.day()))
