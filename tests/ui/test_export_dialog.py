"""File → Export Plain Text…: how the dialog looks and where it saves, as a writer meets it."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from studio.ui.dialogs.export import ExportDialog
from studio.ui.main_window import MainWindow


def _export_dialog(opened: MainWindow) -> ExportDialog:
    opened.menu_actions.export_text.trigger()
    dialog = opened.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _label(dialog: QWidget, text: str) -> QLabel:
    found = [label for label in dialog.findChildren(QLabel) if label.text() == text]
    assert len(found) == 1, text
    return found[0]


def _top_and_bottom(widget: QWidget, dialog: QWidget) -> tuple[int, int]:
    top = widget.mapTo(dialog, QPoint(0, 0)).y()
    return top, top + widget.height()


def test_every_option_is_readable_and_beside_its_label(qtbot: QtBot, opened: MainWindow) -> None:
    dialog = _export_dialog(opened)
    qtbot.waitExposed(dialog)
    # "Wrap lines at" was cut to "Wrap lines" by a fixed-width column.
    assert dialog.wrap.width() >= dialog.wrap.sizeHint().width()
    for combo in (dialog.markup, dialog.quotes, dialog.line_ending):
        assert combo.width() >= combo.sizeHint().width()
    # The "Lines" label sat far above its row, the form sharing spare height between rows.
    label_top, label_bottom = _top_and_bottom(_label(dialog, "Lines"), dialog)
    row_top, row_bottom = _top_and_bottom(dialog.wrap_width, dialog)
    assert row_top <= (label_top + label_bottom) // 2 <= row_bottom
    # The spare height goes to the chapter list, not to gaps between the options.
    _, wrap_bottom = _top_and_bottom(dialog.wrap_width, dialog)
    list_top, list_bottom = _top_and_bottom(dialog.chapters, dialog)
    assert list_top - wrap_bottom <= 16
    _, preview_bottom = _top_and_bottom(dialog.preview, dialog)
    assert abs(list_bottom - preview_bottom) <= 2
    dialog.reject()


def test_the_dialog_fits_the_screen(qtbot: QtBot, opened: MainWindow) -> None:
    dialog = _export_dialog(opened)
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= available.width() and dialog.height() <= min(available.height(), 700)
    dialog.reject()
