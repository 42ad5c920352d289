"""The alias table and an alias period that ends before it begins: the writer is told why,
the refused cell goes back to what is stored, and every other edit stays, on screen and on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from studio.core.domain import Character
from studio.services.project import open_project
from studio.ui.main_window import MainWindow
from studio.ui.widgets.alias_table import AliasTable

FROM, UNTIL, NOTES = 4, 5, 6
MESSAGE = "The cover 'Anna Kessler' ends (2019-06-01) before it begins (2019-07-12)."


def _stored(path: Path, name: str) -> Character:
    with open_project(path, read_only=True) as project:
        return next(c for c in project.bible.characters() if c.display_name == name)


def _type_into(qtbot: QtBot, table: AliasTable, row: int, column: int, text: str) -> None:
    """Edit a cell as the writer does: open its editor, type, press Enter."""
    item = table.item(row, column)
    table.setCurrentCell(row, column)
    table.editItem(item)
    editor = table.indexWidget(table.indexFromItem(item))
    assert isinstance(editor, QLineEdit), "the cell opened an editor"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _cells(table: AliasTable) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount()) if c != 1]
        for r in range(table.rowCount())
    ]


def test_a_cover_that_ends_before_it_begins_is_explained_and_nothing_else_lost(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    card = opened.bible.card
    assert card.character is not None and card.character.display_name == "Katya"
    table = card.aliases
    _type_into(qtbot, table, 0, FROM, "2019-07-12")
    _type_into(qtbot, table, 1, NOTES, "Used once, in Vienna.")
    qtbot.keyClicks(card.long["backstory"], "Macau, five years ago.")  # not yet autosaved
    qtbot.waitUntil(lambda: _cells(table)[0][3] == "2019-07-12")

    _type_into(qtbot, table, 0, UNTIL, "2019-06-01")

    qtbot.waitUntil(lambda: opened.findChild(QMessageBox) is not None)
    box = opened.findChild(QMessageBox)
    assert box is not None and box.text().startswith(MESSAGE)
    box.close()
    QApplication.processEvents()
    # The row stays, its refused cell shows what is stored, and every other edit is kept.
    qtbot.waitUntil(lambda: _cells(table)[0][4] == "")
    assert table.rowCount() == 2
    assert _cells(table)[0][:4] == ["Anna Kessler", "Lisbon", "", "2019-07-12"]
    assert _cells(table)[1][-1] == "Used once, in Vienna."
    assert card.long["backstory"].toPlainText() == "Macau, five years ago."
    opened.save_all()
    stored = _stored(project_path, "Katya")
    anna, sparrow = stored.aliases
    assert anna.valid_from is not None and anna.valid_from.text == "2019-07-12"
    assert anna.valid_until is None
    assert sparrow.notes == "Used once, in Vienna."
    assert stored.backstory == "Macau, five years ago."

    # The writer corrects it: a later until is saved.
    _type_into(qtbot, table, 0, UNTIL, "2019-08-01")
    qtbot.waitUntil(lambda: _cells(table)[0][4] == "2019-08-01")
    anna = _stored(project_path, "Katya").aliases[0]
    assert anna.valid_until is not None and anna.valid_until.text == "2019-08-01"
    assert not any(box.isVisible() for box in opened.findChildren(QMessageBox)), "no new message"


def test_a_from_moved_past_the_until_is_refused_the_same_way(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    table = opened.bible.card.aliases
    _type_into(qtbot, table, 0, UNTIL, "June 2019")
    qtbot.waitUntil(lambda: _cells(table)[0][4] == "June 2019")
    _type_into(qtbot, table, 0, FROM, "2020")
    qtbot.waitUntil(lambda: opened.findChild(QMessageBox) is not None)
    box = opened.findChild(QMessageBox)
    assert box is not None
    assert "ends (June 2019) before it begins (2020)" in box.text()
    box.close()
    qtbot.waitUntil(lambda: _cells(table)[0][3] == "")
    assert _cells(table)[0][4] == "June 2019"
    anna = _stored(project_path, "Katya").aliases[0]
    assert anna.valid_from is None
    assert anna.valid_until is not None and anna.valid_until.text == "June 2019"
