"""A small screen (800x600 to 1280x800): the writing keeps the width, the panels give way, every
tab label reads whole; a 1440x900 window is laid out as it always was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from studio.ui.widgets.flow_layout import STACKED_FORM_WIDTH
from studio.ui.window_layout import TEXT_SHARE, fit_sizes
from tests.ui.helpers import settle

SIDE_LIMIT = 280
"""The widest the Continuity and Search panels may insist on being (px)."""


def _every_tab_made(window: MainWindow) -> None:
    """Every panel and view made (each one's minimum counts), then the editor and Cast shown."""
    for tabs in (window.side_tabs, window.centre_tabs):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
    window.centre_tabs.setCurrentIndex(0)
    window.side_tabs.setCurrentIndex(0)
    settle()


def _labels_in_sight(tabs: QTabWidget) -> bool:
    bar: QTabBar = tabs.tabBar()
    return not bar.usesScrollButtons() and all(
        bar.rect().contains(bar.tabRect(i)) for i in range(bar.count())
    )


def _labels_whole(tabs: QTabWidget) -> bool:
    """No label elided: each tab is as wide as its text and its padding now (compact or not)."""
    bar = tabs.tabBar()
    return all(bar.tabRect(i).width() >= bar.tabSizeHint(i).width() for i in range(bar.count()))


def _cut_off(panel: QWidget) -> list[str]:
    """The controls in panel's scroll areas whose right edge is past what shows of the page."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    cut = []
    for area in panel.findChildren(QScrollArea):
        page = area.widget()
        if page is None or not area.isVisible():
            continue
        for child in page.findChildren(QWidget):
            if child.parentWidget() is not page or not child.isVisible():
                continue
            right = child.mapTo(area.viewport(), QPoint(child.width(), 0)).x()
            if right > area.viewport().width():
                cut.append(f"{type(child).__name__} {child.objectName()} {right}")
    return cut


@pytest.mark.parametrize("size", [(800, 600), (1024, 768), (1280, 800)])
def test_a_small_window_gives_the_width_to_the_writing(
    qtbot: QtBot, sample: MainWindow, size: tuple[int, int]
) -> None:
    sample.resize(1440, 900)
    _every_tab_made(sample)
    sample.resize(*size)
    settle()
    assert sample.width() == size[0]  # no panel holds the window wider than the screen
    binder, centre, side = sample.splitter.sizes()
    assert centre >= round(sum((binder, centre, side)) * TEXT_SHARE)
    for index in range(sample.side_tabs.count()):
        sample.side_tabs.setCurrentIndex(index)
        settle()
        viewport = sample.editor.editor.viewport().width()
        assert viewport >= sample.side_tabs.width(), sample.side_tabs.tabText(index)
        assert viewport > sample.binder.width()
        assert _cut_off(sample.side_tabs.currentWidget()) == [], sample.side_tabs.tabText(index)
    for tabs in (sample.centre_tabs, sample.side_tabs):
        assert _labels_in_sight(tabs), [tabs.tabText(i) for i in range(tabs.count())]
        assert _labels_whole(tabs), [tabs.tabText(i) for i in range(tabs.count())]


def test_at_800_the_side_panels_wrap_their_controls(qtbot: QtBot, sample: MainWindow) -> None:
    _every_tab_made(sample)
    sample.resize(800, 600)
    settle()
    for panel in (sample.continuity, sample.project_search):
        assert panel.minimumSizeHint().width() < SIDE_LIMIT, panel.objectName()
    # The Search panel's "Replace All in Book…" went under the replacement, not off the edge.
    search = sample.project_search
    sample.side_tabs.setCurrentWidget(sample.search_host)
    settle()
    assert search.replace_all.geometry().right() <= search.width()
    assert search.replace_all.y() > search.replacement.y()
    # The inspector and the card put their labels above their fields.
    sample.side_tabs.setCurrentWidget(sample.inspector)
    settle()
    assert sample.inspector.width() < STACKED_FORM_WIDTH
    assert sample.inspector.pov.y() > sample.inspector.status.y() + sample.inspector.status.height()
    # The binder's titles get the width of its counts.
    assert sample.binder.tree.isColumnHidden(1)


def test_a_window_made_larger_again_has_the_widths_chosen(qtbot: QtBot, sample: MainWindow) -> None:
    sample.resize(1440, 900)
    settle()
    before = sample.splitter.sizes()
    sample.resize(800, 600)
    settle()
    assert sample.splitter.sizes()[0] < before[0] and sample.splitter.sizes()[2] < before[2]
    assert not sample.binder.tree.isColumnHidden(1) or sample.binder.width() < 190
    sample.resize(1440, 900)
    settle()
    assert sample.splitter.sizes() == before
    assert not sample.binder.tree.isColumnHidden(1)
    assert sample.splitter.chosen_sizes() == [270, 780, 390]


def test_1440_by_900_is_laid_out_as_before(qtbot: QtBot, sample: MainWindow) -> None:
    sample.resize(1440, 900)
    _every_tab_made(sample)
    settle()
    assert sample.splitter.sizes() == [270, 772, 390]
    assert not sample.binder.tree.isColumnHidden(1)
    for tabs in (sample.centre_tabs, sample.side_tabs):
        assert not tabs.tabBar().property("compact")
    assert sample.inspector.width() >= STACKED_FORM_WIDTH


def test_focus_mode_in_a_small_window_gives_the_text_everything(
    qtbot: QtBot, sample: MainWindow
) -> None:
    sample.resize(800, 600)
    settle()
    sample.enter_focus_mode()
    settle()
    assert sample.binder.isHidden() and sample.side_tabs.isHidden()
    assert sample.centre_tabs.width() >= sample.splitter.width() - 2
    sample.leave_focus_mode()
    settle()
    sample.resize(800, 600)
    settle()
    assert sample.binder.isVisible() and sample.side_tabs.isVisible()
    assert sample.splitter.sizes()[1] >= sum(sample.splitter.sizes()) * TEXT_SHARE - 1


def test_fit_sizes_shrinks_the_panels_in_proportion_down_to_their_minimums() -> None:
    # Wide enough: as chosen.
    assert fit_sizes([270, 780, 390], [76, 277, 241], 1432, 1, 0.5) == [270, 772, 390]
    # Narrower: the panels shrink in proportion, the text keeps half.
    assert fit_sizes([270, 780, 390], [76, 277, 100], 792, 1, 0.5) == [162, 396, 234]
    # A panel at its minimum stays there; the other gives the rest.
    assert fit_sizes([270, 780, 390], [76, 277, 241], 792, 1, 0.5) == [155, 396, 241]
    # Too narrow for all: minimums, the text what is left.
    assert fit_sizes([270, 780, 390], [200, 100, 300], 600, 1, 0.5) == [200, 100, 300]
    # A hidden panel (chosen 0) stays 0.
    assert fit_sizes([0, 780, 390], [76, 277, 241], 792, 1, 0.5) == [0, 402, 390]
