"""Word lists shipped in resources/wordlists (one word per line, # starts a comment)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from studio.spelling.errors import SpellingUnavailableError

GENRE_LISTS = ("tradecraft.txt", "loanwords.txt")
"""The lists the "genre words" switch turns on and off: tradecraft and agency terms, and the
accented loanwords and places the genre is full of (en_US has "cafe" but not "café")."""


def resources_dir() -> Path:
    """resources/ inside the installed package if it is there, else the repository's top level."""
    try:
        packaged = importlib.resources.files("studio") / "resources"
        if isinstance(packaged, Path) and packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, NotADirectoryError):  # pragma: no cover - odd installs
        pass
    return Path(__file__).resolve().parents[2] / "resources"


def wordlist_path(name: str) -> Path:
    return resources_dir() / "wordlists" / name


def load_wordlist(name: str) -> frozenset[str]:
    """The words of one list; a missing list is an installation fault, reported as such."""
    path = wordlist_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SpellingUnavailableError(
            f"The word list {path} cannot be read ({error.strerror}): reinstall Safehouse, "
            "or turn genre words off in the project settings."
        ) from error
    return frozenset(parse_wordlist(text))


def parse_wordlist(text: str) -> list[str]:
    words: list[str] = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


def genre_words() -> frozenset[str]:
    """Every word of the genre lists (tradecraft, agencies) in one set."""
    words: set[str] = set()
    for name in GENRE_LISTS:
        words |= load_wordlist(name)
    return frozenset(words)
