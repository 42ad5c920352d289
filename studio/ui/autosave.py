"""Debounced saving: the keystroke path only restarts a timer; the timers do the writing.

A save happens IDLE_MS after the last change, and at the latest MAX_WAIT_MS after the first
unsaved change, so continuous typing is still saved every two seconds. flush() saves at once (scene
switch, close, Ctrl+S). A failed save keeps the change pending and retries, never drops it.

Given a `revision` (a number that moves at every change, such as QTextDocument.revision), the
owner need only call mark_dirty for the first change after a save: the idle timer then asks the
revision whether changes came since, and waits again if so. An editor thus runs no Python per
keystroke for saving. (QTextDocument's revision also moves when a highlighter restyles a block:
the save may then wait for the max-wait, never longer.)
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
        revision: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._dirty = False
        self._revision = revision
        self._seen = 0  # the revision when the idle timer was last started
        self._idle = self._timer(idle_ms, self._idle_ended)
        self._max_wait = self._timer(max_wait_ms, self.flush)
        self._retry = self._timer(RETRY_MS, self.flush)

    def _timer(self, interval: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        """Called on every change (with a revision: at least on the first after a save); cheap,
        no saving here."""
        self._start_idle()
        if not self._max_wait.isActive():
            self._max_wait.start()
        if not self._dirty:
            self._dirty = True
            self.saving.emit()

    def _start_idle(self) -> None:
        if self._revision is not None:
            self._seen = self._revision()
        self._idle.start()

    def _idle_ended(self) -> None:
        if self._revision is not None and self._revision() != self._seen:
            self._start_idle()  # changed since: still typing (max_wait caps the wait)
            return
        self.flush()

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
