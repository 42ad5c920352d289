"""One character's card: names, role, allegiance, the long fields, aliases, portrait and scenes.

Everything is edited in place. Single-line fields save when editing finishes; the long fields
are debounced like the scene text; aliases save per cell. Clicking a scene asks to open it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.domain import AliasKind, Character, CharacterRole
from studio.core.errors import SafehouseError
from studio.ui.autosave import Autosaver
from studio.ui.models.binder_model import dot_icon
from studio.ui.widgets.alias_table import AliasTable
from studio.ui.widgets.flow_layout import FlowLayout
from studio.ui.widgets.growing_text import GrowingTextEdit
from studio.ui.widgets.line_text import show_plain_text, show_text

if TYPE_CHECKING:
    from studio.services.project import Project

LINE_FIELDS = ("given_name", "patronymic", "family_name", "allegiance")
LONG_FIELDS = ("description", "backstory", "goal", "notes")
PORTRAIT_SIZE = 88
SCENE_ROLE = Qt.ItemDataRole.UserRole + 1


def portrait_pixmap(
    character: Character, folder: Path | None, size: int = PORTRAIT_SIZE
) -> QPixmap:
    """The portrait in a circle, or the initials on the character's colour when there is none."""
    result = QPixmap(size, size)
    result.fill(QColor(0, 0, 0, 0))
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(QRectF(0, 0, size, size))
    painter.setClipPath(clip)
    image = QPixmap()
    if character.portrait:
        path = Path(character.portrait)
        image = QPixmap(str(path if path.is_absolute() or folder is None else folder / path))
    if not image.isNull():
        scaled = image.scaled(
            QSize(size, size),
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.drawPixmap((size - scaled.width()) // 2, (size - scaled.height()) // 2, scaled)
    else:
        painter.fillRect(0, 0, size, size, QColor(character.colour or "#9b8f80"))
        font = QFont()
        font.setPixelSize(size // 3)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        words = character.full_name.split()
        initials = "".join(w[0] for w in (words[:1] + words[1:][-1:])).upper()
        painter.drawText(result.rect(), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return result


class CharacterCard(QWidget):
    character_changed = Signal(object)  # Character, after a save
    open_scene_requested = Signal(int)
    failed = Signal(str)
    save_state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("characterCard")
        self.project: Project | None = None
        self.character: Character | None = None
        self._filling = False
        self.autosaver = Autosaver(self._save_long_fields, self)
        self.autosaver.saving.connect(lambda: self.save_state_changed.emit("saving"))
        self.autosaver.saved.connect(lambda: self.save_state_changed.emit("saved"))
        self.autosaver.failed.connect(self.save_state_changed.emit)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(8)
        layout.addLayout(self._build_heading())
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.lines: dict[str, QLineEdit] = {}
        for field, label in zip(
            LINE_FIELDS, ("Given name", "Patronymic", "Family name", "Allegiance"), strict=False
        ):
            edit = QLineEdit(self)
            edit.editingFinished.connect(lambda f=field: self._save_line(f))
            self.lines[field] = edit
            form.addRow(label, edit)
        self.role = QComboBox(self)
        self.role.setEditable(True)
        self.role.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.role.setMinimumContentsLength(8)
        self.role.addItems([r.value for r in CharacterRole])
        role_edit = self.role.lineEdit()
        if role_edit is not None:
            role_edit.editingFinished.connect(self._save_role)
        self.role.activated.connect(lambda _i: self._save_role())
        form.insertRow(3, "Role", self.role)
        layout.addLayout(form)
        self.long: dict[str, QPlainTextEdit] = {}
        for field in LONG_FIELDS:
            layout.addWidget(_section(field.capitalize(), self))
            text_edit = GrowingTextEdit(self)
            text_edit.textChanged.connect(self._long_changed)
            self.long[field] = text_edit
            layout.addWidget(text_edit)
        layout.addLayout(self._build_aliases())
        layout.addWidget(_section("Scenes", self))
        self.scenes = QListWidget(self)
        self.scenes.setObjectName("characterScenes")
        self.scenes.itemActivated.connect(self._scene_clicked)
        self.scenes.itemClicked.connect(self._scene_clicked)
        layout.addWidget(self.scenes)
        layout.addStretch(1)

    def _build_heading(self) -> QHBoxLayout:
        heading = QHBoxLayout()
        heading.setSpacing(12)
        self.portrait = QPushButton(self)
        self.portrait.setObjectName("portrait")
        self.portrait.setFlat(True)
        self.portrait.setFixedSize(PORTRAIT_SIZE + 4, PORTRAIT_SIZE + 4)
        self.portrait.setIconSize(QSize(PORTRAIT_SIZE, PORTRAIT_SIZE))
        self.portrait.setToolTip("Choose a portrait")
        self.portrait.clicked.connect(self.choose_portrait)
        names = QVBoxLayout()
        names.setSpacing(2)
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("cardTitle")
        self.display_name.editingFinished.connect(lambda: self._save_line("display_name"))
        self.full_name = QLabel("", self)
        self.full_name.setObjectName("muted")
        # A long full name wraps rather than holding the card (and the side panel) wide.
        self.full_name.setWordWrap(True)
        self.colour = QPushButton("Colour", self)
        self.colour.clicked.connect(self.choose_colour)
        names.addWidget(self.display_name)
        names.addWidget(self.full_name)
        names.addWidget(self.colour, 0, Qt.AlignmentFlag.AlignLeft)
        heading.addWidget(self.portrait)
        heading.addLayout(names, 1)
        return heading

    def _build_aliases(self) -> QVBoxLayout:
        box = QVBoxLayout()
        # A flow, not a row: in a narrow side panel (an 800 px window) the two buttons side by
        # side would hold the card wider than the panel and cut its right margin; they wrap.
        row = FlowLayout(spacing=8)  # the card's spacing, which the row had as a QHBoxLayout
        row.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding))
        self.add_alias_button = QPushButton("Add alias", self)
        self.add_alias_button.clicked.connect(self.add_alias)
        self.remove_alias_button = QPushButton("Remove alias", self)
        self.remove_alias_button.clicked.connect(self.remove_alias)
        row.addWidget(self.remove_alias_button)
        row.addWidget(self.add_alias_button)
        self.aliases = AliasTable(self)
        self.aliases.alias_failed.connect(self.failed.emit)
        self.aliases.aliases_changed.connect(lambda: QTimer.singleShot(0, self._aliases_edited))
        box.addWidget(_section("Aliases and cover identities", self))
        box.addWidget(self.aliases)
        box.addLayout(row)
        return box

    # -- showing -----------------------------------------------------------------------------------
    def show_character(self, character: Character | None) -> None:
        self.save_now()
        shown = self.character
        again = character is not None and shown is not None and character.id == shown.id
        self.character = character
        self.aliases.project = self.project
        self._filling = True
        try:
            self._fill(character, again=again)
        finally:
            self._filling = False

    def refresh(self) -> None:
        """Read the shown character again from the service (after an alias edit, say)."""
        if self.project is None or self.character is None:
            return
        # Typing not yet saved is saved before the character is read: read first, the card
        # would show the older text and the next save would write that back over the typing.
        self.save_now()
        try:
            self.show_character(self.project.bible.character(self.character.id))
        except SafehouseError:
            self.show_character(None)

    def _aliases_edited(self) -> None:
        """An alias was added, renamed or removed: show it, and say so (spelling knows names)."""
        self.refresh()
        if self.character is not None:
            self.character_changed.emit(self.character)

    def _fill(self, character: Character | None, *, again: bool = False) -> None:
        """again: the same character read anew (an alias saved): a long text that is as it was
        is left alone, so the writer's cursor and undo in it stay where they were."""
        self.setEnabled(
            character is not None and self.project is not None and not self.project.read_only
        )
        c = character or Character(id=0, display_name="")
        show_text(self.display_name, c.display_name)
        self.full_name.setText(c.full_name if character and c.full_name != c.display_name else "")
        for field, edit in self.lines.items():
            show_text(edit, getattr(c, field))
        self.role.setCurrentText(c.role)
        for field, long_edit in self.long.items():
            show_plain_text(long_edit, getattr(c, field), again=again)
        self.aliases.set_aliases(c.aliases)
        folder = self.project.path.parent if self.project else None
        self.portrait.setIcon(portrait_pixmap(c, folder) if character else QPixmap())
        self.colour.setIcon(dot_icon(c.colour, 12) if c.colour else QIcon())
        self._fill_scenes(character)

    def _fill_scenes(self, character: Character | None) -> None:
        self.scenes.clear()
        if character is None or self.project is None:
            return
        scenes = self.project.bible.scenes_with(character.id)
        for scene in scenes:
            pov = "  (POV)" if scene.pov_id == character.id else ""
            item = QListWidgetItem(f"{scene.title}{pov}", self.scenes)
            item.setData(SCENE_ROLE, scene.id)
        if not scenes:
            item = QListWidgetItem("Not in any scene yet", self.scenes)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.scenes.setFixedHeight(min(max(len(scenes), 1), 8) * 26 + 12)

    def _scene_clicked(self, item: QListWidgetItem) -> None:
        scene_id = item.data(SCENE_ROLE)
        if scene_id is not None:
            self.open_scene_requested.emit(int(scene_id))

    # -- saving ------------------------------------------------------------------------------------
    def _update(self, **changes: str) -> None:
        if self.project is None or self.character is None or self._filling:
            return
        try:
            updated = self.project.bible.update_character(self.character.id, **changes)
        except SafehouseError as error:
            self.failed.emit(str(error))
            self.refresh()
            return
        self.character = updated
        self.full_name.setText(
            updated.full_name if updated.full_name != updated.display_name else ""
        )
        self.character_changed.emit(updated)

    def _save_line(self, field: str) -> None:
        edit = self.display_name if field == "display_name" else self.lines[field]
        if self.character is not None and edit.text() != getattr(self.character, field):
            self._update(**{field: edit.text()})

    def _save_role(self) -> None:
        if self.character is not None and self.role.currentText() != self.character.role:
            self._update(role=self.role.currentText())

    def _long_changed(self) -> None:
        if not self._filling and self.character is not None:
            self.autosaver.mark_dirty()

    def _save_long_fields(self) -> None:
        if self.character is None or self.project is None:
            return
        changes = {f: e.toPlainText() for f, e in self.long.items()}
        self.character = self.project.bible.update_character(self.character.id, **changes)
        self.character_changed.emit(self.character)

    def save_now(self) -> bool:
        return self.autosaver.flush()

    def choose_colour(self) -> None:
        if self.character is None:
            return
        colour = QColorDialog.getColor(QColor(self.character.colour or "#9b8f80"), self, "Colour")
        if colour.isValid():
            self._update(colour=colour.name())
            self.refresh()

    def choose_portrait(self) -> None:
        if self.character is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Portrait", "", "Images (*.png *.jpg *.jpeg *.webp)"
        )
        if path:
            self._update(portrait=path)
            self.refresh()

    def add_alias(self) -> None:
        if self.project is None or self.character is None:
            return
        try:
            self.project.bible.add_alias(self.character.id, "New alias", AliasKind.COVER_IDENTITY)
        except SafehouseError as error:
            self.failed.emit(str(error))
        self._aliases_edited()
        last = self.aliases.rowCount() - 1
        item = self.aliases.item(last, 0) if last >= 0 else None
        if item is not None:
            self.aliases.setCurrentCell(last, 0)
            self.aliases.editItem(item)

    def remove_alias(self) -> None:
        row = self.aliases.currentRow()
        alias_id = self.aliases.alias_id(row) if row >= 0 else None
        if self.project is None or alias_id is None:
            return
        try:
            self.project.bible.delete_alias(alias_id)
        except SafehouseError as error:
            self.failed.emit(str(error))
        self._aliases_edited()


def _section(title: str, parent: QWidget) -> QLabel:
    label = QLabel(title.upper(), parent)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)  # "ALIASES AND COVER IDENTITIES" would hold a narrow card wide
    return label
