""" "Add as character or alias…": a word the checker does not know becomes a bible name.

The dialog only asks; the spelling controller writes the choice through project.bible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.domain import AliasKind, Character

_POSSESSIVES = ("'s", "\u2019s", "'S", "\u2019S")


@dataclass(frozen=True)
class NameChoice:
    """A new character named name (character_id None), or an alias of character_id."""

    name: str
    character_id: int | None = None
    kind: AliasKind = AliasKind.COVER_IDENTITY


def name_from_word(word: str) -> str:
    """The name in a word as written: "Kalmurzaeva's" names "Kalmurzaeva"."""
    for ending in _POSSESSIVES:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


class AddNameDialog(QDialog):
    def __init__(self, word: str, cast: Sequence[Character], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addNameDialog")
        self.setWindowTitle("Add as character or alias")
        self.name = QLineEdit(name_from_word(word), self)
        self.new_character = QRadioButton("A new character with this name", self)
        self.alias = QRadioButton("An alias of", self)
        choices = QButtonGroup(self)
        for button in (self.new_character, self.alias):
            choices.addButton(button)
        self.character = QComboBox(self)
        for character in cast:
            self.character.addItem(character.display_name, character.id)
        self.kind = QComboBox(self)
        for kind in AliasKind:
            self.kind.addItem(kind.value, kind)
        # Without a cast there is no one to give an alias to.
        self.alias.setEnabled(bool(cast))
        self.new_character.setChecked(True)
        self.alias.toggled.connect(self._update)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update)
        self._layout()
        self._update()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow(self.new_character)
        form.addRow(self.alias, self.character)
        form.addRow("Kind of alias", self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _update(self) -> None:
        as_alias = self.alias.isChecked()
        self.character.setEnabled(as_alias)
        self.kind.setEnabled(as_alias)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def choice(self) -> NameChoice:
        name = self.name.text().strip()
        if not self.alias.isChecked():
            return NameChoice(name)
        kind = AliasKind(self.kind.currentData())
        return NameChoice(name, int(self.character.currentData()), kind)


def ask_name_entry(parent: QWidget, word: str, cast: Sequence[Character]) -> NameChoice | None:
    """Ask how word joins the bible; None when the writer cancels."""
    dialog = AddNameDialog(word, cast, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted.value:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()
