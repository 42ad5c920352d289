"""Spelling in the window: underlines in the editor, its right-click menu, the View menu items."""

from __future__ import annotations

from studio.ui.spelling.controller import SpellingController
from studio.ui.spelling.layer import SpellingLayer
from studio.ui.spelling.menu import SpellingMenu, add_spelling_menu

__all__ = ["SpellingController", "SpellingLayer", "SpellingMenu", "add_spelling_menu"]
