"""read_manuscript: a .txt, .md or .docx file → a ManuscriptOutline (nothing is written)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

from studio.importers.manuscript.assemble import assemble
from studio.importers.manuscript.cast import find_candidates
from studio.importers.manuscript.decoding import decode_manuscript
from studio.importers.manuscript.docx_reader import read_docx
from studio.importers.manuscript.errors import ManuscriptImportError
from studio.importers.manuscript.outline import (
    CastCandidate,
    ManuscriptOutline,
    OutlinePart,
    OutlineScene,
)
from studio.importers.manuscript.text_scan import scan_text

Progress = Callable[[float], None]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
WORD_SUFFIXES = frozenset({".docx"})
_UNSUPPORTED = {
    ".doc": "an old Word .doc file",
    ".odt": "an OpenDocument file",
    ".rtf": "an RTF file",
    ".pdf": "a PDF",
    ".pages": "a Pages file",
    ".epub": "an EPUB book",
}
_SAVE_AS = "Save it as plain text (.txt), Markdown (.md) or Word (.docx) and import that."


def read_manuscript(
    path: Path,
    heading_pattern: str | None = None,
    progress: Progress | None = None,
    *,
    part_pattern: str | None = None,
    candidates: bool = True,
) -> ManuscriptOutline:
    """Read a manuscript into parts, chapters, scenes and cast candidates.

    With candidates=False the cast is not looked for (outline.candidates is empty), for a
    caller that will not offer it.

    heading_pattern / part_pattern replace the detected chapter / part heading patterns (regular
    expressions matched at the start of each line; a named group "title" gives the title; an
    empty part_pattern means no parts). Raises ManuscriptImportError (HeadingPatternError for a
    bad pattern) with a message naming the file and what to do.
    """
    report = progress or _silent
    report(0.0)
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise ManuscriptImportError(
            f"Cannot import “{path.name}”: it is {_UNSUPPORTED[suffix]}. {_SAVE_AS}"
        )
    with collection_paused:
        if suffix in WORD_SUFFIXES:
            _check_readable(path)
            return _read_word(path, heading_pattern, part_pattern, report, candidates)
        return _read_text(path, heading_pattern, part_pattern, report, candidates)


class _CollectorPause:
    """Python's cycle collector off while a book is read: reading makes no cycles, but its
    million small objects set the collector off again and again (a fifth of the time). Reads on
    several threads are counted, and the last one out puts the collector back as it found it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.enable()


collection_paused = _CollectorPause()


def _silent(_fraction: float) -> None:
    return None


def _check_readable(path: Path) -> None:
    if not path.is_file():
        raise ManuscriptImportError(
            f"Cannot import “{path}”: there is no such file. Check the name and the folder."
        )


def _read_bytes(path: Path) -> bytes:
    _check_readable(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ManuscriptImportError(
            f"Cannot read “{path}”: {error.strerror or error}. Check that the file is yours to "
            "read and not open elsewhere, then try again."
        ) from error


def _read_text(
    path: Path,
    heading_pattern: str | None,
    part_pattern: str | None,
    report: Progress,
    with_candidates: bool,
) -> ManuscriptOutline:
    decoded = decode_manuscript(_read_bytes(path), path)
    report(0.2)
    scan = scan_text(
        decoded.text,
        markdown=path.suffix.lower() in MARKDOWN_SUFFIXES,
        heading_pattern=heading_pattern,
        part_pattern=part_pattern,
    )
    report(0.6)
    title = scan.frame.title
    assembled = assemble(scan.blocks, title or path.stem)
    candidates = _candidates(assembled.parts, assembled.front_matter, with_candidates)
    report(1.0)
    return ManuscriptOutline(
        title=title or assembled.book_title or path.stem,
        author=scan.frame.author or "",
        parts=assembled.parts,
        candidates=candidates,
        encoding=decoded.encoding,
        notices=decoded.notices,
        heading_pattern=scan.rules.chapter_source,
        part_pattern=scan.rules.part_source,
        front_matter=assembled.front_matter,
    )


def _read_word(
    path: Path,
    heading_pattern: str | None,
    part_pattern: str | None,
    report: Progress,
    with_candidates: bool,
) -> ManuscriptOutline:
    content = read_docx(path, heading_pattern, part_pattern)
    report(0.6)
    assembled = assemble(content.blocks, content.core_title or path.stem)
    candidates = _candidates(assembled.parts, assembled.front_matter, with_candidates)
    report(1.0)
    rules = content.rules
    notices = (
        () if rules is not None else ("Chapters and parts were taken from Word heading styles.",)
    )
    return ManuscriptOutline(
        title=assembled.book_title or content.core_title or path.stem,
        author=content.core_author,
        parts=assembled.parts,
        candidates=candidates,
        encoding="Word (.docx)",
        notices=notices,
        heading_pattern=rules.chapter_source if rules else "",
        part_pattern=rules.part_source if rules else "",
        front_matter=assembled.front_matter,
    )


def _candidates(
    parts: tuple[OutlinePart, ...], front: tuple[OutlineScene, ...], wanted: bool
) -> tuple[CastCandidate, ...]:
    return find_candidates(_bodies(parts, front)) if wanted else ()


def _bodies(parts: tuple[OutlinePart, ...], front: tuple[OutlineScene, ...]) -> list[str]:
    bodies = [scene.body for scene in front]
    for part in parts:
        bodies.extend(scene.body for chapter in part.chapters for scene in chapter.scenes)
    return bodies
