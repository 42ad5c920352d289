"""Word counting as word processors do it.

Rules (LibreOffice's defaults, which writers' word counts are usually checked against):
a word is a run of characters between white space or dashes (em dash, en dash, and the typed
double hyphen), counted when it holds at least one letter or digit. So hyphenated words,
contractions (straight or curly apostrophe) and numbers such as 1,000 or 3.14 are one word each;
"wait—what" is two; a lone dash or "* * *" is none.
"""

from __future__ import annotations

import re
from itertools import filterfalse

_SEPARATORS = re.compile(r"--|[\s\u2013\u2014]+")
_HAS_WORD_CHARACTER = re.compile(r"[^\W_]")


def count_words(text: str) -> int:
    """The number of words in text, as a word processor counts them."""
    # Every step runs in C (this is on the autosave and import paths): dashes become spaces,
    # str.split() splits on the same white space as the pattern's \s, and only the tokens that
    # are not wholly letters and digits ("said,", "don't", "***") are searched for one.
    for dash in ("--", "\u2014", "\u2013"):
        if dash in text:
            text = text.replace(dash, " ")
    tokens = text.split()
    rest = list(filterfalse(str.isalnum, tokens))
    return len(tokens) - len(rest) + len(list(filter(None, map(_HAS_WORD_CHARACTER.search, rest))))


def words(text: str) -> list[str]:
    """The words of text in order, by the same rules as count_words."""
    return [t for t in _SEPARATORS.split(text) if t and _HAS_WORD_CHARACTER.search(t)]


def round_word_count(count: int) -> int:
    """A manuscript title page's figure: to the nearest 100 below 10,000, else the nearest 1,000."""
    if count <= 0:
        return 0
    step = 100 if count < 10_000 else 1_000
    return max(step, int((count + step / 2) // step * step))
