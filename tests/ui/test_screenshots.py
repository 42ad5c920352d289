"""Screenshots of the window to look at: light and dark, a character card, export, focus mode.

They go to screenshots/ at the top of the repository (ignored by git), or to the folder named by
SAFEHOUSE_SCREENSHOTS; the test prints where. It asserts only that each picture was written and
is not blank: the looking is done by a person.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studio.ui.dialogs.export import ExportDialog
from studio.ui.files import import_bundle_to
from studio.ui.main_window import MainWindow
from studio.ui.resources import REPO_ROOT, sample_bundle_dir


def _folder() -> Path:
    folder = Path(os.environ.get("SAFEHOUSE_SCREENSHOTS") or REPO_ROOT / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shoot(qtbot: QtBot, widget: QWidget, path: Path) -> None:
    qtbot.wait(60)  # let layouts and the highlighter settle
    QApplication.processEvents()
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    }
    assert len(colours) > 2, f"{path.name} looks blank"


def test_screenshots(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = sample_bundle_dir()
    assert bundle is not None
    assert import_bundle_to(window, bundle, tmp_path / "sample.safehouse")
    window.resize(1440, 900)
    folder = _folder()
    _shoot(qtbot, window, folder / "main-light.png")

    window.set_theme("dark")
    window.next_scene()
    _shoot(qtbot, window, folder / "main-dark.png")
    window.set_theme("light")

    window.side_tabs.setCurrentWidget(window.bible)
    window.bible.cast.setCurrentRow(1)
    _shoot(qtbot, window.side_tabs, folder / "character-card.png")
    window.side_tabs.setCurrentWidget(window.inspector)
    _shoot(qtbot, window.side_tabs, folder / "scene-inspector.png")

    window.export_dialog()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None
    _shoot(qtbot, dialog, folder / "export-dialog.png")
    dialog.reject()

    window.enter_focus_mode()
    window.resize(1440, 900)
    _shoot(qtbot, window, folder / "focus-mode.png")
    window.leave_focus_mode()
    with capsys.disabled():
        print(f"\nScreenshots of the window: {folder}")
