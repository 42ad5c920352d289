"""Heading patterns real books use, and choosing the one a manuscript uses.

Patterns are matched with re.match at the start of a line as it is in the file, so an indented
line (a table of contents, a centred epigraph) is never a heading unless a pattern allows it.
A pattern may have a named group "title"; otherwise the whole line is the heading's label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studio.importers.manuscript.errors import HeadingPatternError

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
WORD_NUMBER = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred)"
ROMAN = r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
NUMBER = rf"(?:\d{{1,4}}|{ROMAN}|{WORD_NUMBER})"
# After the number: nothing, or a separator and a title ("Chapter 3: The Letter", "BOOK ONE: 1805").
_TAIL = r"\.?(?:\s*(?:[.:—–]|\s-\s|\s{2,})\s*(?P<title>\S.*?))?\s*$"
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last"

CHAPTER_WORD = rf"(?i:chapter)\s+(?i:{NUMBER}){_TAIL}"
ROMAN_TITLE = rf"{ROMAN}\.\s+(?P<title>[A-ZÀ-Þ“\"‘'].{{0,78}}?)\s*$"
ROMAN_ALONE = rf"{ROMAN}\.?\s*$"
MARKDOWN = r"(?P<marks>#{1,6})\s+(?P<title>\S.*?)\s*#*\s*$"

PART_PATTERN = (
    rf"(?:(?i:book|part|volume)\s+(?i:{NUMBER})"
    rf"|(?i:(?:(?:{_ORDINALS})\s+)?(?:epilogue|prologue)|(?:part|book)\s+the\s+(?:{_ORDINALS})))"
    rf"{_TAIL}"
)
# Chapter patterns tried in order, each with the matches it needs (a lone "I." may be a poem's);
# the one matching most heading-like lines wins.
CHAPTER_PATTERNS: tuple[tuple[str, int], ...] = (
    (CHAPTER_WORD, 1),
    (ROMAN_TITLE, 2),
    (ROMAN_ALONE, 2),
)

CONTENTS = re.compile(r"\s*(?:#{1,6}\s+)?(?:table of )?contents\.?\s*$", re.IGNORECASE)
SCENE_BREAK = re.compile(r"\s*(?:(?:\*\s*){3,}|#|~+|(?:~\s*){3,}|⁂|(?:-\s*){3,}|(?:_\s*){3,})\s*$")
# What a scene break's first character after any white space can be.
SCENE_BREAK_FIRST = frozenset("*#~⁂-_")


def compile_pattern(source: str, what: str) -> re.Pattern[str]:
    """A user-edited pattern, or HeadingPatternError saying what is wrong with it."""
    try:
        return re.compile(source)
    except re.error as error:
        raise HeadingPatternError(
            f"The {what} pattern is not a valid regular expression ({error}): correct it, or "
            "clear it to let Safehouse find the headings."
        ) from None


def choose_chapter_pattern(candidates: Sequence[str]) -> str | None:
    """The chapter pattern matching most of the candidate lines (at least one)."""
    best: str | None = None
    best_count = 0
    for source, needed in CHAPTER_PATTERNS:
        pattern = re.compile(source)
        count = sum(1 for line in candidates if pattern.match(line))
        if count >= needed and count > best_count:
            best, best_count = source, count
    return best


def count_markdown_headings(candidates: Sequence[str]) -> int:
    pattern = re.compile(MARKDOWN)
    return sum(1 for line in candidates if pattern.match(line))


def heading_title(match: re.Match[str]) -> str | None:
    """The title a heading carries after its number, if any."""
    if "title" in match.re.groupindex:
        title = match.group("title")
        if title and title.strip():
            return title.strip()
    return None


def label(line: str) -> str:
    """A heading line as a title: "CHAPTER XLVI." → "Chapter XLVI", "BOOK ONE: 1805" kept so."""
    text = line.strip().rstrip(".").strip()
    if text != text.upper():
        return text
    roman = re.compile(rf"{ROMAN}$")
    return " ".join(w if roman.match(w) else _capitalise(w) for w in text.split())


def _capitalise(word: str) -> str:
    return "-".join(piece.capitalize() for piece in word.split("-"))


def is_title_like(line: str) -> bool:
    """Could this lone line after a chapter heading be the chapter's title?"""
    text = line.strip()
    if not text or len(text) > 80 or len(text.split()) > 12:
        return False
    if text[0] in "\"“‘'([" or (text[-1] in ".,;:\"”’'" and not text.endswith("...")):
        return False
    return not SCENE_BREAK.match(text)
