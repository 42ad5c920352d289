"""Writing files so that a crash never leaves half a file under the real name."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

_ATTEMPTS = 100


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to path via a temporary file in the same folder, flushed, then swapped in.

    The file gets the permissions any program would give a new file (the user's umask), or
    keeps those of the file it replaces: an exported manuscript is the user's to share.
    """
    path = Path(path)
    handle, temporary = _create_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if path.exists():
                os.chmod(stream.fileno(), stat.S_IMODE(path.stat().st_mode))
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _create_temporary(path: Path) -> tuple[int, Path]:
    # Not tempfile.mkstemp: it makes the file readable by its owner only, whatever the umask.
    for _ in range(_ATTEMPTS):
        temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"Could not create a temporary file beside {path}.")
