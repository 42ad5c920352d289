"""The scene inspector, the status bar and the character bible, as a writer uses them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from studio.core.domain import SceneStatus
from studio.services.project import open_project
from studio.ui.main_window import MainWindow


def _stored_scene(path: Path, scene_id: int):  # type: ignore[no-untyped-def]
    with open_project(path, read_only=True) as project:
        return project.manuscript.scene(scene_id)


def _stored_character(path: Path, name: str):  # type: ignore[no-untyped-def]
    with open_project(path, read_only=True) as project:
        return next(c for c in project.bible.characters() if c.display_name == name)


# -- the inspector -----------------------------------------------------------------------------
def test_the_inspector_shows_the_scene(opened: MainWindow) -> None:
    inspector = opened.inspector
    assert inspector.synopsis.toPlainText() == "Katya meets the wine buyer."
    assert inspector.pov.currentText() == "Katya"
    assert inspector.location.currentText() == "Alfama café"
    assert inspector.story_time.text() == "14 June 2019 18:30"
    assert inspector.status.currentText() == "Draft"
    assert inspector.threads.checked_ids() and inspector.characters.checked_ids()


def test_choices_in_the_inspector_are_saved_and_redraw_the_header(
    opened: MainWindow, project_path: Path
) -> None:
    inspector, scene_id = opened.inspector, opened.editor.scene_id or 0
    inspector.status.setCurrentIndex(2)
    inspector.status.activated.emit(2)
    inspector.pov.setCurrentText("Daniel")
    inspector.pov.activated.emit(inspector.pov.currentIndex())
    inspector.story_time.setText("summer 2019")
    inspector.story_time.editingFinished.emit()
    stored = _stored_scene(project_path, scene_id)
    assert stored.status is SceneStatus.REVISED
    assert stored.story_time is not None and stored.story_time.text == "summer 2019"
    assert "POV Daniel" in opened.editor.header.text().replace("\u00a0", " ")
    assert "summer 2019" in opened.editor.header.text().replace("\u00a0", " ")


def test_a_story_time_that_cannot_be_read_says_so_and_is_not_saved(
    opened: MainWindow, project_path: Path
) -> None:
    inspector = opened.inspector
    inspector.story_time.setText("the day after never")
    inspector.story_time.editingFinished.emit()
    assert inspector.story_time_error.isVisibleTo(inspector)
    assert "not a story time" in inspector.story_time_error.text()
    stored = _stored_scene(project_path, opened.editor.scene_id or 0)
    assert stored.story_time is not None and stored.story_time.text == "14 June 2019 18:30"


def test_synopsis_notes_threads_and_cast_are_saved(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    inspector, scene_id = opened.inspector, opened.editor.scene_id or 0
    qtbot.keyClicks(inspector.notes, "Check the tram timetable.")
    inspector.threads.set_checked(inspector.threads.checked_ids()[0], False)
    inspector.characters.set_checked(_stored_character(project_path, "The Deacon").id, True)
    opened.next_scene()  # switching saves at once
    stored = _stored_scene(project_path, scene_id)
    assert stored.notes == "Check the tram timetable."
    assert stored.thread_ids == ()
    assert len(stored.character_ids) == 3


def test_notes_being_typed_survive_a_change_to_the_cast(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    inspector, scene_id = opened.inspector, opened.editor.scene_id or 0
    qtbot.keyClicks(inspector.notes, "Check the tram timetable.")
    opened.on_bible_changed()  # a character added or renamed elsewhere: the choices are read again
    assert inspector.notes.toPlainText() == "Check the tram timetable."
    qtbot.keyClicks(inspector.notes, " Twice.")
    opened.next_scene()
    assert _stored_scene(project_path, scene_id).notes == "Check the tram timetable. Twice."


# -- the status bar -----------------------------------------------------------------------------
def test_the_status_bar_counts_scene_chapter_book_and_session_words(
    qtbot: QtBot, opened: MainWindow
) -> None:
    status = opened.status
    assert status.scene_words.text().startswith("Scene ")
    before = status.book_words.text()
    opened.editor.editor.moveCursor(opened.editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(opened.editor.editor, " three more words")
    opened.save_all()
    assert status.session_words.text() == "This session +3"
    assert status.book_words.text() != before
    assert status.save_state.text() == "Saved"


# -- the character bible ------------------------------------------------------------------------
def test_the_cast_shows_names_roles_and_search_finds_cover_identities(
    qtbot: QtBot, opened: MainWindow
) -> None:
    cast = opened.bible.cast
    names = [cast.item(r).text() for r in range(cast.count())]
    assert names == ["Katya", "Daniel", "The Deacon"]
    qtbot.keyClicks(opened.bible.search, "kessler")
    assert [cast.item(r).text() for r in range(cast.count())] == ["Katya"]
    opened.bible.search.clear()
    qtbot.keyClicks(opened.bible.search, "handler")
    assert [cast.item(r).text() for r in range(cast.count())] == ["The Deacon"]


def test_a_character_card_shows_aliases_and_scenes_and_opens_a_scene(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.bible.show_character(opened.bible.cast.item(0).data(Qt.ItemDataRole.UserRole + 1))
    card = opened.bible.card
    assert card.display_name.text() == "Katya"
    assert card.full_name.text() == "Yekaterina Ivanovna Orlova"
    assert card.role.currentText() == "protagonist"
    assert card.lines["allegiance"].text() == "formerly SVR"
    # Every one-line field shows the start of its value, not the end.
    assert all(edit.cursorPosition() == 0 for edit in card.lines.values())
    assert card.display_name.cursorPosition() == 0
    assert card.long["goal"].toPlainText() == "To stay Anna Kessler."
    aliases = [card.aliases.item(r, 0).text() for r in range(card.aliases.rowCount())]
    assert aliases == ["Anna Kessler", "SPARROW"]
    scenes = [card.scenes.item(r).text() for r in range(card.scenes.count())]
    assert scenes == ["Basil pots  (POV)"]
    opened.next_scene()
    card.scenes.itemClicked.emit(card.scenes.item(0))
    assert opened.editor.header.text().startswith("Basil pots")


def test_editing_a_character_and_aliases_in_place_is_saved(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    card = opened.bible.card
    card.lines["allegiance"].setText("nobody, now")
    card.lines["allegiance"].editingFinished.emit()
    qtbot.keyClicks(card.long["backstory"], "Macau, five years ago.")
    card.add_alias()
    card.aliases.item(2, 0).setText("Mme Laurent")
    card.aliases.item(2, 4).setText("June 2014")
    opened.save_all()
    stored = _stored_character(project_path, "Katya")
    assert stored.allegiance == "nobody, now"
    assert stored.backstory == "Macau, five years ago."
    alias = stored.aliases[-1]
    assert alias.name == "Mme Laurent"
    assert alias.valid_from is not None and alias.valid_from.text == "June 2014"


def test_saving_an_alias_keeps_the_backstory_being_typed_and_its_cursor(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    card = opened.bible.card
    backstory = card.long["backstory"]
    backstory.setFocus()
    qtbot.keyClicks(backstory, "Macau, five years ago.")
    cursor = backstory.textCursor()
    cursor.setPosition(5)
    backstory.setTextCursor(cursor)
    with qtbot.waitSignal(card.character_changed):  # saved, then the card is read again
        card.aliases.item(0, 0).setText("Anna K.")
    assert _stored_character(project_path, "Katya").aliases[0].name == "Anna K."
    assert backstory.toPlainText() == "Macau, five years ago."
    assert backstory.textCursor().position() == 5
    qtbot.keyClicks(backstory, "!")
    opened.save_all()
    assert _stored_character(project_path, "Katya").backstory == "Macau!, five years ago."
    backstory.undo()  # the writer's own typing is still what Undo takes back
    assert backstory.toPlainText() == "Macau, five years ago."


def test_an_alias_time_that_cannot_be_read_shows_a_dialog(
    qtbot: QtBot, opened: MainWindow, project_path: Path
) -> None:
    card = opened.bible.card
    card.aliases.item(0, 4).setText("whenever")
    box = opened.findChild(QMessageBox)
    assert box is not None and "not a story time" in box.text()
    box.close()
    assert _stored_character(project_path, "Katya").aliases[0].valid_from is None


def test_adding_a_character_shows_it_in_the_bible_and_the_binder(
    opened: MainWindow, project_path: Path
) -> None:
    opened.bible.add_character()
    card = opened.bible.card
    card.display_name.setText("Inês")
    card.display_name.editingFinished.emit()
    assert _stored_character(project_path, "Inês").role == "supporting"
    model = opened.binder.model
    characters = model.index(1, 0)
    names = [model.index(r, 0, characters).data() for r in range(model.rowCount(characters))]
    assert "Inês" in names
    assert "Inês" in [opened.inspector.pov.itemText(i) for i in range(opened.inspector.pov.count())]


def test_choosing_a_character_in_the_binder_shows_their_card(opened: MainWindow) -> None:
    model = opened.binder.model
    characters = model.index(1, 0)
    opened.binder.tree.setCurrentIndex(model.index(2, 0, characters))
    assert opened.bible.card.display_name.text() == "The Deacon"
    assert opened.side_tabs.currentWidget() is opened.bible


def test_the_anchor_choices_offer_every_scene_but_the_one_shown(opened: MainWindow) -> None:
    inspector = opened.inspector
    ids = opened.binder.scene_ids()
    for shown in (ids[0], ids[1], ids[0]):
        opened.open_scene(shown)
        combo = inspector.anchor
        offered = [
            combo.itemData(row)
            for row in range(combo.count())
            if combo.model().flags(combo.model().index(row, 0)) & Qt.ItemFlag.ItemIsEnabled
            and not combo.view().isRowHidden(row)  # type: ignore[attr-defined]
        ]
        assert offered[0] is None  # fixed in time
        scenes = [int(key.split(":")[1]) for key in offered[1:] if key.startswith("scene:")]
        assert scenes == [i for i in ids if i != shown]
