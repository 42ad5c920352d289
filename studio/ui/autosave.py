"""Debounced saving: the keystroke path only restarts a timer; the timers do the writing.

A save happens IDLE_MS after the last change, and at the latest MAX_WAIT_MS after the first
unsaved change, so continuous typing is still saved every two seconds. flush() saves at once (scene
switch, close, Ctrl+S). A failed save keeps the change pending and retries, never drops it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from studio.core.errors import SafehouseError

log = logging.getLogger(__name__)

IDLE_MS = 1200
MAX_WAIT_MS = 1800
RETRY_MS = 5000


class Autosaver(QObject):
    saving = Signal()  # a change is waiting to be saved
    saved = Signal()
    failed = Signal(str)  # the message for people

    def __init__(
        self,
        save: Callable[[], None],
        parent: QObject | None = None,
        *,
        idle_ms: int = IDLE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._dirty = False
        self._idle = self._timer(idle_ms)
        self._max_wait = self._timer(max_wait_ms)
        self._retry = self._timer(RETRY_MS)

    def _timer(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self.flush)
        return timer

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        """Called on every change: cheap, no saving here."""
        self._idle.start()
        if not self._max_wait.isActive():
            self._max_wait.start()
        if not self._dirty:
            self._dirty = True
            self.saving.emit()

    def discard(self) -> None:
        """Forget a pending change (the thing it belonged to is gone)."""
        self._stop()
        self._dirty = False

    def _stop(self) -> None:
        self._idle.stop()
        self._max_wait.stop()
        self._retry.stop()

    def flush(self) -> bool:
        """Save now if anything is pending; True when nothing is left unsaved."""
        self._stop()
        if not self._dirty:
            return True
        try:
            self._save()
        except SafehouseError as error:
            return self._failed(str(error))
        except Exception as error:  # the disk or database refused: keep the words, say so, retry
            log.exception("Saving failed")
            return self._failed(f"Could not save ({error}); Safehouse will keep trying.")
        self._dirty = False
        self.saved.emit()
        return True

    def _failed(self, message: str) -> bool:
        self._retry.start()
        self.failed.emit(message)
        return False
