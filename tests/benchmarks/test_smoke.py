"""The benchmark still runs: every figure at the smallest size, one run each, a small novel.

Timings are never asserted here (this is a test, not a benchmark): only that each row is
produced with a positive value and reference, a ratio and a target.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.benchmarks.__main__ import main
from tests.benchmarks.report import Figure
from tests.benchmarks.runner import run
from tests.benchmarks.workspace import SMALL_NOVEL

PER_SIZE = {
    "create project": "studio.importers.bundle",
    "open until binder": "studio.services.project",
    "export plain text": "studio.export.plain_text",
    "autosave one scene": "studio.services.manuscript",
    "search word": "studio.services.search",
    "search regex": "studio.services.search",
    "spelling every word (cached)": "studio.spelling",
    "timeline story order": "studio.services.timeline",
    "thread grid": "studio.services.timeline",
    "continuity check": "studio.services.continuity",
    "first paint": "studio.app",
    "first scene shown": "studio.app",
    "peak RSS, one scene shown": "studio.app",
    "peak RSS, bare + stack": "studio.app",
    "peak RSS against bare + stack": "studio.app",
    "switch to 10k-word scene": "studio.app",
    "keystroke": "studio.app",
}
FIXED = {
    "spelling cold (words/s)": "studio.spelling",
    "spelling keystroke re-check": "studio.spelling",
    "import novel": "studio.services.manuscript_import",
    "import novel, no cast": "studio.services.manuscript_import",
}
# Printed beside a targeted figure for honesty, with no target of its own.
UNTARGETED = {
    "first scene shown",
    "peak RSS, bare + stack",
    "peak RSS against bare + stack",
    "import novel, no cast",
}


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    return run(["20k"], runs=1, novel=SMALL_NOVEL, strict=True)


def test_every_figure_is_produced(figures: list[Figure]) -> None:
    produced = {f.name for f in figures}
    assert produced == set(PER_SIZE) | set(FIXED)
    assert {f.size for f in figures if f.name in PER_SIZE} == {"20k"}


@pytest.mark.parametrize("name", sorted(PER_SIZE | FIXED))
def test_figure_has_a_value_a_reference_and_a_target(figures: list[Figure], name: str) -> None:
    (figure,) = [f for f in figures if f.name == name]
    needs = (PER_SIZE | FIXED)[name]
    if figure.value is None:
        assert importlib.util.find_spec(needs) is None, f"{needs} exists, yet: {figure.note}"
        pytest.skip(figure.note)
    assert figure.value > 0
    assert figure.reference is not None and figure.reference > 0
    assert figure.ratio is not None and figure.ratio > 0
    if name in UNTARGETED:
        assert figure.target == "—" and figure.passed is None
    else:
        assert figure.target and figure.passed in (True, False)
    assert figure.unit in ("ms", "MB", "words/s")


def test_json_lines(figures: list[Figure]) -> None:
    record = json.loads(figures[0].as_json())
    assert set(record) >= {"name", "size", "value", "unit", "reference", "ratio", "target", "pass"}


def test_command_line_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--size", "3m"])
    with pytest.raises(SystemExit):
        main(["--runs", "0"])
    assert "usage" in capsys.readouterr().err
