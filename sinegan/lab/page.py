"""The lab's page: the controls and the live views of one session, as a Panel layout.

Every button and knob becomes a command for the session's training thread
(sinegan.lab.worker); a periodic callback redraws the views from the thread's
latest frame. The same layout is served by ``sinegan lab`` (sinegan.lab.server)
and shown in a notebook by ``Lab`` (sinegan.lab.server).

A knob is applied with "Apply". What a change costs is said first
(sinegan.config_fields.RETUNE_COST): the learning rate and fresh latent vectors
apply at the next step; Adam's beta_1, the game's loss, k, label smoothing and R1
need the engine's loops traced again, and keep the weights and the optimizers'
moments; the latent size, dropout, minibatch std, WGAN-GP, the seed, the preset
and the data's regions need new networks, and start the run again. Both kinds
wait for "Confirm". A value the config refuses is shown in one line, and
nothing changes.
"""

from __future__ import annotations

import os

import panel as pn

from .. import backends
from ..config_fields import data_regions, retune_cost
from ..presets import PRESETS
from .views import LabViews
from .worker import FULL_SPEED

SAVED = "saved the run {result}, in the lab's runs folder (sinegan lab --runs-dir)"
REDRAW_MILLISECONDS = 100  # how often the page looks for a new frame
# rounds per redraw: 1 is the slow mode; "full" trains between redraws 0.2 s apart
SPEEDS = {**{str(speed): speed for speed in (1, 2, 4, 8, 16, 32, 64, 128)}, "full": FULL_SPEED}
ARROWS = """**The arrows** are measured, not estimated: before each redraw the lab saves G's
weights, its optimizer, dropout's seeds and the next batch, runs that one real G update,
fits the curves again, then puts everything back. So each arrow ends where **G step**
would send its dot. Gradients would show where D pushes each curve alone, but G's
weights are shared: one update moves every curve at once. One update moves a dot by a
hair, so the arrows are magnified by the factor in the plane's title."""
GAMES = {  # the game menu: (loss, generator_loss)
    "cross-entropy, non-saturating G loss (the slides)": ("gan", "non_saturating"),
    "cross-entropy, minimax G loss": ("gan", "minimax"),
    "WGAN-GP (a critic: no accuracy)": ("wgan-gp", "non_saturating"),
}
KNOBS = {  # field: (label, widget)
    "learning_rate": ("learning rate", pn.widgets.FloatInput),
    "adam_beta_1": ("Adam's beta_1", pn.widgets.FloatInput),
    "discriminator_steps": ("k: D updates per G update", pn.widgets.IntInput),
    "latent_dim": ("latent size", pn.widgets.IntInput),
    "discriminator_dropout": ("D's dropout", pn.widgets.FloatInput),
    "real_label": ("real label (0.9: label smoothing)", pn.widgets.FloatInput),
    "minibatch_std_group": ("minibatch std group (0: off)", pn.widgets.IntInput),
    "r1_penalty_weight": ("R1 weight (0: off)", pn.widgets.FloatInput),
    "seed": ("seed", pn.widgets.IntInput),
}


class LabPage:
    """The layout of one session: ``layout`` is what Panel shows."""

    def __init__(self, worker, config):
        self.worker, self.config = worker, config
        self.views = LabViews(config)
        self._shown, self._pending = -1, None
        button = pn.widgets.Button
        self.buttons = {
            "play": button(name="Play", button_type="success", width=80),
            "pause": button(name="Pause", button_type="warning", width=80),
            "d_step": button(name="D step", width=80),
            "g_step": button(name="G step", width=80),
            "round": button(name="One round", width=90),
            "reset": button(name="Reset", button_type="danger", width=80),
            "apply": button(name="Apply", button_type="primary", width=80),
            "confirm": button(name="Confirm", button_type="primary", width=80, disabled=True),
            "regions": button(name="Use drawn regions", width=150),
            "save": button(name="Save run", width=100),
        }
        self.speed = pn.widgets.Select(name="speed: steps per redraw", options=SPEEDS, value=8)
        self.preset = pn.widgets.Select(name="preset", options=["(current)", *PRESETS])
        self.game = pn.widgets.Select(name="the game", options=list(GAMES))
        self.fresh_latent = pn.widgets.Checkbox(name="fresh latent vectors every step")
        self.knobs = {name: kind(name=label, width=200) for name, (label, kind) in KNOBS.items()}
        self.message = pn.pane.Markdown("", css_classes=["lab-message"], width=560)
        self.counters = pn.pane.Markdown("", css_classes=["lab-counters"])
        self.labels = pn.pane.Markdown(
            css_classes=["lab-labels"],
            object=f"backend **{backends.name()}** · engine **fast** (the slides' loop, compiled)",
        )
        self._fill_knobs(config)
        self._wire()
        self.layout = self._layout()

    # --- Controls ----------------------------------------------------------------------
    def _wire(self):
        worker, on = self.worker, self._on
        on("play", lambda: worker.play(True))
        on("pause", lambda: worker.play(False))
        on("d_step", lambda: worker.submit(lambda s: s.discriminator_step(), _moved("D step")))
        on("g_step", lambda: worker.submit(lambda s: s.generator_step(), _moved("G step")))
        on("round", lambda: worker.submit(lambda s: s.play_rounds(1), "one round"))
        on("reset", lambda: self._restart(None, "reset: new networks, D pre-trained"))
        on("apply", self._apply)
        on("confirm", self._confirm)
        on("regions", lambda: self._propose({"data_regions": self.views.drawn_regions()}))
        on("save", lambda: worker.submit(lambda s: os.path.basename(s.save()), SAVED))
        self.speed.param.watch(lambda event: worker.set_speed(event.new), "value")

    def _on(self, name, action):
        self.buttons[name].on_click(lambda event: action())

    def _fill_knobs(self, config):
        for name, widget in self.knobs.items():
            widget.value = getattr(config, name)
        self.fresh_latent.value = config.fresh_latent
        game = (
            config.loss,
            "non_saturating" if config.loss == "wgan-gp" else config.generator_loss,
        )
        self.game.value = next(label for label, pair in GAMES.items() if pair == game)

    def _changes(self) -> dict:
        if self.preset.value != "(current)":
            return {"preset": self.preset.value}
        loss, generator_loss = GAMES[self.game.value]
        wanted = {name: widget.value for name, widget in self.knobs.items()}
        wanted.update(
            loss=loss, generator_loss=generator_loss, fresh_latent=self.fresh_latent.value
        )
        config = self.current_config()
        return {name: value for name, value in wanted.items() if getattr(config, name) != value}

    def _apply(self):
        changes = self._changes()
        if not changes:
            self._say("nothing to apply: every knob holds the run's value")
            return
        self._propose(changes)

    def _propose(self, changes):
        """Check ``changes`` now; apply them at once, or say what they cost and wait."""
        try:
            if "preset" in changes:
                config = PRESETS[changes["preset"]].replace(seed=self.current_config().seed)
            else:
                config = self.current_config().replace(**changes)  # every check of GANConfig
        except ValueError as error:
            self._say(f"refused: {error}")
            return
        costs = {retune_cost(name) for name in changes}
        names = ", ".join(changes)
        if costs == {"now"}:
            self.worker.submit(lambda s: s.retune(**changes), f"applied {names}")
            return
        if "networks" in costs or "preset" in changes:
            self._pending = ("restart", config)
            cost = "needs new networks: the run starts again (weights and optimizer state are lost)"
        else:
            self._pending = ("retune", changes)
            cost = "needs a new trace of the engine's loops (weights and optimizer state are kept)"
        self.buttons["confirm"].disabled = False
        self._say(f"{names} {cost}. Press Confirm to apply.")

    def _confirm(self):
        kind, value = self._pending
        self._pending, self.buttons["confirm"].disabled = None, True
        if kind == "retune":
            self.worker.submit(lambda s: s.retune(**value), f"applied {', '.join(value)}")
        else:
            self._restart(value, "new networks for the new settings, D pre-trained")

    def _restart(self, config, message):
        self.worker.play(False)
        self.preset.value = "(current)"
        if config is not None:
            self._fill_knobs(config)
            self.views.show_regions(config)
        self.worker.submit(lambda s: s.reset(config), message)

    def _say(self, message):
        """Show ``message`` now, as the training thread shows its own."""
        self.worker.message = message
        self.message.object = message

    def current_config(self):
        session = self.worker.session
        return self.config if session is None else session.config

    # --- Redraw ----------------------------------------------------------------------
    def redraw(self):
        """Show the worker's latest frame, if it is new; always its message."""
        worker = self.worker
        self.message.object = worker.message
        frame, session = worker.frame, worker.session
        if frame is None or worker.version == self._shown:
            return
        self._shown = worker.version
        self.views.show(frame, session)
        config = session.config
        regions = len(data_regions(config))
        state = "playing" if worker.playing else "paused"
        self.counters.object = (
            f"**epoch** {frame.epoch} · **step** {frame.generator_updates} · "
            f"D updates {frame.discriminator_updates} · G updates {frame.generator_updates} · "
            f"rounds {frame.rounds} · {state} · {frame.status}  \n"
            f"G: {int(frame.plane.sine_like.sum())} of {len(frame.plane.sine_like)} curves "
            "sine-like · "
            f"learning rate {config.learning_rate:g} · data: {regions} region"
            f"{'s' if regions > 1 else ''} · seed {config.seed} · quality measured at step "
            f"{session.measures[-1]['step'] if session.measures else '-'}"
        )

    def _layout(self):
        b = self.buttons
        controls = pn.Column(
            pn.Row(b["play"], b["pause"], b["reset"]),
            pn.Row(b["d_step"], b["g_step"], b["round"]),
            self.speed,
            self.preset,
            self.game,
            *self.knobs.values(),
            self.fresh_latent,
            pn.Row(b["apply"], b["confirm"]),
            pn.Row(b["regions"], b["save"]),
            width=260,
        )
        views = self.views
        plots = pn.Column(
            self.counters,
            self.message,
            pn.Row(
                pn.pane.Bokeh(views.plane),
                pn.Column(pn.pane.Bokeh(views.curves), pn.pane.Bokeh(views.measure_figure)),
            ),
            pn.Row(pn.pane.Bokeh(views.loss_figure), pn.pane.Markdown(ARROWS, width=380)),
        )
        title = pn.pane.Markdown("## sinegan lab: the sine GAN, live")
        return pn.Column(title, self.labels, pn.Row(controls, plots))


def _moved(step):
    """The message after a single step: which network's weights moved."""
    return lambda session, result: f"one {step}: {session.describe_move()}"
