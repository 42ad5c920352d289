"""Search across the manuscript: every match of a word, a phrase or a regular expression in
the scenes' bodies, in book order, with its line and a little context.

One SQL query reads the bodies (in book order); Python's ``re`` finds the matches, scene by
scene, so a match never runs from one scene into the next. A plain (not regular-expression)
search of ASCII text first lets SQLite skip the scenes that cannot match (``instr`` or
``LIKE``, both in C), so the bodies of those scenes are never turned into Python strings.

Replace All in the book (replace_all) rewrites the matching scenes in one transaction and keeps
their previous bodies, so that undo_replace can put them back, in one transaction too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Connection, func, select

from studio.core.errors import ValidationError
from studio.core.text import count_words
from studio.services.manuscript_sql import SET_BODY
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


@dataclass(frozen=True)
class MatchCount:
    """How many matches there are in the book, and in how many scenes."""

    matches: int
    scenes: int


@dataclass(frozen=True)
class ReplaceResult:
    """What a Replace All in the book did: enough to say so and to undo it."""

    pattern: str
    replacement: str
    matches: int
    before: Mapping[int, str]
    """Each changed scene's body before the replace (scene id -> body)."""
    after: Mapping[int, str]
    """Each changed scene's body as the replace wrote it."""
    words: Mapping[int, int]
    """Each changed scene's word count after the replace."""

    @property
    def scenes(self) -> int:
        return len(self.before)


@dataclass(frozen=True)
class UndoResult:
    """What undo_replace did: the scenes put back (id -> word count) and those left alone."""

    words: Mapping[int, int]
    kept: tuple[int, ...]
    """Scenes edited (or deleted) since the replace: their text now is the writer's newer word."""


def count_matches(
    project: Project,
    pattern: str,
    *,
    regex: bool = False,
    case_sensitive: bool = False,
    whole_words: bool = False,
) -> MatchCount:
    """How many (non-empty) matches find() would list with no limit, and in how many scenes."""
    compiled = compile_pattern(
        pattern, regex=regex, case_sensitive=case_sensitive, whole_words=whole_words
    )
    prefilter = None if regex else _prefilter(pattern, case_sensitive)
    matches = scenes = 0
    for _scene_id, _chapter_id, body in _bodies(project, prefilter):
        found = sum(1 for match in compiled.finditer(body) if match.end() > match.start())
        if found:
            matches += found
            scenes += 1
    return MatchCount(matches, scenes)


def replace_all(
    project: Project,
    pattern: str,
    replacement: str,
    *,
    regex: bool = False,
    case_sensitive: bool = False,
    whole_words: bool = False,
) -> ReplaceResult:
    """Replace every match find() lists, in every scene, in one transaction.

    A plain replacement is inserted as typed; with regex it is a Python template (``\\1``,
    ``\\g<name>`` name the pattern's groups). Only the matched characters change (markup and
    everything else in the scene stays as it is), and each changed scene's word count is
    stored with it. The result keeps the previous bodies for undo_replace.
    """
    compiled = compile_pattern(
        pattern, regex=regex, case_sensitive=case_sensitive, whole_words=whole_words
    )
    substitute = _substitution(replacement, regex)
    prefilter = None if regex else _prefilter(pattern, case_sensitive)
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    words: dict[int, int] = {}
    matches = 0
    with project.database.write_connection() as connection:
        # Read and written in the same transaction: nothing can come in between.
        for scene_id, _chapter_id, body in connection.execute(_bodies_query(prefilter)):
            counter = _Counter(substitute)
            try:
                new_body = compiled.sub(counter, body)
            except (re.error, IndexError) as error:
                raise ValidationError(
                    f"The replacement {replacement!r} is not valid ({error}): write a group as "
                    "\\1 or \\g<name>, or turn off Regular expression to replace as typed."
                ) from None
            if counter.count and new_body != body:
                matches += counter.count
                before[scene_id] = body
                after[scene_id] = new_body
                words[scene_id] = count_words(new_body)
        _write_bodies(connection, after, words)
    return ReplaceResult(pattern, replacement, matches, before, after, words)


def undo_replace(project: Project, result: ReplaceResult) -> UndoResult:
    """Put back the bodies result replaced, in one transaction.

    A scene edited since the replace (its body is no longer what the replace wrote) or deleted
    since is left as it is: its newer words are the writer's, and are never thrown away.
    """
    bodies: dict[int, str] = {}
    words: dict[int, int] = {}
    kept: list[int] = []
    ids = list(result.before)
    with project.database.write_connection() as connection:
        now: dict[int, str] = {}
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start : start + _IDS_PER_QUERY]
            query = select(SceneRow.id, SceneRow.body).where(SceneRow.id.in_(chunk))
            now.update((row.id, row.body) for row in connection.execute(query))
        for scene_id in ids:
            if now.get(scene_id) == result.after[scene_id]:
                bodies[scene_id] = result.before[scene_id]
                words[scene_id] = count_words(bodies[scene_id])
            else:
                kept.append(scene_id)
        _write_bodies(connection, bodies, words)
    return UndoResult(words, tuple(kept))


_IDS_PER_QUERY: Final = 500  # well under SQLite's limit on bound parameters


def _write_bodies(
    connection: Connection, bodies: Mapping[int, str], words: Mapping[int, int]
) -> None:
    if bodies:
        connection.execute(
            SET_BODY,
            [
                {"scene_id": scene_id, "new_body": body, "new_words": words[scene_id]}
                for scene_id, body in bodies.items()
            ],
        )


def _substitution(replacement: str, regex: bool) -> Callable[[re.Match[str]], str]:
    if regex:
        return lambda match: match.expand(replacement)
    return lambda _match: replacement


class _Counter:
    """re.sub's replacement function: counts the matches it replaces; an empty match (which
    find() does not list) is left as it is."""

    def __init__(self, substitute: Callable[[re.Match[str]], str]) -> None:
        self._substitute = substitute
        self.count = 0

    def __call__(self, match: re.Match[str]) -> str:
        if match.end() == match.start():
            return ""
        self.count += 1
        return self._substitute(match)


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
    with project.database.read() as session:
        rows = session.execute(_bodies_query(condition)).all()
    yield from rows


def _bodies_query(condition: Any | None) -> Any:
    query = (
        select(SceneRow.id, SceneRow.chapter_id, SceneRow.body)
        .join(ChapterRow, SceneRow.chapter_id == ChapterRow.id)
        .outerjoin(PartRow, ChapterRow.part_id == PartRow.id)
        .order_by(func.coalesce(PartRow.position, -1), ChapterRow.position, SceneRow.position)
    )
    if condition is not None:
        query = query.where(condition)
    return query


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
