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
    wanted = None if options.chapter_ids is None else set(options.chapter_ids)
    chosen = [
        (number, chapter)
        for number, chapter in enumerate(book.chapters, start=1)
        if wanted is None or chapter.id in wanted
    ]
    total_scenes = sum(len(chapter.scenes) for _, chapter in chosen)
    words = sum(scene.word_count for _, chapter in chosen for scene in chapter.scenes)

    info = book.info
    title, author = _quotes(info.title, options.quotes), _quotes(info.author, options.quotes)
    blocks: list[str] = [_title_block(title, author, words)]
    front_matter = book.settings.get("front_matter")
    if isinstance(front_matter, str) and front_matter.strip() and wanted is None:
        blocks.append(_prose(front_matter, options))
    separator = options.separator.strip() or "#"
    current_part: int | None = None
    done = 0
    for number, chapter in chosen:
        if chapter.part_id is not None and chapter.part_id != current_part:
            blocks.append(f"\n\n{_quotes(chapter.part_title or '', options.quotes).upper()}")
            current_part = chapter.part_id
        blocks.append(_chapter_heading(number, chapter.title, options))
        # The separator goes between scenes that print something: never straight after the
        # heading, and never twice in a row around a scene that is still empty.
        printed = False
        for scene in chapter.scenes:
            text = _scene(scene.title, scene.synopsis, scene.body, options)
            if options.notes and scene.notes.strip():
                text = "\n\n".join(
                    t for t in (text, _prose(f"[Notes: {scene.notes.strip()}]", options)) if t
                )
            if text:
                if printed:
                    blocks.append(separator)
                blocks.append(text)
                printed = True
            done += 1
            if progress is not None:
                progress(done, total_scenes)
    blocks.append("\nTHE END")
    text = _joined(blocks)
    if options.line_ending != "lf":
        text = text.replace("\n", LINE_ENDINGS[options.line_ending])
    return text


def _joined(blocks: list[str]) -> str:
    """The blocks that are not empty joined by a blank line and ended by a line break, with
    the spaces and tabs before a line break dropped and a run of more than three line breaks
    cut to three.

    Block by block rather than by substitutions over the whole text (a regex pass over a long
    book costs more than the rest of the export), and with the same result: a block is
    always followed by a line break (the blank line or the last one), so its own spaces before
    one are its own affair, and the only runs of line breaks that cross blocks are the ones
    around the joins, counted here as they are written.
    """
    out: list[str] = []
    pending = 0  # line breaks read but not yet written
    first = True
    for block in blocks:
        if not block:
            continue
        if not first:
            pending += 2
        first = False
        # One scan for both things to tidy (a block almost never has either): the regex
        # jumps from line break to line break, where two substring tests step through
        # every character.
        untidy = _UNTIDY.search(block) is not None or block.endswith((" ", "\t"))
        if untidy:
            block = _TRAILING_SPACE.sub("\n", block + "\n")[:-1]
        core = block.strip("\n")
        if not core:
            pending += len(block)
            continue
        pending += len(block) - len(block.lstrip("\n"))
        out.append("\n" * min(pending, 3))
        out.append(_BLANK_LINES.sub("\n\n\n", core) if untidy and "\n\n\n\n" in core else core)
        pending = len(block) - len(block.rstrip("\n"))
    out.append("\n" * min(pending + 1, 3))
    return "".join(out)


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
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip("\n")
    # Quotes first, while the emphasis markers that may stand before a quote are still there.
    text = _emphasis(_quotes(text, options.quotes), options.markup)
    if options.wrap_width:
        text = _wrap(text, options.wrap_width)
    return text


def _emphasis(text: str, style: MarkupStyle) -> str:
    """render(text, style), by rendering only the paragraphs that hold an asterisk.

    Emphasis never crosses a blank line, so render reads a text paragraph by paragraph, and
    copies one without an asterisk as it is; but it splits the whole text into paragraphs to
    find them, which costs more than the rest of rendering a scene. Each asterisk is found
    here by a one-character search instead, and only its paragraph is rendered. A text with
    italics only (no two asterisks side by side, as almost every scene) takes a quicker way.
    """
    if style is MarkupStyle.KEEP:
        return text
    star = text.find("*")
    if star == -1:
        return text
    italics = _italics_only(text, star, "_" if style is MarkupStyle.UNDERSCORE else "")
    if italics is not None:
        return italics
    out: list[str] = []
    done = 0
    while star != -1:
        start = text.rfind("\n\n", done, star)
        start = done if start == -1 else start + 2
        end = text.find("\n\n", star)
        if end == -1:
            end = len(text)
        out.append(text[done:start])
        out.append(render(text[start:end], style))
        done = end
        star = text.find("*", end)
    out.append(text[done:])
    return "".join(out)


def _italics_only(text: str, star: int, marker: str) -> str | None:
    """render(text, style) for a text whose asterisks all stand alone, or None if two stand
    side by side (bold, or a stray pair), which render must read.

    With no asterisk beside another, render's rules come down to one: an italic run is the
    shortest *...* from each asterisk on, starting and ending beside a character that is not
    white space and crossing no blank line, and inside it no other run can be closed (its
    closing asterisk would have closed this one first), so the run is printed as its text
    between two markers. Each asterisk is found by a one-character search and the run tried
    there, rather than a regex search that steps through every character of the scene.
    """
    stars = [star]
    while (star := text.find("*", star + 1)) != -1:
        if star == stars[-1] + 1:
            return None
        stars.append(star)
    out: list[str] = []
    done = 0
    match = _ITALIC_RUN.match
    for star in stars:
        if star < done:
            continue  # inside the run just printed
        run = match(text, star)
        if run is not None:
            out.append(text[done:star])
            out.append(marker)
            out.append(run.group(1))
            out.append(marker)
            done = run.end()
    out.append(text[done:])
    return "".join(out)


def _wrap(text: str, width: int) -> str:
    """Each line wrapped on its own: a single line break (verse, a letter) is the writer's."""
    return "\n".join(
        textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False)
        for line in text.split("\n")
    )


_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n\n\n\n+")  # three newlines a literal prefix: a fast scan
# A line break after a space or a tab, or starting a run of four: a pattern that starts with
# one literal character is searched for by a tight loop over the text.
_UNTIDY = re.compile(r"\n(?:(?<=[ \t]\n)|(?=\n\n\n))")
# markup._ITALIC where no asterisk stands beside another (so no look-around for one is needed),
# run from an asterisk, and kept inside a paragraph as render keeps it.
_ITALIC_RUN = re.compile(r"\*(?=\S)((?:(?!\n\n).)+?)(?<=\S)\*", re.DOTALL)
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
