"""Spelling in the window: red wavy underlines, the right-click menu, the View menu items.

Real en_US dictionary (the README's set-up installs it): nothing here is skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QPainter, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from studio.core.domain import AliasKind, Character
from studio.services.project import open_project
from studio.services.spelling import SpellingService
from studio.ui.main_window import MainWindow
from studio.ui.resources import REPO_ROOT
from studio.ui.spelling.layer import DARK_PAGE_RED, LIGHT_PAGE_RED
from studio.ui.spelling.name_dialog import AddNameDialog, NameChoice
from studio.ui.widgets.scene_editor import SceneEditor

SPELLING_UNDERLINE = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


# -- helpers ---------------------------------------------------------------------------------------
def underlined(editor: SceneEditor) -> list[str]:
    """Every stretch of text the highlighter gave a spelling underline, in document order."""
    found: list[str] = []
    block = editor.document().begin()
    while block.isValid():
        units = block.text().encode("utf-16-le")  # Qt's offsets count UTF-16 code units
        for span in block.layout().formats():
            if span.format.underlineStyle() == SPELLING_UNDERLINE:
                word = units[2 * span.start : 2 * (span.start + span.length)]
                found.append(word.decode("utf-16-le"))
        block = block.next()
    return found


def type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.editor.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)
    QApplication.processEvents()


def point_of(editor: SceneEditor, word: str) -> QPoint:
    """The viewport position of the middle of the last occurrence of word."""
    at = editor.body().rfind(word)
    assert at >= 0, word
    cursor = QTextCursor(editor.document())
    cursor.setPosition(at + len(word) // 2)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    return editor.cursorRect(cursor).center()


def spelling_menu(window: MainWindow, word: str) -> QMenu:
    return window.spelling.build_spelling_menu(point_of(window.editor.editor, word))


def action(menu: QMenu, text: str) -> QAction:
    for candidate in menu.actions():
        if candidate.text() == text:
            return candidate
    raise AssertionError(f"{text!r} not in {[a.text() for a in menu.actions()]}")


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the lazy re-highlighting of the blocks off screen."""
    qtbot.waitUntil(lambda: window.spelling.layer.idle, timeout=3000)


@pytest.fixture
def sample(window: MainWindow, sample_path: Path) -> MainWindow:
    assert window.open_project_path(sample_path)
    assert window.spelling.checker is not None, window.spelling.problem
    return window


# -- the sample and a typo -------------------------------------------------------------------------
def test_the_sample_shows_no_underline_in_any_scene(qtbot: QtBot, sample: MainWindow) -> None:
    scene_ids = sample.binder.scene_ids()
    assert len(scene_ids) > 3
    for scene_id in scene_ids:
        sample.open_scene(scene_id)
        QApplication.processEvents()
        assert sample.editor.scene_id == scene_id
        assert underlined(sample.editor.editor) == [], sample.editor.header.text()


def test_a_typo_is_underlined_at_once_and_fixed_from_the_menu(
    qtbot: QtBot, sample: MainWindow
) -> None:
    editor = sample.editor.editor
    type_at_end(qtbot, sample, " She did not recieve it.")
    assert underlined(editor) == ["recieve"]
    menu = spelling_menu(sample, "recieve")
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "receive"
    assert len([a for a in menu.actions() if a.font().bold()]) <= 7
    for expected in ("Add to project dictionary", "Ignore", "Add as character or alias…"):
        assert expected in texts
    assert "Copy" in " ".join(texts).replace("&", "")  # the normal items follow
    action(menu, "receive").trigger()
    QApplication.processEvents()
    assert editor.body().endswith(" She did not receive it.")
    assert underlined(editor) == []
    editor.undo()  # the replacement was one step
    assert editor.body().endswith(" She did not recieve it.")


def test_a_word_spelt_right_gets_the_normal_menu(sample: MainWindow) -> None:
    menu = spelling_menu(sample, "basil")
    texts = [a.text() for a in menu.actions()]
    assert "Ignore" not in texts and "Add to project dictionary" not in texts


def test_add_to_project_dictionary_persists_in_the_file(
    qtbot: QtBot, sample: MainWindow, sample_path: Path
) -> None:
    type_at_end(qtbot, sample, " The zavtrak was cold.")
    assert underlined(sample.editor.editor) == ["zavtrak"]
    action(spelling_menu(sample, "zavtrak"), "Add to project dictionary").trigger()
    assert underlined(sample.editor.editor) == []
    sample.close_project()
    with open_project(sample_path, read_only=True) as project:
        assert "zavtrak" in project.dictionary.words()
        assert SpellingService(project).check_project() == []  # the body was saved too


def test_ignore_lasts_for_the_session_only(
    qtbot: QtBot, sample: MainWindow, sample_path: Path
) -> None:
    type_at_end(qtbot, sample, " A blyat moment.")
    action(spelling_menu(sample, "blyat"), "Ignore").trigger()
    assert underlined(sample.editor.editor) == []
    sample.close_project()
    assert sample.open_project_path(sample_path)
    sample.open_scene(sample.binder.scene_ids()[0])
    # The paragraph is off screen: underlined by the background re-check, slice by slice.
    settle(qtbot, sample)
    assert underlined(sample.editor.editor) == ["blyat"]


def test_add_as_a_new_character(qtbot: QtBot, sample: MainWindow) -> None:
    asked: list[str] = []

    def chooser(_parent: object, word: str, cast: Sequence[Character]) -> NameChoice:
        asked.append(word)
        assert cast  # the dialog offers the existing characters for an alias
        return NameChoice("Kalmurzaeva")

    sample.spelling.name_chooser = chooser
    type_at_end(qtbot, sample, " Kalmurzaeva's file.")
    assert underlined(sample.editor.editor) == ["Kalmurzaeva's"]
    action(spelling_menu(sample, "Kalmurzaeva"), "Add as character or alias…").trigger()
    assert asked == ["Kalmurzaeva's"]
    assert underlined(sample.editor.editor) == []
    assert sample.project is not None
    assert "Kalmurzaeva" in [c.display_name for c in sample.project.bible.characters()]
    cast = [sample.bible.cast.item(row).text() for row in range(sample.bible.cast.count())]
    assert "Kalmurzaeva" in cast  # the bible panel was told


def test_add_as_an_alias_of_an_existing_character(qtbot: QtBot, sample: MainWindow) -> None:
    assert sample.project is not None
    target = sample.project.bible.characters()[0]
    sample.spelling.name_chooser = lambda _p, _w, _c: NameChoice(
        "Zhenechka", target.id, AliasKind.NICKNAME
    )
    type_at_end(qtbot, sample, " Zhenechka smiled.")
    action(spelling_menu(sample, "Zhenechka"), "Add as character or alias…").trigger()
    assert underlined(sample.editor.editor) == []
    aliases = sample.project.bible.character(target.id).aliases
    assert ("Zhenechka", AliasKind.NICKNAME) in [(a.name, a.kind) for a in aliases]


def test_the_dialog_offers_a_new_character_or_an_alias_of_a_kind(qtbot: QtBot) -> None:
    cast = [Character(id=4, display_name="Katya"), Character(id=9, display_name="Daniel")]
    dialog = AddNameDialog("Kalmurzaeva\u2019s", cast)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "Kalmurzaeva"
    assert dialog.choice() == NameChoice("Kalmurzaeva")
    dialog.alias.setChecked(True)
    dialog.character.setCurrentIndex(1)
    dialog.kind.setCurrentIndex(dialog.kind.findData(AliasKind.MAIDEN_NAME))
    assert dialog.choice() == NameChoice("Kalmurzaeva", 9, AliasKind.MAIDEN_NAME)
    assert [dialog.kind.itemText(i) for i in range(dialog.kind.count())] == [
        "cover identity",
        "codename",
        "nickname",
        "maiden name",
    ]


# -- the bible and the settings --------------------------------------------------------------------
def test_a_name_given_in_the_bible_panel_loses_its_underline(
    qtbot: QtBot, sample: MainWindow
) -> None:
    type_at_end(qtbot, sample, " Ask Vasilisa and Lyosha.")
    assert underlined(sample.editor.editor) == ["Vasilisa", "Lyosha"]
    sample.bible.add_character()  # "New character", its name field focused
    card = sample.bible.card
    card.display_name.setText("Vasilisa")
    card.display_name.editingFinished.emit()
    QApplication.processEvents()
    assert underlined(sample.editor.editor) == ["Lyosha"]
    card.add_alias()
    alias_cell = card.aliases.item(card.aliases.rowCount() - 1, 0)
    assert alias_cell is not None
    alias_cell.setText("Lyosha")
    qtbot.waitUntil(lambda: underlined(sample.editor.editor) == [], timeout=2000)


def test_turning_spelling_off_clears_underlines_and_is_stored(
    qtbot: QtBot, sample: MainWindow, sample_path: Path
) -> None:
    items = sample.spelling_menu
    assert items.check_spelling.isChecked()
    type_at_end(qtbot, sample, " Recieve.")
    assert underlined(sample.editor.editor) == ["Recieve"]
    items.check_spelling.trigger()
    assert not items.check_spelling.isChecked()
    settle(qtbot, sample)
    assert underlined(sample.editor.editor) == []
    sample.close_project()
    with open_project(sample_path, read_only=True) as project:
        assert not SpellingService(project).settings().enabled
    assert sample.open_project_path(sample_path)
    assert not sample.spelling_menu.check_spelling.isChecked()
    assert underlined(sample.editor.editor) == []
    sample.spelling_menu.check_spelling.trigger()
    settle(qtbot, sample)
    assert underlined(sample.editor.editor) == ["Recieve"]


def test_the_language_menu_lists_dictionaries_and_checks_the_current_one(
    sample: MainWindow,
) -> None:
    items = sample.spelling_menu
    items.fill_languages()
    checked = [a.text() for a in items.languages.actions() if a.isChecked()]
    assert checked == ["en_US"]
    action(items.languages, "en_GB").trigger()
    assert sample.spelling.settings() is not None
    assert sample.spelling.settings().language == "en_GB"  # type: ignore[union-attr]
    assert sample.spelling.checker is not None and sample.spelling.checker.language == "en_GB"


def test_the_genre_word_list_can_be_turned_off(qtbot: QtBot, sample: MainWindow) -> None:
    type_at_end(qtbot, sample, " The exfil was set.")
    assert underlined(sample.editor.editor) == []
    sample.spelling_menu.genre_words.trigger()
    settle(qtbot, sample)
    assert underlined(sample.editor.editor) == ["exfil"]


def test_a_missing_dictionary_leaves_the_app_usable_and_names_the_package(
    window: MainWindow, sample_path: Path
) -> None:
    with open_project(sample_path) as project:
        project.manuscript.set_info(language="xx_XX")
    assert window.open_project_path(sample_path)
    assert window.spelling.checker is None
    message = window.status.currentMessage()
    assert "hunspell-xx-xx" in message and "apt-get install" in message
    assert not window.spelling_menu.check_spelling.isChecked()
    assert "hunspell-xx-xx" in window.spelling_menu.check_spelling.toolTip()
    assert window.editor.editor.body()  # the scene is there to write in


# -- speed: the keystroke path -------------------------------------------------------------------
def test_a_keystroke_rehighlights_one_block_and_new_words_start_with_the_visible_ones(
    qtbot: QtBot, sample: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraph = "The courier waited by the tram stop and counted the recieve slips. " * 12
    editor = sample.editor.editor
    editor.set_body("\n".join([paragraph] * 250))  # about 30,000 words
    QApplication.processEvents()
    assert len(underlined(editor)) == 250 * 12
    calls: list[int] = []
    highlighter = editor.highlighter
    original: Callable[[str], None] = highlighter.highlightBlock

    def counted(text: str) -> None:
        calls.append(1)
        original(text)

    monkeypatch.setattr(highlighter, "highlightBlock", counted)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, "x")
    QApplication.processEvents()
    assert len(calls) <= 2
    calls.clear()
    sample.spelling.add_to_dictionary("recieve")
    assert 0 < len(calls) < 250  # the screen now, the rest in idle slices
    settle(qtbot, sample)
    assert underlined(editor) == []


def test_the_word_being_typed_is_underlined_once_finished(qtbot: QtBot, sample: MainWindow) -> None:
    editor = sample.editor.editor
    type_at_end(qtbot, sample, " She did not recieve")
    assert underlined(editor) == []  # still typing it: no dictionary look-up per letter
    qtbot.keyClicks(editor, " it")
    assert underlined(editor) == ["recieve"]  # a space finished it
    qtbot.keyClicks(editor, " zavtrak")
    assert underlined(editor) == ["recieve"]
    editor.moveCursor(QTextCursor.MoveOperation.StartOfBlock)  # moving away finishes it too
    assert underlined(editor) == ["recieve", "zavtrak"]
    editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClick(editor, "x")  # typing in (here: at the end of) a word hides it again
    assert underlined(editor) == ["recieve"]
    qtbot.keyClicks(editor, ".")  # punctuation finishes it
    assert underlined(editor) == ["recieve", "zavtrakx"]
    editor.undo()  # the edits are ordinary ones: undo and redo are unchanged
    assert not editor.body().endswith(" zavtrakx.")
    editor.redo()
    assert editor.body().endswith(" zavtrakx.")


@pytest.mark.parametrize("before", ["Before", "\U0001f600 Before"])  # and past the BMP
def test_underlines_after_the_word_being_typed_move_with_each_letter(
    qtbot: QtBot, sample: MainWindow, before: str
) -> None:
    editor = sample.editor.editor
    editor.set_body(f"{before} a recieve, then the  with a wrod and zavtrak after.")
    QApplication.processEvents()
    expected = ["recieve", "wrod", "zavtrak"]
    assert underlined(editor) == expected
    cursor = editor.textCursor()
    at = editor.body().index("the  ") + 4
    cursor.setPosition(len(editor.body()[:at].encode("utf-16-le")) // 2)  # Qt counts UTF-16
    editor.setTextCursor(cursor)
    block = editor.textCursor().block()
    for letter in "quietx":
        qtbot.keyClick(editor, letter)
        QApplication.processEvents()
        # The same words underlined, those after the typed one at their new places.
        assert underlined(editor) == expected
        assert block.layout().lineAt(0).y() > 0  # still spaced at 1.5 (laid out once, spaced)
    qtbot.keyClicks(editor, " ")  # finished: judged like any other word
    assert underlined(editor) == ["recieve", "quietx", "wrod", "zavtrak"]
    assert "the quietx  with" in editor.body()


def test_a_keystroke_repaints_its_paragraph_not_the_page(qtbot: QtBot, sample: MainWindow) -> None:
    editor = sample.editor.editor
    type_at_end(qtbot, sample, " A recieve here.")
    assert underlined(editor) == ["recieve"]  # the block has formats: each key re-highlights it
    layout = editor.spacing
    whole_page: list[int] = []
    one_block: list[int] = []
    layout.update.connect(lambda *_: whole_page.append(1))
    layout.updateBlock.connect(lambda *_: one_block.append(1))
    qtbot.keyClick(editor, "x")
    QApplication.processEvents()
    assert whole_page == [] and one_block
    assert editor.viewport().autoFillBackground()  # opaque: what is behind it is not repainted
    background = editor.viewport().palette().color(editor.viewport().backgroundRole())
    picture = editor.viewport().grab().toImage()
    assert picture.pixelColor(2, 2) == background


def test_new_verdicts_are_not_edits_and_the_underline_colour_follows_the_theme(
    qtbot: QtBot, sample: MainWindow
) -> None:
    editor = sample.editor.editor
    editor.set_body("A recieve here.\n\nAnd a zavtrak there.")
    assert underlined(editor) == ["recieve", "zavtrak"]
    assert not sample.editor.autosaver.dirty
    sample.spelling.ignore("zavtrak")
    settle(qtbot, sample)
    assert underlined(editor) == ["recieve"]
    assert not sample.editor.autosaver.dirty  # re-highlighting changed no text: nothing to save
    colours = {}
    for theme in ("light", "dark"):
        sample.set_theme(theme)
        settle(qtbot, sample)
        spans = editor.document().begin().layout().formats()
        colours[theme] = [f.format.underlineColor() for f in spans if f.length == len("recieve")]
    assert colours["light"] == [LIGHT_PAGE_RED] and colours["dark"] == [DARK_PAGE_RED]
    sample.set_theme("light")


# -- a picture to look at --------------------------------------------------------------------------
def _menu_over_window(window: MainWindow, word: str) -> QPixmap:
    """The window with the spelling menu drawn where a right-click on word would open it."""
    editor = window.editor.editor
    point_of(editor, word)
    bar = editor.verticalScrollBar()  # the word high on the page, room for the menu below
    while (
        editor.cursorRect().center().y() > editor.viewport().height() // 3
        and bar.value() < bar.maximum()
    ):
        bar.setValue(bar.value() + bar.singleStep())  # pixels or lines, whichever the editor has
        QApplication.processEvents()
    point = point_of(editor, word)
    menu = window.spelling.build_spelling_menu(point)
    menu.adjustSize()
    menu_picture = menu.grab()
    menu.deleteLater()
    picture = QPixmap(window.grab())
    origin = editor.viewport().mapTo(window, point) + QPoint(4, 4)
    origin.setY(min(origin.y(), picture.height() - menu_picture.height() - 4))
    painter = QPainter(picture)
    painter.drawPixmap(origin, menu_picture)
    painter.end()
    return picture


def test_screenshot_of_an_underlined_typo_and_its_menu(qtbot: QtBot, sample: MainWindow) -> None:
    folder = Path(os.environ.get("SAFEHOUSE_SCREENSHOTS") or REPO_ROOT / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    editor = sample.editor.editor
    cursor = QTextCursor(editor.document().findBlock(editor.body().index("“You’re late,”")))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)  # a paragraph high on the page: the menu opens below it
    qtbot.keyClicks(editor, " She had not recieved the list from Kalmurzaeva.")
    qtbot.wait(60)
    for theme in ("light", "dark"):
        sample.set_theme(theme)
        QApplication.processEvents()
        path = folder / f"spelling-menu-{theme}.png"
        assert _menu_over_window(sample, "recieved").save(str(path))
        print(f"Screenshot: {path}")
    sample.set_theme("light")
