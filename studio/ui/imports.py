"""Importing after PySide6 without its per-import source check costing time and memory.

PySide6 replaces `__import__` and, after each import, reads the new module's source with
inspect.getsource to see whether it says `from __feature__ import ...`. The lines go through
linecache, which keeps them for the life of the process: for SQLAlchemy and the services that is
~8 MB of text held as ~20 MB of string objects, a fifth of the window's memory, never used again.
Reading and splitting ~290 sources also costs ~70 ms of CPU while the project opens.

Inside `sources_forgotten()`:
* a module that cannot use PySide6 (the standard library, SQLAlchemy, enchant, and every part of
  studio outside studio.ui: the dependency rule, which a test proves) is entered in PySide6's
  feature table as "ignore" before it is imported, so its source is never read. That is what the
  check itself would conclude, and Safehouse selects no feature, so nothing behaves differently;
* a module of studio.ui is entered as "no feature selected", what the check concludes for a
  module that uses PySide6 and has no `from __feature__ import` (none of studio has one: a test
  looks);
* for any other module the line cache is emptied each time a module is looked up, so it holds at
  most the modules being imported at that moment; a traceback reads its files again.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from types import ModuleType

# Top-level packages that never import PySide6 (studio's own are chosen by prefix below).
NO_QT_PACKAGES = frozenset({"sqlalchemy", "enchant", "typing_extensions", "greenlet"})
FEATURE_IGNORED = -1  # PySide6's mark for "this module does not use PySide6"
NO_FEATURE = 0  # "this module uses PySide6, with no feature selected"


def _feature_table() -> MutableMapping[str, int] | None:
    """PySide6's per-module feature table, if this PySide6 has one where 6.4-6.11 keep it."""
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def cannot_use_qt(name: str) -> bool:
    """True for a module that by design never imports PySide6."""
    top = name.partition(".")[0]
    if top == "studio":
        return not (name == "studio.app" or name.startswith(("studio.ui.", "studio.app.")))
    return top in NO_QT_PACKAGES or top in sys.stdlib_module_names


class _SourceForgetter:
    """A meta path finder that finds nothing: it spares or forgets PySide6's source reading."""

    def __init__(self, table: MutableMapping[str, int] | None) -> None:
        self.table = table

    def find_spec(
        self, name: str, path: object = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if self.table is not None:
            if cannot_use_qt(name):
                self.table.setdefault(name, FEATURE_IGNORED)
            elif name.startswith("studio."):
                self.table.setdefault(name, NO_FEATURE)
        linecache.clearcache()
        return None


@contextmanager
def sources_forgotten() -> Iterator[None]:
    """Import heavy modules in this block: their sources are not read, or not kept once read."""
    forgetter = _SourceForgetter(_feature_table())
    sys.meta_path.insert(0, forgetter)
    try:
        yield
    finally:
        sys.meta_path.remove(forgetter)
        linecache.clearcache()
