from __future__ import annotations

from studio.core.domain import (
    Alias,
    AliasKind,
    Character,
    Location,
    PlotThread,
    ThreadKind,
)
from studio.spelling import cast_names
from studio.spelling.names import accepted_forms, fold_accents, fold_accents_all, name_words


def test_cast_names_takes_every_name_once() -> None:
    sophia = Character(
        id=1,
        display_name="Sophia Petrova",
        given_name="Sophia",
        patronymic="Andreyevna",
        family_name="Petrova",
        aliases=(
            Alias(id=1, character_id=1, name="Nightingale", kind=AliasKind.CODENAME),
            Alias(id=2, character_id=1, name="Sonya", kind=AliasKind.NICKNAME),
        ),
    )
    kirill = Character(id=2, display_name="Kirill", family_name="Kalnina")
    names = cast_names(
        [sophia, kirill],
        [Location(id=1, name="Macau"), Location(id=2, name="Moscow")],
        [PlotThread(id=1, name="The Macau Job", kind=ThreadKind.ESPIONAGE)],
    )
    assert names == [
        "Sophia Petrova",
        "Sophia",
        "Andreyevna",
        "Petrova",
        "Nightingale",
        "Sonya",
        "Kirill",
        "Kalnina",
        "Macau",
        "Moscow",
        "The Macau Job",
    ]


def test_names_split_into_the_words_the_checker_reads() -> None:
    assert name_words(["Jean-Luc O’Brien", "Anna Pávlovna", "Agent 47"]) == [
        "Jean",
        "Luc",
        "O'Brien",
        "Anna",
        "Pávlovna",
        "Agent",
    ]


def test_fold_accents() -> None:
    assert fold_accents("Pávlovna") == "Pavlovna"
    assert fold_accents("Алёна") == "Алена"
    assert fold_accents("Kirill") == "Kirill"


def test_accepted_forms_add_unaccented_and_plural_forms() -> None:
    forms = accepted_forms(["Pávlovna", "Petrov", "Boris"])
    assert {"Pávlovna", "Pavlovna", "Pávlovnas", "Petrov", "Petrovs", "Boris"} <= forms
    assert "Boriss" not in forms


def test_fold_accents_all_folds_each_word_as_fold_accents_does() -> None:
    words = [
        "Pávlovna",
        "Pa\u0301vlovna",
        "\u0301start",
        "end\u0301",
        "Алёна",
        "plain",
        "ß",
        "Å\u030a",
        "e\u0327\u0301",
        "ǅemal",
    ]
    assert fold_accents_all(words) == [fold_accents(word) for word in words]
    assert fold_accents_all(["plain", "ascii"]) == ["plain", "ascii"]
    assert fold_accents_all([]) == []
