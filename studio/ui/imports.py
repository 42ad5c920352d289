"""Importing after PySide6 without keeping every new module's source text in memory.

PySide6 replaces `__import__` and, after each import, reads the new module's source with
inspect.getsource to see whether it says `from __feature__ import ...`. The lines go through
linecache, which keeps them for the life of the process: for SQLAlchemy and the services that is
~8 MB of text held as ~20 MB of string objects, a fifth of the window's memory, never used again.
Inside `sources_forgotten()` the line cache is emptied each time a module is looked up, so it
holds at most the modules being imported at that moment; a traceback reads its files again.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from types import ModuleType


class _SourceForgetter:
    """A meta path finder that finds nothing: it only empties the line cache on each look-up."""

    @staticmethod
    def find_spec(
        name: str, path: object = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        linecache.clearcache()
        return None


@contextmanager
def sources_forgotten() -> Iterator[None]:
    """Import heavy modules in this block: their source lines are not kept once checked."""
    forgetter = _SourceForgetter()
    sys.meta_path.insert(0, forgetter)
    try:
        yield
    finally:
        sys.meta_path.remove(forgetter)
        linecache.clearcache()
