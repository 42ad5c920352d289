"""Reading a manuscript (.txt, .md, .docx) into an in-memory outline: no database, no Qt.

parse.read_manuscript is the entry point. Text goes decoding → gutenberg (frame, title, author)
→ text_scan (line roles, contents, headings by rules/headings, paragraphs) → assemble (parts,
chapters, scenes) → cast (candidates); Word files go through docx_reader instead of the first
three. Every reader yields the same Block stream (blocks.py).
"""

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
