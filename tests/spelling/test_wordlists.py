from __future__ import annotations

from studio.spelling.wordlists import (
    GENRE_LISTS,
    genre_words,
    load_wordlist,
    parse_wordlist,
    resources_dir,
    wordlist_path,
)
from tests.spelling.conftest import MakeChecker


def test_resources_are_found() -> None:
    assert (resources_dir() / "wordlists").is_dir()
    for name in GENRE_LISTS:
        assert wordlist_path(name).is_file()


def test_lists_are_one_word_per_line_without_repeats() -> None:
    for name in GENRE_LISTS:
        lines = wordlist_path(name).read_text(encoding="utf-8").splitlines()
        assert lines == [line.strip() for line in lines if line.strip()], name
        assert not any(" " in line for line in lines), name
        assert len(lines) == len(set(lines)), name


def test_tradecraft_list_holds_the_genre() -> None:
    words = load_wordlist("tradecraft.txt")
    assert len(words) >= 150
    assert {"exfil", "SVR", "FSB", "GRU", "Lubyanka", "siloviki", "kompromat"} <= words


def test_genre_lists_hold_only_words_en_us_lacks(make_checker: MakeChecker) -> None:
    plain = make_checker(genre_words=False, check_all_caps=True)
    checkable = [w for w in genre_words() if not any(c.isdigit() for c in w)]  # not MI5, MI6
    assert sorted(w for w in checkable if plain.check_word(w)) == []


def test_parse_skips_comments_and_blank_lines() -> None:
    assert parse_wordlist("# agencies\nSVR\n\n  FSB  # Lubyanka\n") == ["SVR", "FSB"]
