"""SpellChecker: enchant's verdicts plus the cast, the project dictionary and the genre list.

Speed comes from caches, none shared between checkers:

* enchant is asked once per distinct word form (``_enchant``, kept for the checker's life:
  a dictionary's verdicts never change); a Title-case word whose lower-case form enchant already
  accepted is accepted without asking (Hunspell accepts "The" because it has "the");
* each distinct piece of text ("said", "Sophia's", see studio.spelling.tokens) is judged once
  (``_latin`` / ``_wide``, see _Verdicts, emptied whenever the accepted words change), so
  checking a novel or re-checking a paragraph after a keystroke is mostly set operations in C;
  where the bad pieces are is found afterwards with bytes.find, only for them;
* a long text is handled in chunks of ~16,000 characters (tokens.flat_chunks), which keeps the
  work in the processor's cache; a chunk is Latin-1 bytes whenever it can be (nearly all prose:
  its pieces are bytes, quicker to make than str), a str otherwise; the new alphabetic words of
  a chunk, accented or not, and the owners of its new possessives ("Natásha" for "Natásha's")
  go to enchant in one batch (enchant_dict.batch_check: no Python frame per word).

On War and Peace with empty caches, about a third of the time is enchant's (~17,800 distinct
words, ~2.5 µs each, most of it Hunspell and enchant's per-word session look-ups); most of the
rest is bytes.split and one set look-up for each of the 570,000 words.

A SpellChecker is not thread-safe: use one per thread (the editor and `studio check` each own one).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from itertools import compress, filterfalse
from typing import Any, Generic, NamedTuple, TypeVar, cast

from studio.spelling import tokens
from studio.spelling.enchant_dict import Dictionaries, batch_check, open_dictionary
from studio.spelling.names import accepted_forms, fold_accents, fold_accents_all, name_words
from studio.spelling.suggestions import close_words
from studio.spelling.wordlists import genre_words as load_genre_words

_CACHE_LIMIT = 1_000_000
_CHUNK = 16_384
"""Characters of text handled at a time (see tokens.flat_chunks)."""
_PIECES_PER_BATCH = 4_000
"""Pieces not known good gathered before they are judged: a novel's first chunks fill a batch
each, later ones share one."""
_POSSESSIVE = ("'s", "'S")


class Misspelling(NamedTuple):
    """A misspelt word: text[start:end] == word. (A tuple: a novel may have thousands.)"""

    start: int
    end: int
    word: str


Spans = tuple[tokens.Span, ...]
_new_tuple = tuple.__new__  # Misspelling(...) without NamedTuple's Python-level __new__
_Piece = TypeVar("_Piece", bytes, str)
_Waiting = tuple[int, bytes | str, list[bytes] | list[str]]
"""A chunk waiting for its new pieces to be judged: offset, flat chunk, pieces not known good."""


class _Verdicts(Generic[_Piece]):
    """What a checker knows of the pieces of one kind of flat chunk (see tokens.flat_chunks):
    bytes from Latin-1 chunks, str from the others.

    good: the pieces with no misspelling. bad: for each other piece, what _locate searches for,
    the piece's length, its text when it is one word (as written: it has no apostrophe, so
    flattening changed nothing in it), and otherwise its misspelt words."""

    def __init__(self) -> None:
        self.good: set[_Piece] = set()
        self.bad: dict[_Piece, tuple[_Piece, int, str | None, Spans]] = {}

    @property
    def size(self) -> int:
        return len(self.good) + len(self.bad)

    def clear(self) -> None:
        self.good.clear()
        self.bad.clear()


class SpellChecker:
    """Checks words and text in one language; raises SpellingUnavailableError if it cannot."""

    def __init__(
        self,
        language: str = "en_US",
        *,
        extra_words: Iterable[str] = (),
        genre_words: bool = True,
        check_all_caps: bool = False,
        dictionaries: Dictionaries | None = None,
    ) -> None:
        """dictionaries: share opened dictionaries with other checkers on this thread (see
        studio.spelling.enchant_dict.Dictionaries); without it the checker opens its own."""
        self._dict: Any = (
            open_dictionary(language) if dictionaries is None else dictionaries.get(language)
        )
        self._ask_enchant = self._dict.check
        self._ask_enchant_all = batch_check(self._dict)
        self._language = language
        self._check_all_caps = check_all_caps
        self._genre_enabled = genre_words
        self._genre: frozenset[str] = load_genre_words() if genre_words else frozenset()
        self._project: set[str] = {w for w in map(_clean, extra_words) if w}
        self._ignored: set[str] = set()
        self._cast_words: list[str] = []
        self._cast: frozenset[str] = frozenset()
        self._accepted: frozenset[str] = frozenset()
        self._enchant: dict[str, bool] = {}
        self._verdicts: dict[str, bool] = {}
        self._latin: _Verdicts[bytes] = _Verdicts()
        self._wide: _Verdicts[str] = _Verdicts()
        self.generation = 0
        """Goes up whenever the accepted words change: a highlighter re-checks what it shows."""
        self._accepted_changed()

    # -- the accepted words ---------------------------------------------------------------

    @property
    def language(self) -> str:
        return self._language

    @property
    def check_all_caps(self) -> bool:
        return self._check_all_caps

    def set_check_all_caps(self, enabled: bool) -> None:
        if enabled != self._check_all_caps:
            self._check_all_caps = enabled
            self._accepted_changed()

    @property
    def provider(self) -> str:
        """The engine behind the dictionary ("hunspell", or "aspell" where it is the only one)."""
        return str(self._dict.provider.name)

    @property
    def project_words(self) -> frozenset[str]:
        return frozenset(self._project)

    @property
    def ignored_words(self) -> frozenset[str]:
        return frozenset(self._ignored)

    @property
    def genre_words_enabled(self) -> bool:
        return self._genre_enabled

    def set_genre_words(self, enabled: bool) -> None:
        if enabled != self._genre_enabled:
            self._genre_enabled = enabled
            self._genre = load_genre_words() if enabled else frozenset()
            self._accepted_changed()

    def set_cast(self, names: Iterable[str]) -> None:
        """Replace the cast: every word of every name is accepted (see studio.spelling.names)."""
        words = name_words(names)
        if words != self._cast_words:
            self._cast_words = words
            self._cast = accepted_forms(words)
            self._accepted_changed()

    def add_words(self, words: Iterable[str]) -> None:
        """Add words to the project dictionary (the caller stores them in the project)."""
        new = {w for w in map(_clean, words) if w} - self._project
        if new:
            self._project |= new
            self._accepted_changed()

    def remove_word(self, word: str) -> None:
        word = _clean(word)
        if word in self._project:
            self._project.discard(word)
            self._accepted_changed()

    def ignore(self, word: str) -> None:
        """Accept word until this checker is closed (not stored anywhere)."""
        word = _clean(word)
        if word and word not in self._ignored:
            self._ignored.add(word)
            self._accepted_changed()

    def _accepted_changed(self) -> None:
        self._accepted = self._cast | self._genre | self._project | self._ignored
        self._verdicts.clear()
        self._latin.clear()
        self._wide.clear()
        self.generation += 1

    # -- checking ---------------------------------------------------------------------------

    def check_word(self, word: str) -> bool:
        """True when word (or each word of it, such as both halves of "spy-turned") is fine."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = (
                self._word_ok(word) if tokens.is_plain_word(word) else not self.misspellings(word)
            )
            self._remember(word, verdict)
        return verdict

    def misspellings(self, text: str) -> list[Misspelling]:
        """Every misspelt word of text, in order. Cheap for text seen before: the editor calls
        it for each paragraph (block) it shows, again for the one being typed in."""
        found: list[Misspelling] = []
        latin = self._latin
        wide = self._wide
        # Chunks wait here, with their pieces not known good, until their new pieces are judged:
        # judging the new pieces of several chunks at once (see _PIECES_PER_BATCH) means fewer,
        # larger enchant batches and set operations.
        waiting: list[_Waiting] = []
        new_latin: set[bytes] = set()  # the waiting chunks' pieces not known good
        new_wide: set[str] = set()
        for offset, flat in tokens.flat_chunks(text, _CHUNK):
            # One pass in C over the chunk's pieces leaves the few that are not known good:
            # the bad ones and the new ones, in order.
            if isinstance(flat, bytes):
                rest_latin = list(filterfalse(latin.good.__contains__, flat.split()))
                if not rest_latin:
                    continue
                new_latin.update(rest_latin)
                waiting.append((offset, flat, rest_latin))
            else:
                rest_wide = list(filterfalse(wide.good.__contains__, flat.split()))
                if not rest_wide:
                    continue
                new_wide.update(rest_wide)
                waiting.append((offset, flat, rest_wide))
            if len(new_latin) + len(new_wide) >= _PIECES_PER_BATCH:
                self._judge_waiting(new_latin, new_wide, waiting)
                new_latin = set()
                new_wide = set()
                self._locate(text, waiting, found)
                waiting.clear()
        if new_latin or new_wide:
            self._judge_waiting(new_latin, new_wide, waiting)
        if waiting and (latin.bad or wide.bad):
            self._locate(text, waiting, found)
        return found

    def _judge_waiting(
        self, new_latin: set[bytes], new_wide: set[str], waiting: list[_Waiting]
    ) -> None:
        """Judge the new ones among the waiting chunks' pieces not known good."""
        latin = self._latin
        wide = self._wide
        new_latin = new_latin.difference(latin.bad)
        new_wide = new_wide.difference(wide.bad)
        if not (new_latin or new_wide):
            return
        if latin.size + wide.size + len(new_latin) + len(new_wide) > _CACHE_LIMIT:
            latin.clear()
            wide.clear()
            # The bad pieces of the waiting chunks are forgotten too: judge them again.
            new_latin = set()
            new_wide = set()
            for _offset, flat, rest in waiting:
                if isinstance(flat, bytes):
                    new_latin.update(cast(list[bytes], rest))
                else:
                    new_wide.update(cast(list[str], rest))
        # A Latin-1 piece's text is the piece decoded (all at once: pieces have no spaces).
        keys = list(new_latin)
        texts = b" ".join(keys).decode("latin-1").split(" ") if keys else []
        texts += new_wide
        bad = self._bad_among(texts)
        latin.good.update(keys)
        wide.good.update(new_wide)
        for piece, spans in bad.items():
            word = piece if spans is None else None
            size = len(piece)
            if piece in new_wide:
                wide.good.discard(piece)
                wide.bad[piece] = (piece, size, word, spans or ())
            try:
                key = piece.encode("latin-1")
            except UnicodeEncodeError:
                continue
            if key in new_latin:
                latin.good.discard(key)
                latin.bad[key] = (b" " + key + b" ", size, word, spans or ())

    def _locate(self, text: str, waiting: list[_Waiting], found: list[Misspelling]) -> None:
        """Append the misspellings of the waiting chunks to found, in order. Each bad piece is
        looked for after the previous one, as a whole piece: in a bytes chunk, between the
        spaces that are its only white space (the chunk starts with one); in a str chunk,
        checking what is either side (see tokens.locate, inlined: a novel can have ten
        thousand of them)."""
        append = found.append
        bad = self._latin.bad
        for offset, flat, rest in waiting:
            if isinstance(flat, bytes):
                # needle is b" piece ": found at at, the piece is at at + 1 in flat, at in the
                # text. The next needle cannot start inside it (no space there), so the next
                # search may start at at + 1.
                at = -1
                find_bytes = flat.find
                for needle, size, word, spans in filter(
                    None, map(bad.get, cast(list[bytes], rest))
                ):
                    at = find_bytes(needle, at + 1)
                    start = offset + at
                    if word is not None:
                        append(_new_tuple(Misspelling, (start, start + size, word)))
                    else:
                        for first, last, _word in spans:
                            first += start
                            last += start
                            append(_new_tuple(Misspelling, (first, last, text[first:last])))
            else:
                self._locate_wide(text, offset, flat, cast(list[str], rest), found)

    def _locate_wide(
        self, text: str, offset: int, flat: str, rest: list[str], found: list[Misspelling]
    ) -> None:
        """_locate for a str chunk (one with a character above U+00FF)."""
        bad = self._wide.bad
        at = 0
        end = len(flat)
        find = flat.find
        for piece in filter(bad.__contains__, rest):
            at = find(piece, at)
            after = at + len(piece)
            while not (
                (at == 0 or flat[at - 1].isspace()) and (after == end or flat[after].isspace())
            ):
                at = find(piece, at + 1)
                after = at + len(piece)
            start = offset + at
            _needle, _size, word, spans = bad[piece]
            if word is not None:
                found.append(Misspelling(start, offset + after, word))
            else:
                for first, last, _word in spans:
                    found.append(
                        Misspelling(first + start, last + start, text[first + start : last + start])
                    )
            at = after

    def misspelling_at(self, text: str, index: int) -> Misspelling | None:
        """The misspelt word of text at index (a cursor position), for the context menu."""
        span = tokens.word_at(text, index)
        if span is None or self._word_ok(span[2]):
            return None
        return Misspelling(*span)

    def suggest(self, word: str, limit: int = 7) -> list[str]:
        """Up to limit replacements, the writer's own words (cast first) before enchant's."""
        word = word.strip()
        base = tokens.normalise(word)
        suffix = ""
        if base.endswith(_POSSESSIVE) and len(base) > 2:
            base, suffix = base[:-2], word[-2:]  # the writer's own apostrophe
        if not base:
            return []
        own = close_words(base, (self._cast_words, sorted(self._project), sorted(self._genre)))
        if base[0].isupper():
            own = [w[0].upper() + w[1:] for w in own]
        ours = [*own, *self._dict.suggest(base)]
        return list(dict.fromkeys(w + suffix for w in ours if w != base))[:limit]

    # -- the verdicts -----------------------------------------------------------------------

    def _bad_among(self, new: list[str]) -> dict[str, Spans | None]:
        """The bad ones among new pieces (a piece met in both kinds of chunk is there twice),
        with their misspelt words (None: the piece is one word). The common cases are done in
        bulk (see _good_words): alphabetic pieces (nearly all of a book's distinct pieces) and
        their possessives ("Natásha's" is good when "Natásha" is); the rest word by word."""
        if len(self._enchant) + len(new) > _CACHE_LIMIT:
            self._enchant.clear()
        if len(self._verdicts) + len(new) > _CACHE_LIMIT:
            self._verdicts.clear()
        # Pieces of flat chunks have straight apostrophes only: str.isalpha is enough.
        alpha = set(filter(str.isalpha, new))
        owners: dict[str, str] = {}
        others: list[str] = []
        for piece in filterfalse(str.isalpha, new):
            owner = piece[:-2]
            # _judge's path for a possessive, taken directly where it leads to owner's verdict:
            # owner alphabetic and the piece already in normal form (see tokens.normalise).
            if (
                piece.endswith(_POSSESSIVE)
                and owner.isalpha()
                and (piece.isascii() or unicodedata.is_normalized("NFC", piece))
            ):
                owners[piece] = owner
            else:
                others.append(piece)
        fine = self._good_words(alpha.union(owners.values()) if owners else alpha)
        bad: dict[str, Spans | None] = dict.fromkeys(alpha.difference(fine))
        for piece, owner in owners.items():
            if owner not in fine:
                bad[piece] = ((0, len(piece), piece),)
        for piece in others:
            spans = tuple(span for span in tokens.piece_words(piece) if not self._word_ok(span[2]))
            if spans:
                bad[piece] = spans
        return bad

    def _good_words(self, words: set[str]) -> set[str]:
        """The good ones among alphabetic words: _judge's rules for them, in bulk. Lower-case
        words (most of a book's distinct words) go to enchant in one batch, then capitalised
        ones, after them so that "The" reuses enchant's verdict on "the" instead of asking."""
        accepted = self._accepted
        asked = self._enchant
        # x.difference(y) and x.intersection(y) walk the smaller set; difference(y, z) and
        # difference_update walk all of z: with a novel's cache that is 20,000 words a chunk.
        fine = words.intersection(accepted)
        rest = words.difference(fine)
        # Pávlovna is accepted when Pavlovna is (see studio.spelling.names.fold_accents).
        accented = list(filterfalse(str.isascii, rest))
        foreign = list(compress(accented, map(accepted.__contains__, fold_accents_all(accented))))
        if foreign:
            fine.update(foreign)
            rest.difference_update(foreign)
        lower = set(filter(str.islower, rest))
        unknown = lower.difference(asked)
        if unknown:
            self._ask_all(list(unknown))
        fine.update(filter(asked.__getitem__, lower))
        capitals = rest.difference(lower)
        ask = self._capitals_to_ask(capitals, fine)
        unknown_caps = [word for word in ask if word not in asked]
        if unknown_caps:
            self._ask_all(unknown_caps)
        fine.update(filter(asked.__getitem__, ask))
        return fine

    def _capitals_to_ask(self, capitals: set[str], fine: set[str]) -> list[str]:
        """Adds to fine the capitalised words settled without enchant; returns the others."""
        accepted = self._accepted
        asked = self._enchant
        ask: list[str] = []
        upper = set(filter(str.isupper, capitals))
        if not self._check_all_caps:
            fine.update(upper)
        else:
            for word in upper:
                low = word.lower()
                if asked.get(low) or word.capitalize() in accepted or low in accepted:
                    fine.add(word)
                else:
                    ask.append(word)
        # The rest in bulk (map and compress: no Python frame per word): "The" is good because
        # enchant accepted "the" (Hunspell accepts a Title-case form of a word it has), and a
        # capitalised form of an accepted word is accepted ("Exfil" for "exfil").
        others = list(capitals.difference(upper))
        titles = list(filter(str.istitle, others))
        settled = set(compress(titles, map(asked.get, map(str.lower, titles))))
        unsettled = [word for word in others if word not in settled]
        lowered = set(compress(unsettled, map(accepted.__contains__, map(str.lower, unsettled))))
        fine.update(settled, lowered)
        ask.extend(word for word in unsettled if word not in lowered)
        return ask

    def _ask_all(self, words: list[str]) -> None:
        """enchant's verdicts on words (none asked before), remembered."""
        self._enchant.update(zip(words, self._ask_enchant_all(words), strict=True))

    def _word_ok(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._judge(word)
            self._remember(word, verdict)
        return verdict

    def _remember(self, word: str, verdict: bool) -> None:
        if len(self._verdicts) >= _CACHE_LIMIT:
            self._verdicts.clear()
        self._verdicts[word] = verdict

    def _judge(self, word: str) -> bool:
        if tokens.is_plain_word(word):
            if word.islower():
                if word in self._accepted or (
                    not word.isascii() and fold_accents(word) in self._accepted
                ):
                    return True
                return self._enchant_verdict(word)
        else:
            if tokens.has_digit(word):
                return True
            normal = tokens.normalise(word)
            if normal != word:
                return self._word_ok(normal)
            if word.endswith(_POSSESSIVE) and len(word) > 2:
                return self._word_ok(word[:-2])
        if word.isupper() and not self._check_all_caps:
            return True
        if self._is_accepted(word):
            return True
        if (word.istitle() or word.isupper()) and self._enchant.get(word.lower()):
            return True  # Hunspell accepts "The" and "THE" when it has "the"
        return self._enchant_verdict(word)

    def _is_accepted(self, word: str) -> bool:
        accepted = self._accepted
        if word in accepted:
            return True
        if not word.isascii() and fold_accents(word) in accepted:
            return True
        if word.islower():
            return False
        lower = word.lower()
        return lower in accepted or (word.isupper() and word.capitalize() in accepted)

    def _enchant_verdict(self, word: str) -> bool:
        verdict = self._enchant.get(word)
        if verdict is None:
            verdict = bool(self._ask_enchant(word))
            if len(self._enchant) >= _CACHE_LIMIT:
                self._enchant.clear()
            self._enchant[word] = verdict
        return verdict


def _clean(word: str) -> str:
    return tokens.normalise(word.strip())
