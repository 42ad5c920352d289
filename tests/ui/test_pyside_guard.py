"""The guard keeps PySide6 6.12.0's dropped references from aborting a long writing session."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from studio.ui import pyside_guard


class _Emitter(QObject):
    fired = Signal(int)


def test_only_the_broken_version_on_a_mortal_python_is_guarded() -> None:
    assert not pyside_guard.affected("6.11.3")
    assert pyside_guard.affected("6.12.0") == (sys.version_info < (3, 12))


@pytest.mark.skipif(not pyside_guard.affected(), reason="this PySide6 counts references right")
def test_many_emits_leave_none_and_true_far_from_zero() -> None:
    pyside_guard.top_up()
    emitter = _Emitter()
    emitter.fired.connect(lambda _n: None)
    for n in range(20_000):
        emitter.fired.emit(n)  # each drops a True (emit) and a None (the slot's result)
    pyside_guard.top_up()
    assert sys.getrefcount(True) > pyside_guard.LOW_WATER
    assert sys.getrefcount(None) > pyside_guard.LOW_WATER
