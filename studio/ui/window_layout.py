"""How the window's three columns share its width: the writing first, the side panels give way.

The writer chooses the columns' widths (by dragging, or the widths saved from last time). When
the window is too narrow for those widths to leave the text at least half of it (a small laptop
screen), the binder and the side panel shrink, each in proportion to its chosen width and none
below its minimum, and the text keeps half; widen the window again and they come back to the
widths chosen. A window wide enough (1440 px for the default widths) is laid out as chosen.
A hidden column (View → Show Binder) gives its width to the text and keeps its chosen width,
which it comes back at when shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QSplitter, QTabWidget, QWidget

TEXT_SHARE = 0.5
"""The least part of the window's width the text column is given before the panels are."""


def fit_sizes(
    chosen: Sequence[int], minimums: Sequence[int], total: int, text: int, share: float
) -> list[int]:
    """The columns' widths in total pixels: chosen, unless that leaves the text column (index
    text) less than share of total; then the other columns shrink in proportion to their chosen
    widths, none below its minimum, until it has that share (or they are all at their minimum).
    A column chosen 0 wide (a hidden one) stays 0."""
    sides = [i for i in range(len(chosen)) if i != text and chosen[i] > 0]
    budget = total - max(minimums[text], round(total * share))
    sizes = [0] * len(chosen)
    if sum(chosen[i] for i in sides) <= budget:
        for i in sides:
            sizes[i] = chosen[i]
    else:
        # Water-filling: scale the free columns down together; one that would go below its
        # minimum is held there and the rest share what is left.
        free = list(sides)
        while True:
            held = sum(minimums[i] for i in sides if i not in free)
            wanted = sum(chosen[i] for i in free)
            scale = max(budget - held, 0) / wanted if wanted else 0.0
            below = [i for i in free if chosen[i] * scale < minimums[i]]
            if not below:
                break
            free = [i for i in free if i not in below]
        for i in sides:
            sizes[i] = int(chosen[i] * scale) if i in free else minimums[i]
    sizes[text] = total - sum(sizes)
    return sizes


class WritingSplitter(QSplitter):
    """A horizontal splitter whose column text keeps at least TEXT_SHARE of the width."""

    def __init__(self, text: int, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._text = text
        self._chosen: list[int] = []
        self.splitterMoved.connect(self._dragged)

    def chosen_sizes(self) -> list[int]:
        """The widths the writer chose (what is saved), which a narrow window may have cut; a
        hidden column's is the width it had."""
        return list(self._chosen) if self._chosen else self.sizes()

    def set_shown(self, index: int, shown: bool) -> None:
        """Show or hide column index: hidden, its width goes to the text; shown again, it comes
        back at its chosen width (the fit to the window's width applied)."""
        widget = self.widget(index)
        if widget is None or widget.isHidden() != shown:
            return
        widget.setVisible(shown)
        self._fit()
        # Qt lays the columns out again once the change is processed (the hidden column's handle
        # goes too): fitted again after that, so the widths are those of a fresh layout.
        QTimer.singleShot(0, self._fit)

    def setSizes(self, sizes: Sequence[int]) -> None:
        """The writer's widths: shown as they are where the window is wide enough."""
        self._chosen = [int(size) for size in sizes]
        super().setSizes(self._chosen)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _dragged(self, _position: int, _index: int) -> None:
        sizes = self.sizes()
        if len(self._chosen) != len(sizes):
            self._chosen = sizes
            return
        # A hidden column (0 wide) keeps the width it will come back at.
        self._chosen = [
            chosen if self._is_hidden(i) else size
            for i, (size, chosen) in enumerate(zip(sizes, self._chosen, strict=True))
        ]

    def _is_hidden(self, index: int) -> bool:
        widget = self.widget(index)
        return widget is None or widget.isHidden()

    def _fit(self) -> None:
        sizes = self.sizes()
        total = sum(sizes)
        if total <= 0 or len(self._chosen) != self.count():
            return
        widgets = [self.widget(i) for i in range(self.count())]
        chosen = [0 if self._is_hidden(i) else size for i, size in enumerate(self._chosen)]
        minimums = [_minimum_width(widget) for widget in widgets]
        fitted = fit_sizes(chosen, minimums, total, self._text, TEXT_SHARE)
        if fitted != sizes:
            super().setSizes(fitted)


def _minimum_width(widget: QWidget | None) -> int:
    if widget is None:
        return 0
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


COMPACT_SAVING = 16
"""Pixels a tab gives up with the themes' QTabBar[compact="true"] padding (6 px a side, not 14)."""


class FittedTabs(QTabWidget):
    """Tabs that stay in sight in a narrow column rather than hide behind scroll arrows: padded
    compactly (the themes' QTabBar[compact="true"]) while the labels would not fit with the
    usual padding, and only then a label shortened.

    Overrides rather than an event filter: a filter on the tab widget would run Python for every
    key the editor inside it lets bubble up (each key release)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        self.fit()

    def tabRemoved(self, index: int) -> None:
        super().tabRemoved(index)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()

    def fit(self) -> None:
        bar = self.tabBar()
        compact = bool(bar.property("compact"))
        # tabSizeHint is a label's whole width (eliding only happens when laying out).
        wanted = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
        if compact:
            wanted += COMPACT_SAVING * bar.count()
        # The column is never made narrower than its labels read whole at the compact padding.
        self.setMinimumWidth(wanted - COMPACT_SAVING * bar.count())
        narrow = wanted > self.width()
        if narrow != compact:
            bar.setProperty("compact", narrow)
            bar.style().unpolish(bar)
            bar.style().polish(bar)
            # Re-polishing alone leaves the tabs laid out at the old padding until something
            # else relays the bar out; a style change makes the bar measure its tabs again.
            QApplication.sendEvent(bar, QEvent(QEvent.Type.StyleChange))
            bar.updateGeometry()


__all__ = ["COMPACT_SAVING", "TEXT_SHARE", "FittedTabs", "WritingSplitter", "fit_sizes"]
