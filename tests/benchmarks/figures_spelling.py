"""Spelling figures: the cached check of every word of the book, War and Peace on a cold start,
and the re-check after one keystroke in a 20,000-word scene, each against raw pyenchant.

The raw reference is pyenchant's Dict.check called once per word, on the same dictionary the
checker uses (Hunspell en_US, opened by studio.spelling.enchant_dict without enchant's personal
word list, which makes the reference faster, not slower).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.benchmarks.report import Figure, Target, measured, timed
from tests.benchmarks.timing import Step, pair
from tests.benchmarks.workspace import Workspace

CACHED = Target(0.1)
COLD_WORDS_PER_SECOND = Target(3_000_000, at_least_value=True)
KEYSTROKE = Target(0.1)
LANGUAGE = "en_US"


def _raw_check(words: list[str]) -> Callable[[], int]:
    from studio.spelling.enchant_dict import open_dictionary

    check = open_dictionary(LANGUAGE).check

    def run() -> int:
        return sum(1 for word in words if not check(word))

    return run


def _words(text: str) -> list[str]:
    from studio.spelling.tokens import checkable_words

    return [word for _start, _end, word in checkable_words(text)]


def figures(ws: Workspace, size: str) -> list[Figure]:
    """Every word of the book, scene by scene as `studio check` does, with warm caches."""
    from studio.spelling import SpellChecker

    book = ws.book(size)
    bodies = [s.body for s in book.scenes()]
    checker = SpellChecker(LANGUAGE)
    checker.set_cast(book.cast_names())

    def ours() -> int:
        return sum(len(checker.misspellings(body)) for body in bodies)

    words = _words("\n\n".join(bodies))
    value, ref = pair(Step(ours), Step(_raw_check(words)), ws.runs)
    return [
        timed("spelling every word (cached)", size, value, ref, CACHED, f"{len(words):,} words")
    ]


def fixed_figures(ws: Workspace) -> list[Figure]:
    return [cold_novel(ws), keystroke_recheck(ws)]


def cold_novel(ws: Workspace) -> Figure:
    """Words per second checking a whole novel with a new checker (its caches empty)."""
    from studio.core.text import count_words
    from studio.spelling import SpellChecker

    text = ws.novel.read_text(encoding="utf-8-sig")
    word_count = count_words(text)
    checkers: list[Any] = []

    def fresh() -> None:
        checkers.append(SpellChecker(LANGUAGE))

    def ours() -> tuple[Any, Any]:
        # Returned, not dropped: freeing the dictionary and the results is not checking.
        checker = checkers[-1]
        return checker, checker.misspellings(text)

    def release(_result: object) -> None:
        checkers.clear()

    value, ref = pair(Step(ours, fresh, release), Step(_raw_check(_words(text))), ws.runs)
    name = ws.novel.stem
    return measured(
        "spelling cold (words/s)",
        name,
        word_count / value,
        word_count / ref,
        "words/s",
        COLD_WORDS_PER_SECOND,
        f"{word_count:,} words; reference: raw Dict.check",
    )


def keystroke_recheck(ws: Workspace) -> Figure:
    """One keystroke in a 20,000-word scene, then the whole scene re-checked (caches warm),
    against raw Dict.check of the scene's words. The editor re-checks only the changed
    paragraph, so this is the harder case."""
    from studio.spelling import SpellChecker

    book = ws.book("20k")
    scene = book.text()
    words = _words(scene)
    checker = SpellChecker(LANGUAGE)
    checker.set_cast(book.cast_names())
    checker.misspellings(scene)
    middle = scene.index(" ", len(scene) // 2)
    typed = [0]

    def ours() -> int:
        typed[0] += 1
        edited = scene[:middle] + " spy" + "x" * typed[0] + scene[middle:]
        return len(checker.misspellings(edited))

    value, ref = pair(Step(ours), Step(_raw_check(words)), max(ws.runs, 10))
    return timed(
        "spelling keystroke re-check",
        f"{len(words) // 1000}k-word scene",
        value,
        ref,
        KEYSTROKE,
        "whole scene re-checked after one typed letter",
    )
