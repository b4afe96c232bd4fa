"""The geometry of the zelfscan chart: an inline SVG bar chart, drawn by the
template from the numbers computed here. No colour carries meaning on its
own: each moment has its own pattern, bars carry their value as text and the
cohort average is a diamond marker."""

from dataclasses import dataclass

from django.utils.formats import number_format

from .selectors.scans import ChartData

WIDTH = 760
HEIGHT = 360
LEFT = 48
RIGHT = 12
TOP = 24
BOTTOM = 56
SCALE_MAX = 5
BAR_WIDTH = 26
BAR_GAP = 6

# One pattern per moment, in the order start, halfway, end.
PATTERNS = ["solid", "stripes", "dots"]
NO_VALUE = "\u2013"  # an en dash: no score


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value_label: str
    pattern: str
    marker: tuple[float, float] | None  # the cohort average (centre of a diamond)
    marker_label: str


@dataclass
class Group:
    label: str
    label_x: float
    bars: list[Bar]


@dataclass
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_bottom: int
    gridlines: list[tuple[float, int]]  # (y, value)
    groups: list[Group]
    legend: list[tuple[str, str]]  # (pattern, label)
    has_markers: bool


def _y(value: float) -> float:
    plot_height = HEIGHT - TOP - BOTTOM
    return TOP + plot_height * (1 - value / SCALE_MAX)


def _fmt(value: float) -> str:
    return number_format(value, decimal_pos=1)


def chart_layout(*, data: ChartData) -> Chart:
    plot_width = WIDTH - LEFT - RIGHT
    group_width = plot_width / max(len(data.bouwopgaven), 1)
    count = len(data.series)
    bars_width = count * BAR_WIDTH + max(count - 1, 0) * BAR_GAP
    groups = []
    for index, (number, _label) in enumerate(data.bouwopgaven):
        left = LEFT + index * group_width + (group_width - bars_width) / 2
        bars = []
        for position, series in enumerate(data.series):
            value = series.own.get(number, 0.0)
            x = left + position * (BAR_WIDTH + BAR_GAP)
            marker = None
            marker_label = ""
            if series.cohort is not None and number in series.cohort:
                marker = (x + BAR_WIDTH / 2, _y(series.cohort[number]))
                marker_label = _fmt(series.cohort[number])
            bars.append(
                Bar(
                    x=round(x, 1),
                    y=round(_y(value), 1),
                    width=BAR_WIDTH,
                    height=round(_y(0) - _y(value), 1),
                    value_label=_fmt(value),
                    pattern=_pattern_for(series.moment),
                    marker=(round(marker[0], 1), round(marker[1], 1))
                    if marker
                    else None,
                    marker_label=marker_label,
                )
            )
        groups.append(
            Group(
                label=f"Bouwopgave {number}",
                label_x=round(LEFT + index * group_width + group_width / 2, 1),
                bars=bars,
            )
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=round(_y(0)),
        gridlines=[(round(_y(v), 1), v) for v in range(0, SCALE_MAX + 1)],
        groups=groups,
        legend=[(_pattern_for(s.moment), s.label) for s in data.series],
        has_markers=any(s.cohort is not None for s in data.series),
    )


def _pattern_for(moment: str) -> str:
    order = ["start", "halfway", "end"]
    return PATTERNS[order.index(moment)] if moment in order else PATTERNS[0]


@dataclass
class TableRow:
    number: int
    label: str
    cells: list[tuple[str, str | None]]  # per moment: (own, cohort or None)


def chart_table(*, data: ChartData) -> list[TableRow]:
    """The same numbers as the chart, per bouwopgave, for the data table."""
    rows = []
    for number, label in data.bouwopgaven:
        cells = []
        for series in data.series:
            own = _fmt(series.own[number]) if number in series.own else NO_VALUE
            cohort = None
            if series.cohort is not None:
                cohort = (
                    _fmt(series.cohort[number]) if number in series.cohort else NO_VALUE
                )
            cells.append((own, cohort))
        rows.append(TableRow(number=number, label=str(label), cells=cells))
    return rows
