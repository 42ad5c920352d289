"""Word counts as a word processor gives them, checked against passages counted by hand."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studio.core.text import count_words, round_word_count, word_counts, words


def _lines(path: Path, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a manuscript, BOM and CRLF removed."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return "\n".join(lines[first - 1 : last])


def _paragraph(path: Path, starting: str) -> str:
    paragraphs = path.read_text(encoding="utf-8-sig").split("\n\n")
    matches = [p for p in paragraphs if p.strip().startswith(starting)]
    assert len(matches) == 1, f"expected one paragraph starting {starting!r} in {path.name}"
    return matches[0]


def test_war_and_peace_passage_counted_by_hand(manuscripts_dir: Path) -> None:
    # Curly quotes, em dashes without spaces, accented names, a possessive, a hyphenated noun.
    passage = _lines(manuscripts_dir / "novels" / "war-and-peace.txt", 11471, 11475)
    assert passage.startswith("“By the way, your excellency")
    assert passage.endswith("distinguished himself.”")
    assert count_words(passage) == 44


def test_thirty_nine_steps_passage_counted_by_hand(manuscripts_dir: Path) -> None:
    # The typed double hyphen of a 1915 text, a straight apostrophe and "table-cloth".
    passage = _lines(manuscripts_dir / "novels" / "thirty-nine-steps.txt", 561, 563)
    assert passage.startswith("I was in the soup--that was")
    assert passage.endswith("The men who knew that he")
    assert count_words(passage) == 42


@pytest.mark.parametrize(
    ("starting", "expected"),
    [
        # Counted by the lead.
        ("But after a falling out with her handlers", 53),
        # Counted by hand for this suite: a spaced en dash is no word.
        ("One night, at a packed concert venue", 59),
        # A spaced en dash and "spies-turned-lovers", one word.
        ("As the crowd dispersed and the club emptied", 46),
        # Straight double quotes and two contractions (I've, You're).
        ('"Harley," he whispered', 17),
    ],
)
def test_harley_and_viktor_paragraphs_counted_by_hand(
    manuscripts_dir: Path, starting: str, expected: int
) -> None:
    paragraph = _paragraph(manuscripts_dir / "stories" / "harley-and-viktor.txt", starting)
    assert count_words(paragraph) == expected


RULE_CASES = [
    ("a well-known double-agent", 3),
    ("mother-in-law's", 1),
    ("it's don't", 2),
    ("it’s don’t", 2),
    ("’Tis rock’n’roll", 2),
    ("wait—what", 2),
    ("wait–what", 2),
    ("wait--what", 2),
    ("wait — what", 2),
    ("1,000 and 3.14", 3),
    ("1,000", 1),
    ("3.14", 1),
    ("* * *", 0),
    ("#", 0),
    ("—", 0),
    ("...", 0),
    ("", 0),
    ("   \n\n  ", 0),
    ("“Hello,” he said.", 3),
    ("naïve café Dólokhov", 3),
    ("She *stopped*, **hard**.", 3),
    ("one\u00a0two\tthree\nfour", 4),
]


@pytest.mark.parametrize(("text", "expected"), RULE_CASES)
def test_word_processor_rules(text: str, expected: int) -> None:
    assert count_words(text) == expected


# Mostly-ASCII text is counted from its UTF-8 bytes, text with many other letters by splitting
# it into words: each case is checked alone and inside both kinds of text.
ENGLISH = "He kept the letter. " * 20
RUSSIAN = "Пьер сказал, что письмо у него. " * 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *RULE_CASES,
        ("Пьер — «Ну?»", 2),
        ("été à Ça…", 3),
        ("… “ ” ’", 0),
        ("à—là", 2),
        ("_é_ __ ½ ²", 3),
        ("x\ud800y \ud800", 1),
        ("a\u3000b\u2028c\u2009d\u202fe\x85f", 6),
    ],
)
@pytest.mark.parametrize(("before", "after"), [("", ""), (ENGLISH, ENGLISH), (RUSSIAN, RUSSIAN)])
def test_rules_hold_in_english_and_in_russian_text(
    text: str, expected: int, before: str, after: str
) -> None:
    padding = count_words(before) + count_words(after)
    assert count_words(f"{before}{text} {after}") == expected + padding
    assert count_words(f"{before}{text}\n{after}") == expected + padding
    assert len(words(f"{before} {text} {after}")) == expected + padding


def test_every_white_space_character_parts_words() -> None:
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert count_words("word".join(spaces)) == len(spaces) - 1
    assert count_words(("word " * 40).join(spaces)) == 40 * (len(spaces) - 1)


def test_count_words_agrees_with_words_on_every_manuscript(manuscripts_dir: Path) -> None:
    for path in sorted(manuscripts_dir.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        assert count_words(text) == len(words(text)), path.name
        for paragraph in text.split("\n\n"):
            assert count_words(paragraph) == len(words(paragraph)), paragraph


# word_counts reads many texts at once (one byte per character, a piece at a time): it must give
# count_words' number for each, whatever the characters and wherever the pieces end.
def test_word_counts_are_count_words_on_every_manuscript(manuscripts_dir: Path) -> None:
    for path in sorted(manuscripts_dir.glob("*/*.txt")):
        paragraphs = path.read_text(encoding="utf-8-sig").split("\n\n")
        assert word_counts(paragraphs) == [count_words(p) for p in paragraphs], path.name


ODD_PIECES = [
    *"ab Z09 .,'-_*\n\t",
    *("--", "---", "\u2014", "\u2013", "é", "É", "…", "“", "’", "\xa0", "\u2009", "\u3000"),
    *("П", "ь", "😀", "½", "²", "\ud800", "٣", "a\u0301", "ß", "\x85", "\u2028", "ǅ", "Ⅻ"),
]


def test_word_counts_are_count_words_on_odd_texts() -> None:
    chance = random.Random(4)
    for _ in range(3000):
        texts = [
            "".join(chance.choice(ODD_PIECES) for _ in range(chance.randrange(30)))
            for _ in range(chance.randrange(1, 6))
        ]
        assert word_counts(texts) == [count_words(t) for t in texts], texts
    assert word_counts([]) == []
    assert word_counts(["", ""]) == [0, 0]


def test_word_counts_of_long_and_of_foreign_texts() -> None:
    # Longer than a piece, with dashes about where a piece ends; then Russian, past the number
    # of stand-ins, counted by count_words itself.
    long = ("word " * 52_428 + "x--y a\u2014b\n") * 3
    russian = "Пьер сказал — «Ну?» Это всё: щука, ёж, эхо, юг, яма, цирк, шар, фон, жук. " * 9
    texts = [long, ENGLISH, russian, "", RUSSIAN + ENGLISH]
    assert word_counts(texts) == [count_words(t) for t in texts]


def test_words_lists_what_count_words_counts() -> None:
    text = "“Wait—what?” It’s 3.14, not 1,000-odd. * * *"
    assert words(text) == ["“Wait", "what?”", "It’s", "3.14,", "not", "1,000-odd."]
    assert len(words(text)) == count_words(text)


@pytest.mark.parametrize(
    ("count", "rounded"),
    [
        (0, 0),
        (1, 100),
        (149, 100),
        (150, 200),
        (4_540, 4_500),
        (4_550, 4_600),
        (9_949, 9_900),
        (9_950, 10_000),
        (10_499, 10_000),
        (10_500, 11_000),
        (87_412, 87_000),
        (123_500, 124_000),
    ],
)
def test_round_word_count_as_a_title_page_gives_it(count: int, rounded: int) -> None:
    assert round_word_count(count) == rounded
