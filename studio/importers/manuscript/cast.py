"""Candidate characters: capitalised names that recur mid-sentence, counted as people.

Rules (a writer ticks the ones that are characters, so this errs towards offering):
- a name is a run of capitalised words ("Sophia Petrova", "Kirill Ivanovich Kalnina");
- a capitalised word at the start of a sentence or of speech is counted only when the same name
  also occurs mid-sentence, so "The", "But" or "Still" are never offered; a sentence does not
  end after a short title ("Mr. Darcy") but does after a word ("a Polish lady. Having");
- titles and honorifics are dropped and the name after them kept: "Mr. Darcy" → "Darcy",
  "Prince Andrew" → "Andrew"; days, months, "I", contractions ("I’ll", "You'd"), forms of
  address ("Mamma") and nationalities with their plurals ("Russians", "Frenchmen") are never
  names, nor is the plural of a name mostly said with an article ("the Rostóvs");
- a shorter name that begins exactly one longer name is the same person: a bare "Kirill"
  counts toward "Kirill Ivanovich Kalnina" (a bare surname is not folded: it may be family);
  not when the longer name is a place ("Lucas Lodge"), nor when it was seen once and its other
  words are names of their own ("after Borodinó Napoleon sought a battle");
- a run of capitalised words starting a sentence keeps its first word only when that word is
  seen beginning a name mid-sentence ("Sophia Petrova" yes, "Because Sónya" → "Sónya");
- each name's kind is guessed from the word before it mid-sentence (see CastCandidate);
- offered: names seen at least twice, at least once mid-sentence; the 200 most frequent, people
  first, then places and others, each most frequent first.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from studio.importers.manuscript.cast_words import (
    ABBREVIATIONS,
    ARTICLES,
    NOT_NAMES,
    PLACE_BEFORE,
    PLACE_NOUNS,
    PLACES,
    STOP,
    TITLES,
    is_contraction,
    is_nation_word,
    is_plural_of,
)
from studio.importers.manuscript.outline import CastCandidate, CastKind

_CAPITAL = "[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ]"
_LETTER = r"[^\W\d_]"
_WORD = rf"{_CAPITAL}{_LETTER}*(?:['’-]{_LETTER}+)*"
_RUN = re.compile(rf"{_WORD}(?: {_WORD})*")  # a look-behind here would triple the time
# _RUN over the text's classes (see _classes), the same matches: a search for a literal "C"
# skips along in C, where a search for a class of characters tests each one (~3x the time).
_CLASS_RUN = re.compile(rb"C[Cl]*+(?:(?:['-][Cl]| C)[Cl]*+)*+")
# The runs _scan looks at: _CLASS_RUN's but a lone capital ("I", "A", "J"), never a name and an
# eighth of the runs, which the search steps over in C (the next run starts after it either way).
_CLASS_NAME_RUN = re.compile(rb"C(?=[Cl]|['-][Cl]| C)[Cl]*+(?:(?:['-][Cl]| C)[Cl]*+)*+")
_IS_CAPITAL = re.compile(_CAPITAL).fullmatch
_IS_LETTER = re.compile(_LETTER).fullmatch
_MOST_STAND_INS = 16  # characters outside Latin-1 given a stand-in before _RUN is used instead
_PIECE = 1 << 18  # characters classified at a time


def _class_of(char: str) -> str:
    """What _RUN tells apart: a capital (C), another letter (l), an apostrophe (' for ' and ’),
    a hyphen, a space, anything else (.)."""
    if _IS_CAPITAL(char):
        return "C"
    if _IS_LETTER(char):
        return "l"
    if char in "'’":
        return "'"
    return char if char in "- " else "."


_CLASS_TABLE = "".join(map(_class_of, map(chr, range(256)))).encode("latin-1")
_STAND_INS = {"C": "A", "l": "a", "'": "'", ".": "?"}  # only these have characters past Latin-1


def _classes(text: str) -> bytes | None:
    """Each character of text as its class for _RUN (see _class_of), one byte each; None for a
    text with many characters outside Latin-1 (Cyrillic...), each of which would cost a pass."""
    # Piece by piece: a stand-in costs a copy of the text, and a piece's copies stay in the
    # processor's cache where a whole book's do not (War and Peace: ~10 ms -> ~4 ms).
    pieces: list[bytes] = []
    for offset in range(0, len(text), _PIECE):
        classes = _piece_classes(text[offset : offset + _PIECE])
        if classes is None:
            return None
        pieces.append(classes)
    return b"".join(pieces)


def _piece_classes(text: str) -> bytes | None:
    for _ in range(_MOST_STAND_INS):
        try:
            return text.encode("latin-1").translate(_CLASS_TABLE)
        except UnicodeEncodeError as error:
            # A Latin-1 stand-in of the same class for each such character (curly quotes,
            # dashes...), one for one so offsets stay. Once none is left the text is stored
            # one byte a character, and encoding it is a copy.
            char = text[error.start]
            text = text.replace(char, _STAND_INS[_class_of(char)])
    return None


_INSIDE_WORD = "-_0123456789"  # an apostrophe before a capital is a quote more often
_POSSESSIVE = ("'s", "’s")
_OPENING = " \t*_([“‘"
_OPENING_QUOTES = "“‘"
_ENDS_SENTENCE = ".!?…\n"
_QUOTES = "\"'”’"
_NOT_FIRST = STOP | TITLES
_NOT_NAME_WORDS = STOP | TITLES | NOT_NAMES
_NEVER_NAMES = frozenset(
    form for word in STOP | TITLES | NOT_NAMES for form in (word.capitalize(), word.upper())
)
# " in " before a name: the word before it, if it starts within ten characters (the longest
# looked for is 7).
_PLACE_TAILS = tuple(f" {word} " for word in PLACE_BEFORE)
_ARTICLE_TAILS = tuple(f" {word} " for word in ARTICLES)
MAX_CANDIDATES = 200
PLACE_SHARE = 0.45  # of mid-sentence mentions after "in", "to", "of"… : a place
ARTICLE_SHARE = 0.35  # after "the", "a", "an": a thing or a group of people
MID_SHARE = 0.2  # fewer mentions mid-sentence than this: a word that starts sentences
SMOOTHING = 1  # added to the mentions, so that one "through Sophia's eyes" is not a place
PLURAL_ARTICLE_SHARE = 0.2  # "the Bennets" (not "Mr. Williams" beside "William")

Name = tuple[str, ...]
RunNames = list[tuple[Name, int]]  # each name in a run, and where: _BEGINS, _TITLED or _LATER
_BEGINS, _TITLED, _LATER = 0, 1, 2  # begins the run, follows titles only ("Miss Bennets"), later


@dataclass
class _Tally:
    total: Counter[Name] = field(default_factory=Counter)
    mid: Counter[Name] = field(default_factory=Counter)  # not starting a sentence
    place: Counter[Name] = field(default_factory=Counter)  # after "in", "to", "from"…
    article: Counter[Name] = field(default_factory=Counter)  # after "the", "a", "an"
    titled_article: Counter[Name] = field(default_factory=Counter)  # "the Miss Bennets"

    def add(self, names: RunNames, initial: bool, before: str | None, times: int = 1) -> None:
        for name, lead in names:
            self.total[name] += times
            if not (initial and lead == _BEGINS):
                self.mid[name] += times
            if before is None or lead == _LATER:
                continue
            if lead == _BEGINS and before in PLACE_BEFORE:
                self.place[name] += times
            elif before in ARTICLES:
                counter = self.article if lead == _BEGINS else self.titled_article
                counter[name] += times


@dataclass
class _Group:
    count: int = 0
    mid: int = 0
    place: int = 0
    article: int = 0
    titled_article: int = 0


def find_candidates(paragraphs: Iterable[str]) -> tuple[CastCandidate, ...]:
    """Candidate characters in paragraphs (markup allowed): people first, most frequent first."""
    # Ten line breaks first: every run then starts ten characters in or more, so the look at the
    # ten characters before it (see _scan) never reaches before the text, as a negative start
    # would (it counts from the end). A run after them is where a run after a paragraph is.
    tally = _scan("\n".join(["\n" * 9, *paragraphs]))
    singles = frozenset(name[0] for name in tally.total if len(name) == 1)
    offered: list[CastCandidate] = []
    for name, group in _merge_short_forms(tally).items():
        if group.count < 2 or group.mid < 1 or _family(name, group, singles):
            continue
        offered.append(CastCandidate(" ".join(name), group.count, _kind(name, group)))
    offered.sort(key=lambda c: (-c.count, c.name))
    kept = offered[:MAX_CANDIDATES]  # the most frequent, then people before places and others
    kept.sort(key=lambda c: c.kind != "person")
    return tuple(kept)


def _scan(text: str) -> _Tally:
    """Count every name in text, which starts with ten line breaks: each run's mentions are
    listed by kind, then its names counted once a run (not once a mention)."""
    # One pass over the regex's runs with everything in locals: a book has some 50,000 runs, and
    # this loop (not the regex) is most of the time.
    named: list[str] = []  # each run once per mention
    initial: list[str] = []  # starting a sentence
    after_place: list[str] = []  # after "in", "to", "from"…
    after_article: list[str] = []  # after "the", "a", "an"
    deferred: list[list[str]] = []  # "Because Sónya" or "Sophia Petrova"? See below.
    never, ends_with = _NEVER_NAMES, text.endswith
    place_tails, article_tails = _PLACE_TAILS, _ARTICLE_TAILS
    place_before, articles, opening_quotes = PLACE_BEFORE, ARTICLES, _OPENING_QUOTES
    classes = _classes(text)
    found = _RUN.finditer(text) if classes is None else _CLASS_NAME_RUN.finditer(classes)
    for start, end in map(re.Match.span, found):  # span called from C, not looked up each time
        run = text[start:end]
        if run in never or not run[0].isupper():
            continue  # "The", "He", "I": half the runs, and never a name whatever comes before
        before = text[start - 1]  # every run starts ten characters in or more
        if before == " ":
            mark = text[start - 2]
            if mark.isalpha():
                # After a word and a space (most names): is the word "in", "the"…? Compared as
                # it stands, not lowered (were a letter of it a capital, the run would have
                # started there), by a look at the text's end-of-window, not a slice a mention.
                named.append(run)
                if ends_with(place_tails, start - 10, start):
                    after_place.append(run)
                elif ends_with(article_tails, start - 10, start):
                    after_article.append(run)
                continue
            if mark in ",;:":  # mid-sentence, and no word before that _word_before would give
                named.append(run)
                continue
            # What _sentence_initial says, at once after "!" or "?".
            starts_sentence = mark in "!?…" or _sentence_initial(text, start)
        elif before == "\n" or before in opening_quotes:
            starts_sentence = True  # what _sentence_initial says, at once
        elif before.isalpha() or before in _INSIDE_WORD:
            continue  # inside a word
        else:
            starts_sentence = _sentence_initial(text, start)
        if not starts_sentence:
            named.append(run)
            word_before = _word_before(text, start)
            if word_before in place_before:
                after_place.append(run)
            elif word_before in articles:
                after_article.append(run)
        elif " " in run and run.split(" ", 1)[0].lower() not in _NOT_FIRST:
            deferred.append(run.split(" "))
        else:
            named.append(run)
            initial.append(run)
    tally = _Tally()
    _count_runs(
        tally, Counter(named), Counter(initial), Counter(after_place), Counter(after_article)
    )
    mid_first = {name[0] for name in tally.mid}
    for words in deferred:  # "Because Sónya" or "Sophia Petrova"?
        if _without_possessive(words[0]) in mid_first:
            tally.add(_names_in_run(words), True, None)
        else:
            tally.add(_names_in_run(words[1:]), False, None)
    return tally


def _count_runs(
    tally: _Tally,
    mentions: Counter[str],
    initial: Counter[str],
    after_place: Counter[str],
    after_article: Counter[str],
) -> None:
    """Add each run's names to tally as _Tally.add would, mention by mention, but once a run."""
    total, mid, place = tally.total, tally.mid, tally.place
    article, titled_article = tally.article, tally.titled_article
    # dict.get, not Counter's [] (which calls __missing__ in Python for every absent key).
    known: dict[str, _WordInfo] = {}
    for run, times in mentions.items():
        if " " in run:
            names = _names_in_run(run.split(" "), known)
        else:  # one word (most runs): what _names_in_run says, without its loop
            info = known.get(run)
            if info is None:
                info = known[run] = _word_info(run)
            if not info[1]:
                continue
            names = [((info[0],), _BEGINS)]
        for name, lead in names:
            total[name] = total.get(name, 0) + times
            if lead == _BEGINS:
                if times > (starting := initial.get(run, 0)):
                    mid[name] = mid.get(name, 0) + times - starting
                if places := after_place.get(run, 0):
                    place[name] = place.get(name, 0) + places
                if articles := after_article.get(run, 0):
                    article[name] = article.get(name, 0) + articles
                continue
            mid[name] = mid.get(name, 0) + times
            if lead == _TITLED and (articles := after_article.get(run, 0)):
                titled_article[name] = titled_article.get(name, 0) + articles


def _family(name: Name, group: _Group, singles: frozenset[str]) -> bool:
    """The plural of a name, mostly said with an article: "the Rostóvs", "the Miss Bennets"."""
    if len(name) != 1 or not is_plural_of(name[0], singles):
        return False
    return group.article + group.titled_article >= PLURAL_ARTICLE_SHARE * group.mid


def _kind(name: Name, group: _Group) -> CastKind:
    if group.mid < MID_SHARE * group.count:
        return "other"  # a word that mostly starts sentences ("Come", "However")
    mentions = group.mid + SMOOTHING
    if _place_name(name) or group.place >= PLACE_SHARE * mentions:
        return "place"
    if group.article >= ARTICLE_SHARE * mentions:
        return "other"
    return "person"


def _place_name(name: Name) -> bool:
    last = _plain(name[-1].lower())
    return (len(name) > 1 and last in PLACE_NOUNS) or (len(name) == 1 and last in PLACES)


def _plain(word: str) -> str:
    """The word without accents: "Borodinó" → "borodino"."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")


def _word_before(text: str, start: int) -> str | None:
    """The lower-cased word just before start, when only a space is between them.

    Ten characters are enough: every word the caller looks for is at most seven letters, so a
    longer word cut by the slice never equals one of them.
    """
    tail = text[max(0, start - 10) : start]
    if not tail.endswith(" "):
        return None
    words = tail.split()
    return words[-1].lower() if words else None


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in _OPENING:
        if text[index] in _OPENING_QUOTES:
            return True
        index -= 1
    if index < 0:
        return True
    char = text[index]
    if char in _QUOTES:
        before = text[index - 1] if index else "\n"
        return before.isspace() or before in _ENDS_SENTENCE  # an opening quote, or a closing one
    if char == ".":
        word_start = index
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        return text[word_start:index].lower() not in ABBREVIATIONS
    return char in _ENDS_SENTENCE


def _is_name_word(word: str, lower: str) -> bool:
    return len(word) > 1 and not (
        lower in _NOT_NAME_WORDS
        or word.isupper()
        or (("'" in word or "’" in word) and is_contraction(word))  # it needs an apostrophe
        or is_nation_word(word)
    )


_WordInfo = tuple[str, bool, bool]  # the word without "'s", a name word?, a title?


def _without_possessive(word: str) -> str:
    """ "Andrew's" → "Andrew"."""
    return word[:-2] if word.endswith(_POSSESSIVE) else word


def _word_info(raw: str) -> _WordInfo:
    word = _without_possessive(raw)
    lower = word.lower()
    return word, _is_name_word(word, lower), lower in TITLES


def _names_in_run(words: list[str], known: dict[str, _WordInfo] | None = None) -> RunNames:
    """The names in one run of capitalised words, each with where it stands in the run.

    known caches each word's _word_info across the runs of one scan.
    """
    names: RunNames = []
    current: list[str] = []
    lead = _BEGINS
    for raw in words:
        if known is None:
            word, is_name, is_title = _word_info(raw)
        elif (info := known.get(raw)) is not None:
            word, is_name, is_title = info
        else:
            word, is_name, is_title = known[raw] = _word_info(raw)
        if not is_name:
            if current:
                names.append((tuple(current), lead))
                current = []
            lead = _TITLED if lead != _LATER and is_title else _LATER
            continue
        current.append(word)
        if word != raw:  # a possessive ends the name
            names.append((tuple(current), lead))
            current, lead = [], _LATER
    if current:
        names.append((tuple(current), lead))
    return names


def _merge_short_forms(tally: _Tally) -> dict[Name, _Group]:
    """Fold each name into the one longer name it begins, when there is exactly one.

    Only beginnings: a bare surname ("Bingley") is as often another member of the family.
    """
    longer: defaultdict[Name, list[Name]] = defaultdict(list)
    for name in tally.total:
        for k in range(1, len(name)):
            longer[name[:k]].append(name)
    groups: dict[Name, _Group] = {}
    total, mid, place = tally.total, tally.mid, tally.place
    article, titled_article = tally.article, tally.titled_article
    for name, count in total.items():
        extended = longer.get(name)
        target = None if extended is None else _only_longest(extended)
        key = name if target is None or not _can_absorb(target, total) else target
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group()
        group.count += count
        group.mid += mid.get(name, 0)
        group.place += place.get(name, 0)
        group.article += article.get(name, 0)
        group.titled_article += titled_article.get(name, 0)
    return groups


def _can_absorb(name: Name, total: Counter[Name]) -> bool:
    """May the shorter names that begin name be counted as name?

    Not a place ("Lucas Lodge"), nor a run seen once whose other words are names seen alone
    ("after Borodinó Napoleon sought a battle": "Napoleon" is someone else).
    """
    if name[-1].lower() in PLACE_NOUNS:
        return False
    return total[name] >= 2 or not any(total[(word,)] >= 2 for word in name[1:])


def _only_longest(names: list[Name]) -> Name | None:
    """The one name of names that no other extends (it already holds the longest form)."""
    distinct = set(names)
    maximal = [n for n in distinct if not any(len(o) > len(n) and _within(n, o) for o in distinct)]
    return maximal[0] if len(maximal) == 1 else None


def _within(short: Name, long: Name) -> bool:
    return long[: len(short)] == short
