"""A guard against a reference-counting bug in PySide6 6.12.0 that aborts the process.

In 6.12.0 every `signal.emit()` made from Python drops one reference to True (emit returns it
without taking a reference), and every Qt signal delivered to a Python slot drops one reference
to None (the slot's return value). On Python 3.11, where True and None are ordinary objects,
their counts fall with each keystroke and save until one reaches zero and Python aborts with
"Fatal Python error: none_dealloc" / "bool_dealloc" — after an hour or two of writing.
6.11.x is not affected; the real fix is to avoid 6.12.0 (pyproject), this keeps a writer safe
meanwhile.

The guard holds a reserve of references to None, True and False for the life of the process
and adds to it whenever their counts run low, so the dropped references are only ever ours.
The reserve is module state on purpose, and deliberately never freed (not even when the
interpreter shuts down and clears modules): handing its references back would let the counts
fall to where the bug put them, and Python would abort on the way out.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, QTimer

AFFECTED_VERSIONS = frozenset({"6.12.0"})
LOW_WATER = 400_000
CHUNK = 500_000  # 4 MB of list slots per object and top-up
CHECK_MS = 5_000
_RESERVE: list[object] = []
_kept_forever = False


def affected(version: str = pyside_version) -> bool:
    """True when this PySide6 has the bug and this Python's singletons are not immortal."""
    return version in AFFECTED_VERSIONS and sys.version_info < (3, 12)


def top_up() -> None:
    global _kept_forever
    if not _kept_forever:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(_RESERVE))  # one reference nobody returns
        _kept_forever = True
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < LOW_WATER:
            _RESERVE.extend([singleton] * CHUNK)


def start_guard(parent: QObject) -> QTimer | None:
    """Top up now and every few seconds while parent lives; None when not needed."""
    if not affected():
        return None
    top_up()
    timer = QTimer(parent)
    timer.setInterval(CHECK_MS)
    timer.timeout.connect(top_up)
    timer.start()
    return timer
