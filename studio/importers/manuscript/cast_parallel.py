"""The cast scan with the end of the book counted in a forked process while the caller works on.

Counting the names (cast.count_names) is a third of an import's time, all of it on one core of a
machine that has two or more. When it is safe, a forked child counts the end of the book while
this process goes on (an import writes the project's rows meanwhile) and then counts the rest;
the child's counts come back pickled through a pipe (plain Counters, some tens of kilobytes) and
the two are added by cast.candidates_from: the same candidates as one scan of the whole book.

Forking is safe only in a process with one thread: the child has only the thread that forked, and
a lock another thread held would stay held in it for ever. The threads are counted in /proc, so
those Python does not know of (Qt's, a library's) count too: the window counts in-process, as do
other systems than Linux (macOS's own libraries are not safe after fork) and a book too short to
repay the fork (~3 ms). Whatever goes wrong in the child, the parent counts its share itself.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from studio.importers.manuscript.cast import NameCounts, candidates_from, count_names
from studio.importers.manuscript.outline import CastCandidate

# The child's share of the book's characters: the parent has the project's rows to make first.
CHILD_SHARE = 0.7
LEAST_FORKED = 400_000  # characters in the book (~70,000 words): shorter books count in-process


class CastCount:
    """count_names over bodies, begun now, the end of the book in a child when that is safe.

    Use it as a context manager, so that a child still running is ended if the caller fails.
    """

    def __init__(self, bodies: Sequence[str]) -> None:
        self._bodies = bodies
        self._split = len(bodies)  # bodies[_split:] are the child's
        self._pid: int | None = None
        self._pipe: int | None = None
        if _may_fork(bodies):
            self._split = _split_at(bodies, CHILD_SHARE)
            self._start_child()

    @property
    def forked(self) -> bool:
        """Is part of the book being counted in a child process?"""
        return self._pid is not None

    def candidates(self) -> tuple[CastCandidate, ...]:
        """The candidates of the whole book (waits for the child's counts)."""
        own = count_names(self._bodies[: self._split])
        theirs = self._child_counts() if self._split < len(self._bodies) else None
        if theirs is None and self._split < len(self._bodies):
            theirs = count_names(self._bodies[self._split :])  # the child failed: count here
        return candidates_from([own] if theirs is None else [own, theirs])

    def __enter__(self) -> CastCount:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self._end_child()

    def _start_child(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: count, send, and leave without running the parent's exit code
            os.close(read_end)
            _count_and_send(self._bodies[self._split :], write_end)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def _child_counts(self) -> NameCounts | None:
        """The child's counts, or None if it sent none (it failed, or was never started)."""
        if self._pipe is None:
            return None
        with open(self._pipe, "rb", closefd=True) as stream:
            self._pipe = None
            payload = stream.read()
        ended = self._reap()
        if not ended or not payload:
            return None
        counts = pickle.loads(payload)  # our own child's bytes, from a pipe only it could write
        return counts if isinstance(counts, NameCounts) else None

    def _reap(self) -> bool:
        """Wait for the child; did it end well?"""
        if self._pid is None:
            return False
        _pid, status = os.waitpid(self._pid, 0)
        self._pid = None
        return os.waitstatus_to_exitcode(status) == 0

    def _end_child(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid is not None:
            os.kill(self._pid, signal.SIGKILL)
            self._reap()


def _may_fork(bodies: Sequence[str]) -> bool:
    if not sys.platform.startswith("linux") or len(bodies) < 2:
        return False
    return sum(map(len, bodies)) >= LEAST_FORKED and _threads() == 1


def _threads() -> int:
    """The threads of this process, Python's or not (Linux)."""
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir())
    except OSError:
        return 0  # not known: not safe to fork


def _split_at(bodies: Sequence[str], share: float) -> int:
    """The index from which bodies hold about share of the characters (at least one body)."""
    wanted = sum(map(len, bodies)) * (1 - share)
    counted = 0
    for index, body in enumerate(bodies):
        if counted >= wanted:
            return max(1, index)
        counted += len(body)
    return len(bodies) - 1


def _count_and_send(bodies: Sequence[str], write_end: int) -> NoReturn:
    """In the child: count bodies, write the pickled counts to write_end, exit (0 when sent)."""
    code = 1
    try:
        # The collector would touch every object the parent made, copying each page it is on.
        gc.disable()
        payload = pickle.dumps(count_names(bodies), protocol=pickle.HIGHEST_PROTOCOL)
        with open(write_end, "wb", closefd=True) as stream:
            stream.write(payload)
        code = 0
    finally:
        os._exit(code)
