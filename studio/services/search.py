"""Search across the manuscript: every match of a word, a phrase or a regular expression in
the scenes' bodies, in book order, with its line and a little context.

One SQL query reads the bodies (in book order); Python's ``re`` finds the matches, scene by
scene, so a match never runs from one scene into the next. A plain (not regular-expression)
search of ASCII text first lets SQLite skip the scenes that cannot match (``instr`` or
``LIKE``, both in C), so the bodies of those scenes are never turned into Python strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from studio.core.errors import ValidationError
from studio.storage.models import ChapterRow, PartRow, SceneRow

if TYPE_CHECKING:
    from studio.services.project import Project

CONTEXT_CHARS = 40
"""How many characters of the line a hit's context shows on either side of the match."""

_ELLIPSIS = "…"
# Python's case-insensitive matching pairs these ASCII letters with non-ASCII ones too (K and the
# Kelvin sign, s and the long s, i and the dotted capital I...): SQLite's LIKE folds ASCII only,
# so the pre-filter lets any character stand in for them.
_UNICODE_FOLDING = str.maketrans(dict.fromkeys("kKsSiI", "_"))


@dataclass(frozen=True)
class SearchHit:
    """One match: body[start:end] of the scene; line counts from 1 within the scene's body."""

    scene_id: int
    chapter_id: int
    start: int
    end: int
    line: int
    context: str
    match_at: int = 0
    """Where the match begins in context (after any leading ellipsis)."""


def compile_pattern(
    pattern: str, *, regex: bool = False, case_sensitive: bool = False, whole_words: bool = False
) -> re.Pattern[str]:
    """The regular expression find() uses for these options (the benchmark uses it too)."""
    if not pattern:
        raise ValidationError("Type something to search for.")
    source = pattern if regex else re.escape(pattern)
    if whole_words:
        source = rf"(?<!\w)(?:{source})(?!\w)"
    flags = re.MULTILINE if case_sensitive else re.MULTILINE | re.IGNORECASE
    try:
        return re.compile(source, flags)
    except re.error as error:
        where = "" if error.pos is None else f" at character {error.pos + 1}"
        raise ValidationError(
            f"{pattern!r} is not a valid regular expression ({error.msg}{where}); "
            "correct it, or search for the plain text instead."
        ) from None


def find(
    project: Project,
    pattern: str,
    *,
    regex: bool = False,
    case_sensitive: bool = False,
    whole_words: bool = False,
    limit: int | None = None,
) -> list[SearchHit]:
    """Every match of pattern in the scenes' bodies, in book order (at most limit of them).

    A plain pattern is matched literally, case-insensitively unless case_sensitive; with
    regex it is a Python regular expression (``^`` and ``$`` match at each line). whole_words
    keeps only matches that do not start or end inside a word. Empty matches are left out.
    """
    compiled = compile_pattern(
        pattern, regex=regex, case_sensitive=case_sensitive, whole_words=whole_words
    )
    hits: list[SearchHit] = []
    if limit is not None and limit <= 0:
        return hits
    prefilter = None if regex else _prefilter(pattern, case_sensitive)
    for scene_id, chapter_id, body in _bodies(project, prefilter):
        line = 1
        counted = 0
        for match in compiled.finditer(body):
            start, end = match.span()
            if start == end:
                continue
            line += body.count("\n", counted, start)
            counted = start
            context, match_at = _context(body, start, end)
            hits.append(SearchHit(scene_id, chapter_id, start, end, line, context, match_at))
            if limit is not None and len(hits) >= limit:
                return hits
    return hits


def _prefilter(pattern: str, case_sensitive: bool) -> Any | None:
    """An SQL condition every body holding the plain pattern meets, or None (no safe one)."""
    if not pattern.isascii():
        return None
    if case_sensitive:
        return func.instr(SceneRow.body, pattern) > 0
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return SceneRow.body.like(f"%{escaped.translate(_UNICODE_FOLDING)}%", escape="\\")


def _bodies(project: Project, condition: Any | None) -> Iterator[tuple[int, int, str]]:
    """(scene id, chapter id, body) of every scene, in book order, meeting condition."""
    query = (
        select(SceneRow.id, SceneRow.chapter_id, SceneRow.body)
        .join(ChapterRow, SceneRow.chapter_id == ChapterRow.id)
        .outerjoin(PartRow, ChapterRow.part_id == PartRow.id)
        .order_by(func.coalesce(PartRow.position, -1), ChapterRow.position, SceneRow.position)
    )
    if condition is not None:
        query = query.where(condition)
    with project.database.read() as session:
        rows = session.execute(query).all()
    yield from rows


def _context(body: str, start: int, end: int) -> tuple[str, int]:
    """The match with up to CONTEXT_CHARS of its line on either side (… where cut), and where
    the match begins in it."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    if line_end == -1:
        line_end = len(body)
    left = max(line_start, start - CONTEXT_CHARS)
    right = min(line_end, end + CONTEXT_CHARS)
    text = body[left:right].replace("\n", " ")
    match_at = start - left
    if left > line_start:
        kept = text.lstrip()
        match_at = max(0, match_at - (len(text) - len(kept))) + len(_ELLIPSIS)
        text = _ELLIPSIS + kept
    if right < line_end:
        text = text.rstrip() + _ELLIPSIS
    return text, match_at
