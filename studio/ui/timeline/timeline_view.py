"""The timeline: scenes and events on a horizontal story-time axis, in lanes.

Lanes per character, thread or location (switchable); zoom with Ctrl+wheel or the buttons
(the axis is re-laid out, so labels keep their size); click a scene to open it; drag a scene
or event along the axis to change its story time (saved at once, undoable with Ctrl+Z while
the timeline has focus). Lane names and the axis stay in view while scrolling.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QResizeEvent,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.errors import SafehouseError
from studio.services.story_order import TimelineItem
from studio.services.timeline_data import ItemRef
from studio.ui.dialogs.messages import show_error
from studio.ui.timeline.axis import TimeAxis, fit_axis
from studio.ui.timeline.commands import MoveInTimeCommand
from studio.ui.timeline.lanes import Lane, LaneMode, build_lanes
from studio.ui.timeline.markers import DOT, LABEL_GAP, MAX_LABEL, Marker, label_font, label_width
from studio.ui.timeline.picture import save_scene_picture
from studio.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from studio.services.project import Project

LANE_HEADER = 150.0  # width of the lane names on the left
AXIS_HEIGHT = 34.0
ROW_HEIGHT = 30.0
LANE_PADDING = 10.0
ZOOM_STEP = 1.4
HINT_WIDTH = 100  # the least width worth showing the hint in beside the controls
MIN_ZOOM, MAX_ZOOM = 1e-4, 2000.0  # pixels per hour


class _Canvas(QGraphicsView):
    """The graphics view: Ctrl+wheel zooms, scrolling keeps the pinned items in view."""

    def __init__(self, owner: TimelineView) -> None:
        super().__init__(owner)
        self._owner = owner
        self.setObjectName("timelineCanvas")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self._owner.zoom_by(ZOOM_STEP**steps, anchor_x=event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._owner.pin()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._owner.canvas_resized()


class _Hint(QLabel):
    """The hint after the controls: it takes what is left of their line (cut at the right), or a
    line of its own below them when less than HINT_WIDTH is left; it never holds the bar wide."""

    def sizeHint(self) -> QSize:
        return QSize(HINT_WIDTH, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())


class TimelineView(QWidget):
    open_scene_requested = Signal(int)
    story_times_changed = Signal()  # a drag, an undo or a redo moved items in story time

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self._project: Project | None = None
        self._items: list[TimelineItem] = []
        self._lanes: list[Lane] = []
        self._axis = TimeAxis([], 1.0)
        self._zoom: float | None = None  # None: fit the width of the view (and keep fitting it)
        self._fitted_width = -1.0  # the canvas width the drawing was last fitted to
        self._tail = MAX_LABEL  # room right of the axis for the last labels
        self._mode = LaneMode.CHARACTERS
        self._pinned_left: list[QGraphicsItem] = []
        self._pinned_top: list[QGraphicsItem] = []
        self._drag_label: QGraphicsSimpleTextItem | None = None
        self._refit_pending = False
        self.undo_stack = QUndoStack(self)
        self.scene = QGraphicsScene(self)
        self.canvas = _Canvas(self)
        self.canvas.setScene(self.scene)
        self._build_toolbar()
        if project is not None:
            self.set_project(project)

    def _build_toolbar(self) -> None:
        self.lane_box = QComboBox(self)
        self.lane_box.setObjectName("timelineLanes")
        for mode, text in (
            (LaneMode.CHARACTERS, "Lanes: characters"),
            (LaneMode.THREADS, "Lanes: threads"),
            (LaneMode.LOCATIONS, "Lanes: locations"),
        ):
            self.lane_box.addItem(text, mode.value)
        self.lane_box.currentIndexChanged.connect(
            lambda _i: self.set_lane_mode(LaneMode(self.lane_box.currentData()))
        )
        # A flow, not a row: the controls side by side were ~390 px that the tab (and so the
        # window's centre column) could not be narrower than, even back on the Manuscript tab.
        # In a narrow column they wrap, and the drawing below scrolls.
        bar = FlowLayout(spacing=0)
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(self.lane_box)
        for text, tip, slot in (
            ("−", "Zoom out (Ctrl+wheel)", lambda: self.zoom_by(1 / ZOOM_STEP)),
            ("+", "Zoom in (Ctrl+wheel)", lambda: self.zoom_by(ZOOM_STEP)),
            ("Fit", "Fit the whole story in the width", self.fit),
            ("Export picture…", "Save the timeline as a PNG or SVG picture", self._export),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.hint = _Hint(self)
        self.hint.setObjectName("timelineHint")
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)

    # -- public ----------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.undo_stack.clear()
        self._zoom = None
        self.refresh()

    def refresh(self) -> None:
        """Read the timeline again and redraw it (after edits made elsewhere)."""
        if self._project is None:
            self._items = []
        else:
            self._items = self._project.timeline.story_order()
        self._relayout()

    def set_lane_mode(self, mode: LaneMode) -> None:
        self._mode = mode
        index = self.lane_box.findData(mode.value)
        if index != self.lane_box.currentIndex():
            self.lane_box.setCurrentIndex(index)
        self._relayout()

    @property
    def lane_mode(self) -> LaneMode:
        return self._mode

    @property
    def lanes(self) -> list[Lane]:
        return self._lanes

    @property
    def axis(self) -> TimeAxis:
        return self._axis

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by factor, keeping the moment under anchor_x (view pixels) where it is."""
        view_x = self.canvas.viewport().width() / 2 if anchor_x is None else anchor_x
        scene_x = self.canvas.mapToScene(int(view_x), 0).x() - LANE_HEADER
        moment = self._axis.moment(scene_x)
        current = self._axis.pixels_per_hour
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, current * factor))
        self._relayout()
        new_x = self._axis.x(moment) + LANE_HEADER
        bar = self.canvas.horizontalScrollBar()
        bar.setValue(int(new_x - view_x))

    def fit(self) -> None:
        """Fill the width with the whole story, now and whenever the view is resized."""
        self._zoom = None
        self._relayout()

    @property
    def fitting(self) -> bool:
        """True until the user zooms: the drawing follows the view's width."""
        return self._zoom is None

    def canvas_resized(self) -> None:
        if self._zoom is None and not self._refit_pending:
            self._refit_pending = True
            QTimer.singleShot(0, self._refit)  # one relayout for a burst of resizes

    def _refit(self) -> None:
        self._refit_pending = False
        if self._zoom is None and self._fit_width() != self._fitted_width:
            self._relayout()

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def marker_for(self, ref: ItemRef, lane_index: int = 0) -> Marker | None:
        """The marker drawn for ref in a lane (for tests and keyboard navigation)."""
        for graphic in self.scene.items():
            if (
                isinstance(graphic, Marker)
                and graphic.item.ref == ref
                and graphic.data(0) == lane_index
            ):
                return graphic
        return None

    def save_picture(self, path: Path) -> Path:
        """The whole timeline as a PNG or SVG picture (chosen by path's suffix)."""
        self._unpin()
        try:
            return save_scene_picture(self.scene, Path(path), self.palette().base().color())
        finally:
            self.pin()

    # -- layout ----------------------------------------------------------------------------------
    def _fit_width(self) -> float:
        """The canvas's width for the drawing, as if its vertical scroll bar were shown (so a bar
        that comes and goes with the lanes' height never changes the fit). QGraphicsView decides
        on its scroll bars with the style's scroll bar extent, not the bar's own width."""
        canvas = self.canvas
        extent = canvas.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, canvas)
        return max(300.0, canvas.maximumViewportSize().width() - extent - LANE_HEADER - 2)

    def _fitted_axis(self, moments: list[datetime], timed: list[TimelineItem]) -> TimeAxis:
        """The axis that fills the canvas exactly, leaving room for the last labels."""
        width = self._fit_width()
        tail = 0.0
        axis = TimeAxis(moments, 1.0)
        for _ in range(3):  # the labels that overhang depend on the scale: settle in a few steps
            axis = fit_axis(moments, width - tail, MIN_ZOOM, MAX_ZOOM)
            needed = self._label_tail(axis, timed)
            if needed <= tail + 1:
                break
            tail = needed
        return axis

    def _label_tail(self, axis: TimeAxis, timed: list[TimelineItem]) -> float:
        """How far the labels reach past the axis's right end, in pixels."""
        metrics = QFontMetricsF(label_font())
        reach = 0.0
        for item in timed:
            x = axis.x(_guess(item)) + DOT / 2 + LABEL_GAP + label_width(item.title, metrics) + 6
            reach = max(reach, x - axis.width)
        return reach

    def _relayout(self) -> None:
        self.scene.clear()
        self._pinned_left, self._pinned_top, self._drag_label = [], [], None
        timed = [i for i in self._items if i.story_time is not None]
        # Folds are placed between best guesses only, so a vague span is never cut in two.
        moments = [_guess(i) for i in timed]
        if self._zoom is None:
            self._axis = self._fitted_axis(moments, timed)
        else:
            self._axis = TimeAxis(moments, self._zoom)
        self._fitted_width = self._fit_width()
        self._tail = self._label_tail(self._axis, timed)
        self._lanes = self._build_lanes()
        untimed = len([i for i in self._items if i.story_time is None])
        self.hint.setText(
            f"  {len(timed)} on the timeline"
            + (f", {untimed} without a story time" if untimed else "")
            + " · drag to change a story time · Ctrl+wheel to zoom"
        )
        y = AXIS_HEIGHT
        for index, lane in enumerate(self._lanes):
            y = self._draw_lane(index, lane, y)
        width = LANE_HEADER + self._axis.width + self._tail
        self.scene.setSceneRect(QRectF(0, 0, width, max(y, AXIS_HEIGHT + ROW_HEIGHT)))
        self._draw_axis(y)
        self.pin()

    def _build_lanes(self) -> list[Lane]:
        if self._project is None:
            return []
        bible = self._project.bible
        return build_lanes(
            self._items, self._mode, bible.characters(), bible.threads(), bible.locations()
        )

    def _rows(self, lane: Lane) -> list[int]:
        """A row per item so that no two labels in the lane overlap."""
        metrics = QFontMetricsF(label_font())
        row_ends: list[float] = []
        rows: list[int] = []
        for item in lane.items:
            assert item.story_time is not None
            left = min(self._axis.x(item.story_time.start), self._axis.x(_guess(item)))
            x = self._axis.x(_guess(item))
            right = max(
                self._axis.x(item.story_time.end),
                x + DOT / 2 + LABEL_GAP + label_width(item.title, metrics),
            )
            row = next((r for r, end in enumerate(row_ends) if end + 8 < left - DOT), None)
            if row is None:
                row_ends.append(right)
                row = len(row_ends) - 1
            row_ends[row] = right
            rows.append(row)
        return rows

    def _draw_lane(self, index: int, lane: Lane, top: float) -> float:
        rows = self._rows(lane)
        height = LANE_PADDING * 2 + ROW_HEIGHT * (max(rows, default=0) + 1)
        palette = self.palette()
        band = QGraphicsRectItem(0, top, LANE_HEADER + self._axis.width + self._tail, height)
        shade = palette.alternateBase() if index % 2 else palette.base()
        band.setBrush(shade)
        band.setPen(QPen(Qt.PenStyle.NoPen))
        band.setZValue(-10)
        self.scene.addItem(band)
        colour = QColor(lane.colour)
        titles = {i.ref: i.title for i in self._items}
        for item, row in zip(lane.items, rows, strict=True):
            marker = Marker(
                item,
                self._span(item),
                colour,
                palette.text().color(),
                self._clicked,
                self._dropped,
                self._dragging,
                titles.get(item.anchor, "") if item.anchor else "",
            )
            marker.setData(0, index)
            y = top + LANE_PADDING + ROW_HEIGHT * row + DOT
            marker.setPos(LANE_HEADER + self._axis.x(_guess(item)), y)
            self.scene.addItem(marker)
        self._lane_header(lane, top, height, colour)
        return top + height

    def _span(self, item: TimelineItem) -> tuple[float, float]:
        assert item.story_time is not None
        x = self._axis.x(_guess(item))
        return self._axis.x(item.story_time.start) - x, self._axis.x(item.story_time.end) - x

    def _lane_header(self, lane: Lane, top: float, height: float, colour: QColor) -> None:
        palette = self.palette()
        header = QGraphicsRectItem(0, 0, LANE_HEADER - 6, height)
        header.setBrush(palette.window())
        header.setPen(QPen(palette.mid().color(), 0.5))
        header.setPos(0, top)
        header.setZValue(20)
        swatch = QGraphicsRectItem(8, height / 2 - 5, 10, 10, header)
        swatch.setBrush(colour)
        swatch.setPen(QPen(colour.darker(140), 1))
        metrics = QFontMetricsF(label_font())
        name = QGraphicsSimpleTextItem(
            metrics.elidedText(lane.title, Qt.TextElideMode.ElideRight, LANE_HEADER - 36), header
        )
        name.setBrush(palette.text())
        name.setPos(24, height / 2 - metrics.height() / 2)
        header.setToolTip(f"{lane.title}: {len(lane.items)} on the timeline")
        self.scene.addItem(header)
        self._pinned_left.append(header)

    def _draw_axis(self, bottom: float) -> None:
        palette = self.palette()
        strip = QGraphicsRectItem(0, 0, LANE_HEADER + self._axis.width + self._tail, AXIS_HEIGHT)
        strip.setBrush(palette.window())
        strip.setPen(QPen(palette.mid().color(), 0.5))
        strip.setZValue(30)
        self.scene.addItem(strip)
        self._pinned_top.append(strip)
        grid = QPen(palette.mid().color(), 0.5, Qt.PenStyle.DotLine)
        metrics = QFontMetricsF(label_font())
        free_from = 0.0
        for x, _moment, text in self._axis.ticks():
            if x < free_from:
                continue  # its label would run into the one before
            free_from = x + metrics.horizontalAdvance(text) + 10
            line = QGraphicsLineItem(LANE_HEADER + x, AXIS_HEIGHT, LANE_HEADER + x, bottom)
            line.setPen(grid)
            line.setZValue(-5)
            self.scene.addItem(line)
            tick = QGraphicsSimpleTextItem(text, strip)
            tick.setFont(label_font())
            tick.setBrush(palette.text())
            tick.setPos(LANE_HEADER + x + 3, 3)
            QGraphicsLineItem(LANE_HEADER + x, AXIS_HEIGHT - 8, LANE_HEADER + x, AXIS_HEIGHT, strip)
        accent = palette.highlight().color().darker(150)
        for fold in self._axis.folds:
            rect = QGraphicsRectItem(
                LANE_HEADER + fold.x0 + 20,
                AXIS_HEIGHT,
                fold.x1 - fold.x0 - 40,
                bottom - AXIS_HEIGHT,
            )
            hatch = QColor(accent)
            hatch.setAlpha(22)
            rect.setBrush(hatch)
            rect.setPen(QPen(Qt.PenStyle.NoPen))
            rect.setZValue(-6)
            rect.setToolTip(f"{fold.label} with nothing on the timeline, folded")
            self.scene.addItem(rect)
            label = QGraphicsSimpleTextItem(fold.label, strip)
            label.setFont(label_font())
            label.setBrush(accent)
            label.setPos(
                LANE_HEADER + (fold.x0 + fold.x1) / 2 - label.boundingRect().width() / 2, 20
            )
        corner = QGraphicsRectItem(0, 0, LANE_HEADER - 6, AXIS_HEIGHT)
        corner.setBrush(palette.window())
        corner.setPen(QPen(Qt.PenStyle.NoPen))
        corner.setZValue(40)
        self.scene.addItem(corner)
        self._pinned_left.append(corner)
        self._pinned_top.append(corner)

    # -- pinning: lane names stay at the left, the axis at the top ---------------------------------
    def pin(self) -> None:
        origin = self.canvas.mapToScene(0, 0)
        for item in self._pinned_left:
            item.setX(max(0.0, origin.x()))
        for item in self._pinned_top:
            item.setY(max(0.0, origin.y()))

    def _unpin(self) -> None:
        for item in self._pinned_left:
            item.setX(0)
        for item in self._pinned_top:
            item.setY(0)

    # -- clicks and drags ------------------------------------------------------------------------
    def _clicked(self, item: TimelineItem) -> None:
        if item.ref.kind == "scene":
            self.open_scene_requested.emit(item.ref.id)

    def _dragging(self, x: float | None) -> None:
        if x is None:
            if self._drag_label is not None:
                self.scene.removeItem(self._drag_label)
                self._drag_label = None
            return
        if self._drag_label is None:
            self._drag_label = QGraphicsSimpleTextItem()
            self._drag_label.setZValue(50)
            self._drag_label.setBrush(self.palette().highlightedText())
            self.scene.addItem(self._drag_label)
        moment = self._axis.moment(x - LANE_HEADER)
        self._drag_label.setText(moment.strftime("%d %b %Y %H:%M"))
        self._drag_label.setPos(QPointF(x + 8, self.canvas.mapToScene(0, 0).y() + AXIS_HEIGHT))

    def _dropped(self, item: TimelineItem, x: float) -> None:
        if self._project is None:
            return
        moment = self._axis.moment(x - LANE_HEADER)
        self.move_item(item.ref, moment)

    def move_item(self, ref: ItemRef, moment: datetime) -> None:
        """Move ref so that its best guess is near moment: saved, and undoable."""
        if self._project is None:
            return
        timeline = self._project.timeline
        try:
            before = timeline.move(ref, moment)
            after = timeline.placement(ref)
        except SafehouseError as error:
            show_error(self, "Story time not changed", str(error))
            self.refresh()
            return
        title = next((i.title for i in self._items if i.ref == ref), str(ref))
        self.undo_stack.push(
            MoveInTimeCommand(timeline, ref, before, after, title, self._after_change, self._failed)
        )
        self._after_change()

    def _after_change(self) -> None:
        self.refresh()
        self.story_times_changed.emit()

    def _failed(self, message: str) -> None:
        show_error(self, "Story time not changed", message)

    def _export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export the timeline", "timeline.png", "PNG picture (*.png);;SVG picture (*.svg)"
        )
        if not path:
            return
        try:
            self.save_picture(Path(path))
        except SafehouseError as error:
            show_error(self, "Timeline not exported", str(error))


def _guess(item: TimelineItem) -> datetime:
    assert item.story_time is not None
    return item.story_time.best_guess
