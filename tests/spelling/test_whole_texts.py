"""The fast path (distinct pieces, cached verdicts, str.find) against a plain word-by-word
reading, on a whole novel and paragraph by paragraph as the editor checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.spelling import Misspelling, SpellChecker, tokens
from tests.spelling.conftest import MakeChecker


def word_by_word(checker: SpellChecker, text: str) -> list[Misspelling]:
    return [
        Misspelling(start, end, word)
        for start, end, word in tokens.checkable_words(text)
        if not checker.check_word(word)
    ]


@pytest.mark.slow
def test_war_and_peace_fast_path_matches_word_by_word(
    make_checker: MakeChecker, manuscripts_dir: Path
) -> None:
    text = (manuscripts_dir / "novels" / "war-and-peace.txt").read_text(encoding="utf-8")
    fast = make_checker()
    found = fast.misspellings(text)
    assert found == word_by_word(make_checker(), text)
    assert all(text[m.start : m.end] == m.word for m in found)
    flagged = {m.word for m in found}
    assert {"Natásha", "Bolkónski"} <= flagged
    assert not {"Pierre", "Moscow", "Napoleon", "the", "The"} & flagged
    assert fast.misspellings(text) == found  # warm: same answer from the caches


def test_paragraph_by_paragraph_equals_the_whole(
    cast_checker: SpellChecker, stories: dict[str, str]
) -> None:
    text = (
        stories["harley-and-viktor.txt"]
        .replace("whispered", "whipsered")
        .replace("Viktor stepped", "Viktr stepped")
    )
    whole = cast_checker.misspellings(text)
    assert [m.word for m in whole] == ["Viktr", "whipsered"]
    by_block: list[Misspelling] = []
    offset = 0
    for block in text.split("\n"):
        by_block += [
            Misspelling(m.start + offset, m.end + offset, m.word)
            for m in cast_checker.misspellings(block)
        ]
        offset += len(block) + 1
    assert by_block == whole


def test_a_keystroke_rechecks_one_block_from_the_caches(
    cast_checker: SpellChecker, stories: dict[str, str]
) -> None:
    scene = stories["kirill-and-sophia.txt"]
    cast_checker.misspellings(scene)
    (block,) = [line for line in scene.split("\n") if "Sophia Petrova" in line]
    typed = block.replace("Sophia Petrova", "Sophia Petrovaa")
    found = cast_checker.misspellings(typed)
    assert [m.word for m in found] == ["Petrovaa"]
    assert cast_checker.suggest("Petrovaa")[0] == "Petrova"


def test_full_caches_start_again_with_the_same_answers(
    make_checker: MakeChecker, stories: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = stories["harley-and-viktor.txt"].replace("whispered", "whipsered")
    expected = make_checker().misspellings(text)
    monkeypatch.setattr("studio.spelling.checker._CACHE_LIMIT", 40)
    small = make_checker()
    for _ in range(3):
        assert small.misspellings(text) == expected
        assert small.misspellings(text[:500] + " Kalmurzaev") == [
            *[m for m in expected if m.end <= 500],
            Misspelling(501, 511, "Kalmurzaev"),
        ]


MIXED = (
    "Natásha’s NATASHA Pávlovna's Pavlovna's Pa\u0301vlovna Kalmurzaeva’s KALNINA'S o'clock 'em "
    "'Tis don’t DON'T s/he Ångström's McDonald THE The tHe café Café CAFÉ cafe's naïve Naïve "
    "Zürich's 1805's 3rd x1y Jean-Luc's rock'n'roll Rostóv Rostóvs Rostóv’s ROSTÓV Sophias "
    "Petrovs Petrova’s Kálnina Kálnina's Schérer's Scherer's Ka\u0301lnina recieve Recieve "
    "RECIEVE recieve's Exfil EXFIL SVR's Moscow's MOSCOW'S"
)


@pytest.mark.parametrize(
    "options",
    [{}, {"check_all_caps": True}, {"genre_words": False}, {"extra_words": ["Rostóv", "naive"]}],
)
def test_accents_possessives_and_capitals_in_bulk_match_word_by_word(
    make_checker: MakeChecker, options: dict[str, object]
) -> None:
    """Alphabetic pieces and their possessives are judged in bulk, the rest word by word: both
    give the answers check_word gives, with or without the cast, in either order of meeting."""
    cast = ["Anna Pávlovna Schérer", "Harley Kalmurzaeva", "Kirill Kalnina", "Jean-Luc"]
    for with_cast in (False, True):
        expected_checker = make_checker(**options)
        bulk = make_checker(**options)
        if with_cast:
            expected_checker.set_cast(cast)
            bulk.set_cast(cast)
        # check_word sends a word with an apostrophe through misspellings (the bulk path):
        # _word_ok is the word-by-word rules themselves.
        expected = [
            Misspelling(start, end, word)
            for start, end, word in tokens.checkable_words(MIXED)
            if not expected_checker._word_ok(word)
        ]
        assert bulk.misspellings(MIXED) == expected
        assert bulk.misspellings(MIXED[::-1][::-1]) == expected  # warm
        assert all(MIXED[m.start : m.end] == m.word for m in expected)
        assert "recieve" in {m.word for m in expected}


@pytest.mark.parametrize("cache_limit", [1_000_000, 60])
def test_chunks_judged_in_batches_give_the_same_answers(
    make_checker: MakeChecker,
    stories: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    cache_limit: int,
) -> None:
    """Small chunks waiting for their new pieces to be judged several at a time, with full
    caches emptied in the middle of a batch, find what one chunk at a time finds."""
    text = "\n".join(stories.values()).replace("whispered", "whipsered") + " Natásha’s Kálnina"
    expected = make_checker().misspellings(text)
    assert {"whipsered", "Natásha’s", "Kálnina"} <= {m.word for m in expected}
    monkeypatch.setattr("studio.spelling.checker._CHUNK", 300)
    monkeypatch.setattr("studio.spelling.checker._PIECES_PER_BATCH", 50)
    monkeypatch.setattr("studio.spelling.checker._CACHE_LIMIT", cache_limit)
    small = make_checker()
    for _ in range(2):
        assert small.misspellings(text) == expected


def test_latin_1_and_wider_chunks_and_every_white_space_match_word_by_word(
    make_checker: MakeChecker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks are bytes when Latin-1 holds them and str otherwise (Cyrillic, œ, ʼ in a link):
    every white space character separates pieces in both, links are blanked in both, and a bad
    piece that is part of a longer one before it is found where it stands alone."""
    line = (
        "Natásha\u00a0recieve\x85Sónya\u2028tis\u3000Rostóv\tme@spy.ru recieved recieve "
        "www.recieve.ru http://x.org/recieve recieve\x1cmeet\u2009recieve\u202fBorís’s "
        "Sophai’s ‘recieve’ — recieve… «recieve» spy-recieve"
    )
    wide = " Пётр recieve œuvre http://пример.рф/recieve recieve"
    text = "\n".join([line, line + wide, line, wide + line, line])
    expected = word_by_word(make_checker(), text)
    assert {"recieve", "Natásha", "Sophai’s"} <= {m.word for m in expected}
    for chunk in (40, 200, 16_384):
        monkeypatch.setattr("studio.spelling.checker._CHUNK", chunk)
        checker = make_checker()
        for _ in range(2):
            assert checker.misspellings(text) == expected
