"""Panels that give way in a small window: the timeline's bar wraps rather than holding the centre
column open, the character card's alias buttons wrap rather than cutting the card's margin."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QSizePolicy, QSpacerItem, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from studio.ui.main_window import MainWindow
from studio.ui.timeline.timeline_view import TimelineView
from studio.ui.widgets.flow_layout import FlowLayout
from tests.ui.helpers import settle

TIMELINE_LIMIT = 260
"""The widest the timeline may insist on being (px): the centre column is ~396 px at 800x600."""


def _resize(window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    settle()


def _timeline(window: MainWindow) -> TimelineView:
    window.centre_tabs.setCurrentWidget(window.timeline_host)
    settle()
    view = window.timeline_host.view()
    assert isinstance(view, TimelineView)
    return view


def test_the_timeline_never_holds_the_centre_column(qtbot: QtBot, sample: MainWindow) -> None:
    # A larger window and back, as a writer moving it between screens: laid out afresh (the
    # widths a window made smaller has are rounded from the larger ones, so both go this way).
    for width, height in ((800, 600), (1440, 900), (800, 600)):
        _resize(sample, width, height)
    sizes = sample.splitter.sizes()
    text_width = sample.editor.editor.viewport().width()
    centre_minimum = sample.centre_tabs.minimumSizeHint().width()
    view = _timeline(sample)
    assert view.minimumSizeHint().width() < TIMELINE_LIMIT
    assert sample.centre_tabs.minimumSizeHint().width() == centre_minimum
    _resize(sample, 1440, 900)
    _resize(sample, 800, 600)
    sample.centre_tabs.setCurrentWidget(sample.editor)
    settle()
    assert sample.splitter.sizes() == sizes
    assert sample.editor.editor.viewport().width() == text_width


def test_at_800_the_timeline_bar_wraps_and_every_control_shows(
    qtbot: QtBot, sample: MainWindow
) -> None:
    _resize(sample, 800, 600)
    view = _timeline(sample)
    shown = view.rect()
    for control in (view.lane_box, *view.findChildren(QToolButton)):
        corner = control.mapTo(view, QPoint(0, 0))
        assert shown.contains(QRect(corner, control.size())), control.text()
    # The hint had no room beside the controls: it has a line of its own, below them.
    assert view.hint.y() >= view.lane_box.geometry().bottom()
    assert view.hint.width() > view.lane_box.width()
    assert view.canvas.y() >= view.hint.geometry().bottom()


def test_at_1440_the_timeline_bar_is_one_row_as_before(qtbot: QtBot, sample: MainWindow) -> None:
    _resize(sample, 1440, 900)
    view = _timeline(sample)
    buttons = view.findChildren(QToolButton)
    assert {b.y() for b in buttons} == {view.lane_box.y() + 1}
    assert view.hint.x() == max(b.geometry().right() for b in buttons) + 1
    assert view.hint.geometry().right() == view.width() - 7  # the rest of the row, to the margin
    assert view.canvas.y() == 36


def _card_area_width(window: MainWindow) -> int:
    return window.bible.card_area.viewport().width()


def test_at_800_the_character_card_fits_the_side_panel(qtbot: QtBot, sample: MainWindow) -> None:
    _resize(sample, 800, 600)
    sample.side_tabs.setCurrentWidget(sample.bible)
    settle()
    card = sample.bible.card
    assert card.character is not None and len(card.character.aliases) >= 3
    assert card.minimumSizeHint().width() <= _card_area_width(sample) < sample.side_tabs.width()
    assert card.width() <= _card_area_width(sample)
    # Every alias button inside what shows of the card, its right margin too.
    layout = card.layout()
    assert layout is not None
    inside = layout.contentsRect()
    margin = layout.contentsMargins().right()
    inside.setRight(min(inside.right(), _card_area_width(sample) - margin - 1))
    for button in (card.remove_alias_button, card.add_alias_button):
        assert inside.contains(button.geometry()), button.text()


def test_at_1440_the_alias_buttons_are_one_row_at_the_right(
    qtbot: QtBot, sample: MainWindow
) -> None:
    _resize(sample, 1440, 900)
    card = sample.bible.card
    remove, add = card.remove_alias_button, card.add_alias_button
    assert remove.y() == add.y()
    assert add.x() - remove.geometry().right() - 1 == card.layout().spacing()
    assert add.geometry().right() == card.width() - card.layout().contentsMargins().right() - 1


def test_a_flow_that_fits_one_line_keeps_its_leading_stretch(qtbot: QtBot) -> None:
    """A row that fits is laid out as a QHBoxLayout would; wrapped, the stretch is dropped."""
    page = QWidget()
    qtbot.addWidget(page)
    flow = FlowLayout(page, spacing=8)
    flow.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding))
    left, right = QWidget(page), QWidget(page)
    for widget in (left, right):
        widget.setFixedSize(100, 20)
        flow.addWidget(widget)
    flow.setGeometry(QRect(0, 0, 300, 20))
    assert right.geometry().right() == 299 and left.x() == 300 - 208
    flow.setGeometry(QRect(0, 0, 150, 48))
    assert left.x() == 0 and right.x() == 0 and right.y() == 28
