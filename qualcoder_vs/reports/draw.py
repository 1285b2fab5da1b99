"""Drawing charts with matplotlib: PNG at print resolution for Word and Markdown, SVG for HTML.

Figures are made with ``matplotlib.figure.Figure`` and the Agg/SVG canvases directly, never
through ``pyplot``: no global state, no display, nothing fetched. matplotlib is imported on
first use, so commands that draw nothing start as fast as before. Output is deterministic
(no dates in the metadata, a fixed SVG id salt), so the same report gives the same bytes.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from qualcoder_vs.reports.charts import Chart
from qualcoder_vs.reports.words import Words

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PRINT_DPI = 200
WIDTH_INCHES = 6.3
"""The text width of an A4 page with 2.5 cm margins: charts print at their own size."""
FONT = "DejaVu Sans"
INK = "#333333"
GRID = "#DDDDDD"
MUTED = "#999999"
HEAT_COLOURS = "Blues"
_SVG_HEAD = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def figure(chart: Chart, words: Words) -> Figure:
    from matplotlib.figure import Figure

    if chart.kind == "heatmap":
        # Narrower than the page: the code labels at its left make the saved picture wider.
        fig = Figure(figsize=(WIDTH_INCHES - 1.4, 1.6 + 0.26 * max(len(chart.matrix.rows), 3)))
        _heatmap(fig, chart)
    else:
        fig = Figure(figsize=(WIDTH_INCHES, 1.6 + 0.3 * max(len(chart.matrix.cols), 3)))
        _bars(fig, chart, words)
    return fig


def png_bytes(chart: Chart, words: Words, dpi: int = PRINT_DPI) -> bytes:
    buffer = io.BytesIO()
    with _style():
        figure(chart, words).savefig(
            buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None}
        )
    return buffer.getvalue()


def svg_text(chart: Chart, words: Words) -> str:
    """The chart as an ``<svg>`` element (no XML declaration), ready to inline in HTML."""
    buffer = io.StringIO()
    with _style():
        figure(chart, words).savefig(
            buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None}
        )
    return _SVG_HEAD.sub("", buffer.getvalue(), count=1)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG header."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def save(chart: Chart, words: Words, fmt: str) -> bytes:
    if fmt == "png":
        return png_bytes(chart, words)
    if fmt == "svg":
        return svg_text(chart, words).encode("utf-8")
    raise ValueError(f"unknown chart format {fmt}")


def _style() -> Any:
    import matplotlib

    return matplotlib.rc_context(
        {
            "font.family": FONT,
            "font.size": 8,
            "text.color": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.edgecolor": GRID,
            "svg.hashsalt": "qualcoder-vs",
            "svg.fonttype": "none",
        }
    )


def _bars(fig: Figure, chart: Chart, words: Words) -> None:
    """One horizontal bar per attribute value (city, role), stacked by code in the codebook's
    colours, its total at its end."""
    from matplotlib.ticker import MaxNLocator

    matrix = chart.matrix
    ax = fig.add_subplot()
    positions = list(range(len(matrix.cols)))[::-1]
    lefts = [0] * len(matrix.cols)
    for row, values in zip(matrix.rows, matrix.cells, strict=True):
        if not any(values):
            continue
        ax.barh(
            positions,
            values,
            left=lefts,
            color=row.colour or None,
            edgecolor="white",
            linewidth=0.6,
            label=row.label,
            height=0.7,
        )
        lefts = [left + value for left, value in zip(lefts, values, strict=True)]
    for position, total in zip(positions, lefts, strict=True):
        ax.text(
            total + 0.15,
            position,
            str(total),
            va="center",
            fontsize=7,
            color=INK if total else MUTED,
        )
    ax.set_yticks(positions, [col.label for col in matrix.cols])
    ax.set_xlim(0, max(lefts, default=0) * 1.08 + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(words["chart_axis"])
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(chart.title, loc="left", fontsize=9.5, fontweight="bold", pad=10)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1 - 0.25 / max(len(matrix.cols), 1)),
        ncol=2,
        frameon=False,
        fontsize=7.5,
    )


def _heatmap(fig: Figure, chart: Chart) -> None:
    """Codes down, values across, darker for more quotes; each code's label on a tint of its
    colour, and the count written in every cell that has one."""
    from matplotlib.colors import to_rgba

    matrix = chart.matrix
    ax = fig.add_subplot()
    maximum = max(matrix.maximum, 1)
    ax.imshow(matrix.cells, cmap=HEAT_COLOURS, vmin=0, vmax=maximum, aspect="auto")
    for i, values in enumerate(matrix.cells):
        for j, value in enumerate(values):
            if value:
                colour = "white" if value > 0.55 * maximum else INK
                ax.text(j, i, str(value), ha="center", va="center", fontsize=6.5, color=colour)
    ax.set_xticks(range(len(matrix.cols)), [c.label for c in matrix.cols])
    ax.set_yticks(range(len(matrix.rows)), [r.label for r in matrix.rows])
    ax.tick_params(axis="x", top=True, bottom=False, labeltop=True, labelbottom=False, length=0)
    ax.tick_params(axis="y", length=0)
    for label in ax.get_xticklabels():
        label.set_rotation(40)
        label.set_horizontalalignment("left")
        label.set_rotation_mode("anchor")
    for label, row in zip(ax.get_yticklabels(), matrix.rows, strict=True):
        if row.colour:
            label.set_bbox(
                {
                    "facecolor": to_rgba(row.colour, 0.35),
                    "edgecolor": "none",
                    "boxstyle": "round,pad=0.15",
                }
            )
    ax.set_xticks([x - 0.5 for x in range(1, len(matrix.cols))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(matrix.rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(chart.title, loc="left", fontsize=9.5, fontweight="bold", pad=12)
