"""Opening an enchant dictionary the way Safehouse wants it.

* Hunspell first: enchant's system ordering may prefer Aspell for English; Safehouse asks for
  Hunspell (then Nuspell, then Aspell) so the same dictionaries are used on every machine.
* No personal word list: enchant keeps one per user (~/.config/enchant/<lang>.dic, shared with
  other programs) and stats that file and its exclusion list on every single check. Safehouse's
  extra words belong to the project (stored in the project file) so that `studio check` gives the
  same answer everywhere; opening the dictionary with enchant's config directory pointing below
  a regular file makes enchant fall back to in-memory lists, which also removes two system calls
  from every check (more than half of what a check costs).
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import Any

from studio.spelling.errors import missing_dictionary, missing_library

PROVIDER_ORDER = "hunspell,nuspell,aspell"
_CONFIG_VARIABLE = "ENCHANT_CONFIG_DIR"


@contextmanager
def _no_personal_word_list() -> Iterator[None]:
    """While opening a dictionary, point enchant's config dir where nothing can be created."""
    previous = os.environ.get(_CONFIG_VARIABLE)
    os.environ[_CONFIG_VARIABLE] = os.path.join(os.path.abspath(__file__), "no-personal-list")
    try:
        yield
    finally:
        if previous is None:
            del os.environ[_CONFIG_VARIABLE]
        else:
            os.environ[_CONFIG_VARIABLE] = previous


def open_dictionary(language: str) -> Any:
    """An enchant.Dict for language; SpellingUnavailableError names what to install."""
    try:
        import enchant
    except ImportError as error:
        raise missing_library(error) from error
    try:
        broker = enchant.Broker()
        broker.set_ordering("*", PROVIDER_ORDER)
        broker.set_ordering(language, PROVIDER_ORDER)
        if not broker.dict_exists(language):
            raise missing_dictionary(language, sorted(broker.list_languages()))
        try:
            with _no_personal_word_list():
                return broker.request_dict(language)
        except enchant.errors.DictNotFoundError:
            # Only in the user's own config dir (~/.config/enchant/hunspell): open it there.
            return broker.request_dict(language)
    except enchant.errors.Error as error:
        raise missing_dictionary(language, []) from error


def batch_check(dictionary: Any) -> Callable[[list[str]], list[bool]]:
    """A function giving dictionary's verdict on each of many words, True where correct.

    It makes the call Dict.check makes, enchant_dict_check through pyenchant's own ctypes
    binding, but for a whole list at once with map() (no Python frame per word): on a novel's
    ~18,000 distinct words that is ~1 µs a word less, about a seventh of what checking costs.
    The dictionary's validity is checked once per list, as Dict.check does once per word;
    where the binding differs (another pyenchant) or enchant reports an error, Dict.check
    itself is used, so its errors are raised as usual.
    """
    one_by_one = dictionary.check

    def slow(words: list[str]) -> list[bool]:
        return list(map(one_by_one, words))

    try:
        from enchant import _enchant

        c_check = _enchant.dict_check1
        validate = dictionary._check_this
        dictionary._this  # noqa: B018 - the binding's handle must be there
    except (ImportError, AttributeError):  # pragma: no cover - another pyenchant
        return slow

    def fast(words: list[str]) -> list[bool]:
        validate()
        encoded = list(map(str.encode, words))
        if not all(encoded):  # enchant asserts on an empty word: Dict.check raises instead
            return slow(words)
        codes = list(map(c_check, repeat(dictionary._this), encoded, map(len, encoded)))
        if codes and min(codes) < 0:  # pragma: no cover - enchant failed: let Dict.check say why
            return slow(words)
        return list(map(operator.not_, codes))

    return fast


def available_languages() -> list[str]:
    """The dictionary tags enchant can open here (empty without the enchant library)."""
    try:
        import enchant
    except ImportError:
        return []
    return sorted(enchant.Broker().list_languages())


class Dictionaries:
    """The dictionaries opened so far, by language, for checkers that share them.

    Opening en_US costs tens of milliseconds and so does closing it (Hunspell frees every
    entry). The composition root can make one of these and hand it to each SpellChecker it
    creates (a project reopened, the language switched back, `studio check` over several
    projects): each language is then opened once and closed when this object goes. Checkers
    keep their own caches and word lists; we never add words to enchant's session, so sharing is
    safe. Hunspell is not thread-safe: share one only among checkers used on the same thread.
    """

    def __init__(self) -> None:
        self._open: dict[str, Any] = {}

    def get(self, language: str) -> Any:
        """The dictionary for language, opened on first use (SpellingUnavailableError if not)."""
        dictionary = self._open.get(language)
        if dictionary is None:
            dictionary = self._open[language] = open_dictionary(language)
        return dictionary

    @property
    def languages(self) -> list[str]:
        """The languages opened so far."""
        return sorted(self._open)
