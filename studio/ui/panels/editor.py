"""The editor pane: the scene's header line, the text column, the find bar, and autosave.

Typing only marks the scene dirty (a timer restart); the Autosaver writes the body with
set_scene_body, whose word count then goes out with scene_saved. Switching scenes, Ctrl+S and
closing call save_now() first, so nothing is ever left unsaved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studio.core.errors import SafehouseError
from studio.ui.autosave import Autosaver
from studio.ui.widgets.find_bar import FindBar
from studio.ui.widgets.scene_editor import SceneEditor

if TYPE_CHECKING:
    from studio.core.domain import Scene, SceneInfo
    from studio.services.project import Project

LAYOUT_DEPTH = 6  # the widgets from the header's panel up to the main window, and one more
NO_SCENE = "Choose a scene in the binder on the left, or add one with a right-click there."
SEPARATOR = "  ·  "  # between the header's parts (title, POV, location, story time)
ELLIPSIS = "\u2026"
MIN_SHOWN = 4  # characters of a part worth showing before its ellipsis; fewer: the part goes


class EditorPanel(QWidget):
    scene_saved = Signal(int, int)  # scene id, its word count
    save_state_changed = Signal(str)  # "saving", "saved", or the message of a failed save

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPanel")
        self._project: Project | None = None
        self._scene: Scene | None = None
        self._opening: str | None = None  # the project being opened at start, if any
        self._names = HeaderNames()
        self.header = SceneHeader(self)
        self.editor = SceneEditor(self)
        self.editor.column_moved.connect(self._align_header)
        self.find_bar = FindBar(self.editor, self)
        self.autosaver = Autosaver(self._write, self, revision=self._revision)
        self.autosaver.saving.connect(lambda: self.save_state_changed.emit("saving"))
        self.autosaver.saved.connect(lambda: self.save_state_changed.emit("saved"))
        self.autosaver.saved.connect(self._watch_changes)
        self.autosaver.failed.connect(self.save_state_changed.emit)
        self.autosaver.failed.connect(self._watch_changes)  # a key hastens the retry, as before
        self._watching = False
        self._watch_changes()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self._show_nothing()

    def _align_header(self, left: int) -> None:
        # The header starts where the text does, so the page reads as one column.
        self.header.setContentsMargins(left, 14, 24, 10)

    # -- the project and the scene ---------------------------------------------------------------
    @property
    def scene_id(self) -> int | None:
        return None if self._scene is None else self._scene.id

    def set_project(self, project: Project | None) -> None:
        self.save_now()
        self._project = project
        self._names = HeaderNames()
        self._show_nothing()

    def load_scene(self, scene_id: int) -> Scene | None:
        """Save the current scene, then show scene_id (NotFoundError if it is gone).

        None, and the current scene stays, when the current scene could not be saved: its words
        are not thrown away to show another.
        """
        if not self.save_now() or self._project is None:
            return None
        scene = self._project.manuscript.scene(scene_id)
        self._scene = scene
        self.editor.set_body(scene.body, lazy=True)
        self.editor.setReadOnly(self._project.read_only)
        self.editor.setPlaceholderText("Begin the scene here." if not scene.body else "")
        self._show_header(scene)
        return scene

    def show_opening(self, name: str) -> None:
        """While the project is opened after the first paint: a quiet line, nothing to type in."""
        self._opening = name
        self.editor.setReadOnly(True)
        self.editor.setPlaceholderText(f"Opening {name}…")

    def opening_done(self) -> None:
        self._opening = None
        if self._scene is None:
            self.editor.setPlaceholderText(NO_SCENE if self._project is not None else "")

    def forget_scene(self, scene_id: int) -> None:
        """scene_id was deleted: stop showing it, with nothing left to save."""
        if self.scene_id == scene_id:
            self._show_nothing()

    def _show_nothing(self) -> None:
        self.autosaver.discard()
        self._watch_changes()
        self._scene = None
        self.editor.set_body("")
        self.editor.setReadOnly(True)
        if self._opening is not None:
            self.editor.setPlaceholderText(f"Opening {self._opening}…")
        else:
            self.editor.setPlaceholderText(NO_SCENE if self._project is not None else "")
        self.header.setText("")
        self.header.setToolTip("")
        self.find_bar.hide()

    def refresh_header(self, info: SceneInfo | None = None) -> None:
        """Redraw the header line (title · POV · location · story time) from info or the scene.

        Called when the scene's fields, the outline or the bible changed: the names are read anew.
        """
        self._names = HeaderNames()
        self._show_header(info)

    def _show_header(self, info: SceneInfo | None = None) -> None:
        if self._project is None or self._scene is None:
            return
        info = info or self._scene
        if info.id != self._scene.id:
            return
        text = scene_header(self._project, info, self._names)
        if text != self.header.text():
            self.header.setText(text)
            self.header.setToolTip(text)
            _settle_layout()

    # -- saving ------------------------------------------------------------------------------------
    # The document's changes are listened to only while the scene is saved: the first one marks
    # it dirty, and the Autosaver learns of later ones from the document's revision when its idle
    # timer ends. A keystroke in a dirty scene thus runs no Python here.
    def _watch_changes(self) -> None:
        if not self._watching:
            self.editor.document().contentsChange.connect(self._on_contents_change)
            self._watching = True

    def _on_contents_change(self, _position: int, removed: int, added: int) -> None:
        if self.editor.loading or self._scene is None or (removed == 0 and added == 0):
            return
        self.autosaver.mark_dirty()
        if self._watching:
            self.editor.document().contentsChange.disconnect(self._on_contents_change)
            self._watching = False

    def _revision(self) -> int:
        return self.editor.document().revision()

    def _write(self) -> None:
        if self._project is None or self._scene is None:
            return
        words = self._project.manuscript.set_scene_body(self._scene.id, self.editor.body())
        self.scene_saved.emit(self._scene.id, words)

    def save_now(self) -> bool:
        return self.autosaver.flush()

    # -- commands ----------------------------------------------------------------------------------
    def toggle_italic(self) -> None:
        if not self.editor.isReadOnly():
            self.editor.toggle_emphasis("*")

    def toggle_bold(self) -> None:
        if not self.editor.isReadOnly():
            self.editor.toggle_emphasis("**")

    def open_find(self) -> None:
        if self._scene is not None:
            self.find_bar.open_bar()

    def open_replace(self) -> None:
        if self._scene is not None:
            self.find_bar.open_bar(replace=not self.editor.isReadOnly())

    def set_focus_mode(self, on: bool) -> None:
        self.header.setVisible(not on)
        if on:
            self.find_bar.hide()

    def set_marker_colour(self, colour: QColor) -> None:
        self.editor.set_marker_colour(colour)


class SceneHeader(QLabel):
    """The scene's header: one line however narrow the editor, so the text keeps the height.

    text() is the whole header (the tooltip shows it too); what does not fit is elided from
    the end, part by part, so the title is the last to go.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("sceneHeader")
        self.setTextFormat(Qt.TextFormat.PlainText)

    def minimumSizeHint(self) -> QSize:
        # One line high, and no width asked of the layout: the header fits the editor, not the
        # editor the header.
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        # QLabel's own painting, with the text that fits: the frame (the style sheet's rule
        # below), then the text where QLabel puts it (a framed label indents its text by half
        # an "x"), in the colours the style gives it.
        painter = QPainter(self)
        self.drawFrame(painter)
        metrics = self.fontMetrics()
        indent = self.indent()
        if indent < 0 and self.frameWidth():
            indent = metrics.horizontalAdvance("x") // 2 - self.margin()
        area = self.contentsRect().adjusted(self.margin() + max(indent, 0), 0, -self.margin(), 0)
        shown = elided_header(self.text(), metrics, area.width())
        self.style().drawItemText(
            painter,
            area,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )


def elided_header(text: str, metrics: QFontMetrics, width: int) -> str:
    """text as it fits in width: the last parts elided or left out first, the title last."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    parts = text.split(SEPARATOR)
    for count in range(len(parts), 1, -1):
        head = SEPARATOR.join(parts[: count - 1]) + SEPARATOR
        part = parts[count - 1]
        room = width - metrics.horizontalAdvance(head)
        shown = metrics.elidedText(part, Qt.TextElideMode.ElideRight, room)
        if shown and len(shown.rstrip(ELLIPSIS)) >= min(MIN_SHOWN, len(part)):
            return head + shown
        if metrics.horizontalAdvance(head + ELLIPSIS) <= width:
            return head + ELLIPSIS  # too little of the part to read: only said to be there
    return metrics.elidedText(parts[0], Qt.TextElideMode.ElideRight, width)


class HeaderNames:
    """The POV characters' and the locations' names the header has shown, read once each: a scene
    switch then reads no name from the database (it read a character, its aliases and every
    location). The panel starts a new one whenever names may have changed (refresh_header)."""

    def __init__(self) -> None:
        self.characters: dict[int, str | None] = {}  # None: no such character
        self.locations: dict[int, str] | None = None

    def character(self, project: Project, character_id: int) -> str | None:
        if character_id not in self.characters:
            try:
                name: str | None = project.bible.character(character_id).display_name
            except SafehouseError:
                name = None  # a header is a courtesy: a name that just went away is left out
            self.characters[character_id] = name
        return self.characters[character_id]

    def location(self, project: Project, location_id: int) -> str | None:
        if self.locations is None or location_id not in self.locations:
            try:
                self.locations = {loc.id: loc.name for loc in project.bible.locations()}
            except SafehouseError:
                return None
        return self.locations.get(location_id)


def scene_header(project: Project, info: SceneInfo, names: HeaderNames | None = None) -> str:
    """'Title · Katya · Alfama · 14 June 2019': the parts a scene has, joined quietly."""
    names = names or HeaderNames()
    parts = [info.title]
    if info.pov_id is not None:
        pov = names.character(project, info.pov_id)
        if pov is not None:
            parts.append(f"POV {pov}")
    if info.location_id is not None:
        location = names.location(project, info.location_id)
        if location is not None:
            parts.append(location)
    if info.story_time is not None:
        parts.append(info.story_time.text)
    # Spaces inside a part do not break: a part is a name, a place or a time, whole or elided.
    return SEPARATOR.join([parts[0], *(part.replace(" ", "\u00a0") for part in parts[1:])])


def _settle_layout() -> None:
    """Lay the window out again now for a header whose text changed, rather than from the event
    loop: Qt climbs one level (panel, stack, tabs, splitter, window) per pass of the loop, so the
    first keystrokes typed after a scene switch would each pay for one level."""
    for _ in range(LAYOUT_DEPTH):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
