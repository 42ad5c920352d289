"""Finding the words a spell checker should look at, with their offsets.

Text is cut in two stages so that a whole novel costs a few C-level passes:

1. **pieces**: ``flatten`` makes a copy of the text, the same length, in which links and the
   common separators (punctuation, quotes, dashes, markup characters) become spaces; its
   white-space-separated pieces are mostly plain words already. Pieces repeat ("the", "said"),
   so a checker judges each distinct piece once, then ``locate`` finds where the few bad ones
   are with ``str.find``.
2. **words** inside a piece (``piece_words``): runs of letters (combining accents included)
   joined by inner apostrophes (straight, curly or modifier letter). Any character that is not a
   letter, digit or apostrophe separates words, so the few separators ``flatten`` leaves (``/``,
   ``&``…) are still handled; apostrophes at either end of a word are left out.

Not checked: links (URLs, ``www.`` addresses, e-mail addresses: the whole run that holds one,
up to white space, a quote, a bracket or a dash) and words with a digit in them. ALL-CAPS words
are the checker's decision.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

MODIFIER_APOSTROPHE = "\u02bc"
"""ʼ: a letter to Unicode (str.isalpha), an apostrophe to writers and to this module."""
_ALNUM = r"(?:[^\W_\u02bc]|[\u0300-\u036f])"
WORD = re.compile(rf"{_ALNUM}+(?:['\u2019\u02bc]{_ALNUM}+)*")
"""A word candidate: letters and digits joined by inner apostrophes (digits are left out later)."""

SEPARATORS = (
    ',.;:!?"()[]*_-'  # ASCII punctuation and markup (never the apostrophe)
    "\u201c\u201d\u2018\u201e\u00ab\u00bb\u2014\u2013\u2026"  # “ ” ‘ „ « » — – …
)
"""What flatten turns into spaces: the frequent separators, for speed (white space needs no
turning: str.split and str.isspace know it; rarer separators are found inside pieces)."""

_WIDE_SEPARATORS = tuple(c for c in SEPARATORS if ord(c) > 0xFF)
_NARROW_SEPARATORS = tuple(c for c in SEPARATORS if ord(c) <= 0xFF)
_CURLY_APOSTROPHES = ("\u2019", "\u02bc")
_LINK_MARKERS = ("://", "www.", "@")
_AROUND_LINKS = frozenset("\"'()[]<>{}\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014\u2013")
_PIECE = re.compile(r"\S+")
_LINK = re.compile(r"[^\W_][\w+.-]*://\S|\bwww\.[^\W_]|[^\s@]@[^\W_][\w-]*\.[^\W\d_]")
_CURLY = str.maketrans({"\u2019": "'", "\u02bc": "'"})
_LATIN_FLAT = bytes(
    32 if chr(byte).isspace() or chr(byte) in _NARROW_SEPARATORS else byte for byte in range(256)
)
"""bytes.translate table for a Latin-1 chunk: the narrow separators and every white space
character (str.isspace, \\x85 and \\xa0 included) become b" "."""

Span = tuple[int, int, str]
"""(start, end, word) with offsets relative to the text or piece it was found in."""


def flatten(text: str) -> str:
    """text, same length, with links and the common separators turned into spaces."""
    return _flatten_separators(blank_links(text))


def flat_chunks(text: str, size: int) -> Iterator[tuple[int, bytes | str]]:
    """(offset, flat chunk) covering text, cut at white space into chunks of about size
    characters; no piece is ever cut in two. In a flat chunk links and the common separators
    are spaces and curly apostrophes are straight (as normalise makes them), keeping the length,
    so a word's text is text[start:end]. A chunk is usually bytes (see _flat_chunk), else a str.

    A novel is handled a chunk at a time so that the chunk, its pieces and the memory they are
    freed into stay in the processor's cache."""
    length = len(text)
    at = 0
    find = text.find
    while at < length:
        end = at + size
        if end >= length:
            end = length
        else:
            cut = find(" ", end)
            if cut < 0:
                cut = find("\n", end)
            end = length if cut < 0 else cut
        yield at, _flat_chunk(text[at:end])
        at = end


def _flat_chunk(chunk: str) -> bytes | str:
    """chunk flattened: as Latin-1 bytes when it has no character above U+00FF once the wide
    separators and curly apostrophes are replaced (nearly all prose, accents included), with a
    space added at each end and every separator and white space character made b" "; otherwise
    a str, flattened as flatten() does but with straight apostrophes.

    Bytes, one a character, keep the offsets of a str; bytes.split makes its pieces faster than
    str.split, one translate() replaces a dozen str.replace passes, and with white space all
    b" " a whole piece is found by searching for it between two spaces (see SpellChecker). Links
    cannot cross a chunk (they end at white space): each chunk's are blanked on its own."""
    straight = _straighten(chunk)
    try:
        latin = straight.encode("latin-1")
    except UnicodeEncodeError:
        return _flatten_separators(_straighten(blank_links(chunk)))
    # "/" first: one memchr() is much quicker than a search for "://".
    if b"@" in latin or (b"/" in latin and b"://" in latin) or b"www." in latin:
        blanked = blank_links(chunk)
        if blanked is not chunk:
            latin = _straighten(blanked).encode("latin-1")
    return b"".join((b" ", latin.translate(_LATIN_FLAT), b" "))


def _straighten(chunk: str) -> str:
    """chunk with the wide separators made spaces and curly apostrophes straight (same length)."""
    for separator in _WIDE_SEPARATORS:
        chunk = chunk.replace(separator, " ")
    for apostrophe in _CURLY_APOSTROPHES:
        chunk = chunk.replace(apostrophe, "'")
    return chunk


def _flatten_separators(text: str) -> str:
    for separator in SEPARATORS:
        text = text.replace(separator, " ")
    return text


def blank_links(text: str) -> str:
    """text, or a copy the same length in which every run holding a link is spaces."""
    hints = _link_hints(text)
    return _blank_links(text, hints) if hints else text


def _link_hints(text: str) -> list[int]:
    """Where "://", "www." and "@" occur (str.find is far quicker than a regex here)."""
    hints: list[int] = []
    for marker in _LINK_MARKERS:
        at = text.find(marker)
        while at >= 0:
            hints.append(at)
            at = text.find(marker, at + 1)
    hints.sort()
    return hints


def _in_link(char: str) -> bool:
    return not char.isspace() and char not in _AROUND_LINKS


def _blank_links(text: str, hints: list[int]) -> str:
    """text with every run that holds a URL or e-mail made spaces: a run ends at white space,
    quotes, brackets and dashes."""
    runs: list[tuple[int, int]] = []
    for hint in hints:
        if runs and hint < runs[-1][1]:
            continue
        start = end = hint
        while start > 0 and _in_link(text[start - 1]):
            start -= 1
        while end < len(text) and _in_link(text[end]):
            end += 1
        if _LINK.search(text, start, end):
            runs.append((start, end))
    if not runs:
        return text
    out: list[str] = []
    at = 0
    for start, end in runs:
        out += (text[at:start], " " * (end - start))
        at = end
    out.append(text[at:])
    return "".join(out)


def pieces_in_order(flat: str) -> list[str]:
    """The non-empty pieces of a flattened text, in order (no offsets: see locate)."""
    return flat.split()


def locate(flat: str, found_in_order: Iterable[str]) -> Iterator[int]:
    """The offset in flat of each piece of found_in_order, which are some of flat's pieces in
    the order they occur: each is looked for after the previous one, as a whole piece."""
    at = 0
    end = len(flat)
    find = flat.find
    for piece in found_in_order:
        size = len(piece)
        while True:
            at = find(piece, at)
            if at < 0:
                raise ValueError(f"{piece!r} is not a piece of the text, or not in order")
            after = at + size
            if (at == 0 or flat[at - 1].isspace()) and (after == end or flat[after].isspace()):
                break
            at += 1
        yield at
        at = after


def has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def normalise(word: str) -> str:
    """The form a dictionary is asked about: straight apostrophes, composed accents (NFC)."""
    word = word.translate(_CURLY)
    if not word.isascii() and not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    return word


def is_plain_word(word: str) -> bool:
    """True when word is letters only, with no apostrophe of any kind (see MODIFIER_APOSTROPHE)."""
    return word.isalpha() and MODIFIER_APOSTROPHE not in word


def piece_words(piece: str) -> list[Span]:
    """The words of one piece worth checking, offsets relative to the piece."""
    if is_plain_word(piece):
        return [(0, len(piece), piece)]
    spans: list[Span] = []
    for match in WORD.finditer(piece):
        word = match[0]
        if not has_digit(word):
            spans.append((match.start(), match.end(), word))
    return spans


def checkable_words(text: str) -> Iterator[Span]:
    """Every word of text worth checking, in order, with offsets into text."""
    for piece in _PIECE.finditer(flatten(text)):
        at = piece.start()
        for start, end, word in piece_words(piece[0]):
            yield at + start, at + end, word


def word_at(text: str, index: int) -> Span | None:
    """The checkable word of text that covers index (or ends at it), if any."""
    for start, end, word in checkable_words(text):
        if start <= index <= end:
            return start, end, word
        if start > index:
            break
    return None
