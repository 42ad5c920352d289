"""A deterministic synthetic spy-romance project at 20k, 250k and 1M words.

The same seed gives the same book, word for word, on every machine with the same Python. A book
is plain data (no database): `project_rows` turns it into the rows a plain sqlite3 reference
inserts, and `build_project` writes the same content through Safehouse's services.

Shape: chapters of 12 scenes of about 400 words; 60 characters (half with one or two aliases);
12 locations; 6 plot threads; a story time on every scene (with a flashback now and then); one
timeline event per chapter; one long scene of 10,000 words in the middle of the book (the
window's scene-switch figure opens it). The prose is English-ish: sentences made from a real
English vocabulary and the cast's names, with dialogue, paragraphs and a little *emphasis*, so
the spell checker sees cast words and ordinary words in realistic proportions.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

SIZES: dict[str, int] = {"20k": 20_000, "250k": 250_000, "1m": 1_000_000}
SEED = 20_240_607
SCENE_WORDS = 400
SCENES_PER_CHAPTER = 12
CHAPTERS_PER_PART = 20
LONG_SCENE_WORDS = 10_000
CHARACTER_COUNT = 60


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


GIVEN = _split(
    "Sophia Viktor Kirill Harley Anya Dmitri Natalia Oleg Yelena Mikhail Irina Pavel Katya "
    "Nikolai Vera Sergei Alina Grigori Tatiana Boris James Eleanor Marcus Claire Thomas "
    "Margot Felix Ingrid Lukas Mireille"
)
PATRONYMIC = _split(
    "Ivanovich Petrovna Sergeyevich Andreyevna Pavlovich Mikhailovna Nikolayevich Borisovna"
)
FAMILY = _split(
    "Petrova Kalnina Volkov Sokolova Morozov Lebedeva Kozlov Novikova Orlov Zaitseva "
    "Kalmurzaeva Harrington Whitcombe Ashdown Blackwood Devereux Lindqvist Moreau Castellane "
    "Thorne Vasquez Brennan Okafor Halloran Sterling Fairfax Rourke Delacroix Vance Mercer"
)
COVER = _split(
    "Nightjar Kestrel Magpie Lantern Sparrow Juniper Cobalt Marlowe Quill Harrow Vesper "
    "Cardinal Falconer Wren Tallis Linden Osprey Merlin Sable Ember"
)
LOCATIONS = (
    "Moscow",
    "Vienna",
    "Berlin",
    "Lisbon",
    "Istanbul",
    "Macau",
    "Prague",
    "Helsinki",
    "Budapest",
    "Trieste",
    "Marseille",
    "Lubyanka",
)
THREADS = (
    ("Operation Nightjar", "espionage"),
    ("The defector", "espionage"),
    ("The mole in Vienna", "espionage"),
    ("Sophia and Viktor", "romance"),
    ("Harley and Anya", "romance"),
    ("The Macau debt", "subplot"),
)
ROLES = ("protagonist", "love interest", "handler", "asset", "antagonist", "ally", "supporting")
AGENCIES = ("SVR", "FSB", "GRU", "MI6", "CIA", "BND", "DGSE", "none")

NOUNS = _split(
    "agent window letter door night street station train coffee cigarette envelope photograph "
    "embassy safe house border passport camera pistol coat hat rain river bridge hotel room "
    "message code cipher radio file folder signal contact handler courier asset cover story "
    "secret promise kiss hand voice silence shadow light lamp table glass wine bottle car "
    "airport ticket map key lock phone apartment stairs garden park bench church square city "
    "morning evening winter summer snow wind smoke memory photograph truth lie heart face eye "
    "mouth smile breath name stranger friend lover enemy traitor officer colonel minister "
    "guard driver waiter doctor woman man child mother father brother sister husband wife "
    "dinner breakfast newspaper report meeting operation network dossier tape recorder notebook"
)
VERBS = _split(
    "watched opened closed crossed followed waited whispered answered noticed remembered "
    "folded burned hid found lost kept carried touched held kissed turned lifted dropped "
    "studied checked locked unlocked signed read wrote counted trusted doubted betrayed "
    "warned reached left entered passed paid ordered poured drank lit smoked searched "
    "photographed recorded decoded sent received refused promised pretended learned"
)
ADJECTIVES = _split(
    "cold quiet dark narrow empty crowded old gray silent careful nervous tired beautiful "
    "familiar strange heavy thin wet bitter warm soft sharp brief long last first small "
    "quick slow distant private secret false real pale bright steady"
)
ADVERBS = _split(
    "slowly quietly carefully suddenly finally softly already again almost never always "
    "perhaps still once twice nearly barely gently coldly"
)
PREPOSITIONS = _split("across behind beside near under over through toward inside outside past")
SAID = _split("said whispered asked replied murmured answered admitted lied")
SPEECH = (
    "We do not have much time",
    "You should not have come here",
    "Who sent you",
    "I never asked for any of this",
    "They know about the safe house",
    "Trust me one more time",
    "The border closes at midnight",
    "Burn the letter after you read it",
    "You were followed from the station",
    "I would have told you the truth",
    "Moscow wants an answer by morning",
    "Stay with me tonight",
)

_ALL_NAMES = GIVEN + FAMILY + COVER


@dataclass(frozen=True)
class GenAlias:
    name: str
    kind: str
    used_where: str
    valid_from: str | None
    valid_until: str | None


@dataclass(frozen=True)
class GenCharacter:
    display_name: str
    given_name: str
    patronymic: str
    family_name: str
    role: str
    allegiance: str
    description: str
    aliases: tuple[GenAlias, ...]


@dataclass(frozen=True)
class GenScene:
    title: str
    body: str
    status: str
    synopsis: str
    pov: int
    """Index into Book.characters."""
    location: int
    """Index into Book.locations."""
    story_time: str
    characters: tuple[int, ...]
    threads: tuple[int, ...]
    """Indexes into Book.threads."""


@dataclass(frozen=True)
class GenChapter:
    title: str
    part: int
    """Index into Book.parts."""
    scenes: tuple[GenScene, ...]


@dataclass(frozen=True)
class GenEvent:
    title: str
    story_time: str
    scene: int
    """Index of the scene in book order."""
    characters: tuple[int, ...]
    location: int


@dataclass(frozen=True)
class Book:
    size: str
    title: str
    author: str
    characters: tuple[GenCharacter, ...]
    locations: tuple[str, ...]
    threads: tuple[tuple[str, str], ...]
    parts: tuple[str, ...]
    chapters: tuple[GenChapter, ...]
    events: tuple[GenEvent, ...]
    long_scene: int
    """Index (book order) of the 10,000-word scene."""

    def scenes(self) -> Iterator[GenScene]:
        for chapter in self.chapters:
            yield from chapter.scenes

    @property
    def scene_count(self) -> int:
        return sum(len(c.scenes) for c in self.chapters)

    def text(self) -> str:
        """Every scene's body, in book order, one after the other."""
        return "\n\n".join(s.body for s in self.scenes())

    def cast_names(self) -> list[str]:
        """Every name the bible holds: characters, aliases, locations, threads."""
        names = [c.display_name for c in self.characters]
        names += [" ".join(filter(None, (c.given_name, c.patronymic))) for c in self.characters]
        names += [a.name for c in self.characters for a in c.aliases]
        return names + list(self.locations) + [name for name, _kind in self.threads]


class _Prose:
    """Sentences and paragraphs from the vocabulary; counts the words it writes."""

    def __init__(self, rng: random.Random, names: list[str]) -> None:
        self.rng = rng
        self.names = names

    def sentence(self) -> list[str]:
        r = self.rng
        kind = r.random()
        name = r.choice(self.names)
        if kind < 0.35:
            words = [name, r.choice(VERBS), "the", r.choice(ADJECTIVES), r.choice(NOUNS)]
            words += [r.choice(PREPOSITIONS), "the", r.choice(NOUNS) + "."]
        elif kind < 0.55:
            words = ["The", r.choice(NOUNS), "was", r.choice(ADJECTIVES), "and"]
            words += [r.choice(ADJECTIVES) + ",", "and", name, r.choice(ADVERBS)]
            words += [r.choice(VERBS), "it."]
        elif kind < 0.75:
            speech = r.choice(SPEECH).split()
            speech[0] = "\u201c" + speech[0]
            speech[-1] += "," if r.random() < 0.5 else "?"
            words = [*speech[:-1], speech[-1] + "\u201d", name, r.choice(SAID) + "."]
        elif kind < 0.9:
            words = [r.choice(ADVERBS).capitalize(), name, r.choice(VERBS), "the"]
            noun = r.choice(NOUNS)
            words += [f"*{noun}*" if r.random() < 0.15 else noun, "that", name + "'s"]
            words += [r.choice(NOUNS), "had", r.choice(VERBS) + "."]
        else:
            words = ["In", r.choice(LOCATIONS) + ",", "the", r.choice(NOUNS), "was"]
            words += [r.choice(ADJECTIVES), "\u2014", "as", r.choice(ADJECTIVES), "as"]
            words += ["a", r.choice(NOUNS) + "."]
        return words

    def body(self, target: int) -> str:
        """About target words (never fewer), in paragraphs of 3 to 6 sentences."""
        paragraphs: list[str] = []
        count = 0
        while count < target:
            sentences: list[str] = []
            for _ in range(self.rng.randint(3, 6)):
                words = self.sentence()
                count += sum(1 for w in words if w != "\u2014")
                sentences.append(" ".join(words))
                if count >= target:
                    break
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)


def _characters(rng: random.Random) -> tuple[GenCharacter, ...]:
    people: list[GenCharacter] = []
    for index in range(CHARACTER_COUNT):
        given = GIVEN[index % len(GIVEN)]
        family = FAMILY[(index * 7) % len(FAMILY)]
        patronymic = PATRONYMIC[index % len(PATRONYMIC)] if index % 3 == 0 else ""
        aliases: list[GenAlias] = []
        if index % 2 == 0:
            for number in range(1 + index % 4 // 2):
                cover = COVER[(index + number * 3) % len(COVER)]
                aliases.append(
                    GenAlias(
                        name=f"{cover} {FAMILY[(index + 11 + number) % len(FAMILY)]}",
                        kind="cover identity" if number == 0 else "codename",
                        used_where=LOCATIONS[(index + number) % len(LOCATIONS)],
                        valid_from=f"{1979 + number * 3}",
                        valid_until=f"{1982 + number * 3}" if number else None,
                    )
                )
        people.append(
            GenCharacter(
                display_name=f"{given} {family}",
                given_name=given,
                patronymic=patronymic,
                family_name=family,
                role=ROLES[index % len(ROLES)],
                allegiance=AGENCIES[index % len(AGENCIES)],
                description=f"A {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} from "
                f"{rng.choice(LOCATIONS)}.",
                aliases=tuple(aliases),
            )
        )
    return tuple(people)


def _story_time(rng: random.Random, clock: datetime, index: int) -> tuple[str, datetime]:
    """The next scene's story time: mostly later, a flashback now and then (every 40th)."""
    if index and index % 40 == 0:
        flashback = clock - timedelta(days=365 * rng.randint(2, 6))
        return f"summer {flashback.year}", clock
    clock += timedelta(hours=rng.randint(2, 30), minutes=rng.choice((0, 15, 30, 45)))
    return clock.strftime("%Y-%m-%d %H:%M"), clock


@cache
def generate(size: str, seed: int = SEED) -> Book:
    """The book of the given size ("20k", "250k" or "1m"), the same every time."""
    words = SIZES[size]
    rng = random.Random(f"{seed}-{size}")
    characters = _characters(rng)
    prose = _Prose(rng, [c.given_name for c in characters] + [c.family_name for c in characters])
    scene_count = max(2, round((words - LONG_SCENE_WORDS) / SCENE_WORDS) + 1)
    long_scene = scene_count // 2
    chapter_count = -(-scene_count // SCENES_PER_CHAPTER)
    parts = tuple(f"Part {n + 1}" for n in range(-(-chapter_count // CHAPTERS_PER_PART)))
    clock = datetime(1985, 3, 1, 8, 0)
    chapters: list[GenChapter] = []
    events: list[GenEvent] = []
    index = 0
    for number in range(chapter_count):
        scenes: list[GenScene] = []
        for _ in range(min(SCENES_PER_CHAPTER, scene_count - index)):
            target = LONG_SCENE_WORDS if index == long_scene else rng.randint(320, 480)
            story_time, clock = _story_time(rng, clock, index)
            present = tuple(sorted(rng.sample(range(CHARACTER_COUNT), rng.randint(2, 4))))
            scenes.append(
                GenScene(
                    title=f"Scene {index + 1}",
                    body=prose.body(target),
                    status=("draft", "revised", "final")[index % 3],
                    synopsis=" ".join(prose.sentence()),
                    pov=present[0],
                    location=rng.randrange(len(LOCATIONS)),
                    story_time=story_time,
                    characters=present,
                    threads=tuple(sorted(rng.sample(range(len(THREADS)), rng.randint(1, 2)))),
                )
            )
            index += 1
        first = scenes[0]
        events.append(
            GenEvent(
                title=f"Event of chapter {number + 1}",
                story_time=first.story_time,
                scene=index - len(scenes),
                characters=first.characters[:2],
                location=first.location,
            )
        )
        chapters.append(
            GenChapter(f"Chapter {number + 1}", number // CHAPTERS_PER_PART, tuple(scenes))
        )
    return Book(
        size=size,
        title=f"The Lantern Protocol ({size})",
        author="A. N. Onymous",
        characters=characters,
        locations=LOCATIONS,
        threads=THREADS,
        parts=parts,
        chapters=tuple(chapters),
        events=tuple(events),
        long_scene=long_scene,
    )


# -- rows for the plain sqlite3 reference ---------------------------------------------------------

_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy stores a DateTime in SQLite."""

Rows = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]
"""table -> (columns, rows), in the order the tables must be filled."""


def _stored_time(text: str | None) -> tuple[Any, ...]:
    """The four story-time columns as Safehouse stores them (parsed by Safehouse's own parser)."""
    from studio.services.convert import story_columns

    columns = story_columns(text)
    start, end = (None if t is None else t.strftime(_SQLITE_DATETIME) for t in columns[1:3])
    return (columns[0], start, end, columns[3])


def project_rows(book: Book) -> Rows:
    """Every row the services write for book, with the same ids and values."""
    from studio.core.text import count_words

    rows: Rows = {}
    created = "2024-06-07 12:00:00.000000"
    rows["project"] = (
        ("id", "title", "author", "language", "settings_json", "created_at"),
        [(1, book.title, book.author, "en_US", "{}", created)],
    )
    character_columns = _split(
        "id position display_name given_name patronymic family_name role allegiance "
        "description backstory goal notes portrait colour"
    )
    characters: list[tuple[Any, ...]] = []
    aliases: list[tuple[Any, ...]] = []
    for number, c in enumerate(book.characters, start=1):
        characters.append(
            (
                number,
                number - 1,
                c.display_name,
                c.given_name,
                c.patronymic,
                c.family_name,
                c.role,
                c.allegiance,
                c.description,
                "",
                "",
                "",
                "",
                "",
            )
        )
        for position, a in enumerate(c.aliases):
            aliases.append(
                (
                    len(aliases) + 1,
                    number,
                    position,
                    a.name,
                    a.kind,
                    a.used_where,
                    "",
                    *_stored_time(a.valid_from),
                    *_stored_time(a.valid_until),
                    "",
                )
            )
    rows["character"] = (tuple(character_columns), characters)
    rows["alias"] = (
        _split(
            "id character_id position name kind used_where used_with from_text from_start "
            "from_end from_precision until_text until_start until_end until_precision notes"
        ),
        aliases,
    )
    rows["location"] = (
        ("id", "position", "name", "description", "notes"),
        [(n + 1, n, name, "", "") for n, name in enumerate(book.locations)],
    )
    rows["plot_thread"] = (
        ("id", "position", "name", "kind", "colour", "status", "description"),
        [(n + 1, n, name, kind, "", "open", "") for n, (name, kind) in enumerate(book.threads)],
    )
    rows["part"] = (
        ("id", "title", "position", "synopsis"),
        [(n + 1, title, n, "") for n, title in enumerate(book.parts)],
    )
    chapters: list[tuple[Any, ...]] = []
    scenes: list[tuple[Any, ...]] = []
    present: list[tuple[Any, ...]] = []
    advances: list[tuple[Any, ...]] = []
    positions: dict[int, int] = {}
    for number, chapter in enumerate(book.chapters, start=1):
        position = positions.get(chapter.part, 0)
        positions[chapter.part] = position + 1
        chapters.append((number, chapter.part + 1, chapter.title, position, ""))
        for scene_position, s in enumerate(chapter.scenes):
            scene_id = len(scenes) + 1
            scenes.append(
                (
                    scene_id,
                    number,
                    s.title,
                    scene_position,
                    s.body,
                    count_words(s.body),
                    s.synopsis,
                    "",
                    s.status,
                    s.pov + 1,
                    s.location + 1,
                    *_stored_time(s.story_time),
                    None,
                    "[]",
                )
            )
            present.extend((scene_id, c + 1) for c in s.characters)
            advances.extend((scene_id, t + 1, "") for t in s.threads)
    rows["chapter"] = (("id", "part_id", "title", "position", "synopsis"), chapters)
    rows["scene"] = (
        _split(
            "id chapter_id title position body word_count synopsis notes status pov_id "
            "location_id story_text story_start story_end story_precision word_target "
            "labels_json"
        ),
        scenes,
    )
    rows["scene_character"] = (("scene_id", "character_id"), present)
    rows["scene_thread"] = (("scene_id", "thread_id", "note"), advances)
    events: list[tuple[Any, ...]] = []
    event_scenes: list[tuple[Any, ...]] = []
    event_characters: list[tuple[Any, ...]] = []
    event_locations: list[tuple[Any, ...]] = []
    for number, e in enumerate(book.events, start=1):
        events.append((number, e.title, "event", "", *_stored_time(e.story_time)))
        event_scenes.append((number, e.scene + 1))
        event_characters.extend((number, c + 1) for c in e.characters)
        event_locations.append((number, e.location + 1))
    rows["timeline_event"] = (
        _split("id title kind description story_text story_start story_end story_precision"),
        events,
    )
    rows["event_scene"] = (("event_id", "scene_id"), event_scenes)
    rows["event_character"] = (("event_id", "character_id"), event_characters)
    rows["event_location"] = (("event_id", "location_id"), event_locations)
    return rows


# -- the same content through the services ---------------------------------------------------------


def build_project(book: Book, path: Path) -> None:
    """Create the project at path holding book, through Safehouse's public services only."""
    from studio.services.project import create_project

    with create_project(path, title=book.title, author=book.author) as project:
        bible, manuscript = project.bible, project.manuscript
        people: list[int] = []
        for c in book.characters:
            person = bible.add_character(
                c.display_name,
                given_name=c.given_name,
                patronymic=c.patronymic,
                family_name=c.family_name,
                role=c.role,
                allegiance=c.allegiance,
                description=c.description,
            )
            people.append(person.id)
            for a in c.aliases:
                bible.add_alias(
                    person.id,
                    a.name,
                    a.kind,
                    valid_from=a.valid_from,
                    valid_until=a.valid_until,
                    used_where=a.used_where,
                )
        places = [bible.add_location(name).id for name in book.locations]
        threads = [bible.add_thread(name, kind).id for name, kind in book.threads]
        parts = [manuscript.add_part(title).id for title in book.parts]
        scene_ids: list[int] = []
        for chapter in book.chapters:
            chapter_id = manuscript.add_chapter(chapter.title, parts[chapter.part]).id
            for s in chapter.scenes:
                scene_id = manuscript.add_scene(chapter_id, s.title, body=s.body).id
                manuscript.update_scene(
                    scene_id,
                    synopsis=s.synopsis,
                    status=s.status,
                    pov_id=people[s.pov],
                    location_id=places[s.location],
                    story_time=s.story_time,
                )
                manuscript.set_scene_characters(scene_id, (people[c] for c in s.characters))
                manuscript.set_scene_threads(scene_id, (threads[t] for t in s.threads))
                scene_ids.append(scene_id)
        for e in book.events:
            project.events.add_event(
                e.title,
                story_time=e.story_time,
                scene_ids=[scene_ids[e.scene]],
                character_ids=[people[c] for c in e.characters],
                location_ids=[places[e.location]],
            )


def write_bundle(book: Book, folder: Path) -> None:
    """Write book as a portable bundle (studio.export.bundle's format, the ids of project_rows).

    Importing it (studio.importers.bundle.import_bundle) is Safehouse's path for creating a whole
    project from content in one go, which the create figure measures.
    """
    from studio.export.bundle import BUNDLE_FORMAT, BUNDLE_VERSION, MANIFEST, SCENES

    (folder / SCENES).mkdir(parents=True)
    characters: list[dict[str, Any]] = []
    alias_id = 0
    for number, c in enumerate(book.characters, start=1):
        aliases: list[dict[str, Any]] = []
        for a in c.aliases:
            alias_id += 1
            aliases.append(
                {"id": alias_id, "name": a.name, "kind": a.kind, "used_where": a.used_where}
                | {"used_with": "", "valid_from": a.valid_from, "valid_until": a.valid_until}
                | {"notes": ""}
            )
        characters.append(
            {"id": number, "display_name": c.display_name, "given_name": c.given_name}
            | {"patronymic": c.patronymic, "family_name": c.family_name, "role": c.role}
            | {"allegiance": c.allegiance, "description": c.description, "aliases": aliases}
        )
    scenes: list[dict[str, Any]] = []
    for chapter_number, chapter in enumerate(book.chapters, start=1):
        for scene_number, s in enumerate(chapter.scenes, start=1):
            name = f"{SCENES}/{chapter_number:04d}-{scene_number:02d}.md"
            (folder / name).write_text(s.body + "\n", encoding="utf-8", newline="\n")
            scenes.append(
                {"id": len(scenes) + 1, "chapter_id": chapter_number, "title": s.title}
                | {"file": name, "status": s.status, "synopsis": s.synopsis, "notes": ""}
                | {"pov_id": s.pov + 1, "location_id": s.location + 1}
                | {"story_time": s.story_time, "word_target": None, "labels": []}
                | {"character_ids": [c + 1 for c in s.characters]}
                | {"thread_ids": [t + 1 for t in s.threads]}
            )
    manifest: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "format_version": BUNDLE_VERSION,
        "project": {"title": book.title, "author": book.author, "language": "en_US"},
        "parts": [{"id": n + 1, "title": t, "synopsis": ""} for n, t in enumerate(book.parts)],
        "chapters": [
            {"id": n + 1, "part_id": c.part + 1, "title": c.title, "synopsis": ""}
            for n, c in enumerate(book.chapters)
        ],
        "scenes": scenes,
        "characters": characters,
        "locations": [{"id": n + 1, "name": name} for n, name in enumerate(book.locations)],
        "threads": [
            {"id": n + 1, "name": name, "kind": kind, "status": "open"}
            for n, (name, kind) in enumerate(book.threads)
        ],
        "events": [
            {"id": n + 1, "title": e.title, "kind": "event", "story_time": e.story_time}
            | {"scene_ids": [e.scene + 1], "character_ids": [c + 1 for c in e.characters]}
            | {"location_ids": [e.location + 1]}
            for n, e in enumerate(book.events)
        ],
    }
    text = json.dumps(manifest, indent=1, ensure_ascii=False)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")
