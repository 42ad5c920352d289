"""The light markup: *italic* and **bold**, found where they are and rendered three ways."""

from __future__ import annotations

import pytest

from studio.core.markup import Emphasis, EmphasisSpan, MarkupStyle, emphasis_spans, render, strip


@pytest.mark.parametrize(
    ("text", "keep", "underscore", "stripped"),
    [
        ("She *stopped*.", "She *stopped*.", "She _stopped_.", "She stopped."),
        ("It is **over**.", "It is **over**.", "It is _over_.", "It is over."),
        ("***Now***, she said.", "***Now***, she said.", "_Now_, she said.", "Now, she said."),
        (
            "**all *of* it**",
            "**all *of* it**",
            "_all of it_",
            "all of it",
        ),
        ("x **y** z *w*", "x **y** z *w*", "x _y_ z _w_", "x y z w"),
        ("Mr. *Crane*’s", "Mr. *Crane*’s", "Mr. _Crane_’s", "Mr. Crane’s"),
        # Not emphasis: a scene break, arithmetic, a lone star, a run across a blank line.
        ("* * *", "* * *", "* * *", "* * *"),
        ("2 * 3 * 4", "2 * 3 * 4", "2 * 3 * 4", "2 * 3 * 4"),
        ("a *loose star", "a *loose star", "a *loose star", "a *loose star"),
        ("*one\n\ntwo*", "*one\n\ntwo*", "*one\n\ntwo*", "*one\n\ntwo*"),
        ("snake_case", "snake_case", "snake_case", "snake_case"),
    ],
)
def test_render_keep_underscore_strip(text: str, keep: str, underscore: str, stripped: str) -> None:
    assert render(text, MarkupStyle.KEEP) == keep
    assert render(text, MarkupStyle.UNDERSCORE) == underscore
    assert render(text, MarkupStyle.STRIP) == stripped
    assert strip(text) == stripped


def test_emphasis_may_cross_a_single_line_break() -> None:
    assert strip("*one\ntwo*") == "one\ntwo"


def test_emphasis_spans_cover_the_markers() -> None:
    text = "He said *wait* and **run**, *then*."
    spans = emphasis_spans(text)
    assert spans == [
        EmphasisSpan(8, 14, Emphasis.ITALIC),
        EmphasisSpan(19, 26, Emphasis.BOLD),
        EmphasisSpan(28, 34, Emphasis.ITALIC),
    ]
    assert [text[s.start : s.end] for s in spans] == ["*wait*", "**run**", "*then*"]
    assert [s.marker_length for s in spans] == [1, 2, 1]


def test_italic_inside_bold_is_its_own_span() -> None:
    text = "**all *of* it**"
    spans = emphasis_spans(text)
    assert [(text[s.start : s.end], s.kind) for s in spans] == [
        ("**all *of* it**", Emphasis.BOLD),
        ("*of*", Emphasis.ITALIC),
    ]


def test_no_spans_in_plain_prose() -> None:
    assert emphasis_spans("Nothing here * or here.") == []
