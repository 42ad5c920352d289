"""Which of the window's columns show: the binder and the side panel, each as the writer chose
(View → Show Binder / Show Side Panel, remembered in the settings), and focus mode (F11), which
hides all but the text and, when left, shows again what was shown before it.

A hidden column gives its width to the text and comes back at its former width (the splitter,
studio.ui.window_layout, keeps it). Asking for something a hidden column holds (Go to Binder,
Go to Character Bible, Find in Project…) shows that column first.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from studio.ui.main_window import MainWindow

BINDER = 0
SIDE = 2
"""The splitter's columns the writer can hide (the text, column 1, always shows)."""


class Panes:
    """The columns' visibility and focus mode for one window."""

    def __init__(self, window: MainWindow) -> None:
        # Weak: the window holds this object, and a cycle would keep a closed window's wrapper
        # alive after Qt deleted it (until the next garbage collection).
        self._window_ref = weakref.ref(window)
        # What focus mode left: (was full screen, was maximised); None outside focus mode.
        self._focus_state: tuple[bool, bool] | None = None

    @property
    def _window(self) -> MainWindow:
        window = self._window_ref()
        assert window is not None, "the window is gone"
        return window

    # -- the writer's choice -----------------------------------------------------------------------
    def is_shown(self, column: int) -> bool:
        """Whether the writer chose to show column (BINDER or SIDE), though focus mode hides it."""
        settings = self._window.settings
        return settings.binder_shown if column == BINDER else settings.side_panel_shown

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide column as the writer chose. Showing one leaves focus mode (the writer
        asked to see it); hiding one in focus mode is remembered for leaving it."""
        if shown:
            self.leave_focus_mode()
        settings = self._window.settings
        if column == BINDER:
            settings.binder_shown = shown
        else:
            settings.side_panel_shown = shown
        self._action(column).setChecked(shown)
        if self._focus_state is None:
            if not shown and self._holds_focus(column):
                self._focus_text()  # the keys go on to the text, not to a hidden column
            self._window.splitter.set_shown(column, shown)

    def toggle(self, column: int) -> None:
        """Hide column if it shows, else show it (in focus mode, hidden: shown, leaving it)."""
        self.set_shown(column, self.in_focus_mode or not self.is_shown(column))

    def restore(self) -> None:
        """The columns as the settings remember them (the window being built)."""
        for column in (BINDER, SIDE):
            shown = self.is_shown(column)
            self._action(column).setChecked(shown)
            self._window.splitter.set_shown(column, shown)

    def _action(self, column: int) -> QAction:
        actions = self._window.menu_actions
        return actions.show_binder if column == BINDER else actions.show_side_panel

    def _focus_text(self) -> None:
        window = self._window
        page = window.centre_tabs.currentWidget()
        (window.editor.editor if page is window.editor else page).setFocus()

    def _holds_focus(self, column: int) -> bool:
        column_widget = self._window.splitter.widget(column)
        focused = self._window.focusWidget()
        return (
            isinstance(focused, QWidget)
            and column_widget is not None
            and (column_widget.isAncestorOf(focused))
        )

    # -- focus mode --------------------------------------------------------------------------------
    @property
    def in_focus_mode(self) -> bool:
        return self._focus_state is not None

    def toggle_focus_mode(self) -> None:
        if self._focus_state is None:
            self.enter_focus_mode()
        else:
            self.leave_focus_mode()

    def enter_focus_mode(self) -> None:
        """Only the text, full screen; Esc (or F11) comes back."""
        if self._focus_state is not None:
            return
        window = self._window
        self._focus_state = (window.isFullScreen(), window.isMaximized())
        for column in (BINDER, SIDE):
            window.splitter.set_shown(column, False)
        window.menuBar().hide()
        window.status.hide()
        window.centre_tabs.tabBar().hide()
        window.editor.set_focus_mode(True)
        self._set_focus_actions(True)
        window.showFullScreen()
        window.editor.editor.setFocus()

    def leave_focus_mode(self) -> None:
        """Back to the window as it was: the columns the writer had shown, and its size."""
        if self._focus_state is None:
            return
        window = self._window
        was_full_screen, was_maximised = self._focus_state
        self._focus_state = None
        for column in (BINDER, SIDE):
            window.splitter.set_shown(column, self.is_shown(column))
        window.menuBar().show()
        window.status.show()
        window.centre_tabs.setTabBarAutoHide(True)
        window.centre_tabs.tabBar().setVisible(window.centre_tabs.count() > 1)
        window.editor.set_focus_mode(False)
        self._set_focus_actions(False)
        if not was_full_screen:
            window.showMaximized() if was_maximised else window.showNormal()

    def _set_focus_actions(self, focus: bool) -> None:
        actions = self._window.menu_actions
        actions.focus_mode.setChecked(focus)
        actions.leave_focus_mode.setEnabled(focus)


__all__ = ["BINDER", "SIDE", "Panes"]
