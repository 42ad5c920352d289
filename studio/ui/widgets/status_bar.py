"""The status bar: scene, chapter and book word counts, this session's words, and saving."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

SAVE_TEXT = {"saving": "Saving…", "saved": "Saved", "": ""}
SAVE_WIDTH = 160  # room for the longest text, "Not saved — retrying"


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
        # A fixed size: its text changes at the first keystroke after each save, and a label
        # whose size may change asks the whole window to lay itself out again for it.
        self.save_state.setFixedSize(SAVE_WIDTH, self.save_state.sizeHint().height())
        self.save_state.setProperty("failed", False)

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
        failed = state not in SAVE_TEXT
        label = self.save_state
        label.setText("Not saved — retrying" if failed else SAVE_TEXT[state])
        if label.toolTip() != (state if failed else ""):
            label.setToolTip(state if failed else "")
        if failed:
            self.showMessage(state, 10_000)
        if label.property("failed") != failed:
            # Restyled only when the colour changes: a repolish repaints more than the label.
            label.setProperty("failed", failed)
            label.style().unpolish(label)
            label.style().polish(label)
