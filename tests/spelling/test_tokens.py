from __future__ import annotations

import pytest

from studio.spelling import tokens


def words(text: str) -> list[str]:
    return [word for _start, _end, word in tokens.checkable_words(text)]


def test_offsets_point_at_the_words() -> None:
    text = "“Kirill,” she said — *quietly*—and left.\n\nMacau’s lights."
    found = list(tokens.checkable_words(text))
    assert [w for _s, _e, w in found] == [
        "Kirill",
        "she",
        "said",
        "quietly",
        "and",
        "left",
        "Macau’s",
        "lights",
    ]
    for start, end, word in found:
        assert text[start:end] == word


def test_flatten_keeps_length_and_words() -> None:
    text = "Hello, “world”—https://example.org/x?a=1 and me@spy.ru!"
    flat = tokens.flatten(text)
    assert len(flat) == len(text)
    assert flat.split() == ["Hello", "world", "and"]


def test_links_emails_and_numbers_are_not_words() -> None:
    text = (
        "See https://example.org/a-b, www.lubyanka.ru and sophia.p@mail.ru at 22:15 on "
        "5th May 1991; call 555-0199 or R2D2."
    )
    assert words(text) == ["See", "and", "at", "on", "May", "call", "or"]


def test_a_lone_at_sign_or_slash_is_not_a_link() -> None:
    assert words("meet @ noon and/or later") == ["meet", "noon", "and", "or", "later"]


def test_markup_characters_separate_words() -> None:
    assert words("*italic* **bold** _under_ [note] (aside)") == [
        "italic",
        "bold",
        "under",
        "note",
        "aside",
    ]


def test_hyphenated_words_are_checked_part_by_part() -> None:
    assert words("spies-turned-lovers, a well‐known half–truth") == [
        "spies",
        "turned",
        "lovers",
        "a",
        "well",
        "known",
        "half",
        "truth",
    ]


def test_apostrophes_inside_words_stay_and_at_the_ends_go() -> None:
    assert words("don't don’t 'tis the spies' ‘quoted’ o'clock") == [
        "don't",
        "don’t",
        "tis",
        "the",
        "spies",
        "quoted",
        "o'clock",
    ]


def test_decomposed_accents_stay_in_the_word() -> None:
    decomposed = "Pa\u0301vlovna"
    assert words(f"Anna {decomposed}.") == ["Anna", decomposed]
    assert tokens.normalise(decomposed) == "Pávlovna"


def test_normalise_straightens_apostrophes() -> None:
    assert tokens.normalise("Viktor’s") == "Viktor's"
    assert tokens.normalise("donʼt") == "don't"


def test_locate_finds_whole_pieces_in_order() -> None:
    flat = tokens.flatten("Pierre's friend Pierre met Pierre\nand Pierres")
    assert list(tokens.locate(flat, ["Pierre", "Pierre"])) == [16, 27]


def test_word_at_a_cursor() -> None:
    text = "Sophai smiled."
    assert tokens.word_at(text, 3) == (0, 6, "Sophai")
    assert tokens.word_at(text, 6) == (0, 6, "Sophai")
    assert tokens.word_at(text, 13) == (7, 13, "smiled")
    assert tokens.word_at("  ", 1) is None


def test_locate_refuses_a_piece_that_is_not_there() -> None:
    with pytest.raises(ValueError, match="not a piece"):
        list(tokens.locate("one two", ["two", "one"]))
