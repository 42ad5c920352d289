"""Word counting as word processors do it.

Rules (LibreOffice's defaults, which writers' word counts are usually checked against):
a word is a run of characters between white space or dashes (em dash, en dash, and the typed
double hyphen), counted when it holds at least one letter or digit. So hyphenated words,
contractions (straight or curly apostrophe) and numbers such as 1,000 or 3.14 are one word each;
"wait—what" is two; a lone dash or "* * *" is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import filterfalse

_SEPARATORS = re.compile(r"--|[\s\u2013\u2014]+")
_HAS_WORD_CHARACTER = re.compile(r"[^\W_]")

# count_words reads mostly-ASCII text (English prose) as UTF-8 bytes, where bytes.translate and
# bytes.count run at memory speed and make no object per word: str.split() made one for each of
# a novel's 500,000 words. The white space is what str.split() and the \s above split on.
_ASCII = bytes(range(128))
_ASCII_SPACE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_ASCII_WORD = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII_OTHER = bytes(b for b in _ASCII if b not in _ASCII_SPACE + _ASCII_WORD)
_NON_ASCII = bytes(range(128, 256))
_WIDE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# ASCII white space → b" ", ASCII letters and digits → b"w", every other byte as it is.
_CLASSES = bytes(
    ord(" ") if b in _ASCII_SPACE else ord("w") if b in _ASCII_WORD else b for b in range(256)
)
# The same with every byte that starts a UTF-8 character made b"L", and every other byte of one
# b"c": a word with no ASCII letter or digit ("été", "…", "“") is then found by a search for
# the literal b" L", which skips along the text in C (a search for one of 128 bytes does not).
_MARKS = bytes(
    ord("L") if b >= 0xC0 else ord("c") if b >= 0x80 else _CLASSES[b] for b in range(256)
)
_NON_ASCII_WORD = re.compile(rb" L[Lc]*(?![^ ])")
_RUNS = bytes(ord(" ") if b == ord(" ") else ord("w") for b in range(256))  # all but spaces: b"w"
# Above one non-ASCII byte in eight (Cyrillic, Greek…), most words would be such words, looked
# at one by one: splitting into words is then the faster way.
_MOSTLY_ASCII = 8
# word_counts: white space (str.isspace, as \s and str.split take it) b" ", letters and digits
# (str.isalnum, as [^\W_]) b"w", everything else b"." (a Latin-1 character's byte: its class).
_WORD_CLASSES = bytes(
    ord(" ") if chr(b).isspace() else ord("w") if chr(b).isalnum() else ord(".") for b in range(256)
)
_PIECE = 1 << 18  # characters classified at a time: the copies stay in the processor's cache
_MOST_STAND_INS = 16  # characters outside Latin-1 given a stand-in before count_words is used


def count_words(text: str) -> int:
    """The number of words in text, as a word processor counts them."""
    for dash in ("--", "\u2014", "\u2013"):
        if dash in text:
            text = text.replace(dash, " ")
    data = text.encode("utf-8", "surrogatepass")
    ascii_only = data.isascii()
    if not ascii_only:
        residue = data.translate(None, _ASCII)  # whole UTF-8 sequences, so it decodes
        if len(residue) * _MOSTLY_ASCII > len(data):
            return _count_split_words(text)
        if _WIDE_SPACE.search(residue.decode("utf-8", "surrogatepass")):  # a no-break space
            data = _WIDE_SPACE.sub(" ", text).encode("utf-8", "surrogatepass")
    # White space as b" ", ASCII letters and digits as b"w", ASCII punctuation left out (it
    # cannot make a word), every other byte as it is (whole UTF-8 sequences).
    rest = b" " + data.translate(_CLASSES, _ASCII_OTHER)
    if ascii_only:
        return rest.count(b" w")
    # A word with an ASCII letter or digit: a run of b"w" after a space once the rest is out too.
    count = rest.translate(None, _NON_ASCII).count(b" w")
    # Any other word is a run of non-ASCII characters alone between spaces. There is none when
    # every run between spaces has an ASCII letter or digit (most texts), and then the search
    # for them below, a step at every space, is not needed.
    if rest.translate(_RUNS).count(b" w") == count:
        return count
    marks = rest.translate(_MARKS)
    for found in _NON_ASCII_WORD.finditer(marks):
        word = rest[found.start() + 1 : found.end()].decode("utf-8", "surrogatepass")
        if _HAS_WORD_CHARACTER.search(word):
            count += 1
    return count


def word_counts(texts: Sequence[str]) -> list[int]:
    """count_words of each text, for many texts at once (a book's scenes): the same numbers.

    The texts are read as one, a piece at a time, each character made one byte saying what it
    is for counting (white space, letter or digit, other): a few passes over the book, where
    count_words makes some ten over each text.
    """
    joined = "\n".join(texts)  # a line break: no word or "--" runs from one text into the next
    pieces: list[bytes] = []
    offset = 0
    while offset < len(joined):
        # Pieces end at a line break, so that no "--" is cut in two.
        end = joined.find("\n", offset + _PIECE)
        end = len(joined) if end < 0 else end
        classes = _word_classes(joined[offset:end])
        if classes is None:
            return [count_words(text) for text in texts]
        pieces.append(classes)
        offset = end
    classes = b"".join(pieces)
    counts: list[int] = []
    start = 0
    for text in texts:
        end = start + len(text)
        # Without the other characters, a word is a run of b"w" after a space or at the start.
        found = classes[start:end].translate(None, b".")
        counts.append(found.count(b" w") + found.startswith(b"w"))
        start = end + 1
    return counts


def _word_classes(text: str) -> bytes | None:
    """Each character of text as b" " (white space or a dash), b"w" (a letter or digit) or b"."
    (anything else), "--" as two spaces; None for a text with many characters outside Latin-1
    (Cyrillic...), each of which would cost a pass."""
    for _ in range(_MOST_STAND_INS):
        try:
            data = text.encode("latin-1")
        except UnicodeEncodeError as error:
            # A Latin-1 stand-in of the same class for each such character (curly quotes,
            # dashes...), one for one so offsets stay; never a "-". Once none is left the text
            # is stored one byte a character, and encoding it is a copy.
            char = text[error.start]
            text = text.replace(char, _word_stand_in(char))
            continue
        if b"--" in data:  # looked for in the bytes: half the memory of most books' text
            data = data.replace(b"--", b"  ")  # one space for each character, as above
        return data.translate(_WORD_CLASSES)
    return None


def _word_stand_in(char: str) -> str:
    if char.isspace() or char in "\u2013\u2014":
        return " "
    return "a" if char.isalnum() else "?"


def _count_split_words(text: str) -> int:
    """count_words for text without "--" or dashes, by str.split (in C, one object a word)."""
    tokens = text.split()
    rest = list(filterfalse(str.isalnum, tokens))  # "said,", "don't", "***", not "Пьер"
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
