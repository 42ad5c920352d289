"""Undoable timeline edits. The change is made before the command is pushed (so an error is
shown at once and nothing half-done lands on the stack); redo after an undo re-applies it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from studio.core.errors import SafehouseError
from studio.services.timeline import Placement, TimelineService
from studio.services.timeline_data import ItemRef


class MoveInTimeCommand(QUndoCommand):
    """An item dragged along the axis: before and after are its placements."""

    def __init__(
        self,
        timeline: TimelineService,
        ref: ItemRef,
        before: Placement,
        after: Placement,
        title: str,
        changed: Callable[[], None],
        failed: Callable[[str], None],
    ) -> None:
        super().__init__(f"Move '{title}' in story time")
        self._timeline = timeline
        self._ref = ref
        self._before = before
        self._after = after
        self._changed = changed
        self._failed = failed
        self._applied = True  # the move was made before the push

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._place(self._after)

    def undo(self) -> None:
        self._place(self._before)

    def _place(self, placement: Placement) -> None:
        # Qt calls undo/redo from C++, where a Python exception would only be printed.
        try:
            self._timeline.set_placement(self._ref, placement)
        except SafehouseError as error:
            self._failed(str(error))
        self._changed()
