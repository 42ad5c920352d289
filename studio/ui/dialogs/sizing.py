"""Sizing a large dialog so that it fits the writer's screen, title bar included."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# Room the window manager's frame takes (title bar, borders), which resize() does not count.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40
TALLEST = 700  # no dialog of ours is taller than this, frame included


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize dialog to width x height, or smaller so that it fits the screen it will show on.

    A 1024x700 laptop screen would otherwise get a dialog wider than itself, with the buttons
    under the dock or the bottom of the screen.
    """
    parent = dialog.parentWidget()
    screen = (parent or dialog).screen()
    available = screen.availableGeometry()
    fitted_width = min(width, available.width() - FRAME_WIDTH)
    fitted_height = min(height, available.height() - FRAME_HEIGHT, TALLEST - FRAME_HEIGHT)
    hint = dialog.minimumSizeHint()
    dialog.resize(max(fitted_width, hint.width()), max(fitted_height, hint.height()))
