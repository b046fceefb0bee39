"""The lab's four live pictures, as Bokeh figures fed from ``LabFrame`` objects.

- the (b, c) plane, as sinegan.figures.plane draws it in matplotlib: D's score of
  every sinusoid (green "real", purple "fake"; a critic's raw score on its own
  scale), the data's regions as dashed rectangles the student can redraw, G's
  curves at their fitted (b, c), and an arrow from each to where the next G
  update moves it (sinegan.lab.frame says how it is measured);
- a few of G's curves beside real ones;
- the losses of every update;
- the quality measures over time: sine-like share, precision, recall, W1 of b, and
  D's accuracy (a WGAN-GP critic has none).

``LabViews.show(frame, session)`` moves a frame into the figures' data sources;
nothing is recomputed here. The figures draw in the browser.
"""

from __future__ import annotations

import numpy as np
from bokeh.models import (
    Arrow,
    BoxEditTool,
    ColorBar,
    ColumnDataSource,
    LinearColorMapper,
    VeeHead,
)
from bokeh.palettes import PRGn11, Viridis256
from bokeh.plotting import figure

from ..config_fields import data_regions
from ..measure.plane import frequency_window

PROBABILITY_PALETTE = tuple(reversed(PRGn11))  # purple "fake" (0) to green "real" (1)
LOSSES = ("D loss", "G loss")
MEASURES = ("sine_like", "precision", "recall", "frequency_w1", "D accuracy")
COLOURS = ("#1b7837", "#762a83", "#e08214", "#2166ac", "#b2182b")


class LabViews:
    """The figures and their data sources, for one session's config."""

    def __init__(self, config):
        self.config = config
        low, high = frequency_window(config)
        tools = "pan,wheel_zoom,reset,save"
        plane = figure(
            title="D's score of each sinusoid sin(b·x + c), and G's curves",
            x_range=(low, high),
            y_range=(0, 2 * np.pi),
            width=560,
            height=470,
            tools=tools,
            x_axis_label="frequency b",
            y_axis_label="phase c",
            name="plane",
            css_classes=["lab-plane"],
        )
        self.mapper = LinearColorMapper(palette=PROBABILITY_PALETTE, low=0.0, high=1.0)
        self.scores = ColumnDataSource({"image": [], "x": [], "dw": []})
        plane.image(
            image="image", x="x", y=0.0, dw="dw", dh=2 * np.pi, source=self.scores,
            color_mapper=self.mapper,
        )  # fmt: skip
        plane.add_layout(ColorBar(color_mapper=self.mapper, width=10, title="D's score"), "right")
        self.regions = ColumnDataSource({"x": [], "y": [], "width": [], "height": []})
        boxes = plane.rect(
            "x", "y", "width", "height", source=self.regions, fill_alpha=0.06,
            fill_color="#d6604d", line_color="#b2182b", line_dash="dashed", line_width=2,
            legend_label="the real data (shift-drag: draw a region)",
        )  # fmt: skip
        drawing = BoxEditTool(renderers=[boxes], num_objects=6)
        plane.add_tools(drawing)
        plane.toolbar.active_drag = drawing  # shift-drag draws a region; the toolbar has pan
        self.arrows = ColumnDataSource({"x0": [], "y0": [], "x1": [], "y1": []})
        plane.add_layout(
            Arrow(
                end=VeeHead(size=5, fill_color="#444444", line_color="#444444"),
                x_start="x0", y_start="y0", x_end="x1", y_end="y1", source=self.arrows,
                line_color="#444444", line_alpha=0.7,
            )
        )  # fmt: skip
        self.points = ColumnDataSource({"b": [], "c": []})
        plane.scatter(
            "b", "c", source=self.points, size=5, color="black", line_color="white",
            legend_label="G's curves at their fitted (b, c)",
        )  # fmt: skip
        plane.legend.label_text_font_size, plane.legend.background_fill_alpha = "8pt", 0.6
        plane.add_layout(plane.legend[0], "below")
        self.plane = plane
        self.show_regions(config)

        curves = figure(
            title="G's curves (red) and real ones (grey)", width=420, height=250,
            tools=tools, x_axis_label="x", name="curves",
        )  # fmt: skip
        self.real = ColumnDataSource({"xs": [], "ys": []})
        self.generated = ColumnDataSource({"xs": [], "ys": []})
        curves.multi_line("xs", "ys", source=self.real, color="#999999", line_width=1)
        curves.multi_line("xs", "ys", source=self.generated, color="#d6604d", line_width=1.5)
        self.curves = curves

        self.losses = ColumnDataSource({"step": [], **{name: [] for name in LOSSES}})
        losses = figure(title="Losses", width=500, height=220, tools=tools, x_axis_label="step")
        for name, colour in zip(LOSSES, COLOURS[:2], strict=True):
            losses.line("step", name, source=self.losses, color=colour, legend_label=name)
        losses.legend.label_text_font_size = "8pt"
        losses.add_layout(losses.legend[0], "right")
        self.loss_figure = losses

        self.measures = ColumnDataSource({"step": [], **{name: [] for name in MEASURES}})
        measures = figure(
            title="Quality of G's curves, and D's accuracy", width=500, height=220,
            tools=tools, x_axis_label="step", y_range=(0, 1.05),
        )  # fmt: skip
        for name, colour in zip(MEASURES, COLOURS, strict=True):
            label = "W1 of b" if name == "frequency_w1" else name.replace("_", "-")
            measures.line("step", name, source=self.measures, color=colour, legend_label=label)
        measures.legend.label_text_font_size = "8pt"
        measures.add_layout(measures.legend[0], "right")
        self.measure_figure = measures
        self._shown_losses = self._shown_measures = 0
        self._real, self._accuracy = None, np.nan

    def show_regions(self, config):
        """Draw ``config``'s data rectangles, and fit the b axis around them."""
        self.plane.x_range.start, self.plane.x_range.end = frequency_window(config)
        rows = np.asarray(data_regions(config), dtype=float)  # (regions, 4)
        self.regions.data = {
            "x": list((rows[:, 0] + rows[:, 1]) / 2),
            "y": list((rows[:, 2] + rows[:, 3]) / 2),
            "width": list(rows[:, 1] - rows[:, 0]),
            "height": list(rows[:, 3] - rows[:, 2]),
        }

    def drawn_regions(self) -> tuple:
        """The rectangles as the student left them: a flat (b_low, b_high, c_low, c_high, ...)."""
        data = self.regions.data
        values = []
        for x, y, width, height in zip(
            data["x"], data["y"], data["width"], data["height"], strict=True
        ):
            width, height = abs(float(width)), abs(float(height))
            values += [x - width / 2, x + width / 2, y - height / 2, y + height / 2]
        return tuple(round(float(value), 3) for value in values)

    def show(self, frame, session):
        """Move ``frame`` (and the session's loss and measure rows) into the figures."""
        plane, config = frame.plane, session.config
        critic = config.loss == "wgan-gp"
        if critic:  # a critic's score has no fixed scale: the colours follow its range
            self.mapper.update(palette=Viridis256, low=float(np.nanmin(plane.scores)),
                               high=float(np.nanmax(plane.scores)))  # fmt: skip
        elif self.mapper.high != 1.0 or self.mapper.low != 0.0:
            self.mapper.update(palette=PROBABILITY_PALETTE, low=0.0, high=1.0)
        grid = plane.frequency_grid
        step = grid[1] - grid[0]
        self.scores.data = {"image": [plane.scores], "x": [grid[0] - step / 2],
                            "dw": [step * len(grid)]}  # fmt: skip
        fitted = plane.sine_like
        b, c = plane.frequency[fitted], plane.phase[fitted]
        self.points.data = {"b": b, "c": c}
        spans = (self.plane.x_range.end - self.plane.x_range.start, 2 * np.pi)
        next_b, next_c = frame.next_frequency[fitted], frame.next_phase[fitted]
        self.arrows.data, scale = arrows(b, c, next_b, next_c, spans)
        self.plane.title.text = (
            f"epoch {frame.epoch} · {int(fitted.sum())} of {len(fitted)} curves sine-like, "
            f"{int((~fitted).sum())} fit no sine · arrows: next G update ×{scale:g}"
        )
        # NumPy arrays travel to the browser as binary buffers, not lists of numbers
        x = session.trainer.dataset.x
        if self._real is not frame.real:  # the real curves change only with the data
            self._real = frame.real
            self.real.data = {"xs": [x] * len(frame.real), "ys": list(frame.real)}
        self.generated.data = {"xs": [x] * len(frame.generated), "ys": list(frame.generated)}
        self._show_rows(session, critic)

    def _show_rows(self, session, critic):
        rows, measures = session.losses, session.measures
        if len(rows) < self._shown_losses or len(measures) < self._shown_measures:  # a reset
            self.losses.data = {key: [] for key in self.losses.data}
            self.measures.data = {key: [] for key in self.measures.data}
            self._shown_losses = self._shown_measures = 0
        new = np.asarray(rows[self._shown_losses :], dtype=float).reshape(-1, 5)
        if len(new):
            self.losses.stream({"step": new[:, 0], "D loss": new[:, 1], "G loss": new[:, 3]})
        accuracy = new[np.isfinite(new[:, 2]), 2]  # D's accuracy in the new rows
        if len(accuracy):
            self._accuracy = float(accuracy[-1])
        added = measures[self._shown_measures :]
        if added:
            last_accuracy = np.nan if critic else self._accuracy
            self.measures.stream(
                {
                    "step": [m["step"] for m in added],
                    **{name: [m[name] for m in added] for name in MEASURES[:4]},
                    "D accuracy": [last_accuracy] * len(added),
                }
            )
        self._shown_losses, self._shown_measures = len(rows), len(measures)


def arrows(b, c, next_b, next_c, spans) -> tuple[dict, float]:
    """Segments from each point to where the next G update moves it, and their magnification.

    One update moves a point by a hair, so every arrow is drawn ``scale`` times
    longer (a power of 10, shown on the page) that makes the median arrow about 4% of
    the plane. c moves the shorter way round the circle.
    """
    step_b = next_b - b
    step_c = np.angle(np.exp(1j * (next_c - c)))  # (n,) in (-pi, pi]
    lengths = np.hypot(step_b / spans[0], step_c / spans[1])
    median = float(np.median(lengths)) if len(lengths) else 0.0
    scale = 1.0 if median <= 0 else float(10 ** np.clip(np.floor(np.log10(0.04 / median)), 0, 6))
    return {"x0": b, "y0": c, "x1": b + scale * step_b, "y1": c + scale * step_c}, scale
