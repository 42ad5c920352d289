"""The scene inspector: synopsis, notes, status, POV, location, story time, threads, cast.

Choices save as soon as they are made; the synopsis and notes are debounced like the text.
Each save goes out as scene_changed(SceneInfo) so the window can redraw the header and binder.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio.core.domain import Scene, SceneInfo, SceneStatus
from studio.core.errors import SafehouseError
from studio.services.project import Project
from studio.ui.autosave import Autosaver
from studio.ui.widgets.check_list import CheckList

NOBODY = "—"


class InspectorPanel(QWidget):
    scene_changed = Signal(object)  # SceneInfo, after a save
    save_state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorPanel")
        self._project: Project | None = None
        self._scene_id: int | None = None
        self._filling = False
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
        form.addRow("", self.story_time_error)
        form.addRow("Plot threads", self.threads)
        form.addRow("Characters", self.characters)
        form.addRow("Notes", self.notes)
        for combo in (self.status, self.pov, self.location):
            # Long names must not widen the panel: the combo shrinks and elides instead.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.body = body
        scroll = QScrollArea(self)
        scroll.setObjectName("inspectorScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

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
        self._fill(None)

    def reload_choices(self) -> None:
        """POV, location, thread and character choices, after the bible changed."""
        if self._project is None:
            return
        scene = self._project.manuscript.scene(self._scene_id) if self._scene_id else None
        self._fill(scene)

    def load_scene(self, scene: Scene) -> None:
        self.save_now()
        self._scene_id = scene.id
        self._fill(scene)

    def forget_scene(self, scene_id: int) -> None:
        if self._scene_id == scene_id:
            self.autosaver.discard()
            self._scene_id = None
            self._fill(None)

    def _fill(self, scene: Scene | None) -> None:
        self._filling = True
        try:
            self.body.setEnabled(scene is not None and not self._read_only)
            self.title.setText(scene.title if scene else "No scene open")
            self.synopsis.setPlainText(scene.synopsis if scene else "")
            self.notes.setPlainText(scene.notes if scene else "")
            self.status.setCurrentIndex(list(SceneStatus).index(scene.status) if scene else 1)
            self.story_time.setText(scene.story_time.text if scene and scene.story_time else "")
            self.story_time_error.hide()
            self._fill_choices(scene)
        finally:
            self._filling = False

    @property
    def _read_only(self) -> bool:
        return self._project is None or self._project.read_only

    def _fill_choices(self, scene: Scene | None) -> None:
        characters = self._project.bible.characters() if self._project else []
        locations = self._project.bible.locations() if self._project else []
        threads = self._project.bible.threads() if self._project else []
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
        if self._filling:
            return
        text = self.story_time.text().strip()
        info = self._update(story_time=text or None, show_errors=False)
        self.story_time_error.setVisible(info is None)

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
