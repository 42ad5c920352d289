"""The "nothing lost" check: the body words of a source text, computed apart from the parser.

Boilerplate is cut here by its own simple rule (the START/END lines); the parser is asked only
which lines it took as headings or contents (and credits), and those lines are checked against
what they should be by the tests.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from studio.core.text import words
from studio.importers.manuscript.outline import ManuscriptOutline
from studio.importers.manuscript.text_scan import LineRole, TextScan, scan_text


def source_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def gutenberg_body(lines: list[str]) -> range:
    """Lines between "*** START OF" and "*** END OF" (all lines when there are none)."""
    starts = [i for i, line in enumerate(lines) if line.startswith("*** START OF")]
    ends = [i for i, line in enumerate(lines) if line.startswith("*** END OF")]
    return range(starts[0] + 1 if starts else 0, ends[0] if ends else len(lines))


def scan(path: Path) -> TextScan:
    return scan_text(
        "\n".join(source_lines(path)), markdown=False, heading_pattern=None, part_pattern=None
    )


def expected_words(path: Path, text_scan: TextScan) -> list[str]:
    """Body words: Gutenberg frame cut, then the lines the parser set aside dropped."""
    lines = source_lines(path)
    kept = (
        lines[i]
        for i in gutenberg_body(lines)
        if text_scan.roles[i] in (LineRole.BODY, LineRole.BLANK)
    )
    return words("\n".join(kept).replace("_", "").replace("*", ""))


def outline_words(outline: ManuscriptOutline) -> list[str]:
    """The words of every scene (front matter first), markup asterisks removed."""
    found: list[str] = []
    for scene in outline.scenes():
        found.extend(words(scene.body.replace("*", "").replace("_", "")))
    return found


def set_aside(path: Path, text_scan: TextScan) -> Counter[LineRole]:
    """How many lines inside the Gutenberg frame the parser did not take as body, by role."""
    lines = source_lines(path)
    return Counter(
        text_scan.roles[i]
        for i in gutenberg_body(lines)
        if text_scan.roles[i] not in (LineRole.BODY, LineRole.BLANK)
    )


def first_difference(expected: list[str], found: list[str]) -> str:
    for index, (a, b) in enumerate(zip(expected, found, strict=False)):
        if a != b:
            expected_here, found_here = expected[index : index + 8], found[index : index + 8]
            return f"word {index}: expected {expected_here}, got {found_here}"
    return f"lengths differ: expected {len(expected)} words, got {len(found)}"
