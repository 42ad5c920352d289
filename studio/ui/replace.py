"""Replace All in the book (the Search tab's "Replace All in Book…") and Edit → Undo Replace All.

The window's flow around the search service: save what the editor holds, count the matches and
ask, replace in one transaction, then show the new text everywhere (the open scene, the word
counts, the search list). Each Replace All is kept until the project is closed, so that Undo
Replace All can put the scenes back, newest first. Find and Replace in one scene is the find
bar's (studio.ui.widgets.find_bar): the editor's own undo takes it back.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from studio.core.errors import SafehouseError
from studio.ui.dialogs.messages import confirm, show_error

if TYPE_CHECKING:
    from studio.services.search import ReplaceResult
    from studio.ui.main_window import MainWindow
    from studio.ui.panels.project_search import ReplaceRequest

NOT_SAVED = (
    "The open scene could not be saved first, so nothing was changed. "
    "See the status bar for why, then try again."
)


class BookReplace:
    """Replace All in the book for window, and its undo (undo_action, for the Edit menu)."""

    def __init__(self, window: MainWindow) -> None:
        # Weak: the window holds this object (see SidePanels).
        self._window_ref = weakref.ref(window)
        self._done: list[ReplaceResult] = []
        self.undo_action = QAction("Undo Replace All", window)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        window.project_changed.connect(self._forget)

    @property
    def _window(self) -> MainWindow:
        window = self._window_ref()
        assert window is not None, "the window is gone"
        return window

    def replace_all(self, request: ReplaceRequest) -> ReplaceResult | None:
        """Ask, then replace every match in the book; None if nothing was replaced."""
        from studio.services.search import count_matches, replace_all

        window = self._window
        project = window.project
        if project is None or not request.pattern:
            return None
        if not window.save_all():  # what is typed is replaced too, and never written over
            show_error(window, "Nothing was replaced", NOT_SAVED)
            return None
        options = {
            "regex": request.regex,
            "case_sensitive": request.case_sensitive,
            "whole_words": request.whole_words,
        }
        try:
            count = count_matches(project, request.pattern, **options)
            if count.matches == 0:
                window.status.showMessage(f"No matches of '{request.pattern}' in the book.", 10_000)
                return None
            with_what = f"'{request.replacement}'" if request.replacement else "nothing"
            question = (
                f"Replace {_plural(count.matches, 'match', 'matches')} of '{request.pattern}' "
                f"in {_plural(count.scenes, 'scene', 'scenes')} with {with_what}?\n\n"
                "Edit → Undo Replace All puts them back."
            )
            if not confirm(window, "Replace All in Book", question, "Replace All"):
                return None
            result = replace_all(project, request.pattern, request.replacement, **options)
        except SafehouseError as error:
            show_error(window, "Nothing was replaced", str(error))
            return None
        if result.scenes:
            self._done.append(result)
        self._show(result.words)
        self.undo_action.setEnabled(bool(self._done))
        window.status.showMessage(
            f"Replaced {_plural(result.matches, 'match', 'matches')} of '{result.pattern}' in "
            f"{_plural(result.scenes, 'scene', 'scenes')} — Edit → Undo Replace All puts them back"
        )
        return result

    def undo(self) -> None:
        """Put back the scenes the newest Replace All changed (those not edited since)."""
        from studio.services.search import undo_replace

        window = self._window
        project = window.project
        if project is None or not self._done:
            return
        if not window.save_all():  # an edit since the replace must be seen, and kept
            show_error(window, "Nothing was undone", NOT_SAVED)
            return
        result = self._done[-1]
        try:
            undone = undo_replace(project, result)
        except SafehouseError as error:
            show_error(window, "Replace All was not undone", str(error))
            return
        self._done.pop()
        self.undo_action.setEnabled(bool(self._done))
        self._show(undone.words)
        message = (
            f"Undid Replace All of '{result.pattern}': "
            f"{_plural(len(undone.words), 'scene', 'scenes')} put back"
        )
        if undone.kept:
            message += f"; {_plural(len(undone.kept), 'scene', 'scenes')} edited since kept as is"
        window.status.showMessage(message)

    def _show(self, words: Mapping[int, int]) -> None:
        """Scenes rewritten in the database: their counts, the open scene's text, the list."""
        window = self._window
        for scene_id, count in words.items():
            window.scene_words_changed(scene_id, count)
        panel = window.editor
        if panel.scene_id is not None and panel.scene_id in words:
            editor = panel.editor
            position = editor.textCursor().position()
            scrolled = editor.verticalScrollBar().value()
            panel.load_scene(panel.scene_id)  # saved before the replace: nothing is lost
            cursor = editor.textCursor()
            cursor.setPosition(min(position, editor.document().characterCount() - 1))
            editor.setTextCursor(cursor)
            editor.verticalScrollBar().setValue(scrolled)
        if window.search_host.made:
            window.project_search.search()

    def _forget(self) -> None:
        """Another project (or none): the replaces done in the last one cannot be undone here."""
        self._done.clear()
        self.undo_action.setEnabled(False)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


__all__ = ["BookReplace"]
