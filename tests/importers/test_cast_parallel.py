"""The cast counted with part of the book in a forked process: the same candidates as one scan.

Each case runs in a fresh interpreter: whether a fork is safe depends on the threads of the
process, and the test process may have Qt's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studio.importers.manuscript import read_manuscript
from studio.importers.manuscript.cast import candidates_from, count_names, find_candidates

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")

_PRELUDE = """
import json, os, signal, sys, threading
from pathlib import Path
from studio.importers.manuscript import read_manuscript
from studio.importers.manuscript.cast import find_candidates
from studio.importers.manuscript.cast_parallel import CastCount

outline = read_manuscript(Path(sys.argv[1]), candidates=False)
bodies = [scene.body for scene in outline.scenes()]
expected = find_candidates(bodies)

def names(found):
    return [[c.name, c.count, c.kind] for c in found]

def children_left():
    try:
        return os.waitpid(-1, os.WNOHANG) != (0, 0) or True
    except ChildProcessError:
        return False
"""


@pytest.fixture
def war_and_peace(manuscripts_dir: Path) -> Path:
    return manuscripts_dir / "novels" / "war-and-peace.txt"


def _run(body: str, path: Path) -> dict[str, object]:
    code = _PRELUDE + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_novel_is_counted_in_two_processes_and_offers_the_same_cast(war_and_peace: Path) -> None:
    result = _run(
        """
        with CastCount(bodies) as counting:
            forked = counting.forked
            found = counting.candidates()
        print(json.dumps({"forked": forked, "same": names(found) == names(expected),
                          "people": names(found)[:3], "left": children_left()}))
        """,
        war_and_peace,
    )
    assert result["forked"] is True
    assert result["same"] is True
    assert result["people"] == [
        ["Pierre Bezúkhov", 1952, "person"],
        ["Natásha", 1206, "person"],
        ["Andrew", 1130, "person"],
    ]
    assert result["left"] is False  # the child was waited for: no zombie


def test_a_child_killed_midway_is_made_up_for_here(war_and_peace: Path) -> None:
    result = _run(
        """
        with CastCount(bodies) as counting:
            os.kill(counting._pid, signal.SIGKILL)
            found = counting.candidates()
        print(json.dumps({"same": names(found) == names(expected), "left": children_left()}))
        """,
        war_and_peace,
    )
    assert result == {"same": True, "left": False}


def test_leaving_before_the_candidates_ends_the_child(war_and_peace: Path) -> None:
    result = _run(
        """
        try:
            with CastCount(bodies) as counting:
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        print(json.dumps({"forked": counting.forked, "left": children_left()}))
        """,
        war_and_peace,
    )
    assert result == {"forked": False, "left": False}


def test_a_process_with_another_thread_counts_in_process(war_and_peace: Path) -> None:
    result = _run(
        """
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        with CastCount(bodies) as counting:
            forked = counting.forked
            found = counting.candidates()
        stop.set()
        other.join()
        print(json.dumps({"forked": forked, "same": names(found) == names(expected)}))
        """,
        war_and_peace,
    )
    assert result == {"forked": False, "same": True}


def test_a_short_story_is_counted_in_process(manuscripts_dir: Path) -> None:
    story = manuscripts_dir / "stories" / "kirill-and-sophia.txt"
    result = _run(
        """
        with CastCount(bodies) as counting:
            print(json.dumps({"forked": counting.forked,
                              "same": names(counting.candidates()) == names(expected)}))
        """,
        story,
    )
    assert result == {"forked": False, "same": True}


def test_counts_of_the_book_in_stretches_add_up_to_one_scan(war_and_peace: Path) -> None:
    bodies = [scene.body for scene in read_manuscript(war_and_peace, candidates=False).scenes()]
    whole = find_candidates(bodies)
    for split in (1, 90, 200, len(bodies) - 1):
        assert candidates_from([count_names(bodies[split:]), count_names(bodies[:split])]) == whole
