"""Reading a manuscript (.txt, .md, .docx) into an in-memory outline: no database, no Qt."""

from __future__ import annotations

from studio.importers.manuscript.errors import HeadingPatternError, ManuscriptImportError
from studio.importers.manuscript.outline import (
    CastCandidate,
    ManuscriptOutline,
    OutlineChapter,
    OutlinePart,
    OutlineScene,
)
from studio.importers.manuscript.parse import read_manuscript

__all__ = [
    "CastCandidate",
    "HeadingPatternError",
    "ManuscriptImportError",
    "ManuscriptOutline",
    "OutlineChapter",
    "OutlinePart",
    "OutlineScene",
    "read_manuscript",
]
