"""The cast's names as a spell checker accepts them.

A name is accepted word by word ("Kirill Ivanovich Kalnina" is three words, "Jean-Luc" two, as
the checker reads text), as written, without its accents ("Pávlovna" / "Pavlovna") and in the
plural ("the Petrovs"). Possessives ("Sophia's", "Viktor’s") need no forms here: the checker
accepts any word's possessive when the word itself is accepted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from studio.core.domain import Character, Location, PlotThread
from studio.spelling.tokens import checkable_words, normalise

_COMBINING_ACCENTS = dict.fromkeys(range(0x300, 0x370))


def cast_names(
    characters: Iterable[Character],
    locations: Iterable[Location] = (),
    threads: Iterable[PlotThread] = (),
) -> list[str]:
    """Every name the bible holds, first occurrence first and without repeats."""
    names: list[str] = []
    for character in characters:
        names.extend(
            (
                character.display_name,
                character.given_name,
                character.patronymic,
                character.family_name,
            )
        )
        names.extend(alias.name for alias in character.aliases)
    names.extend(location.name for location in locations)
    names.extend(thread.name for thread in threads)
    return list(dict.fromkeys(name.strip() for name in names if name and name.strip()))


def fold_accents(word: str) -> str:
    """word without combining accents: Pávlovna → Pavlovna, Алёна → Алена."""
    if word.isascii():
        return word
    bare = unicodedata.normalize("NFD", word).translate(_COMBINING_ACCENTS)
    return unicodedata.normalize("NFC", bare)


def fold_accents_all(words: list[str]) -> list[str]:
    """[fold_accents(word) for word in words], for words without white space, in a few C
    passes over them all: "\\n" composes with nothing and separates the words' combining
    sequences, so normalising the joined words normalises each."""
    if not words:
        return []
    joined = "\n".join(words)
    if joined.isascii():
        return list(words)
    bare = unicodedata.normalize("NFD", joined).translate(_COMBINING_ACCENTS)
    return unicodedata.normalize("NFC", bare).split("\n")


def name_words(names: Iterable[str]) -> list[str]:
    """The words of the names as the checker reads them, first occurrence first."""
    words: dict[str, None] = {}
    for name in names:
        for _start, _end, word in checkable_words(name):
            words[normalise(word)] = None
    return list(words)


def accepted_forms(words: Iterable[str]) -> frozenset[str]:
    """Each name word as written, without accents, and in the plural."""
    forms: set[str] = set()
    for word in words:
        for form in (word, fold_accents(word)):
            forms.add(form)
            if not form.endswith("s"):
                forms.add(form + "s")
    return frozenset(forms)
