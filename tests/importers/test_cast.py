"""Cast candidates: the documented rules, on small texts."""

from __future__ import annotations

from pathlib import Path

from studio.importers.manuscript import cast
from studio.importers.manuscript.cast import find_candidates


def names(*paragraphs: str) -> dict[str, int]:
    return {c.name: c.count for c in find_candidates(paragraphs)}


def test_sentence_initial_words_are_not_names() -> None:
    found = names(
        "The night was long. But it ended. The car waited for Viktor.",
        "Still, Viktor smiled. The end came and Viktor left.",
    )
    assert found == {"Viktor": 3}


def test_honorifics_are_dropped() -> None:
    found = names(
        "“My dear Mr. Darcy,” said she. I told Mr Darcy and Miss Bingley so.",
        "Darcy bowed. Then Prince Andrew rode to see Andrew's sister.",
    )
    assert found["Darcy"] == 3
    assert found["Andrew"] == 2
    assert "Bingley" not in found  # seen once only
    assert not {"Mr", "Mr.", "Miss", "Prince", "My", "I", "Then"} & set(found)


def test_days_months_and_nationalities_are_not_names() -> None:
    found = names(
        "On Monday the Russian agent met Sophia in May. On Monday again, in May, a Russian met "
        "Sophia and said I was late."
    )
    assert found == {"Sophia": 2}


def test_multi_word_name_takes_its_first_name() -> None:
    found = names(
        "Sophia Petrova came in. She saw Kirill Ivanovich Kalnina at the bar.",
        "Kirill waved, and Sophia smiled at Kirill. Later Kirill Ivanovich left.",
    )
    assert found == {"Kirill Ivanovich Kalnina": 4, "Sophia Petrova": 2}


def test_a_surname_alone_is_not_folded_into_one_relative() -> None:
    found = names(
        "He saw Mr. Bingley and then Caroline Bingley, and later Mr. Bingley again.",
        "Caroline Bingley laughed at Mr. Bingley.",
    )
    assert found == {"Bingley": 3, "Caroline Bingley": 2}


def test_curly_and_straight_quotes_open_sentences() -> None:
    found = names("'Hannay,' he said. “Scudder is dead,” I said to Hannay and to Scudder.")
    assert found == {"Hannay": 2, "Scudder": 2}


def test_accented_and_possessive_names() -> None:
    found = names("It was Natásha's day. Pierre saw Natásha, and Natásha saw Pierre.")
    assert found == {"Natásha": 3, "Pierre": 2}


def test_most_frequent_first() -> None:
    found = find_candidates(["with Ann and Bo and Bo and Cy, Cy, Cy and Ann, Bo"])
    assert [(c.name, c.count) for c in found] == [("Bo", 3), ("Cy", 3), ("Ann", 2)]


def kinds(*paragraphs: str) -> dict[str, str]:
    return {c.name: c.kind for c in find_candidates(paragraphs)}


def test_contractions_are_not_names() -> None:
    found = names(
        "Then I’ll go, said Viktor. And I'll stay, and You’d laugh at Viktor, and Don’t worry.",
        "Then I’ll go. Then I’m off, and I’ve done, and You'd see, and I’m here.",
    )
    assert found == {"Viktor": 2}


def test_family_plurals_and_nationalities_are_not_names() -> None:
    found = names(
        "He dined with the Rostóvs. Nicholas Rostóv was there, and later the Rostóvs left.",
        "Old Rostóv laughed. The Russians and the Frenchmen saw a Cossack and two Cossacks.",
        "The Miss Bennets came, and Mr. Bennet, and the Miss Bennets again with Mr. Bennet.",
    )
    assert found == {"Rostóv": 2, "Bennet": 2}


def test_a_surname_that_is_a_plural_first_name_is_kept() -> None:
    found = names("William met Mr. Williams; later William and Mr. Williams talked to Ann.")
    assert found == {"William": 2, "Williams": 2}


def test_a_sentence_ends_after_a_word_that_is_also_a_title() -> None:
    found = names(
        "He talked to a Polish lady. Having finished, he left. I saw the princess. Go away.",
        "Having dined, Sónya sang, and Sónya smiled.",
    )
    assert found == {"Sónya": 2}


def test_places_come_after_people_and_are_marked() -> None:
    found = find_candidates(
        [
            "In Moscow, Sophia went to Meryton and then from Meryton to Moscow, in Moscow.",
            "Sophia waited at Meryton for Kirill; Kirill came to Moscow, to Meryton.",
        ]
    )
    assert [(c.name, c.kind) for c in found] == [
        ("Kirill", "person"),
        ("Sophia", "person"),
        ("Meryton", "place"),
        ("Moscow", "place"),
    ]


def test_well_known_places_and_place_words_are_places() -> None:
    found = kinds(
        "Harley sang about Lisbon, Lisbon and Harley; she met Lucas at Lucas Lodge.",
        "Later Lucas left Lucas Lodge.",
    )
    assert found == {
        "Harley": "person",
        "Lucas": "person",
        "Lisbon": "place",
        "Lucas Lodge": "place",
    }


def test_only_a_whole_word_before_a_name_makes_it_a_place() -> None:
    found = kinds(
        "Sophia saw Viktor. The cabin Viktor built, the basin Viktor dug, a way within Viktor.",
        "At Lisbon, at Lisbon, to Moscow, towards Moscow.",
    )
    assert found == {"Viktor": "person", "Lisbon": "place", "Moscow": "place"}


def test_names_mostly_after_the_are_not_people() -> None:
    found = kinds(
        "He joined the Guards. Viktor said the Guards were proud; Viktor was a Guards man.",
        "Later the Admiralty wrote, and the Admiralty asked Viktor.",
    )
    assert found == {"Viktor": "person", "Guards": "other", "Admiralty": "other"}


def test_a_word_that_mostly_starts_sentences_is_not_a_person() -> None:
    found = kinds(
        "Come here. Come now. Come, Viktor. Come back. Come! Viktor smiled.",
        "Come in. Come on. Come closer. Come along, said Viktor, come to console me, Come.",
    )
    assert found["Viktor"] == "person"
    assert found["Come"] == "other"


def test_a_run_seen_once_does_not_swallow_a_place_before_a_person() -> None:
    found = names(
        "After Borodinó Napoleon sought a battle. At Borodinó the guns fired; Napoleon rode.",
        "The field of Borodinó lay empty and Napoleon left it.",
    )
    assert found == {"Borodinó": 2, "Napoleon": 2}


def test_capitals_and_initials_are_not_names() -> None:
    found = names("He read DAS BOOT twice, and DAS BOOT again, signed J and J, with Ann and Ann.")
    assert found == {"Ann": 2}


# The scan finds runs over the text's character classes (one byte each) instead of the text:
# the same runs, wherever the characters outside Latin-1 are and however many there are.
TRICKY = (
    "“Natásha’s letter,” said Prince Andrew Bolkónski-Ivanov to Ēvald. Anna Pávlovna's "
    "Œuvre and the Rostóvs’ ball. O’Brien—Pierre’s friend—met Ālex in Moscow. ā Pierre, Ёлка; "
    "X-Ray, McDonald, Ab- Cd, Ab  Cd, ²Ab, Ab² Cd, l’Abbé, A’, A’b C, ‘Quoted’ Z"
)


def _spans_by_classes(text: str) -> list[tuple[int, int]] | None:
    classes = cast._classes(text)
    if classes is None:
        return None
    assert len(classes) == len(text)
    return [m.span() for m in cast._CLASS_RUN.finditer(classes)]


def test_runs_by_classes_are_the_runs_of_the_text() -> None:
    for text in (TRICKY, TRICKY.replace("’", "'"), TRICKY.encode("ascii", "replace").decode()):
        assert _spans_by_classes(text) == [m.span() for m in cast._RUN.finditer(text)]


def test_runs_of_a_novel_by_classes(manuscripts_dir: Path) -> None:
    text = (manuscripts_dir / "novels" / "war-and-peace.txt").read_text(encoding="utf-8")
    assert _spans_by_classes(text) == [m.span() for m in cast._RUN.finditer(text)]


def test_a_text_with_many_letters_past_latin1_is_read_as_it_is() -> None:
    russian = "Пьер Безухов вошёл. Наташа Ростова ждала, и Пьер улыбнулся. " * 3
    assert cast._classes(russian) is None  # too many stand-ins: the text's own regex is used
    found = names(russian, "Мы видели Наташа Ростова и Пьер Безухов.")
    assert found["Пьер Безухов"] >= 2


def test_name_runs_are_the_runs_but_lone_capitals(manuscripts_dir: Path) -> None:
    novel = (manuscripts_dir / "novels" / "war-and-peace.txt").read_text(encoding="utf-8")
    for text in (TRICKY, "I. A J, I’ll X-Ray; O’Brien I A Bo", novel):
        classes = cast._classes(text)
        assert classes is not None
        runs = [m.span() for m in cast._CLASS_RUN.finditer(classes)]
        expected = [(start, end) for start, end in runs if end - start > 1]
        assert [m.span() for m in cast._CLASS_NAME_RUN.finditer(classes)] == expected


def test_a_place_named_in_the_first_words_of_the_book_is_a_place() -> None:
    # "go to Tula" at the very start: the look at the words before the name once reached past
    # the start of the text and missed the "to".
    assert kinds("go to Tula.", "Then to Tula again.") == {"Tula": "place"}
