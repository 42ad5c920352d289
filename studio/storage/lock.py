"""One writer per project: an advisory lock the operating system drops when the process dies.

The lock lives in `<project>.lock` beside the project. It is held with flock for as long as the
project is open for writing, so a crashed or killed Safehouse never leaves a stale lock behind;
the file records who holds it so the second process can say so.
"""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path
from typing import IO

from studio.core.errors import ProjectLockedError


def lock_path_for(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".lock")


class ProjectLock:
    def __init__(self, project_path: Path) -> None:
        self.path = lock_path_for(project_path)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held while open
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise ProjectLockedError(
                f"{self.path.with_suffix('').name} is already open for writing ({holder}); "
                "close it there, or open it read-only."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"Safehouse process {os.getpid()} on {socket.gethostname()}")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        return self._file is not None
