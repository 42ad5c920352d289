"""The light markup scene bodies are stored in: *italic* and **bold**."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

# Bold before italic so that ** is never read as two italics. Emphasis does not cross a blank
# line and does not start or end with a space, as in Markdown.
# A bold run does not close on a * that is followed by another, so ***both*** is bold around
# *both* (italic), as in Markdown, rather than **, *both and a stray *.
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*(?!\*)", re.DOTALL)
# No look-behind at the start: a pattern that begins with a literal lets the engine jump from
# one * to the next instead of trying every character; the * before is checked in Python.
_ITALIC = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)", re.DOTALL)


class Emphasis(enum.StrEnum):
    ITALIC = "italic"
    BOLD = "bold"


class MarkupStyle(enum.StrEnum):
    """How emphasis appears in a plain-text export."""

    KEEP = "keep"  # *italic* and **bold** as written
    UNDERSCORE = "underscore"  # _italic_ and _bold_, the manuscript convention for emphasis
    STRIP = "strip"  # the words only


@dataclass(frozen=True)
class EmphasisSpan:
    """One emphasised run: [start, end) covers the markers; the text is inside them."""

    start: int
    end: int
    kind: Emphasis

    @property
    def marker_length(self) -> int:
        return 2 if self.kind is Emphasis.BOLD else 1


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs: emphasis never crosses a blank line, so each is read alone."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        if "*" in paragraph:
            pieces.append((offset, paragraph))
        offset += len(paragraph) + 2
    return pieces


def _italics(paragraph: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    position = 0
    while (m := _ITALIC.search(paragraph, position)) is not None:
        if m.start() > 0 and paragraph[m.start() - 1] == "*":
            position = m.start() + 1
            continue
        found.append((m.start(), m.end()))
        position = m.end()
    return found


def emphasis_spans(text: str) -> list[EmphasisSpan]:
    """Every emphasised run in text, in order of position."""
    spans: list[EmphasisSpan] = []
    for offset, paragraph in _paragraphs(text):
        taken: list[tuple[int, int]] = []
        for m in _BOLD.finditer(paragraph):
            spans.append(EmphasisSpan(offset + m.start(), offset + m.end(), Emphasis.BOLD))
            taken.append((m.start(), m.end()))
        for start, end in _italics(paragraph):
            if any(s <= start < e and not (s < start and end <= e) for s, e in taken):
                continue
            spans.append(EmphasisSpan(offset + start, offset + end, Emphasis.ITALIC))
    spans.sort(key=lambda s: s.start)
    return spans


def render(text: str, style: MarkupStyle) -> str:
    """text with its emphasis shown in style."""
    if style is MarkupStyle.KEEP or "*" not in text:
        return text
    out: list[str] = []
    position = 0
    # Innermost first would need a tree; writers rarely nest, so a flat pass over spans that do
    # not overlap, with nested markers treated by the same rule recursively, is enough.
    for span in emphasis_spans(text):
        if span.start < position:
            continue
        out.append(text[position : span.start])
        inner = text[span.start + span.marker_length : span.end - span.marker_length]
        if style is MarkupStyle.UNDERSCORE:
            # Underscores do not nest: _a _b_ c_ would read as two runs. The outer run
            # already marks the whole as emphasised, so emphasis inside it is stripped.
            out.append(f"_{render(inner, MarkupStyle.STRIP)}_")
        else:
            out.append(render(inner, style))
        position = span.end
    out.append(text[position:])
    return "".join(out)


def strip(text: str) -> str:
    return render(text, MarkupStyle.STRIP)
