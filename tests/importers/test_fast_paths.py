"""The fast paths of decoding and scanning give what the plain ways give."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studio.importers.manuscript.decoding import decode_manuscript
from studio.importers.manuscript.gutenberg import find_frame


def gutenberg_edition(body: str) -> str:
    return (
        "Title: A Book\n\n*** START OF THE PROJECT GUTENBERG EBOOK A BOOK ***\n\n"
        f"{body}\n\n*** END OF THE PROJECT GUTENBERG EBOOK A BOOK ***\n\nLicence.\n"
    )


@pytest.mark.parametrize(("stars", "padding"), [(0, 0), (1, 0), (40, 100_000), (500, 100_000)])
def test_the_end_line_is_found_past_lone_stars(stars: int, padding: int) -> None:
    # Markdown emphasis puts many lone "*" between START and END; "***" inside a line is no END.
    body = "\n\n".join(["A *quiet* word ** and ***no end here", "x" * padding] + ["*so*"] * stars)
    text = gutenberg_edition(body)
    lines = text.split("\n")
    frame = find_frame(lines, text)
    assert frame == find_frame(lines)  # the line-by-line search
    assert lines[frame.end].startswith("*** END OF THE PROJECT")


def test_stars_are_found_as_str_find_finds_them() -> None:
    pieces = [
        "*",
        "**",
        "a",
        " ",
        "\n",
        "*** START OF THE PROJECT GUTENBERG",
        "***END OF THIS PROJECT GUTENBERG",
    ]
    rng = random.Random(6)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 150)))
        lines = text.split("\n")
        assert find_frame(lines, text) == find_frame(lines)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),  # Windows
        (b"a\rb\r", "a\nb\n"),  # an old Mac
        (b"a\r\nb\rc\n", "a\nb\nc\n"),  # mixed
        (b"a\r\r\nb", "a\nb"),  # CR CRLF: one line end, as it always was read
        (b"a\r\nb\r", "a\nb\n"),  # a lone CR at the very end
        (b"\xef\xbb\xbfa\r\n", "a\n"),
    ],
)
def test_line_ends_are_made_lf(data: bytes, text: str) -> None:
    assert decode_manuscript(data, Path("m.txt")).text == text
