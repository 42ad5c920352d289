"""What a crash leaves behind: the Python stack of a fatal error, and a word at the next start.

A fault inside Qt or enchant kills the process before any Python handler runs; only
faulthandler, armed beforehand, gets the stack out. Each running studio writes to its own
`running-<pid>.log` (two windows may be open at once); a clean exit removes it. At the next
start, a file left by a process that no longer runs and holding a stack is a crash: it is kept
as `crash-<date>.log` and the window says so once. An empty one (the process was killed, or the
machine lost power) tells nothing and is removed; autosave covered the typing either way.
"""

from __future__ import annotations

import faulthandler
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

RUNNING_PREFIX = "running-"
CRASH_PREFIX = "crash-"


@dataclass
class CrashReports:
    folder: Path
    _log: TextIO | None = None

    def arm(self) -> None:
        """From now on a fatal error writes every thread's Python stack to this process's log."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = self._running_log(os.getpid()).open("w", encoding="utf-8")
        faulthandler.enable(self._log, all_threads=True)

    def disarm(self) -> None:
        """A clean exit: nothing to report next time."""
        if self._log is None:
            return
        faulthandler.disable()
        self._log.close()
        self._running_log(os.getpid()).unlink(missing_ok=True)
        self._log = None

    def collect(self) -> list[Path]:
        """The reports of earlier runs that crashed (kept, renamed by their time), oldest first."""
        found: list[Path] = []
        for log in sorted(self.folder.glob(f"{RUNNING_PREFIX}*.log")):
            pid = log.stem.removeprefix(RUNNING_PREFIX)
            if not pid.isdigit() or int(pid) == os.getpid() or _is_running(int(pid)):
                continue
            try:
                if log.stat().st_size == 0:
                    log.unlink()
                    continue
                when = datetime.fromtimestamp(log.stat().st_mtime)
                kept = self.folder / f"{CRASH_PREFIX}{when:%Y-%m-%d-%H%M%S}-{pid}.log"
                log.rename(kept)
            except OSError:
                continue  # another studio starting at the same moment took it
            found.append(kept)
        return found

    def _running_log(self, pid: int) -> Path:
        return self.folder / f"{RUNNING_PREFIX}{pid}.log"


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: not ours to judge
    return True


def crash_message(reports: list[Path]) -> str:
    """What the window says at the start after a crash."""
    latest = reports[-1]
    return (
        "Safehouse closed unexpectedly last time. Your scenes are as autosaved up to two "
        f"seconds before. A report for the developers is in {latest}."
    )
