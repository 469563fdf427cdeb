"""Bar charts drawn on the server as SVG: the geometry here, the markup in templates/dashboards/_chart.svg.

Lengths run along the width in percent, so the chart fills its card at any screen width while its
text keeps its size; heights are in pixels. Colours come from portal.css classes (no inline style:
the Content-Security-Policy forbids it).
"""

from dataclasses import dataclass

LABEL_HEIGHT = 18
BAR_HEIGHT = 13
BAR_SPACING = 3
ROW_GAP = 10
LONGEST_BAR = 80  # percent of the width; the rest holds the value written after the bar
LABEL_LENGTH = 70


@dataclass
class Bar:
    series: int
    y: int
    width: float
    value: object
    url: str

    @property
    def text_x(self):
        return round(self.width + 1, 2)

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 2


def bar_chart(figure):
    """Rows of labelled horizontal bars, one bar per drawn column, scaled to the largest value."""
    values = [cell.value or 0 for row in figure.rows for cell in row.cells[: figure.drawn]]
    largest = max(values, default=0) or 1
    rows, y = [], 0
    for row in figure.rows:
        bars = []
        for series, cell in enumerate(row.cells[: figure.drawn]):
            width = LONGEST_BAR * (cell.value or 0) / largest
            bar_y = y + LABEL_HEIGHT + series * (BAR_HEIGHT + BAR_SPACING)
            bars.append(Bar(series, bar_y, round(max(width, 0.5) if cell.value else 0, 2), cell.value, cell.url))
        rows.append({"label": row.label, "label_y": y + LABEL_HEIGHT - 5, "bars": bars})
        y += LABEL_HEIGHT + figure.drawn * (BAR_HEIGHT + BAR_SPACING) + ROW_GAP
    return {"rows": rows, "height": y, "series": figure.columns[: figure.drawn] if figure.drawn > 1 else []}
