"""The window's menus and shortcuts, built in one place and connected to the window's methods.

Every action is also added to the window itself, so its shortcut keeps working in focus mode when
the menu bar is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from studio.ui.panes import BINDER, SIDE

if TYPE_CHECKING:
    from studio.ui.main_window import MainWindow

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    new_project: QAction
    open_project: QAction
    recent: QMenu
    import_bundle: QAction
    import_manuscript: QAction
    export_text: QAction
    export_bundle: QAction
    export_timeline: QAction
    close_project: QAction
    quit: QAction
    save: QAction
    undo: QAction
    redo: QAction
    find: QAction
    find_in_project: QAction
    replace: QAction
    italic: QAction
    bold: QAction
    previous_scene: QAction
    next_scene: QAction
    focus_mode: QAction
    leave_focus_mode: QAction
    focus_binder: QAction
    focus_editor: QAction
    focus_bible: QAction
    show_binder: QAction
    show_side_panel: QAction
    theme_light: QAction
    theme_dark: QAction
    show_timeline: QAction
    show_book_order: QAction
    show_threads: QAction
    show_continuity: QAction
    view_menu: QMenu  # spelling adds its items here
    project_actions: tuple[QAction, ...]  # need an open project
    writing_actions: tuple[QAction, ...]  # need a scene open for writing


def _action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    handler: Callable[[], object],
    shortcut: QKeySequence | Key | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(handler)
    menu.addAction(action)
    window.addAction(action)
    return action


def _standard(key: Key, fallback: str) -> QKeySequence:
    """The platform's shortcut for key, or fallback where the platform defines none."""
    sequence = QKeySequence(key)
    return QKeySequence(fallback) if sequence.isEmpty() else sequence


def name_undo_redo(window: MainWindow, undo: QAction, redo: QAction) -> None:
    """Edit → Undo and Redo say what they would do when the binder has the keys (its deletes);
    elsewhere they are the focused field's own, plainly named."""
    undo_text, redo_text = "&Undo", "&Redo"
    if QApplication.focusWidget() is window.binder.tree:
        undone, redone = window.binder.undo_label(), window.binder.redo_label()
        if undone is not None:
            undo_text = f"&Undo Delete of {_literal(undone)}"
        if redone is not None:
            redo_text = f"&Redo Delete of {_literal(redone)}"
    undo.setText(undo_text)
    redo.setText(redo_text)


def _redo_keys() -> list[QKeySequence]:
    """Every key the platform gives Redo (Ctrl+Y first on some) and Ctrl+Shift+Z: a text field
    takes them all itself, and the binder, which has no redo of its own, gets them here."""
    keys = list(QKeySequence.keyBindings(Key.Redo))
    if QKeySequence("Ctrl+Shift+Z") not in keys:
        keys.append(QKeySequence("Ctrl+Shift+Z"))
    return keys


def _literal(text: str) -> str:
    """text shown as it is in a menu item ('Salt & Pepper' keeps its '&', no shortcut letter)."""
    return text.replace("&", "&&")


def _export_bundle(window: MainWindow) -> None:
    from studio.ui import files  # the File flows load on first use, as the window's own do

    files.export_bundle(window)


def build_menus(window: MainWindow) -> Actions:
    bar = window.menuBar()
    file = bar.addMenu("&File")
    new_project = _action(window, file, "&New Project…", window.new_project_dialog, Key.New)
    open_project = _action(window, file, "&Open…", window.open_project_dialog, Key.Open)
    recent = file.addMenu("Open &Recent")
    recent.aboutToShow.connect(window.fill_recent_menu)
    file.addSeparator()
    import_bundle = _action(window, file, "&Import Bundle…", window.import_bundle_dialog)
    import_manuscript = _action(
        window, file, "Import &Manuscript…", window.import_manuscript_dialog, "Ctrl+Shift+I"
    )
    export_text = _action(window, file, "&Export Plain Text…", window.export_dialog, "Ctrl+E")
    export_bundle = _action(
        window, file, "Export &Bundle…", lambda: _export_bundle(window), "Ctrl+Shift+E"
    )
    export_timeline = _action(window, file, "Export &Timeline…", window.export_timeline_dialog)
    file.addSeparator()
    save = _action(window, file, "&Save", window.save_all, Key.Save)
    close_project = _action(window, file, "&Close Project", window.close_project, "Ctrl+Shift+W")
    quit_action = _action(window, file, "&Quit", window.close, _standard(Key.Quit, "Ctrl+Q"))

    edit = bar.addMenu("&Edit")
    undo = _action(window, edit, "&Undo", window.undo, Key.Undo)
    redo = _action(window, edit, "&Redo", window.redo)
    redo.setShortcuts(_redo_keys())
    edit.addSeparator()
    find = _action(window, edit, "&Find in Scene…", window.editor.open_find, Key.Find)
    replace = _action(
        window, edit, "&Replace…", window.editor.open_replace, _standard(Key.Replace, "Ctrl+H")
    )
    find_in_project = _action(
        window, edit, "Find in &Project…", window.find_in_project, "Ctrl+Shift+F"
    )
    # Replace All in the book is asked for in the Search tab; its undo lives here.
    edit.addAction(window.book_replace.undo_action)
    edit.addSeparator()
    edit.aboutToShow.connect(lambda: name_undo_redo(window, undo, redo))
    italic = _action(window, edit, "&Italic", window.editor.toggle_italic, Key.Italic)
    bold = _action(window, edit, "&Bold", window.editor.toggle_bold, Key.Bold)

    view = bar.addMenu("&View")
    focus_mode = _action(window, view, "&Focus Mode", window.toggle_focus_mode, "F11")
    focus_mode.setCheckable(True)
    leave_focus = QAction("Leave Focus Mode", window)
    leave_focus.setShortcut(QKeySequence("Esc"))
    leave_focus.setEnabled(False)
    leave_focus.triggered.connect(window.leave_focus_mode)
    window.addAction(leave_focus)
    show_binder = _action(
        window, view, "Show &Binder", lambda: window.panes.toggle(BINDER), "Ctrl+Alt+B"
    )
    show_side_panel = _action(
        window, view, "Show &Side Panel", lambda: window.panes.toggle(SIDE), "Ctrl+Alt+I"
    )
    for action in (show_binder, show_side_panel):
        action.setCheckable(True)
        action.setChecked(True)
    view.addSeparator()
    focus_binder = _action(window, view, "Go to &Binder", window.focus_binder, "Ctrl+1")
    focus_editor = _action(window, view, "Go to &Editor", window.focus_editor, "Ctrl+2")
    focus_bible = _action(window, view, "Go to Character &Bible", window.focus_bible, "Ctrl+3")
    view.addSeparator()
    show_timeline = _action(window, view, "&Timeline", window.show_timeline, "Ctrl+Shift+T")
    show_book_order = _action(window, view, "Book &Order", window.show_book_order, "Ctrl+Shift+O")
    show_threads = _action(window, view, "T&hreads", window.show_threads, "Ctrl+Shift+G")
    show_continuity = _action(window, view, "&Continuity", window.show_continuity, "Ctrl+Shift+K")
    view.addSeparator()
    themes = QActionGroup(window)
    theme_light = _action(window, view, "&Light Theme", lambda: window.set_theme("light"))
    theme_dark = _action(window, view, "&Dark Theme", lambda: window.set_theme("dark"))
    for action in (theme_light, theme_dark):
        action.setCheckable(True)
        themes.addAction(action)
    view.addSeparator()
    _action(window, view, "Editor &Font…", window.choose_font)
    _action(window, view, "&Larger Text", lambda: window.change_font_size(1), Key.ZoomIn)
    _action(window, view, "&Smaller Text", lambda: window.change_font_size(-1), Key.ZoomOut)

    go = bar.addMenu("&Go")
    previous_scene = _action(window, go, "&Previous Scene", window.previous_scene, "Alt+Up")
    next_scene = _action(window, go, "&Next Scene", window.next_scene, "Alt+Down")

    return Actions(
        new_project=new_project,
        open_project=open_project,
        recent=recent,
        import_bundle=import_bundle,
        import_manuscript=import_manuscript,
        export_text=export_text,
        export_bundle=export_bundle,
        export_timeline=export_timeline,
        close_project=close_project,
        quit=quit_action,
        save=save,
        undo=undo,
        redo=redo,
        find=find,
        find_in_project=find_in_project,
        replace=replace,
        italic=italic,
        bold=bold,
        previous_scene=previous_scene,
        next_scene=next_scene,
        focus_mode=focus_mode,
        leave_focus_mode=leave_focus,
        focus_binder=focus_binder,
        focus_editor=focus_editor,
        focus_bible=focus_bible,
        show_binder=show_binder,
        show_side_panel=show_side_panel,
        theme_light=theme_light,
        theme_dark=theme_dark,
        show_timeline=show_timeline,
        show_book_order=show_book_order,
        show_threads=show_threads,
        show_continuity=show_continuity,
        view_menu=view,
        project_actions=(
            export_text,
            export_bundle,
            export_timeline,
            find_in_project,
            close_project,
            save,
            previous_scene,
            next_scene,
        ),
        writing_actions=(find, replace, italic, bold),
    )
