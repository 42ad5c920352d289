"""The scene inspector: synopsis, notes, status, POV, location, story time, threads, cast.

Choices save as soon as they are made; the synopsis and notes are debounced like the text.
Each save goes out as scene_changed(SceneInfo) so the window can redraw the header and binder.
Story times go through the timeline service, so scenes placed relative to this one follow it;
"Relative to" places the scene itself on another scene or event ("2 days after").

The choices (cast, locations, threads, what a scene can hang on) are read once per project and
again only when reload_choices() says they changed: opening a scene reads nothing but the scene.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio.core.domain import Character, Location, PlotThread, Scene, SceneInfo, SceneStatus
from studio.core.errors import SafehouseError
from studio.ui.autosave import Autosaver
from studio.ui.widgets.check_list import CheckList
from studio.ui.widgets.flow_layout import stack_form
from studio.ui.widgets.line_text import show_plain_text, show_text

if TYPE_CHECKING:
    from studio.services.project import Project
    from studio.services.timeline_data import ItemRef

NOBODY = "—"
FIXED = "— (a time of its own)"


class InspectorPanel(QWidget):
    scene_changed = Signal(object)  # SceneInfo, after a save
    save_state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorPanel")
        self._project: Project | None = None
        self._scene_id: int | None = None
        self._filling = False
        self._characters: list[Character] = []
        self._locations: list[Location] = []
        self._threads: list[PlotThread] = []
        self._anchor_choices: list[tuple[ItemRef, str]] | None = None
        self._anchors: dict[ItemRef, tuple[ItemRef, str | None]] = {}
        # The choices the anchor combo holds rows for, and the scene whose own row is hidden.
        self._anchor_rows: list[tuple[ItemRef, str]] | None = None
        self._anchor_own: str | None = None
        self._build()
        self.autosaver = Autosaver(self._save_texts, self)
        self.autosaver.saving.connect(lambda: self.save_state_changed.emit("saving"))
        self.autosaver.saved.connect(lambda: self.save_state_changed.emit("saved"))
        self.autosaver.failed.connect(self.save_state_changed.emit)
        self.set_project(None)

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("inspectorBody")
        form = QFormLayout(body)
        form.setContentsMargins(16, 14, 16, 16)
        form.setVerticalSpacing(10)
        self.title = QLabel("", body)
        self.title.setObjectName("cardTitleLabel")
        self.title.setWordWrap(True)
        self.synopsis = self._text(body, "What happens, in a line or two", 70)
        self.status = QComboBox(body)
        self.status.addItems([s.value.capitalize() for s in SceneStatus])
        self.status.activated.connect(lambda _i: self._save_choice("status"))
        self.pov = QComboBox(body)
        self.pov.activated.connect(lambda _i: self._save_choice("pov"))
        self.location = QComboBox(body)
        self.location.activated.connect(lambda _i: self._save_choice("location"))
        self.story_time = QLineEdit(body)
        self.story_time.setPlaceholderText("14 June 2019 21:30, summer 2019…")
        self.story_time.editingFinished.connect(self._save_story_time)
        self.anchor = QComboBox(body)
        self.anchor.setToolTip("Place this scene relative to another scene or event")
        self.anchor.activated.connect(lambda _i: self._save_anchor())
        self.offset = QLineEdit(body)
        self.offset.setPlaceholderText("5 years before, 2 days after, the same evening…")
        self.offset.editingFinished.connect(self._save_anchor)
        self.story_time_error = QLabel("", body)
        self.story_time_error.setObjectName("inlineError")
        self.story_time_error.setWordWrap(True)
        self.story_time_error.hide()
        self.threads = CheckList(body)
        self.threads.checked_changed.connect(self._save_threads)
        self.characters = CheckList(body)
        self.characters.checked_changed.connect(self._save_characters)
        self.notes = self._text(body, "Notes to yourself", 110)
        form.addRow(self.title)
        form.addRow("Synopsis", self.synopsis)
        form.addRow("Status", self.status)
        form.addRow("Point of view", self.pov)
        form.addRow("Location", self.location)
        form.addRow("Story time", self.story_time)
        form.addRow("Relative to", self.anchor)
        form.addRow("", self.offset)
        form.addRow("", self.story_time_error)
        form.addRow("Plot threads", self.threads)
        form.addRow("Characters", self.characters)
        form.addRow("Notes", self.notes)
        for combo in (self.status, self.pov, self.location, self.anchor):
            # Long names must not widen the panel: the combo shrinks and elides instead.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.body = body
        self._form = form
        scroll = QScrollArea(self)
        scroll.setObjectName("inspectorScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        stack_form(self._form, self.width())  # a narrow side panel: labels above the fields

    def _text(self, parent: QWidget, placeholder: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(height)
        edit.setMaximumHeight(height * 2)
        edit.textChanged.connect(self._text_changed)
        return edit

    # -- contents ----------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.save_now()
        self._project = project
        self._scene_id = None
        self.reload_choices()

    def reload_choices(self) -> None:
        """The cast, locations, threads and placements changed (or a project was opened)."""
        # Typing not yet saved is saved before the scene is read again: read first, the panel
        # would show the older synopsis or notes and the next save would write them back.
        self.save_now()
        project = self._project
        self._characters = project.bible.characters() if project else []
        self._locations = project.bible.locations() if project else []
        self._threads = project.bible.threads() if project else []
        self._reload_anchors()
        scene = None
        if project is not None and self._scene_id is not None:
            try:
                scene = project.manuscript.scene(self._scene_id)
            except SafehouseError:
                self._scene_id = None
        self._fill(scene, again=True)

    def _reload_anchors(self) -> None:
        # The scenes and events to hang on are read when first offered, not at every reload.
        self._anchor_choices = None
        self._anchors = self._project.timeline.anchors() if self._project else {}

    def _choices_of_anchor(self) -> list[tuple[ItemRef, str]]:
        from studio.services.timeline_data import ItemRef  # SQLAlchemy: not before the first paint

        if self._anchor_choices is None:
            project = self._project
            if project is None:
                return []
            scenes = project.manuscript.binder().scenes()
            self._anchor_choices = [(ItemRef("scene", s.id), f"Scene: {s.title}") for s in scenes]
            self._anchor_choices += [
                (ItemRef("event", e.id), f"Event: {e.title}") for e in project.events.events()
            ]
        return self._anchor_choices

    def load_scene(self, scene: Scene) -> None:
        self.save_now()
        self._scene_id = scene.id
        self._fill(scene)

    def forget_scene(self, scene_id: int) -> None:
        if self._scene_id == scene_id:
            self.autosaver.discard()
            self._scene_id = None
            self._fill(None)

    def _fill(self, scene: Scene | None, *, again: bool = False) -> None:
        """again: the shown scene read anew (the choices changed): its texts as they are stay."""
        self._filling = True
        try:
            self.body.setEnabled(scene is not None and not self._read_only)
            self.title.setText(scene.title if scene else "No scene open")
            show_plain_text(self.synopsis, scene.synopsis if scene else "", again=again)
            show_plain_text(self.notes, scene.notes if scene else "", again=again)
            self.status.setCurrentIndex(list(SceneStatus).index(scene.status) if scene else 1)
            show_text(self.story_time, scene.story_time.text if scene and scene.story_time else "")
            self.story_time_error.hide()
            self._fill_choices(scene)
            self._fill_anchor(scene)
        finally:
            self._filling = False

    @property
    def _read_only(self) -> bool:
        return self._project is None or self._project.read_only

    def _fill_choices(self, scene: Scene | None) -> None:
        characters, locations, threads = self._characters, self._locations, self._threads
        pov = scene.pov_id if scene else None
        location = scene.location_id if scene else None
        _fill_combo(self.pov, [(c.id, c.display_name) for c in characters], pov)
        _fill_combo(self.location, [(loc.id, loc.name) for loc in locations], location)
        self.threads.set_entries(
            ((t.id, t.name, t.colour) for t in threads), scene.thread_ids if scene else ()
        )
        self.characters.set_entries(
            ((c.id, c.display_name, c.colour) for c in characters),
            scene.character_ids if scene else (),
        )

    def _fill_anchor(self, scene: Scene | None) -> None:
        placed = None
        if scene is None:  # (no scene: nothing imported, the window is not yet painted)
            self.anchor.clear()
            self.anchor.addItem(FIXED, None)
            self._anchor_rows = None
        else:
            from studio.services.timeline_data import ItemRef

            own = ItemRef("scene", scene.id)
            placed = self._anchors.get(own)
            self._offer_anchors(anchor_key(own))
        index = self.anchor.findData(anchor_key(placed[0])) if placed else 0
        self.anchor.setCurrentIndex(max(0, index))
        show_text(self.offset, placed[1] or "" if placed else "")
        self.offset.setEnabled(placed is not None)
        self.story_time.setReadOnly(placed is not None)
        self.story_time.setToolTip(
            "Follows the scene or event it is placed relative to" if placed else ""
        )

    def _offer_anchors(self, own: str) -> None:
        """Every scene and event in the combo but the scene itself (own, its anchor_key). The rows
        are added when the choices were read anew, not at each scene switch (~2,500 addItem calls
        a switch in a 1m-word book): a switch only hides and disables the scene's own row."""
        choices = self._choices_of_anchor()
        if self._anchor_rows is not choices:
            self.anchor.clear()
            self.anchor.addItem(FIXED, None)
            for ref, title in choices:
                self.anchor.addItem(title, anchor_key(ref))
            self._anchor_rows, self._anchor_own = choices, None
        model = self.anchor.model()
        view = self.anchor.view()
        for key, offered in ((self._anchor_own, True), (own, False)):
            row = self.anchor.findData(key) if key is not None else -1
            item = model.item(row) if isinstance(model, QStandardItemModel) and row > 0 else None
            if item is not None:
                item.setEnabled(offered)  # disabled: not reached by keys or the wheel either
                if isinstance(view, QListView):
                    view.setRowHidden(row, not offered)
        self._anchor_own = own

    # -- saving ------------------------------------------------------------------------------------
    def _text_changed(self) -> None:
        if not self._filling and self._scene_id is not None:
            self.autosaver.mark_dirty()

    def _save_texts(self) -> None:
        if self._project is None or self._scene_id is None:
            return
        info = self._project.manuscript.update_scene(
            self._scene_id, synopsis=self.synopsis.toPlainText(), notes=self.notes.toPlainText()
        )
        self.scene_changed.emit(info)

    def save_now(self) -> bool:
        return self.autosaver.flush()

    def _save_choice(self, which: str) -> None:
        if which == "status":
            self._update(status=list(SceneStatus)[self.status.currentIndex()])
        elif which == "pov":
            self._update(pov_id=self.pov.currentData())
        else:
            self._update(location_id=self.location.currentData())

    def _save_story_time(self) -> None:
        if self._filling or self.story_time.isReadOnly():
            return
        text = self.story_time.text().strip()
        self._place(lambda p, ref: p.timeline.set_story_time(ref, text or None))

    def _save_anchor(self) -> None:
        from studio.services.timeline_data import ItemRef  # SQLAlchemy: not before the first paint

        if self._filling or self._project is None or self._scene_id is None:
            return
        anchor = anchor_ref(self.anchor.currentData())
        ref = ItemRef("scene", self._scene_id)
        if anchor is None:
            if ref in self._anchors:  # let go, keeping the time it has now
                self._place(lambda p, r: p.timeline.detach(r))
            else:
                self._fill_anchor(self._project.manuscript.scene(self._scene_id))
            return
        offset = self.offset.text().strip() or "the same time"
        if self._anchors.get(ref) == (anchor, offset):
            return
        self._place(lambda p, r: p.timeline.set_anchor(r, anchor, offset))

    def _place(self, change: Callable[[Project, ItemRef], object]) -> None:
        """Change where the scene sits in story time; what hangs on it follows."""
        from studio.services.timeline_data import ItemRef  # SQLAlchemy: not before the first paint

        if self._project is None or self._scene_id is None:
            return
        try:
            change(self._project, ItemRef("scene", self._scene_id))
        except SafehouseError as error:
            self.story_time_error.setText(str(error))
            self.story_time_error.show()
            return
        self._anchors = self._project.timeline.anchors()
        scene = self._project.manuscript.scene(self._scene_id)
        self._filling = True
        try:
            show_text(self.story_time, scene.story_time.text if scene.story_time else "")
            self.story_time_error.hide()
            self._fill_anchor(scene)
        finally:
            self._filling = False
        self.scene_changed.emit(scene)

    def _update(self, show_errors: bool = True, **changes: object) -> SceneInfo | None:
        if self._project is None or self._scene_id is None:
            return None
        try:
            info = self._project.manuscript.update_scene(self._scene_id, **changes)  # type: ignore[arg-type]
        except SafehouseError as error:
            self.story_time_error.setText(str(error))
            if show_errors:
                self.story_time_error.show()
            return None
        self.scene_changed.emit(info)
        return info

    def _save_threads(self) -> None:
        if self._project is not None and self._scene_id is not None:
            self._project.manuscript.set_scene_threads(self._scene_id, self.threads.checked_ids())

    def _save_characters(self) -> None:
        if self._project is not None and self._scene_id is not None:
            self._project.manuscript.set_scene_characters(
                self._scene_id, self.characters.checked_ids()
            )
            self.scene_changed.emit(self._project.manuscript.scene(self._scene_id))


def _fill_combo(combo: QComboBox, entries: list[tuple[int, str]], current: int | None) -> None:
    combo.clear()
    combo.addItem(NOBODY, None)
    for entry_id, name in entries:
        combo.addItem(name, entry_id)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)


def anchor_key(ref: ItemRef) -> str:
    """How an anchor is kept in the combo box ("scene:12"): a string compares by value there."""
    return f"{ref.kind}:{ref.id}"


def anchor_ref(key: object) -> ItemRef | None:
    from studio.services.timeline_data import ItemRef  # SQLAlchemy: not before the first paint

    if not isinstance(key, str) or ":" not in key:
        return None
    kind, _, number = key.partition(":")
    return ItemRef("scene" if kind == "scene" else "event", int(number))
