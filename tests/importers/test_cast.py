"""Cast candidates: the documented rules, on small texts."""

from __future__ import annotations

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
