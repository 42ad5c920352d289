"""Spelling tests run on the real enchant library and Hunspell's en_US: never mocked, never
skipped. Without them a test fails and says what to install."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studio.spelling import SpellChecker, SpellingUnavailableError

KIRILL_CAST = ["Kirill Ivanovich Kalnina", "Sophia Petrova", "Macau", "Moscow"]
HARLEY_CAST = ["Harley Kalmurzaeva", "Viktor", "Moscow"]


def new_checker(language: str = "en_US", **options: Any) -> SpellChecker:
    try:
        return SpellChecker(language, **options)
    except SpellingUnavailableError as error:
        pytest.fail(str(error))


MakeChecker = Callable[..., SpellChecker]


@pytest.fixture
def make_checker() -> MakeChecker:
    """SpellChecker(language, **options), failing the test with the install command if need be."""
    return new_checker


@pytest.fixture
def checker() -> SpellChecker:
    """A fresh en_US checker (its caches and word lists are its own)."""
    return new_checker()


@pytest.fixture
def cast_checker() -> SpellChecker:
    checker = new_checker()
    checker.set_cast([*KIRILL_CAST, *HARLEY_CAST, "Anna Pávlovna Schérer"])
    return checker


@pytest.fixture(scope="session")
def stories(manuscripts_dir: Path) -> dict[str, str]:
    folder = manuscripts_dir / "stories"
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}
