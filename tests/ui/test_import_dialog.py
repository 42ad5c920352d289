"""File → Import manuscript…: the preview dialog, driven as a writer would, offscreen."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from studio.services.project import open_project
from studio.ui.dialogs.import_manuscript import KIND_ROLE, ImportManuscriptDialog, choose_and_import
from studio.ui.themes import apply_theme
from tests.importers.test_novels import THIRTY_NINE_STEPS_TITLES

SHOTS = Path("/tmp/safehouse-shots")
READ_TIMEOUT = 30_000  # ms: War and Peace on a busy machine


def open_dialog(qtbot: QtBot, source: Path, target: Path | None = None) -> ImportManuscriptDialog:
    dialog = ImportManuscriptDialog(source)
    qtbot.addWidget(dialog)
    if target is not None:
        dialog.target.setText(str(target))  # never beside the shared, read-only manuscripts
    return dialog


def shown(qtbot: QtBot, source: Path, target: Path | None = None) -> ImportManuscriptDialog:
    """The dialog once its first preview (or its message) is shown."""
    dialog = open_dialog(qtbot, source, target)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=READ_TIMEOUT)
    return dialog


def top_rows(dialog: ImportManuscriptDialog) -> list[tuple[str, str]]:
    items = [dialog.tree.topLevelItem(row) for row in range(dialog.tree.topLevelItemCount())]
    return [(item.data(0, KIND_ROLE), item.text(0)) for item in items if item is not None]


def chapters(dialog: ImportManuscriptDialog) -> list[str]:
    return [title for kind, title in top_rows(dialog) if kind == "chapter"]


def test_the_preview_shows_ten_titled_chapters_before_anything_is_written(
    qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "steps.safehouse"
    dialog = shown(qtbot, manuscripts_dir / "novels/thirty-nine-steps.txt", target)
    assert chapters(dialog) == THIRTY_NINE_STEPS_TITLES
    assert top_rows(dialog)[0][0] == "front"
    first = dialog.tree.topLevelItem(1)
    assert first is not None and first.childCount() == 1  # its one scene
    assert int(first.text(2).replace(",", "")) > 4000  # its words
    assert "10 chapters" in dialog.summary.text()
    assert dialog.heading.text().startswith("The Thirty-nine Steps")
    assert "UTF-8" in dialog.details.text()
    assert dialog.chapter_pattern.text()  # the detected pattern, for editing
    assert "Scudder" in dialog.ticked_characters()
    assert dialog.import_button.isEnabled()
    assert list(tmp_path.iterdir()) == []  # nothing written before Import
    assert dialog.chosen_project_path() is None


def test_editing_the_pattern_re_detects(
    qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path
) -> None:
    dialog = shown(
        qtbot, manuscripts_dir / "novels/thirty-nine-steps.txt", tmp_path / "s.safehouse"
    )
    dialog.chapter_pattern.setText(r"CHAPTER (?:ONE|TWO)\s*$")
    with qtbot.waitSignal(dialog.preview_ready, timeout=READ_TIMEOUT):
        dialog.redetect_button.click()
    assert chapters(dialog) == THIRTY_NINE_STEPS_TITLES[:2]
    dialog.chapter_pattern.setText("")  # empty: found automatically again
    with qtbot.waitSignal(dialog.preview_ready, timeout=READ_TIMEOUT):
        dialog.redetect()
    assert chapters(dialog) == THIRTY_NINE_STEPS_TITLES


def test_an_invalid_pattern_is_an_inline_message(
    qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path
) -> None:
    dialog = shown(
        qtbot, manuscripts_dir / "novels/thirty-nine-steps.txt", tmp_path / "s.safehouse"
    )
    dialog.chapter_pattern.setText("CHAPTER (")
    with qtbot.waitSignal(dialog.preview_failed, timeout=READ_TIMEOUT):
        QTest.keyClick(dialog.chapter_pattern, Qt.Key.Key_Return)  # re-detects, never imports
    assert "not a valid regular expression" in dialog.pattern_message.text()
    assert chapters(dialog) == THIRTY_NINE_STEPS_TITLES  # the last good preview stays
    assert dialog.import_button.isEnabled()
    assert list(tmp_path.iterdir()) == []


def test_unticked_characters_stay_out_of_the_bible(
    qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "steps.safehouse"
    dialog = shown(qtbot, manuscripts_dir / "novels/thirty-nine-steps.txt", target)
    dialog.set_ticked("Scudder", False)
    dialog.set_ticked("Chief Constable", True)
    assert "Scudder" not in dialog.ticked_characters()
    with qtbot.waitSignal(dialog.imported, timeout=READ_TIMEOUT):
        assert dialog.start_import()
    assert dialog.chosen_project_path() == target
    assert dialog.result() == ImportManuscriptDialog.DialogCode.Accepted
    with open_project(target, read_only=True) as project:
        binder = project.manuscript.binder()
        cast = [c.display_name for c in project.bible.characters()]
    assert [c.chapter.title for c in binder.chapters()] == THIRTY_NINE_STEPS_TITLES
    assert len(binder.scenes()) == 10
    assert "Scudder" not in cast
    assert {"Hannay", "Walter Bullivant", "Chief Constable"} <= set(cast)


def test_ticks_survive_a_re_detect(qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path) -> None:
    dialog = shown(
        qtbot, manuscripts_dir / "stories/harley-and-viktor.txt", tmp_path / "h.safehouse"
    )
    dialog.set_ticked("Viktor", False)
    with qtbot.waitSignal(dialog.preview_ready, timeout=READ_TIMEOUT):
        dialog.redetect()
    assert dialog.ticked_characters() == ["Harley Kalmurzaeva"]


def test_an_existing_project_file_is_not_overwritten(
    qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "taken.safehouse"
    target.write_bytes(b"mine")
    dialog = shown(qtbot, manuscripts_dir / "stories/kirill-and-sophia.txt", target)
    assert not dialog.start_import()
    assert "already exists" in dialog.message.text()
    assert target.read_bytes() == b"mine"
    dialog.target.setText(str(tmp_path / "kirill"))  # the suffix is added
    with qtbot.waitSignal(dialog.imported, timeout=READ_TIMEOUT):
        assert dialog.start_import()
    assert dialog.chosen_project_path() == tmp_path / "kirill.safehouse"


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x00", "binary"), (b"", "empty")],
)
def test_a_bad_file_gets_a_clear_message(
    qtbot: QtBot, tmp_path: Path, content: bytes, says: str
) -> None:
    source = tmp_path / "draft.txt"
    source.write_bytes(content)
    dialog = shown(qtbot, source)
    assert says in dialog.problem.text()
    assert dialog.heading.text() == "Cannot import draft.txt"
    assert not dialog.problem.text().startswith("Cannot import")  # said once, in the heading
    assert dialog.body.isHidden() and dialog.import_button.isHidden()
    assert dialog.cancel_button.text() == "Close"
    assert not dialog.start_import()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]
    dialog.cancel_button.click()
    assert dialog.result() == ImportManuscriptDialog.DialogCode.Rejected
    assert dialog.chosen_project_path() is None


def test_a_long_book_is_read_without_freezing_the_window(
    qtbot: QtBot, manuscripts_dir: Path
) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    dialog = open_dialog(qtbot, manuscripts_dir / "novels/war-and-peace.txt")
    assert dialog.is_busy()  # the constructor returned while the book is still being read
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.preview_ready, timeout=READ_TIMEOUT):
        pass
    timer.stop()
    elapsed = time.monotonic() - started
    gaps = [b - a for a, b in itertools.pairwise([started, *ticks])]
    # A window that read on its own thread would show one gap as long as the whole read.
    assert len(ticks) >= 5 and max(gaps) < 0.5 * elapsed, (elapsed, sorted(gaps)[-3:])
    parts = [title for kind, title in top_rows(dialog) if kind == "part"]
    assert len(parts) == 17
    assert "365 chapters" in dialog.summary.text()


def test_closing_while_reading_is_safe(qtbot: QtBot, manuscripts_dir: Path) -> None:
    dialog = open_dialog(qtbot, manuscripts_dir / "novels/war-and-peace.txt")
    assert dialog.is_busy()
    dialog.reject()
    assert not dialog.is_busy()
    assert dialog.chosen_project_path() is None


def test_screenshot(qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    dialog = shown(qtbot, manuscripts_dir / "novels/war-and-peace.txt", tmp_path / "war.safehouse")
    dialog.show()
    qtbot.waitExposed(dialog)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "import-dialog.png"))


def test_choose_and_import_opens_the_new_project(
    qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = manuscripts_dir / "stories/kirill-and-sophia.txt"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(source), ""))
    parent = QWidget()
    qtbot.addWidget(parent)
    opened: list[Path] = []
    dialog = choose_and_import(parent, tmp_path, opened.append)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=READ_TIMEOUT)
    dialog.target.setText(str(tmp_path / "story.safehouse"))
    with qtbot.waitSignal(dialog.accepted, timeout=READ_TIMEOUT):
        dialog.import_button.click()
    assert opened == [tmp_path / "story.safehouse"]


def test_choosing_no_file_opens_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert choose_and_import(parent, tmp_path, lambda _path: None) is None


def test_the_dialog_fits_the_screen_it_opens_on(
    qtbot: QtBot, manuscripts_dir: Path, tmp_path: Path
) -> None:
    # Offscreen Qt has an 800x800 screen; a 1024x700 laptop is the same case: a dialog wider
    # or taller than the screen puts Import out of reach.
    dialog = shown(
        qtbot, manuscripts_dir / "stories/kirill-and-sophia.txt", tmp_path / "k.safehouse"
    )
    dialog.show()
    qtbot.waitExposed(dialog)
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= available.width() - 16
    assert dialog.height() <= min(available.height(), 700) - 40  # the title bar fits too
    assert dialog.import_button.isVisible()
    assert dialog.import_button.mapTo(dialog, dialog.import_button.rect().bottomRight()).y() < (
        dialog.height()
    )


def test_return_closes_the_message_about_a_bad_file(qtbot: QtBot, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 9 >>\nstream\nx\x9c\x00\x01\x02\n"
    source.write_bytes(pdf)  # a PDF saved with a .txt ending
    dialog = shown(qtbot, source)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.problem.text().startswith("It is a PDF, not text. Save the manuscript as")
    assert dialog.cancel_button.isDefault()
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == ImportManuscriptDialog.DialogCode.Rejected and not dialog.isVisible()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
