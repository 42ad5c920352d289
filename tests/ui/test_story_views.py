"""The story views in the window: timeline, book order, thread grid and continuity tabs, the
inspector's story time and "relative to", File → Import Manuscript and Export Timeline."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.services.continuity import Check
from studio.services.project import open_project
from studio.services.story_order import StoryMark
from studio.services.timeline_data import ItemRef
from studio.ui.main_window import MainWindow
from studio.ui.panels.inspector import anchor_key
from studio.ui.resources import REPO_ROOT
from studio.ui.timeline import TimelineView


def _scene_id(window: MainWindow, title: str) -> int:
    assert window.project is not None
    return next(s.id for s in window.project.manuscript.binder().scenes() if s.title == title)


def test_the_story_tabs_exist_and_are_filled_only_when_shown(sample: MainWindow) -> None:
    titles = [sample.centre_tabs.tabText(i) for i in range(sample.centre_tabs.count())]
    assert titles == ["Manuscript", "Timeline", "Book order", "Threads"]
    side = [sample.side_tabs.tabText(i) for i in range(sample.side_tabs.count())]
    assert "Continuity" in side
    # Nothing read for a tab nobody looked at: opening the project stays cheap.
    assert not any(host.made for host in (sample.timeline_host, sample.grid_host))
    sample.menu_actions.show_timeline.trigger()
    assert sample.centre_tabs.currentWidget() is sample.timeline_host
    assert sample.timeline_host.made
    assert isinstance(sample.timeline_view, TimelineView)
    assert sample.timeline_view.lanes  # the sample's cast in lanes
    assert sample.timeline_view.marker_for(ItemRef("scene", _scene_id(sample, "The Wheel")))


def _fills_the_canvas(view: TimelineView) -> bool:
    canvas = view.canvas
    spare = canvas.viewport().width() - canvas.sceneRect().width()
    return 0 <= spare <= 20 and not canvas.horizontalScrollBar().isVisible()


def test_the_timeline_fills_its_width_and_follows_resizes_until_zoomed(
    qtbot: QtBot, sample: MainWindow
) -> None:
    sample.resize(1440, 900)
    sample.menu_actions.show_timeline.trigger()
    view = sample.timeline_view
    qtbot.waitUntil(lambda: _fills_the_canvas(view), timeout=2000)
    sample.splitter.setSizes([400, 500, 500])
    qtbot.waitUntil(lambda: _fills_the_canvas(view), timeout=2000)
    view.zoom_by(1.4)
    assert not view.fitting
    zoomed = view.axis.pixels_per_hour
    sample.splitter.setSizes([200, 800, 400])
    qtbot.wait(30)
    assert view.axis.pixels_per_hour == zoomed  # the user's zoom stays
    view.fit()
    qtbot.waitUntil(lambda: _fills_the_canvas(view), timeout=2000)


def test_a_fitted_axis_folds_only_what_crowds_the_rest() -> None:
    from datetime import datetime, timedelta

    from studio.ui.timeline.axis import MARGIN, fit_axis

    action = [datetime(2019, 6, 12, 19) + timedelta(hours=h) for h in (0, 1.5, 3, 14, 20, 37)]
    flashback = [datetime(2014, 1, 10), datetime(2014, 5, 2)]
    axis = fit_axis(flashback + action, 700, 1e-4, 2000)
    assert abs(axis.width - 700) < 1e-6
    assert len(axis.folds) == 2  # the five years, and the months between the two flashbacks
    assert axis.x(action[1]) - axis.x(action[0]) > 15  # the action is spread out
    year = [datetime(2019, 1, 1) + timedelta(days=d) for d in (0, 30, 45, 90, 200, 300, 364)]
    linear = fit_axis(year, 700, 1e-4, 2000)
    assert not linear.folds and abs(linear.width - 700) < 1e-6
    assert abs(linear.x(year[0]) - MARGIN) < 1e-6


def test_book_order_shows_the_flashback(sample: MainWindow) -> None:
    sample.menu_actions.show_book_order.trigger()
    entries = sample.book_order_view.entries
    assert len(entries) == len(sample.binder.scene_ids())
    marks = {e.title: e.mark for e in entries}
    assert marks["The Wheel"] is StoryMark.FLASHBACK
    assert "1 flashback" in sample.book_order_view.summary.text()


def test_the_thread_grid_shows_the_threads(sample: MainWindow) -> None:
    sample.menu_actions.show_threads.trigger()
    grid = sample.grid_view.grid
    assert grid is not None
    assert [t.name for t in grid.threads] == [
        "Operation Azulejo",
        "Katya and Tom",
        "The Pessoa Translation",
    ]
    assert len(grid.columns) == len(sample.binder.scene_ids())


def test_a_click_on_a_continuity_warning_opens_its_scene(qtbot: QtBot, sample: MainWindow) -> None:
    sample.menu_actions.show_continuity.trigger()
    assert sample.continuity.warnings == []  # the sample has none
    assert sample.project is not None
    wheel = _scene_id(sample, "The Wheel")
    scene = sample.project.manuscript.scene(wheel)
    absent = next(c for c in sample.project.bible.characters() if c.id not in scene.character_ids)
    sample.project.manuscript.update_scene(wheel, pov_id=absent.id)  # POV not in the scene
    sample.continuity.refresh()
    absent_pov = [w for w in sample.continuity.warnings if w.check is Check.POV_ABSENT]
    assert len(absent_pov) == 1 and absent_pov[0].scene_ids == (wheel,)
    row = sample.continuity.warnings.index(absent_pov[0])
    sample.open_scene(sample.binder.scene_ids()[0])
    sample.show_timeline()
    sample.continuity.list.itemClicked.emit(sample.continuity.list.item(row))
    assert sample.editor.scene_id == wheel
    assert sample.centre_tabs.currentWidget() is sample.editor


def test_a_story_time_set_in_the_inspector_moves_what_hangs_on_it(
    qtbot: QtBot, sample: MainWindow, sample_path: Path
) -> None:
    assert sample.project is not None
    first, second = sample.binder.scene_ids()[:2]
    sample.open_scene(second)
    inspector = sample.inspector
    index = inspector.anchor.findData(anchor_key(ItemRef("scene", first)))
    assert index > 0
    inspector.offset.setText("2 days after")
    inspector.anchor.setCurrentIndex(index)
    inspector.anchor.activated.emit(index)
    assert inspector.story_time.isReadOnly()  # it follows its anchor now
    sample.menu_actions.show_book_order.trigger()  # shown after the change: brought up to date
    anchored = {e.scene_id: e.anchored for e in sample.book_order_view.entries}
    assert anchored[second]
    sample.open_scene(first)
    inspector.story_time.setText("1 March 2020 10:00")
    inspector.story_time.editingFinished.emit()
    assert not inspector.story_time_error.isVisible()
    with open_project(sample_path, read_only=True) as project:
        moved = project.manuscript.scene(second).story_time
    assert moved is not None and moved.start is not None
    assert (moved.start.year, moved.start.month, moved.start.day) == (2020, 3, 3)
    # The book order tab is showing: it was refreshed at once.
    times = {e.scene_id: e.story_time for e in sample.book_order_view.entries}
    assert times[second] == moved


def test_a_cycle_is_refused_in_the_inspector(sample: MainWindow) -> None:
    first, second = sample.binder.scene_ids()[:2]
    sample.open_scene(second)
    sample.inspector.offset.setText("an hour after")
    index = sample.inspector.anchor.findData(anchor_key(ItemRef("scene", first)))
    sample.inspector.anchor.setCurrentIndex(index)
    sample.inspector.anchor.activated.emit(index)
    sample.open_scene(first)
    index = sample.inspector.anchor.findData(anchor_key(ItemRef("scene", second)))
    sample.inspector.anchor.setCurrentIndex(index)
    sample.inspector.anchor.activated.emit(index)
    assert sample.inspector.story_time_error.isVisibleTo(sample.inspector)
    assert sample.inspector.story_time_error.text()


def test_export_timeline_writes_csv_png_and_svg(sample: MainWindow, tmp_path: Path) -> None:
    written = sample.export_timeline_to(tmp_path / "timeline.csv")
    assert written is not None
    rows = list(csv.reader(written.open(encoding="utf-8")))
    assert len(rows) > len(sample.binder.scene_ids())  # a header, scenes and events
    png = sample.export_timeline_to(tmp_path / "timeline.png")
    assert png is not None and not QImage(str(png)).isNull()
    svg = sample.export_timeline_to(tmp_path / "timeline.svg")
    assert svg is not None and "<svg" in svg.read_text(encoding="utf-8")


def test_import_manuscript_opens_the_new_project(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "the-courier.txt"
    chapters = [
        f"Chapter {n}\n\n" + " ".join(["The courier waited by the tram stop."] * 40) + "\n"
        for n in ("One", "Two", "Three")
    ]
    source.write_text("The Courier\n\n" + "\n".join(chapters), encoding="utf-8")
    dialog = window.import_manuscript_from(source)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    target = tmp_path / "courier.safehouse"
    dialog.target.setText(str(target))
    with qtbot.waitSignal(window.project_changed, timeout=30_000):
        dialog.import_button.click()
    assert window.project is not None and window.project.path == target
    assert len(window.binder.scene_ids()) >= 3
    assert window.editor.scene_id is not None


def test_screenshots_of_the_timeline_and_the_grid(qtbot: QtBot, sample: MainWindow) -> None:
    folder = Path(os.environ.get("SAFEHOUSE_SCREENSHOTS") or REPO_ROOT / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    sample.resize(1440, 900)
    for action, name in (
        (sample.menu_actions.show_timeline, "timeline-tab.png"),
        (sample.menu_actions.show_threads, "threads-tab.png"),
        (sample.menu_actions.show_book_order, "book-order-tab.png"),
    ):
        action.trigger()
        sample.menu_actions.show_continuity.trigger()
        qtbot.wait(80)
        QApplication.processEvents()
        assert sample.grab().save(str(folder / name))
    print(f"Screenshots of the story views: {folder}")
