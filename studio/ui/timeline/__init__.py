"""The timeline views: each a standalone QWidget taking the Project, with set_project() and
refresh(), and an open_scene_requested(int) signal for the main window to wire."""

from __future__ import annotations

from studio.ui.timeline.book_order_view import BookOrderView
from studio.ui.timeline.continuity_panel import ContinuityPanel
from studio.ui.timeline.thread_grid_view import ThreadGridView
from studio.ui.timeline.timeline_view import TimelineView

__all__ = ["BookOrderView", "ContinuityPanel", "ThreadGridView", "TimelineView"]
