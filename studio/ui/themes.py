"""Light and dark themes: a Fusion palette plus the QSS file of the same name.

The palette covers what QSS does not reach (menus, dialogs, native-looking controls); the QSS
gives the window its calm look. apply_theme returns the colour for dimmed emphasis markers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from studio.ui.resources import icons_dir, theme_path

THEME_PROPERTY = "safehouse_theme"


@dataclass(frozen=True)
class Colours:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    accent: str
    highlight: str
    highlighted_text: str
    button: str


THEMES = {
    "light": Colours(
        window="#f3f0ea",
        base="#fdfcf9",
        alternate="#f7f4ee",
        text="#2d2a26",
        muted="#a39d92",
        accent="#9b3d2e",
        highlight="#ead8c4",
        highlighted_text="#2d2a26",
        button="#ece8e0",
    ),
    "dark": Colours(
        window="#1f2023",
        base="#18191b",
        alternate="#232428",
        text="#dedad2",
        muted="#6f6c66",
        accent="#e0907a",
        highlight="#4a3a33",
        highlighted_text="#f2eee6",
        button="#2b2c30",
    ),
}


def palette_for(colours: Colours) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for which, value in (
        (role.Window, colours.window),
        (role.Base, colours.base),
        (role.AlternateBase, colours.alternate),
        (role.Text, colours.text),
        (role.WindowText, colours.text),
        (role.ButtonText, colours.text),
        (role.ToolTipText, colours.text),
        (role.ToolTipBase, colours.base),
        (role.Button, colours.button),
        (role.Highlight, colours.highlight),
        (role.HighlightedText, colours.highlighted_text),
        (role.PlaceholderText, colours.muted),
        (role.Link, colours.accent),
    ):
        palette.setColor(which, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, which, QColor(colours.muted))
    return palette


def apply_theme(app: QApplication, name: str) -> QColor:
    colours = THEMES.get(name, THEMES["light"])
    if app.property(THEME_PROPERTY) == name:
        # Setting a style sheet re-polishes every widget: not again for the same theme.
        return QColor(colours.muted)
    app.setProperty(THEME_PROPERTY, name)
    app.setStyle("Fusion")
    app.setPalette(palette_for(colours))
    font = app.font()
    font.setPointSize(10)  # the chrome's size; the editor sets its own
    app.setFont(font)
    try:
        sheet = theme_path(name if name in THEMES else "light").read_text(encoding="utf-8")
        app.setStyleSheet(sheet.replace("{icons}", icons_dir().as_posix()))
    except OSError:
        app.setStyleSheet("")  # the palette alone still gives a usable window
    return QColor(colours.muted)
