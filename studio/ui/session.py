"""Words written this session: per scene, its count now minus its count when first opened.

Plain Python (no Qt), fed by the window whenever a scene is opened or saved.
"""

from __future__ import annotations


class WritingSession:
    def __init__(self) -> None:
        self._start: dict[int, int] = {}
        self._now: dict[int, int] = {}

    def opened(self, scene_id: int, words: int) -> None:
        self._start.setdefault(scene_id, words)
        self._now.setdefault(scene_id, words)

    def saved(self, scene_id: int, words: int) -> None:
        self._start.setdefault(scene_id, words)
        self._now[scene_id] = words

    def forget(self, scene_id: int) -> None:
        """A deleted scene's words do not count against the session."""
        self._start.pop(scene_id, None)
        self._now.pop(scene_id, None)

    @property
    def words_written(self) -> int:
        return sum(self._now[s] - self._start[s] for s in self._now)
