"""The timeline views on the sample project (offscreen): clicks, drags, undo, the grid, the
continuity panel, picture export, and screenshots saved to a folder the test prints."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio.importers.bundle import import_bundle
from studio.services.project import Project, open_project
from studio.services.story_order import StoryMark
from studio.ui.timeline import BookOrderView, ContinuityPanel, ThreadGridView, TimelineView
from studio.ui.timeline.lanes import LaneMode

from .conftest import scene_ref
from .test_sample import SAMPLE


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample-ui") / "lisbon.safehouse"
    import_bundle(SAMPLE, path).close()
    return path


@pytest.fixture
def sample(sample_file: Path, tmp_path: Path) -> Iterator[Project]:
    copy = tmp_path / "lisbon.safehouse"
    shutil.copyfile(sample_file, copy)
    with open_project(copy) as project:
        yield project


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timeline-screenshots")
    print(f"\nTimeline screenshots: {folder}")
    return folder


def _show(
    qtbot: QtBot,
    widget: TimelineView | BookOrderView | ThreadGridView | ContinuityPanel,
    width: int = 1300,
    height: int = 640,
) -> None:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)


def _scene_id(project: Project, title: str) -> int:
    return next(s.id for s in project.manuscript.binder().scenes() if s.title == title)


def test_timeline_draws_lanes_clicks_and_exports(
    qtbot: QtBot, sample: Project, shots: Path
) -> None:
    view = TimelineView(sample)
    _show(qtbot, view)
    view.fit()
    assert [lane.title for lane in view.lanes][:2] == ["Katya", "Tom"]
    wheel = view.marker_for(scene_ref(_scene_id(sample, "The Wheel")))
    buyer = view.marker_for(scene_ref(_scene_id(sample, "The Wine Buyer")))
    assert wheel is not None and buyer is not None
    assert wheel.item.fuzzy and not buyer.item.fuzzy
    assert wheel.scenePos().x() < buyer.scenePos().x()  # the flashback is drawn first
    view.canvas.centerOn(buyer)
    point = view.canvas.mapFromScene(buyer.scenePos())
    with qtbot.waitSignal(view.open_scene_requested) as opened:
        QTest.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [buyer.item.ref.id]
    view.canvas.horizontalScrollBar().setValue(0)
    view.grab().save(str(shots / "timeline-characters.png"))
    view.set_lane_mode(LaneMode.THREADS)
    assert "Operation Azulejo" in [lane.title for lane in view.lanes]
    view.grab().save(str(shots / "timeline-threads.png"))
    for suffix in ("png", "svg"):
        picture = view.save_picture(shots / f"timeline-export.{suffix}")
        assert picture.stat().st_size > 1000
    assert (shots / "timeline-export.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_zoom_keeps_order_and_changes_scale(qtbot: QtBot, sample: Project) -> None:
    view = TimelineView(sample)
    _show(qtbot, view)
    before = view.axis.pixels_per_hour
    view.zoom_by(2.0)
    assert view.axis.pixels_per_hour == pytest.approx(before * 2)
    guesses = sorted(i.story_time.best_guess for i in view.lanes[0].items if i.story_time)
    xs = [view.axis.x(moment) for moment in guesses]
    assert xs == sorted(xs)
    assert all(
        abs(view.axis.moment(x) - m).total_seconds() < 60 for x, m in zip(xs, guesses, strict=True)
    )


def test_a_drag_saves_and_undo_restores(qtbot: QtBot, sample: Project) -> None:
    view = TimelineView(sample)
    _show(qtbot, view)
    view.zoom_by(8.0)
    scene_id = _scene_id(sample, "Forty Sardines")
    marker = view.marker_for(scene_ref(scene_id))
    assert marker is not None
    view.canvas.centerOn(marker)
    start = view.canvas.mapFromScene(marker.scenePos())
    viewport = view.canvas.viewport()
    with qtbot.waitSignal(view.story_times_changed):
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 6):
            QTest.mouseMove(viewport, start + QPoint(step * 12, 0))
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    moved = sample.manuscript.scene(scene_id).story_time
    assert moved is not None and moved.start > datetime(2019, 6, 13, 18, 30)
    assert view.undo_stack.count() == 1
    view.undo()
    restored = sample.manuscript.scene(scene_id).story_time
    assert restored is not None and restored.text == "2019-06-13 18:30"
    view.redo()
    again = sample.manuscript.scene(scene_id).story_time
    assert again is not None and again.text == moved.text


def test_dragging_an_anchor_moves_its_dependants(qtbot: QtBot, sample: Project) -> None:
    wheel, buyer = _scene_id(sample, "The Wheel"), _scene_id(sample, "The Wine Buyer")
    sample.timeline.set_anchor(scene_ref(wheel), scene_ref(buyer), "five years before")
    view = TimelineView(sample)
    _show(qtbot, view)
    view.move_item(scene_ref(buyer), datetime(2019, 6, 20, 12, 0))
    wheel_time = sample.manuscript.scene(wheel).story_time
    assert wheel_time is not None and wheel_time.text == "June 2014"
    view.move_item(scene_ref(buyer), datetime(2020, 2, 1, 12, 0))
    wheel_time = sample.manuscript.scene(wheel).story_time
    assert wheel_time is not None and wheel_time.text == "February 2015"
    view.undo()
    wheel_time = sample.manuscript.scene(wheel).story_time
    assert wheel_time is not None and wheel_time.text == "June 2014"


def test_book_order_marks_the_flashback(qtbot: QtBot, sample: Project, shots: Path) -> None:
    view = BookOrderView(sample)
    _show(qtbot, view, 900, 420)
    marks = {e.title: e.mark for e in view.entries}
    assert marks["The Wheel"] is StoryMark.FLASHBACK
    row = next(
        i
        for i in range(view.tree.topLevelItemCount())
        if view.tree.topLevelItem(i).text(2) == "The Wheel"
    )
    item = view.tree.topLevelItem(row)
    assert item.text(5) == "↶ flashback" and item.text(4) == "1"
    with qtbot.waitSignal(view.open_scene_requested) as opened:
        view.tree.itemClicked.emit(item, 2)
    assert opened.args == [_scene_id(sample, "The Wheel")]
    assert "1 flashback" in view.summary.text()
    view.grab().save(str(shots / "book-order.png"))


def test_grid_toggles_notes_and_filter(qtbot: QtBot, sample: Project, shots: Path) -> None:
    view = ThreadGridView(sample)
    _show(qtbot, view, 1300, 330)
    assert view.grid is not None
    romance = next(t.id for t in view.grid.threads if t.name == "Katya and Tom")
    deacon = _scene_id(sample, "The Deacon")
    assert not view.grid.advances(romance, deacon)
    cell = view.cell_item(romance, deacon)
    assert cell is not None
    rect = view.table.visualItemRect(cell)
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.grid.advances(romance, deacon)
    cell = view.cell_item(romance, deacon)
    assert cell is not None
    cell.setText("He sees how she looks at the door")
    assert sample.timeline.grid().note(romance, deacon) == "He sees how she looks at the door"
    strip = view.table.item(len(view.grid.threads) + 1, 0)
    assert strip is not None and strip.text() == "50% espionage\n50% romance"
    view.grab().save(str(shots / "thread-grid.png"))
    view.set_kind_filter(None)
    view.kind_box.setCurrentIndex(view.kind_box.findData("romance"))
    assert [t.name for t in view.grid.threads] == ["Katya and Tom"]


def test_continuity_panel_opens_and_dismisses(qtbot: QtBot, sample: Project, shots: Path) -> None:
    manuscript = sample.manuscript
    tram = _scene_id(sample, "The Last Tram")
    sardines = _scene_id(sample, "Forty Sardines")
    # Plant Shatrov in the café and on the tram at the same minute.
    manuscript.update_scene(sardines, story_time="2019-06-13 21:20")
    panel = ContinuityPanel(sample)
    _show(qtbot, panel, 520, 360)
    assert len(panel.warnings) == 1
    warning = panel.warnings[0]
    assert set(warning.scene_ids) == {tram, sardines}
    assert "two places at once" in warning.message
    panel.grab().save(str(shots / "continuity.png"))
    with qtbot.waitSignal(panel.open_scene_requested) as opened:
        panel.list.itemClicked.emit(panel.list.item(0))
    assert opened.args == [warning.scene_ids[0]]
    panel.list.setCurrentRow(0)
    panel.dismiss_selected()
    assert panel.warnings == []
    panel.show_dismissed.setChecked(True)
    assert [w.dismissed for w in panel.warnings] == [True]
