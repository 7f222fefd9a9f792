"""Bar charts as plain numbers for an inline SVG template (templates/admin/reports/_*_chart.html).

Rendered on the server: no script, and no ``style`` attributes (the admin's CSP refuses
them); colours and type come from classes in static/css/reports.css. Every bar carries
its label and value, so the chart reads at a glance; the table beside it has the figures.
"""

import math
from dataclasses import dataclass

WIDTH = 480  # drawn at about this width, so 13 px type stays 13 px
LABEL_WIDTH = 150  # horizontal bars: room for the labels on the left
VALUE_ROOM = 70  # and for the value after the longest bar
ROW = 30
BAR = 20
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    x: float
    y: float
    width: float
    height: float
    text_x: float  # the label's anchor (horizontal) or column centre (vertical)
    text_y: float
    value_x: float
    value_y: float
    show_label: bool = True


def horizontal_bars(rows):
    """``rows``: [(label, number, value text)] -> {bars, width, height} for a chart of horizontal bars."""
    largest = max((number or 0 for _, number, _ in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for i, (label, number, text) in enumerate(rows):
        y = TOP + i * ROW
        width = round(room * (number or 0) / largest, 1)
        bars.append(Bar(
            label=_short(label, 20), value=text, x=LABEL_WIDTH, y=y, width=width, height=BAR,
            text_x=LABEL_WIDTH - 8, text_y=y + BAR / 2, value_x=LABEL_WIDTH + width + 6, value_y=y + BAR / 2,
        ))
    return {"bars": bars, "width": WIDTH, "height": TOP * 2 + len(rows) * ROW}


COLUMN_AREA = 200
BOTTOM = 36
LEFT = 12


def columns(rows):
    """``rows``: [(label, count)] -> (bars, height, baseline) for a column chart (one column per week).

    With many weeks only every few labels are written, and values only above columns
    when they fit; the table beside the chart always has them all.
    """
    largest = max((count for _, count in rows), default=0) or 1
    slot = (WIDTH - LEFT * 2) / max(len(rows), 1)
    every = max(1, math.ceil(len(rows) / 12))
    values_fit = slot >= 22
    top = 24
    bars = []
    for i, (label, count) in enumerate(rows):
        height = round(COLUMN_AREA * count / largest, 1)
        x = LEFT + i * slot + slot * 0.15
        centre = LEFT + i * slot + slot / 2
        bars.append(Bar(
            label=label, value=str(count) if values_fit else "", x=round(x, 1), y=round(top + COLUMN_AREA - height, 1),
            width=round(slot * 0.7, 1), height=height, text_x=round(centre, 1), text_y=top + COLUMN_AREA + 20,
            value_x=round(centre, 1), value_y=round(top + COLUMN_AREA - height - 6, 1), show_label=i % every == 0,
        ))
    return bars, top + COLUMN_AREA + BOTTOM, top + COLUMN_AREA


def _short(text, limit):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
