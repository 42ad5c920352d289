"""Spell checking that knows the cast: pure Python over pyenchant (no database, no Qt).

The spelling service feeds a SpellChecker the project's language, dictionary and cast; the editor
asks it for each paragraph's misspellings; `studio check` asks it for each scene's.
"""

from __future__ import annotations

from studio.spelling.checker import Misspelling, SpellChecker
from studio.spelling.enchant_dict import Dictionaries, available_languages
from studio.spelling.errors import SpellingUnavailableError
from studio.spelling.names import cast_names

__all__ = [
    "Dictionaries",
    "Misspelling",
    "SpellChecker",
    "SpellingUnavailableError",
    "available_languages",
    "cast_names",
]
