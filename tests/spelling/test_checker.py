from __future__ import annotations

import pytest

from studio.spelling import (
    Dictionaries,
    Misspelling,
    SpellChecker,
    SpellingUnavailableError,
    available_languages,
)
from studio.spelling.errors import missing_library
from tests.spelling.conftest import HARLEY_CAST, KIRILL_CAST, MakeChecker

CAST_WORDS = sorted({w for name in KIRILL_CAST + HARLEY_CAST for w in name.split()})


def flagged(checker: SpellChecker, text: str) -> list[str]:
    return [m.word for m in checker.misspellings(text)]


# -- the cast -----------------------------------------------------------------------------------


def test_the_stories_flag_no_name(cast_checker: SpellChecker, stories: dict[str, str]) -> None:
    assert set(stories) == {"harley-and-viktor.txt", "kirill-and-sophia.txt"}
    for name, text in stories.items():
        words = flagged(cast_checker, text)
        assert not set(words) & set(CAST_WORDS), name
        assert words == [], name  # café is in the genre lists; nothing else is wrong


def test_without_the_cast_the_names_are_flagged(
    checker: SpellChecker, stories: dict[str, str]
) -> None:
    words = set(flagged(checker, "\n".join(stories.values())))
    assert words == {
        "Kirill",
        "Kirill's",
        "Ivanovich",
        "Kalnina",
        "Petrova",
        "Kalmurzaeva",
        "Viktor",
        "Viktor's",
    }  # en_US knows Sophia, Moscow and Macau


def test_the_cast_follows_the_bible(checker: SpellChecker) -> None:
    checker.set_cast(["Harley Kalmurzaeva"])
    assert checker.check_word("Kalmurzaeva")
    generation = checker.generation
    checker.set_cast(["Viktor"])
    assert checker.generation > generation
    assert not checker.check_word("Kalmurzaeva")


def test_possessives_and_plurals_of_names(cast_checker: SpellChecker) -> None:
    text = "Kalnina's coat, Kalmurzaeva’s song, the Kalninas' dacha and both Petrovas."
    assert flagged(cast_checker, text) == []
    for word in ("Kalnina's", "Kalmurzaeva’s", "KALNINA'S"):
        assert cast_checker.check_word(word), word


def test_names_with_or_without_accents(cast_checker: SpellChecker) -> None:
    for word in ("Pávlovna", "Pavlovna", "Schérer", "Scherer", "Pa\u0301vlovna", "Pávlovna’s"):
        assert cast_checker.check_word(word), word
    cast_checker.set_cast(["Anna Pavlovna"])
    assert cast_checker.check_word("Pávlovna")


def test_names_are_case_sensitive_like_proper_nouns(cast_checker: SpellChecker) -> None:
    assert not cast_checker.check_word("kalnina")
    assert cast_checker.check_word("KALNINA")  # ALL-CAPS is not checked by default


def test_all_caps_names_when_all_caps_are_checked(make_checker: MakeChecker) -> None:
    checker = make_checker(check_all_caps=True)
    checker.set_cast(["Kirill Kalnina"])
    assert checker.check_word("KALNINA")
    assert checker.check_word("SVR")  # the genre list
    assert not checker.check_word("RECIEVE")


# -- typos and suggestions ----------------------------------------------------------------------


def test_a_planted_typo_is_caught_with_the_right_suggestion(
    cast_checker: SpellChecker, stories: dict[str, str]
) -> None:
    text = stories["kirill-and-sophia.txt"]
    planted = text.replace("gathering intel", "gathering intel to recieve", 1)
    found = cast_checker.misspellings(planted)
    assert [m.word for m in found] == ["recieve"]
    (typo,) = found
    assert planted[typo.start : typo.end] == "recieve"
    assert cast_checker.suggest("recieve")[0] == "receive"


def test_a_misspelt_name_suggests_the_name_first(
    cast_checker: SpellChecker, stories: dict[str, str]
) -> None:
    planted = stories["kirill-and-sophia.txt"].replace("Sophia's eyes", "Sophai's eyes")
    assert flagged(cast_checker, planted) == ["Sophai's"]
    assert cast_checker.suggest("Sophai's")[0] == "Sophia's"
    assert cast_checker.suggest("Sophai")[0] == "Sophia"
    assert cast_checker.suggest("Kalmurzeva")[0] == "Kalmurzaeva"
    assert cast_checker.suggest("Kalnnia")[0] == "Kalnina"
    assert cast_checker.suggest("Sophai’s")[0] == "Sophia’s"  # the writer's apostrophe


def test_own_words_are_capitalised_like_the_typo(checker: SpellChecker) -> None:
    assert checker.suggest("exfill")[0] == "exfil"
    assert checker.suggest("Exfill")[0] == "Exfil"


def test_suggestions_are_limited_and_never_repeat(checker: SpellChecker) -> None:
    suggestions = checker.suggest("teh", limit=3)
    assert 0 < len(suggestions) <= 3
    assert len(set(suggestions)) == len(suggestions)
    assert "teh" not in suggestions
    assert checker.suggest("   ") == []


def test_misspelling_at_a_cursor(checker: SpellChecker) -> None:
    text = "They recieve orders."
    assert checker.misspelling_at(text, 7) == Misspelling(5, 12, "recieve")
    assert checker.misspelling_at(text, 1) is None
    assert checker.misspelling_at(text, 19) is None


# -- what is not checked ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "https://safehouse.example/scene?id=4",
        "www.lubyanka.ru",
        "kirill.kalnina@svr.example.ru",
        "1812 3rd 22:15 007 B52s",
        "NATO GRU ASAP WTF",
        "*italic* **bold** _under_",
        "don’t can't won’t it’s",
        "a well-known, tight-lipped ex-spy",
    ],
)
def test_not_flagged(checker: SpellChecker, text: str) -> None:
    assert checker.misspellings(text) == []


def test_curly_and_straight_apostrophes_are_the_same(checker: SpellChecker) -> None:
    for straight in ("don't", "wouldn't", "o'clock", "Sophia's"):
        curly = straight.replace("'", "’")
        assert checker.check_word(curly) == checker.check_word(straight), straight
    assert not checker.check_word("dont’t")


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc"])
def test_the_three_apostrophes_agree_everywhere(checker: SpellChecker, apostrophe: str) -> None:
    """Straight, curly (U+2019) and modifier-letter (U+02BC) apostrophes: misspellings,
    misspelling_at and check_word give the same words, leaving out apostrophes at the ends."""
    text = f"{apostrophe}tis dont{apostrophe}t don{apostrophe}t Sophai{apostrophe}s"
    found = checker.misspellings(text)
    assert [m.word for m in found] == ["tis", f"dont{apostrophe}t", f"Sophai{apostrophe}s"]
    for misspelling in found:
        for index in range(misspelling.start, misspelling.end + 1):
            assert checker.misspelling_at(text, index) == misspelling
    assert checker.misspelling_at(text, text.index("don" + apostrophe)) is None
    assert not checker.check_word(f"{apostrophe}tis")
    assert checker.check_word(f"don{apostrophe}t")
    assert not checker.check_word(f"dont{apostrophe}t")


def test_all_caps_words_are_checked_when_asked(make_checker: MakeChecker) -> None:
    checker = make_checker(check_all_caps=True)
    assert checker.check_all_caps
    assert flagged(checker, "NATO and THE KGB said RECIEVE") == ["RECIEVE"]
    checker.set_check_all_caps(False)
    assert flagged(checker, "NATO and THE KGB said RECIEVE") == []


# -- word lists ---------------------------------------------------------------------------------


def test_genre_words_are_on_by_default(checker: SpellChecker) -> None:
    assert checker.genre_words_enabled
    text = "The exfil from the Lubyanka went wrong: kompromat, siloviki, a honeytrap."
    assert flagged(checker, text) == []
    assert checker.check_word("Exfil")  # capitalised at the start of a sentence


def test_genre_words_are_flagged_when_turned_off(make_checker: MakeChecker) -> None:
    checker = make_checker(genre_words=False)
    assert not checker.genre_words_enabled
    text = "The exfil from the Lubyanka went wrong: kompromat, siloviki, a honeytrap."
    assert flagged(checker, text) == ["exfil", "Lubyanka", "kompromat", "siloviki", "honeytrap"]
    checker.set_genre_words(True)
    assert flagged(checker, text) == []


def test_project_words_ignore_and_remove(checker: SpellChecker) -> None:
    assert not checker.check_word("Zaslonova")
    checker.add_words(["Zaslonova", "  ", "skazka"])
    assert checker.project_words == {"Zaslonova", "skazka"}
    assert checker.check_word("Zaslonova") and checker.check_word("Zaslonova’s")
    assert checker.check_word("Skazka")
    assert not checker.check_word("skazki")
    checker.remove_word("Zaslonova")
    assert not checker.check_word("Zaslonova")
    checker.ignore("Zaslonova")
    assert checker.check_word("Zaslonova")
    assert checker.ignored_words == {"Zaslonova"}
    assert checker.project_words == {"skazka"}


def test_extra_words_at_construction(make_checker: MakeChecker) -> None:
    checker = make_checker(extra_words=["Zaslonova"])
    assert checker.project_words == {"Zaslonova"}
    assert checker.check_word("Zaslonova")


# -- languages ----------------------------------------------------------------------------------


def test_hunspell_serves_en_us(checker: SpellChecker) -> None:
    assert checker.provider == "hunspell"
    assert checker.language == "en_US"
    assert "en_US" in available_languages()


def test_en_gb_when_installed(make_checker: MakeChecker, checker: SpellChecker) -> None:
    assert not checker.check_word("colour")
    assert checker.check_word("color")
    if "en_GB" in available_languages():
        british = make_checker("en_GB")
        assert british.check_word("colour")
        assert british.suggest("colr")
    else:
        with pytest.raises(SpellingUnavailableError, match="hunspell-en-gb"):
            SpellChecker("en_GB")


def test_a_missing_dictionary_says_what_to_install() -> None:
    with pytest.raises(SpellingUnavailableError) as caught:
        SpellChecker("xx_XX")
    message = str(caught.value)
    assert "xx_XX" in message
    assert "apt-get install -y hunspell-xx-xx" in message
    assert "en_US" in message  # what is installed instead


def test_a_missing_library_says_what_to_install() -> None:
    message = str(missing_library("libenchant-2.so.2: cannot open shared object file"))
    assert "apt-get install -y libenchant-2-2 hunspell-en-us" in message
    assert "cannot open shared object file" in message


def test_checkers_can_share_dictionaries_and_keep_their_own_words() -> None:
    shelf = Dictionaries()
    try:
        first = SpellChecker(dictionaries=shelf)
        second = SpellChecker(dictionaries=shelf, genre_words=False)
    except SpellingUnavailableError as error:
        pytest.fail(str(error))
    assert shelf.languages == ["en_US"]
    first.add_words(["Zaslonova"])
    second.set_cast(["Kirill Kalnina"])
    assert first.check_word("Zaslonova") and not second.check_word("Zaslonova")
    assert second.check_word("Kalnina") and not first.check_word("Kalnina")
    assert first.check_word("exfil") and not second.check_word("exfil")
    assert first.suggest("recieve")[0] == second.suggest("recieve")[0] == "receive"
    with pytest.raises(SpellingUnavailableError, match="xx_XX"):
        SpellChecker("xx_XX", dictionaries=shelf)
    assert shelf.languages == ["en_US"]
