"""The status bar: scene, chapter and book word counts, this session's words, and saving."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

SAVE_TEXT = {"saving": "Saving…", "saved": "Saved", "": ""}


class WritingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("writingStatus")
        self.setSizeGripEnabled(False)
        self.scene_words = self._label("sceneWords")
        self.chapter_words = self._label("chapterWords")
        self.book_words = self._label("bookWords")
        self.session_words = self._label("sessionWords")
        self.save_state = self._label("saveState")
        self.save_state.setMinimumWidth(90)

    def _label(self, name: str) -> QLabel:
        label = QLabel("", self)
        label.setObjectName(name)
        self.addPermanentWidget(label)
        return label

    def show_counts(
        self, scene: int | None, chapter: int | None, book: int | None, session: int
    ) -> None:
        self.scene_words.setText("" if scene is None else f"Scene {scene:,} words")
        self.chapter_words.setText("" if chapter is None else f"Chapter {chapter:,}")
        self.book_words.setText("" if book is None else f"Book {book:,}")
        sign = "+" if session >= 0 else "−"
        self.session_words.setText(f"This session {sign}{abs(session):,}")

    def show_save_state(self, state: str) -> None:
        """'saving', 'saved', or the message of a failed save (shown in full as a tooltip)."""
        if state in SAVE_TEXT:
            self.save_state.setText(SAVE_TEXT[state])
            self.save_state.setToolTip("")
            self.save_state.setProperty("failed", False)
        else:
            self.save_state.setText("Not saved — retrying")
            self.save_state.setToolTip(state)
            self.save_state.setProperty("failed", True)
            self.showMessage(state, 10_000)
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)
