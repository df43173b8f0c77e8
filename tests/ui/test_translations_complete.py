"""The Spanish translation is complete and shipped as built: every UI string in the code is in
``softphone_es.ts``, translated (placeholders and accelerators kept), under a context the running
code really looks up, and the shipped ``.qm`` files are what ``lrelease`` makes of the ``.ts`` files.
(How to update them: resources/translations/README.md.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from softphone.ui.appearance import install_translator

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
SPANISH = TRANSLATIONS / "softphone_es.ts"
SHIPPED = ("softphone_es", "softphone_en")
# The venv's tools, next to the interpreter running the tests (PySide6-Essentials ships both).
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"%(?:\d|n)")
ACCELERATOR = re.compile(r"&[^&\s]")


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name"), message) for context in root.iter("context") for message in context.iter("message")]


def _pairs(ts: Path) -> set[tuple[str, str]]:
    return {(context, message.findtext("source")) for context, message in _messages(ts)}


def _translations(message: ET.Element) -> list[str]:
    """The translated text(s): one, or one per plural form for numerus="yes" messages."""
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if message.get("numerus") == "yes" else [translation.text or ""]


def _lupdate(ts: Path) -> None:
    # The same command as in the README: every .py file under softphone/, obsolete entries dropped.
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-extensions", "py", "softphone", "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True, text=True, timeout=120,
    )


def test_every_spanish_entry_is_translated_with_its_placeholders_and_accelerators():
    messages = _messages(SPANISH)
    assert len(messages) > 300  # the file really holds the UI's strings
    problems = []
    for context, message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        where = f"{context}: {source!r}"
        if translation.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{where} is {translation.get('type')}")
            continue
        forms = _translations(message)
        if not forms or not all(form.strip() for form in forms):
            problems.append(f"{where} has an empty translation")
            continue
        for form in forms:
            wanted = set(PLACEHOLDER.findall(source))
            # A plural form may spell the number out ("un año"), so %n is optional in it.
            got = set(PLACEHOLDER.findall(form)) | ({"%n"} if message.get("numerus") == "yes" else set())
            if wanted - got or set(PLACEHOLDER.findall(form)) - wanted:
                problems.append(f"{where}: placeholders {sorted(wanted)} vs {form!r}")
            if bool(ACCELERATOR.search(source)) != bool(ACCELERATOR.search(form)):
                problems.append(f"{where}: the & accelerator is lost or added in {form!r}")
    assert problems == []


def test_every_string_in_the_code_is_in_the_translation_files(tmp_path):
    for name in SHIPPED:
        shipped = TRANSLATIONS / f"{name}.ts"
        copy = tmp_path / shipped.name
        shutil.copyfile(shipped, copy)
        _lupdate(copy)
        in_code, in_file = _pairs(copy), _pairs(shipped)
        # Missing: a string added to the code since the last lupdate. Stale: one the code dropped.
        assert sorted(in_code - in_file) == [], f"{name}.ts lacks strings: run lupdate (see the README)"
        assert sorted(in_file - in_code) == [], f"{name}.ts has strings the code no longer uses"


def test_every_context_is_a_class_the_code_translates_with():
    """``window.tr("…")`` is extracted under the context "window", but at run time PySide looks the
    text up under the object's class ("MainWindow"): such a string is never translated."""
    classes = {
        match.group(1)
        for path in (ROOT / "softphone").rglob("*.py")
        for match in re.finditer(r"^\s*class (\w+)\b", path.read_text(encoding="utf-8"), re.M)
    }
    contexts = {context for context, _message in _messages(SPANISH)}
    assert contexts  # the file was read
    assert sorted(contexts - classes) == []


@pytest.mark.parametrize("name", SHIPPED)
def test_the_shipped_qm_is_built_from_the_current_ts(tmp_path, name):
    built = tmp_path / f"{name}.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TRANSLATIONS / f"{name}.ts"), "-qm", str(built)],
        check=True, capture_output=True, text=True, timeout=120,
    )
    assert built.read_bytes() == (TRANSLATIONS / f"{name}.qm").read_bytes(), f"run lrelease on {name}.ts (see the README)"


def test_the_running_app_finds_every_spanish_translation(qapp):
    translator = install_translator(qapp, "es")
    try:
        assert translator is not None
        wrong = []
        for context, message in _messages(SPANISH):
            source = message.findtext("source")
            if message.get("numerus") == "yes":
                # Spanish: the second (plural) form for 5; Qt puts the number in for %n.
                expected = _translations(message)[-1].replace("%n", "5")
                got = QCoreApplication.translate(context, source, None, 5)
            else:
                expected, got = _translations(message)[0], QCoreApplication.translate(context, source)
            if got != expected:
                wrong.append((context, source, got))
        assert wrong == []
    finally:
        install_translator(qapp, "en")
