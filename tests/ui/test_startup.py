"""Start-up: what the first paint goes without is there when the writer looks at it."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from studio.app import start
from studio.ui.imports import sources_forgotten
from studio.ui.main_window import MainWindow
from studio.ui.panels.bible import BiblePanel
from studio.ui.panels.inspector import InspectorPanel
from studio.ui.settings import Settings
from tests.ui.conftest import discard


def _side_titles(window: MainWindow) -> list[str]:
    return [window.side_tabs.tabText(i) for i in range(window.side_tabs.count())]


def test_the_first_paint_comes_before_the_project_and_the_side_panels(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    window = start(project_path, settings_path=tmp_path / "settings.json")
    qtbot.addWidget(window)
    # Shown at once, with the side tabs in place and their panels still to be made.
    assert window.project is None
    assert _side_titles(window) == ["Characters", "Scene", "Continuity"]
    assert window._bible is None and window._inspector is None
    with qtbot.waitSignal(window.opening_finished, timeout=10_000):
        pass
    # Opened after the first paint: the bible (on screen) is made and filled; the inspector,
    # in a tab nobody has looked at, waits.
    assert window.project is not None and window.editor.scene_id is not None
    assert isinstance(window.side_tabs.currentWidget(), BiblePanel)
    assert window.bible.cast.count() == 3
    assert window._inspector is None
    assert _side_titles(window) == ["Characters", "Scene", "Continuity"]
    window.close()
    discard(window)


def test_the_inspector_is_made_when_its_tab_is_shown_with_the_open_scene(
    opened: MainWindow,
) -> None:
    assert opened._inspector is None
    opened.side_tabs.setCurrentIndex(_side_titles(opened).index("Scene"))
    inspector = opened.side_tabs.currentWidget()
    assert isinstance(inspector, InspectorPanel)
    assert inspector is opened.inspector
    assert inspector.title.text() == "Basil pots"
    assert inspector.synopsis.toPlainText() == "Katya meets the wine buyer."
    assert inspector.pov.currentText() == "Katya"
    assert _side_titles(opened) == ["Characters", "Scene", "Continuity"]
    opened.next_scene()  # and it follows the scenes opened from then on
    assert inspector.title.text() == "Line twenty-eight"


def test_a_window_made_directly_has_its_panels_on_demand(qtbot: QtBot) -> None:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.bible is window.side_tabs.widget(0)
    assert window.inspector is window.side_tabs.widget(1)
    assert window.spelling_menu.check_spelling.text() == "Check &Spelling"
    discard(window)


def test_sources_read_during_imports_are_not_kept(tmp_path: Path) -> None:
    first, second = tmp_path / "forgotten_first.py", tmp_path / "forgotten_second.py"
    first.write_text("VALUE = 1\n", encoding="utf-8")
    second.write_text("VALUE = 2\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        with sources_forgotten():
            import forgotten_first  # type: ignore[import-not-found]

            linecache.getlines(str(first))  # as PySide6's check does after each import
            assert str(first) in linecache.cache
            import forgotten_second  # type: ignore[import-not-found]

            assert str(first) not in linecache.cache  # emptied as the next module was looked up
        assert (forgotten_first.VALUE, forgotten_second.VALUE) == (1, 2)
        assert not linecache.cache
    finally:
        sys.path.remove(str(tmp_path))
        for name in ("forgotten_first", "forgotten_second"):
            sys.modules.pop(name, None)
