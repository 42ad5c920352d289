"""The time axis folds long empty stretches and maps back and forth (no display needed)."""

from __future__ import annotations

from datetime import datetime

from studio.ui.timeline.axis import BREAK, TimeAxis


def test_long_gaps_fold_and_the_mapping_inverts() -> None:
    moments = [datetime(2014, 12, 1), datetime(2019, 6, 12, 19, 40), datetime(2019, 6, 13, 9)]
    axis = TimeAxis(moments, pixels_per_hour=10.0)
    assert [fold.label for fold in axis.folds] == ["5 years"]
    assert axis.folds[0].x1 - axis.folds[0].x0 == BREAK
    xs = [axis.x(m) for m in moments]
    assert xs == sorted(xs) and xs[2] - xs[1] == (13 + 1 / 3) * 10.0
    assert all(
        abs((axis.moment(x) - m).total_seconds()) < 1 for x, m in zip(xs, moments, strict=True)
    )
    assert axis.x(datetime(2017, 1, 1)) < xs[1]
    labels = [label for _x, _m, label in axis.ticks()]
    assert labels == ["01 Dec 2014", "12 Jun 2019"]
