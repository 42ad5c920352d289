"""The plain-text manuscript: title block, chapter headings, scene separators, clean prose.

The output is a pure function of the project and the options, byte for byte, so an export can be
compared with a reference file and re-exporting an unchanged book changes nothing.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studio.core.errors import ExportError, ValidationError
from studio.core.markup import MarkupStyle, render
from studio.core.text import round_word_count
from studio.export.files import write_atomically

if TYPE_CHECKING:
    from studio.services.project import Project

Progress = Callable[[int, int], None]
QUOTE_STYLES = ("keep", "straight", "curly")
LINE_ENDINGS = {"lf": "\n", "crlf": "\r\n"}


@dataclass(frozen=True)
class PlainTextOptions:
    separator: str = "#"
    chapter_titles: bool = True
    scene_titles: bool = False
    markup: MarkupStyle = MarkupStyle.UNDERSCORE
    quotes: str = "keep"
    line_ending: str = "lf"
    wrap_width: int | None = None
    chapter_ids: tuple[int, ...] | None = None
    synopses: bool = False
    notes: bool = False

    def validate(self) -> None:
        if self.quotes not in QUOTE_STYLES:
            raise ValidationError(f"Quotes must be one of {', '.join(QUOTE_STYLES)}.")
        if self.line_ending not in LINE_ENDINGS:
            raise ValidationError("Line endings must be lf or crlf.")
        if self.wrap_width is not None and self.wrap_width < 20:
            raise ValidationError("A wrap width under 20 characters would be unreadable.")


def render_plain_text(
    project: Project, options: PlainTextOptions, progress: Progress | None = None
) -> str:
    """The whole manuscript as text, as export_plain_text would write it."""
    options.validate()
    book = project.manuscript.book_text()
    binder, info, bodies = book.binder, book.info, book.bodies
    wanted = None if options.chapter_ids is None else set(options.chapter_ids)
    numbers = {c.chapter.id: n for n, c in enumerate(binder.chapters(), start=1)}
    chosen = [
        (group.part, chapter)
        for group in binder.parts
        for chapter in group.chapters
        if wanted is None or chapter.chapter.id in wanted
    ]
    total_scenes = sum(len(chapter.scenes) for _, chapter in chosen)
    words = sum(chapter.word_count for _, chapter in chosen)

    title, author = _quotes(info.title, options.quotes), _quotes(info.author, options.quotes)
    blocks: list[str] = [_title_block(title, author, words)]
    front_matter = book.settings.get("front_matter")
    if isinstance(front_matter, str) and front_matter.strip() and wanted is None:
        blocks.append(_prose(front_matter, options))
    current_part: int | None = None
    done = 0
    for part, chapter in chosen:
        if part is not None and part.id != current_part:
            blocks.append(f"\n\n{_quotes(part.title, options.quotes).upper()}")
            current_part = part.id
        blocks.append(_chapter_heading(numbers[chapter.chapter.id], chapter.chapter.title, options))
        # The separator goes between scenes that print something: never straight after the
        # heading, and never twice in a row around a scene that is still empty.
        printed = False
        for scene in chapter.scenes:
            text = _scene(scene.title, scene.synopsis, bodies.get(scene.id, ""), options)
            if options.notes:
                notes = project.manuscript.scene(scene.id).notes
                if notes.strip():
                    text = "\n\n".join(
                        t for t in (text, _prose(f"[Notes: {notes.strip()}]", options)) if t
                    )
            if text:
                if printed:
                    blocks.append(options.separator.strip() or "#")
                blocks.append(text)
                printed = True
            done += 1
            if progress is not None:
                progress(done, total_scenes)
    blocks.append("\nTHE END")
    text = "\n\n".join(b for b in blocks if b) + "\n"
    # Whole-book passes only where they change something: a regex scan of a long book costs
    # more than the rest of the export, and the `in` tests are a fast substring search.
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n\n", text)
    if options.line_ending != "lf":
        text = text.replace("\n", LINE_ENDINGS[options.line_ending])
    return text


def export_plain_text(
    project: Project, path: Path, options: PlainTextOptions, progress: Progress | None = None
) -> None:
    """Write the manuscript to path in UTF-8; the old file stays whole until the new one is."""
    text = render_plain_text(project, options, progress)
    try:
        write_atomically(Path(path), text.encode("utf-8"))
    except OSError as error:
        raise ExportError(f"Could not write {path}: {error.strerror or error}.") from error


def _title_block(title: str, author: str, words: int) -> str:
    lines = [title.upper()]
    if author:
        lines.append(f"by {author}")
    lines.append(f"about {round_word_count(words):,} words")
    return "\n".join(lines) + "\n"


def _chapter_heading(number: int, title: str, options: PlainTextOptions) -> str:
    heading = f"\nChapter {number}"
    if options.chapter_titles and title and title != f"Chapter {number}":
        heading += f"\n{_quotes(title, options.quotes)}"
    return heading + "\n"


def _scene(title: str, synopsis: str, body: str, options: PlainTextOptions) -> str:
    pieces: list[str] = []
    if options.scene_titles and title:
        pieces.append(_quotes(title, options.quotes))
    if options.synopses and synopsis.strip():
        pieces.append(_prose(f"[Synopsis: {synopsis.strip()}]", options))
    pieces.append(_prose(body, options))
    return "\n\n".join(p for p in pieces if p)


def _prose(text: str, options: PlainTextOptions) -> str:
    """Stored text as the manuscript shows it: quotes, then emphasis, then wrapping."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    # Quotes first, while the emphasis markers that may stand before a quote are still there.
    text = render(_quotes(text, options.quotes), options.markup)
    if options.wrap_width:
        text = _wrap(text, options.wrap_width)
    return text


def _wrap(text: str, width: int) -> str:
    """Each line wrapped on its own: a single line break (verse, a letter) is the writer's."""
    return "\n".join(
        textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False)
        for line in text.split("\n")
    )


_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n\n\n\n+")  # three newlines a literal prefix: a fast scan
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
# A quote opens at the start, after white space, an opening bracket, a dash, an emphasis
# marker (*"Run!"*) or, for a single quote, an opening double quote ("'Tis', she said").
_OPENING_DOUBLE = re.compile(r'(^|[\s(\[{—–*_‘-])"')
_OPENING_SINGLE = re.compile(r"(^|[\s(\[{—–*_“-])'(?=\w)")


def _quotes(text: str, style: str) -> str:
    if style == "straight":
        return text.translate(_STRAIGHT)
    if style == "curly":
        text = _OPENING_DOUBLE.sub(r"\1“", text).replace('"', "”")
        return _OPENING_SINGLE.sub(r"\1‘", text).replace("'", "’")
    return text
