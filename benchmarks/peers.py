"""The peers: the slides' GAN written the way people usually write it, timed per GAN step.

sinegan's training engines are fast only if they beat what a user would write
anyway. This module holds those usual ways, each a short, plain loop that a
reader can check line by line, all on the same recipe as the slides:

- data: 8192 curves y = sin(b x + c), x = linspace(-5, 5, 64), b ~ U(0.5, 2),
  c ~ U(1, pi), float32; NOISE: 8192 rows of U(-1, 1), width 64, the latent
  vectors of the generator (latent_dim 64);
- D: Dense 64 relu -> Dropout 0.4 -> Dense 64 relu -> Dropout 0.4 -> Dense 1
  sigmoid, Adam(0.001), binary cross-entropy;
- G: Dense 64 relu -> Dense 256 relu -> Dense 64 tanh, Adam(0.001);
- one GAN step: draw 64 rows n; fakes = G(NOISE[n]) without gradient; one D
  update on 128 rows (X[n] labelled 1, then the fakes labelled 0); one G update
  through D, whose weights stay fixed, on the same NOISE[n] with target 1 (the
  non-saturating loss -log D(G(z))). Dropout is on in both updates, as in the
  slides' ``train_on_batch`` calls. An epoch is 64 steps.

The peers (``python benchmarks/peers.py LOOP``):

``keras_io``
    The idiom of the keras.io GAN examples, on the TensorFlow backend: a
    ``keras.Model`` subclass that holds D and G, a custom ``train_step`` with
    ``tf.GradientTape`` and loss trackers, trained by ``fit`` on a
    ``tf.data`` dataset of (real curve, latent row) pairs in batches of 64.
    This is what most Keras users write, and the baseline sinegan's fast engine
    (also TensorFlow) has to beat.
``keras_io_spe64``
    The same model compiled with ``steps_per_execution=64``: Keras then runs a
    whole epoch inside one ``tf.function`` call, the ordinary switch a user
    flips to cut the Python overhead per step. (With ``--steps`` under 64 it
    uses ``steps_per_execution=steps``: one call per epoch still.)
``torch_eager``
    A plain PyTorch loop in the lecture's style: ``nn.Sequential`` models,
    ``nn.BCELoss``, ``torch.optim.Adam``, ``.detach()`` on the fakes,
    ``zero_grad`` / ``backward`` / ``step``, run eagerly. The other framework
    students reach for. It keeps PyTorch's default thread count (reported as
    ``threads``); those threads wait for each other on every small op, so this
    peer slows down many times over when other work shares the CPU: time it on
    a quiet machine.
``jax_scan``
    Hand-written JAX without Keras: parameters as pytrees, Adam in a few lines,
    dropout with ``jax.random``, one whole epoch jitted as a ``jax.lax.scan``
    over its steps (indices and latent rows drawn beforehand and passed in).
    Python is left once per epoch, so almost nothing but the arithmetic is
    timed: a practical floor for this GAN on a CPU.

Each loop runs in its own process (the Keras peers force
``KERAS_BACKEND=tensorflow`` before Keras is imported; the torch and JAX peers
import no Keras). Timing: one warm-up epoch, which traces or compiles and is
excluded, then the median over ``--epochs`` epochs of ms per GAN step. After
timing, the trained G draws 500 curves; their standard deviation is reported as
``generated_std``, so a broken loop (one that trains nothing or outputs NaN)
shows instead of silently winning. The output is one JSON line, e.g.

    {"loop": "jax_scan", "ms_per_step": 0.66, "epochs": 5, "steps": 64, "backend": "jax", ...}

``run_peer(loop, epochs, steps)`` runs one loop in a child process and returns its
record; ``run_all_peers(epochs, steps)`` does so for every loop. A loop whose
library is missing, or whose child fails, gives ``{"loop": ..., "skipped": reason}``.
Importing this module imports none of TensorFlow, PyTorch or JAX.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import time

TRAIN_SIZE = 8192
TRAIN_LEN = 64  # points per curve, also D's input width
LATENT_DIM = 64  # G's input width: one row of NOISE
HALF_BATCH = 64  # real rows per step; as many fakes
STEPS_PER_EPOCH = 64
LEARNING_RATE = 0.001
DROPOUT = 0.4
GENERATED_SAMPLES = 500  # curves G draws for the generated_std check
SEED = 0

# The libraries each loop needs, checked with importlib.util.find_spec before its child starts.
LOOPS = {
    "keras_io": ("tensorflow", "keras"),
    "keras_io_spe64": ("tensorflow", "keras"),
    "torch_eager": ("torch",),
    "jax_scan": ("jax",),
}
# The backend each loop runs on, and what a table calls it.
BACKEND = {
    "keras_io": "tensorflow",
    "keras_io_spe64": "tensorflow",
    "torch_eager": "torch",
    "jax_scan": "jax",
}
LABEL = {
    "keras_io": "keras.io idiom, fit",
    "keras_io_spe64": "keras.io idiom, fit, steps_per_execution=64",
    "torch_eager": "plain PyTorch, eager",
    "jax_scan": "hand-written JAX, jitted lax.scan epoch",
}


def make_data(seed: int = SEED):
    """X (8192, 64) curves sin(b x + c) and NOISE (8192, 64) of U(-1, 1), both float32."""
    import numpy as np

    rng = np.random.default_rng(seed)
    x = np.linspace(-5.0, 5.0, TRAIN_LEN)  # (64,)
    b = rng.uniform(0.5, 2.0, size=(TRAIN_SIZE, 1))  # (8192, 1)
    c = rng.uniform(1.0, math.pi, size=(TRAIN_SIZE, 1))  # (8192, 1)
    curves = np.sin(b * x[None, :] + c).astype(np.float32)  # (8192, 64)
    noise = rng.uniform(-1.0, 1.0, size=(TRAIN_SIZE, LATENT_DIM)).astype(np.float32)  # (8192, 64)
    return curves, noise


def summarise(loop: str, backend: str, epoch_seconds: list, steps: int, generated, **extra) -> dict:
    """The JSON record: median ms per step over the timed epochs, and the std of G's output."""
    step_ms = [1000.0 * seconds / steps for seconds in epoch_seconds]
    return {
        "loop": loop,
        "ms_per_step": round(statistics.median(step_ms), 4),
        "epochs": len(step_ms),
        "steps": steps,
        "backend": backend,
        "step_ms": [round(ms, 4) for ms in step_ms],
        "generated_std": float(generated.std()),
        **extra,
    }


def epoch_timer():
    """A Keras callback that times each epoch, from its ``on_epoch_begin`` to its ``on_epoch_end``,
    into ``.seconds``: how every Keras loop here, and sinegan's ``Trainer.train``, is timed."""
    import keras  # here, so that importing this module imports no Keras

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self.start)

    return EpochTimer()


# --- keras_io and keras_io_spe64: a keras.Model subclass with a custom train_step, by fit ---


def run_keras_io(
    epochs: int, steps: int, steps_per_execution: int = 1, loop: str = "keras_io"
) -> dict:
    os.environ["KERAS_BACKEND"] = "tensorflow"  # again, in case this function is called directly
    import keras
    import tensorflow as tf
    from keras import layers

    curves, noise = make_data()
    keras.utils.set_random_seed(SEED)

    discriminator = keras.Sequential(
        [
            keras.Input(shape=(TRAIN_LEN,)),
            layers.Dense(64, activation="relu"),
            layers.Dropout(DROPOUT),
            layers.Dense(64, activation="relu"),
            layers.Dropout(DROPOUT),
            layers.Dense(1, activation="sigmoid"),
        ],
        name="discriminator",
    )
    generator = keras.Sequential(
        [
            keras.Input(shape=(LATENT_DIM,)),
            layers.Dense(64, activation="relu"),
            layers.Dense(256, activation="relu"),
            layers.Dense(TRAIN_LEN, activation="tanh"),
        ],
        name="generator",
    )

    class GAN(keras.Model):
        def __init__(self, discriminator, generator):
            super().__init__()
            self.discriminator = discriminator
            self.generator = generator
            self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
            self.g_loss_tracker = keras.metrics.Mean(name="g_loss")

        def compile(self, d_optimizer, g_optimizer, loss_fn, **kwargs):
            super().compile(**kwargs)
            self.d_optimizer = d_optimizer
            self.g_optimizer = g_optimizer
            self.loss_fn = loss_fn

        @property
        def metrics(self):
            return [self.d_loss_tracker, self.g_loss_tracker]

        def train_step(self, data):
            real, latent = data  # (64, 64) X[n], (64, 64) NOISE[n]
            generated = self.generator(latent)  # (64, 64), outside any tape: no gradient

            # D: 64 real curves labelled 1, then 64 fakes labelled 0.
            combined = tf.concat([real, generated], axis=0)  # (128, 64)
            # (128, 1)
            labels = tf.concat(
                [tf.ones((tf.shape(real)[0], 1)), tf.zeros((tf.shape(generated)[0], 1))], axis=0
            )
            with tf.GradientTape() as tape:
                predictions = self.discriminator(combined, training=True)  # (128, 1)
                d_loss = self.loss_fn(labels, predictions)
            grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
            self.d_optimizer.apply_gradients(
                zip(grads, self.discriminator.trainable_weights, strict=True)
            )

            # G through D, only G's weights updated: target 1, the non-saturating loss.
            misleading_labels = tf.ones((tf.shape(latent)[0], 1))  # (64, 1)
            with tf.GradientTape() as tape:
                # (64, 1)
                predictions = self.discriminator(
                    self.generator(latent, training=True), training=True
                )
                g_loss = self.loss_fn(misleading_labels, predictions)
            grads = tape.gradient(g_loss, self.generator.trainable_weights)
            self.g_optimizer.apply_gradients(
                zip(grads, self.generator.trainable_weights, strict=True)
            )

            self.d_loss_tracker.update_state(d_loss)
            self.g_loss_tracker.update_state(g_loss)
            return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}

    # (real curve, latent row) pairs: one shuffled index n picks both, as in the recipe.
    dataset = (
        tf.data.Dataset.from_tensor_slices((curves, noise))
        .shuffle(TRAIN_SIZE, seed=SEED)
        .repeat()
        .batch(HALF_BATCH, drop_remainder=True)
        .prefetch(tf.data.AUTOTUNE)
    )
    gan = GAN(discriminator, generator)
    gan.compile(
        d_optimizer=keras.optimizers.Adam(LEARNING_RATE),
        g_optimizer=keras.optimizers.Adam(LEARNING_RATE),
        loss_fn=keras.losses.BinaryCrossentropy(),
        steps_per_execution=steps_per_execution,
    )
    timer = epoch_timer()
    # the dataset shuffles itself; epoch 0 is the warm-up
    gan.fit(
        dataset,
        epochs=1 + epochs,
        steps_per_epoch=steps,
        callbacks=[timer],
        verbose=0,
        shuffle=False,
    )
    generated = generator(noise[:GENERATED_SAMPLES]).numpy()  # (500, 64)
    return summarise(
        loop,
        keras.backend.backend(),
        timer.seconds[1:],
        steps,
        generated,
        steps_per_execution=steps_per_execution,
        version=tf.__version__,
    )


# --- torch_eager: the lecture's PyTorch loop -----------------------------------------------


def run_torch_eager(epochs: int, steps: int) -> dict:
    import torch
    from torch import nn

    curves, noise = make_data()
    torch.manual_seed(SEED)
    X = torch.from_numpy(curves)  # (8192, 64)
    NOISE = torch.from_numpy(noise)  # (8192, 64)

    discriminator = nn.Sequential(
        nn.Linear(TRAIN_LEN, 64),
        nn.ReLU(),
        nn.Dropout(DROPOUT),
        nn.Linear(64, 64),
        nn.ReLU(),
        nn.Dropout(DROPOUT),
        nn.Linear(64, 1),
        nn.Sigmoid(),
    )
    generator = nn.Sequential(
        nn.Linear(LATENT_DIM, 64),
        nn.ReLU(),
        nn.Linear(64, 256),
        nn.ReLU(),
        nn.Linear(256, TRAIN_LEN),
        nn.Tanh(),
    )
    criterion = nn.BCELoss()
    d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=LEARNING_RATE)
    g_optimizer = torch.optim.Adam(generator.parameters(), lr=LEARNING_RATE)
    real_labels = torch.ones(HALF_BATCH, 1)  # (64, 1)
    labels = torch.cat([real_labels, torch.zeros(HALF_BATCH, 1)])  # (128, 1)

    def gan_step():
        n = torch.randint(0, TRAIN_SIZE, (HALF_BATCH,))  # (64,)
        latent = NOISE[n]  # (64, 64)
        fakes = generator(latent).detach()  # (64, 64)

        d_optimizer.zero_grad()
        d_loss = criterion(discriminator(torch.cat([X[n], fakes])), labels)  # on (128, 64)
        d_loss.backward()
        d_optimizer.step()

        g_optimizer.zero_grad()  # D's gradients from here are never applied
        g_loss = criterion(discriminator(generator(latent)), real_labels)  # on (64, 64)
        g_loss.backward()
        g_optimizer.step()
        return d_loss.item(), g_loss.item()  # what a loop that logs its losses pays each step

    epoch_seconds = []
    for _ in range(1 + epochs):  # the first epoch is the warm-up
        start = time.perf_counter()
        for _ in range(steps):
            gan_step()
        epoch_seconds.append(time.perf_counter() - start)
    with torch.no_grad():
        generated = generator(NOISE[:GENERATED_SAMPLES]).numpy()  # (500, 64)
    return summarise(
        "torch_eager",
        "torch",
        epoch_seconds[1:],
        steps,
        generated,
        threads=torch.get_num_threads(),
        version=torch.__version__,
    )


# --- jax_scan: hand-written JAX, one jitted lax.scan per epoch -----------------------------


def run_jax_scan(epochs: int, steps: int) -> dict:
    import jax
    import jax.numpy as jnp
    import numpy as np

    curves, noise = make_data()
    X, NOISE = jnp.asarray(curves), jnp.asarray(noise)  # (8192, 64) each

    # a list of {"w", "b"}: Glorot uniform weights and zero biases, as Keras
    def init_mlp(rng, sizes):
        params = []
        for fan_in, fan_out in itertools.pairwise(sizes):
            limit = math.sqrt(6.0 / (fan_in + fan_out))
            params.append(
                {
                    "w": rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32),
                    "b": np.zeros(fan_out, np.float32),
                }
            )
        return jax.tree.map(jnp.asarray, params)

    def generator(params, z):  # (rows, 64) -> (rows, 64)
        h = jax.nn.relu(z @ params[0]["w"] + params[0]["b"])  # (rows, 64)
        h = jax.nn.relu(h @ params[1]["w"] + params[1]["b"])  # (rows, 256)
        return jnp.tanh(h @ params[2]["w"] + params[2]["b"])  # (rows, 64)

    def dropout(key, h):  # inverted dropout, as Keras and PyTorch do
        keep = jax.random.bernoulli(key, 1.0 - DROPOUT, h.shape)
        return jnp.where(keep, h / (1.0 - DROPOUT), 0.0)

    def discriminator_logits(params, curves, key):  # (rows, 64) -> (rows,) logits of D, dropout on
        key_1, key_2 = jax.random.split(key)
        h = dropout(key_1, jax.nn.relu(curves @ params[0]["w"] + params[0]["b"]))  # (rows, 64)
        h = dropout(key_2, jax.nn.relu(h @ params[1]["w"] + params[1]["b"]))  # (rows, 64)
        return (h @ params[2]["w"] + params[2]["b"])[:, 0]  # (rows,)

    def bce(logits, labels):  # binary cross-entropy of sigmoid(logits), in the stable form
        return -jnp.mean(
            labels * jax.nn.log_sigmoid(logits) + (1.0 - labels) * jax.nn.log_sigmoid(-logits)
        )

    def adam(params, grads, state, beta_1=0.9, beta_2=0.999, eps=1e-7):
        t, m, v = state
        t = t + 1
        m = jax.tree.map(lambda m, g: beta_1 * m + (1 - beta_1) * g, m, grads)
        v = jax.tree.map(lambda v, g: beta_2 * v + (1 - beta_2) * g * g, v, grads)
        step = LEARNING_RATE * jnp.sqrt(1 - beta_2**t) / (1 - beta_1**t)
        params = jax.tree.map(lambda p, m, v: p - step * m / (jnp.sqrt(v) + eps), params, m, v)
        return params, (t, m, v)

    def adam_state(params):  # (step count, first moments, second moments)
        zeros = jax.tree.map(lambda p: jnp.asarray(np.zeros(p.shape, np.float32)), params)
        return jnp.asarray(0, jnp.int32), zeros, zeros

    labels = jnp.concatenate([jnp.ones(HALF_BATCH), jnp.zeros(HALF_BATCH)])  # (128,)

    def d_loss_fn(d_params, real, fakes, key):
        # on (128, 64)
        return bce(discriminator_logits(d_params, jnp.concatenate([real, fakes]), key), labels)

    def g_loss_fn(g_params, d_params, latent, key):
        return bce(
            discriminator_logits(d_params, generator(g_params, latent), key), jnp.ones(HALF_BATCH)
        )

    def gan_step(carry, step_inputs):
        d_params, g_params, d_state, g_state, key = carry
        rows, latent = step_inputs  # (64,) int32, (64, 64)
        key, d_key, g_key = jax.random.split(key, 3)
        fakes = jax.lax.stop_gradient(generator(g_params, latent))  # (64, 64)
        d_loss, d_grads = jax.value_and_grad(d_loss_fn)(d_params, X[rows], fakes, d_key)
        d_params, d_state = adam(d_params, d_grads, d_state)
        # D fixed
        g_loss, g_grads = jax.value_and_grad(g_loss_fn)(g_params, d_params, latent, g_key)
        g_params, g_state = adam(g_params, g_grads, g_state)
        return (d_params, g_params, d_state, g_state, key), jnp.stack([d_loss, g_loss])

    @jax.jit
    def run_epoch(carry, indices, latent):  # (steps, 64) int32, (steps, 64, 64)
        return jax.lax.scan(gan_step, carry, (indices, latent))  # losses: (steps, 2)

    # Initialised in NumPy: eager jax.random calls would each compile a small program (seconds
    # in all).
    rng = np.random.default_rng(SEED)
    d_params = init_mlp(rng, [TRAIN_LEN, 64, 64, 1])
    g_params = init_mlp(rng, [LATENT_DIM, 64, 256, TRAIN_LEN])
    carry = (d_params, g_params, adam_state(d_params), adam_state(g_params), jax.random.key(SEED))

    epoch_seconds = []
    for _ in range(1 + epochs):  # the first epoch is the warm-up: it compiles
        start = time.perf_counter()
        # (steps, 64)
        indices = rng.integers(0, TRAIN_SIZE, size=(steps, HALF_BATCH), dtype=np.int32)
        carry, losses = run_epoch(carry, indices, noise[indices])  # latent: (steps, 64, 64)
        losses.block_until_ready()
        epoch_seconds.append(time.perf_counter() - start)
    generated = np.asarray(jax.jit(generator)(carry[1], NOISE[:GENERATED_SAMPLES]))  # (500, 64)
    return summarise(
        "jax_scan",
        "jax",
        epoch_seconds[1:],
        steps,
        generated,
        device=str(jax.devices()[0].platform),
        version=jax.__version__,
    )


def run_loop(loop: str, epochs: int, steps: int) -> dict:
    """Run one peer in this process; the Keras peers must come before any other Keras import."""
    if loop == "keras_io":
        return run_keras_io(epochs, steps)
    if loop == "keras_io_spe64":
        return run_keras_io(epochs, steps, steps_per_execution=min(64, steps), loop=loop)
    if loop == "torch_eager":
        return run_torch_eager(epochs, steps)
    if loop == "jax_scan":
        return run_jax_scan(epochs, steps)
    raise ValueError(f"loop expected one of {sorted(LOOPS)}. Received: loop={loop!r}")


def missing_library(loop: str):
    """The first library the loop needs that is not installed, or None."""
    return next((name for name in LOOPS[loop] if importlib.util.find_spec(name) is None), None)


def run_peer(loop: str, epochs: int = 5, steps: int = STEPS_PER_EPOCH) -> dict:
    """One loop in its own child process: its record, or ``{"loop", "skipped"}`` if it fails."""
    missing = missing_library(loop)
    if missing is not None:
        return {"loop": loop, "skipped": f"{missing} is not installed"}
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL=os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3"))
    if loop.startswith("keras_io"):
        env["KERAS_BACKEND"] = "tensorflow"
    command = [
        sys.executable,
        os.path.abspath(__file__),
        loop,
        "--epochs",
        str(epochs),
        "--steps",
        str(steps),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return {"loop": loop, "skipped": f"the child failed (exit {completed.returncode}): {last}"}
    return json.loads(lines[-1])


def run_all_peers(epochs: int = 5, steps: int = STEPS_PER_EPOCH, loops=tuple(LOOPS)) -> list:
    """Each loop in its own child process, one after another; a record per loop (``run_peer``)."""
    return [run_peer(loop, epochs, steps) for loop in loops]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loop", choices=tuple(LOOPS), help="the peer to time")
    parser.add_argument(
        "--epochs", type=int, default=5, help="timed epochs, after one warm-up epoch (default 5)"
    )
    parser.add_argument(
        "--steps", type=int, default=STEPS_PER_EPOCH, help="GAN steps per epoch (default 64)"
    )
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.steps < 1:
        parser.error("--epochs and --steps expected at least 1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported
    if args.loop.startswith("keras_io"):
        os.environ["KERAS_BACKEND"] = (
            "tensorflow"  # before Keras is imported, whatever the caller set
        )
    print(json.dumps(run_loop(args.loop, args.epochs, args.steps)), flush=True)


if __name__ == "__main__":
    main()
