"""Start-up: what the first paint goes without is there when the writer looks at it."""

from __future__ import annotations

import linecache
import re
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.app import start
from studio.ui.imports import FEATURE_IGNORED, cannot_use_qt, sources_forgotten
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
    assert _side_titles(window) == ["Cast", "Scene", "Continuity", "Search"]
    assert window.side_panels.made_bible is None and window.side_panels.made_inspector is None
    with qtbot.waitSignal(window.opening_finished, timeout=10_000):
        pass
    # Opened after the first paint: the bible (on screen) is made and filled; the inspector,
    # in a tab nobody has looked at, waits.
    assert window.project is not None and window.editor.scene_id is not None
    assert isinstance(window.side_tabs.currentWidget(), BiblePanel)
    assert window.bible.cast.count() == 3
    assert window.side_panels.made_inspector is None
    assert _side_titles(window) == ["Cast", "Scene", "Continuity", "Search"]
    window.close()
    discard(window)


class _ScenePaints(QObject):
    """Notes, at each paint of the editor with a scene, whether the bible and spelling exist."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.seen: list[tuple[bool, bool]] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        editor = self.window.editor
        if (
            event.type() == QEvent.Type.Paint
            and obj is editor.editor.viewport()
            and editor.scene_id is not None
        ):
            self.seen.append(
                (
                    self.window.side_panels.made_bible is not None,
                    self.window.side_panels.made_spelling is not None,
                )
            )
        return False


def test_the_first_scene_is_painted_before_the_bible_and_spelling_are_made(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    window = start(project_path, settings_path=tmp_path / "settings.json")
    qtbot.addWidget(window)
    watcher = _ScenePaints(window)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        with qtbot.waitSignal(window.opening_finished, timeout=10_000):
            pass
        qtbot.waitUntil(lambda: (True, True) in watcher.seen, timeout=5_000)
    finally:
        app.removeEventFilter(watcher)
    assert watcher.seen[0] == (False, False)  # the writer's words first
    # Then everything the writer had before: the bible filled, spelling on, the editor writable.
    assert window.bible.cast.count() == 3
    assert window.spelling.checker is not None and window.spelling.settings() is not None
    assert not window.editor.editor.isReadOnly()
    assert window.editor.editor.toPlainText().startswith("The basil pots came out")
    window.close()
    discard(window)


def test_modules_spared_the_source_check_are_ones_it_finds_without_pyside6() -> None:
    # Every module imported so far outside sources_forgotten() went through PySide6's own check
    # (its source searched for "PySide6"); the rule that spares modules that check must agree.
    from PySide6.support import feature

    table = feature.pyside_feature_dict
    spared = [name for name in table if cannot_use_qt(name)]
    assert "studio.services.project" in spared and "sqlalchemy.orm" in spared
    assert [name for name in spared if table[name] != FEATURE_IGNORED] == []
    assert not cannot_use_qt("studio.ui.main_window") and not cannot_use_qt("studio.app")
    assert not cannot_use_qt("PySide6.QtCore") and not cannot_use_qt("pytestqt.qtbot")


def test_no_studio_module_selects_a_pyside6_feature() -> None:
    # studio.ui's modules are entered as "no feature selected" without their source being read.
    package = Path(__file__).resolve().parents[2] / "studio"
    selection = re.compile(r"^\s*(from __feature__ import|import __feature__)", re.MULTILINE)
    selecting = [p for p in package.rglob("*.py") if selection.search(p.read_text("utf-8"))]
    assert selecting == []


def test_the_inspector_is_made_when_its_tab_is_shown_with_the_open_scene(
    opened: MainWindow,
) -> None:
    assert opened.side_panels.made_inspector is None
    opened.side_tabs.setCurrentIndex(_side_titles(opened).index("Scene"))
    inspector = opened.side_tabs.currentWidget()
    assert isinstance(inspector, InspectorPanel)
    assert inspector is opened.inspector
    assert inspector.title.text() == "Basil pots"
    assert inspector.synopsis.toPlainText() == "Katya meets the wine buyer."
    assert inspector.pov.currentText() == "Katya"
    assert _side_titles(opened) == ["Cast", "Scene", "Continuity", "Search"]
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
