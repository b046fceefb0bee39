"""Property-based bad input: thousands of generated config values and ``--set`` strings.

The library promises one thing about a config value: it is either accepted,
and then a Trainer can be built from it, or refused with a ``ValueError`` whose
message names the field ("NAME expected .... Received: NAME=VALUE"). At the
command line a refusal is exit status 2 and one line on stderr. Nothing else may
happen: no other exception, no traceback, no Trainer that fails to build.

Example-based tests (tests/test_bad_input.py) check the mistakes someone thought
of. Here ``hypothesis`` generates the values: numbers of every size (1e308,
-0.0, NaN, 10**400, NumPy scalars), bools, None, text, lists, tuples of the
wrong length or of the wrong type, nested ones. Each test states its property
once; hypothesis looks for a value that breaks it and, when it finds one,
shrinks it to the simplest such value before reporting it.

Building a Trainer costs about 0.1 s, so the property "accepted => a Trainer
builds" runs on about a hundred small configs; the properties "accepted or
refused naming the field" build no Trainer and run on thousands.
"""

import contextlib
import dataclasses
import io
import math
import re
import tempfile
import warnings
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import from_dtype

from sinegan import GANConfig, Trainer
from sinegan.config_checks import CHOICES, ENGINES, check_engine
from sinegan.tool.cli import build_parser, validate

# name -> "int", "float", ...
FIELDS = {field.name: field.type for field in dataclasses.fields(GANConfig)}
DEFAULTS = GANConfig()
CASES_RUN = Counter()  # generated cases per property, reported by the last test of this file

# Many cases, no example database written to disk, no time limit per case.
MANY = settings(max_examples=2000, deadline=None, database=None)
FEW = settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


# --- What hypothesis draws from ------------------------------------------------------------------
# Numbers at the edges: of a float64, of a float32, of an int64, of a 32-bit seed, and beyond.
EDGE_INTEGERS = st.sampled_from(
    [0, 1, -1, 2, 3, 4, 2**31, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64, 10**400, -(10**400)]
)
EDGE_FLOATS = st.sampled_from(
    [
        0.0,
        -0.0,
        5e-324,
        1e-320,
        0.5,
        1.0,
        3.4028234663852886e38,
        3.5e38,
        1e308,
        -1e308,
        1.7976931348623157e308,
        math.inf,
        -math.inf,
        math.nan,
    ]
)
NUMPY_INTEGERS = st.one_of(
    [from_dtype(np.dtype(kind)) for kind in ("int8", "int32", "int64", "uint64")]
)
NUMPY_FLOATS = st.one_of(
    [from_dtype(np.dtype(kind)) for kind in ("float16", "float32", "float64", "longdouble")]
)
INTEGERS = st.one_of(
    st.integers(min_value=-3, max_value=300), st.integers(), EDGE_INTEGERS, NUMPY_INTEGERS
)
FLOATS = st.one_of(st.floats(min_value=-10, max_value=10), st.floats(), EDGE_FLOATS, NUMPY_FLOATS)
WORDS = st.sampled_from(
    sorted({word for choices in CHOICES.values() for word in choices} | {"", "GAN", " relu"})
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    from_dtype(np.dtype("bool")),
    INTEGERS,
    FLOATS,
    WORDS,
    st.text(max_size=8),
    st.binary(max_size=4),
    st.fractions(),
    st.decimals(),
    st.complex_numbers(),
)
# Anything: a scalar, or lists, tuples and dicts of anything, nested.
ANY_VALUE = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.text(max_size=3), inner, max_size=2),
    ),
    max_leaves=6,
)


def typed_values(name):
    """Values of the field's own type (and shape), edges included: most pass the field's own check,
    so the checks of fields together get their turn."""
    kind = FIELDS[name]
    if kind == "int":
        return INTEGERS
    if kind == "float":
        return FLOATS
    if kind == "bool":
        return st.one_of(st.booleans(), from_dtype(np.dtype("bool")))
    if kind == "str":
        return st.one_of(st.sampled_from(CHOICES[name]), WORDS, st.text(max_size=8))
    if kind == "tuple[float, float]":
        return st.one_of(st.tuples(FLOATS, FLOATS), st.lists(FLOATS, max_size=4).map(tuple))
    if kind == "tuple[float, ...]":  # data_regions: four numbers a rectangle, or any count
        rectangles = st.lists(st.tuples(FLOATS, FLOATS, FLOATS, FLOATS), max_size=2)
        return st.one_of(st.lists(FLOATS, max_size=9).map(tuple), rectangles.map(flatten))
    assert kind == "tuple[int, ...]", kind
    return st.lists(INTEGERS, max_size=8).map(tuple)


def flatten(rectangles):
    """(b_low, b_high, c_low, c_high) rectangles as data_regions holds them: one flat tuple."""
    return tuple(number for rectangle in rectangles for number in rectangle)


def field_values(name):
    # twice: a field's own type is more likely
    return st.one_of(typed_values(name), typed_values(name), ANY_VALUE)


@st.composite
def field_changes(draw, most=3):
    """{field: value} for one to ``most`` fields of GANConfig."""
    names = draw(st.lists(st.sampled_from(sorted(FIELDS)), min_size=1, max_size=most, unique=True))
    return {name: draw(field_values(name)) for name in names}


# --- What a refusal must look like ---------------------------------------------------------------
# The house style: "NAME expected WHAT. Received: NAME=VALUE", where NAME may be "x_min, x_max".
HOUSE_STYLE = re.compile(r"(?P<name>\w+(, \w+)*) expected .+\. Received: (?P=name)=", re.DOTALL)


def names_a_field(message, names):
    """True when the message has the house style and names one of ``names`` as a whole word."""
    return bool(HOUSE_STYLE.match(message)) and any(
        re.search(rf"\b{re.escape(name)}\b", message) for name in names
    )


# --- Property 1: a config is accepted, or refused with a ValueError naming the field --------------
@MANY
@given(changes=field_changes())
def test_a_config_is_accepted_or_refused_naming_a_field(changes):
    """Any values, of any type, for one to three fields: a GANConfig, or a ValueError naming one
    of them."""
    CASES_RUN["config"] += 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # quietly, too: no NumPy overflow warning on the way
            config = GANConfig(**changes)
    except ValueError as error:
        # one of the changed fields
        assert names_a_field(str(error), changes), f"{changes} -> {error}"
        return
    assert all(kept(getattr(config, name), value) for name, value in changes.items())


def kept(stored, given):
    """The value a config keeps: the one given, as a plain Python number (NumPy's own types become
    Python's, and an int in a float field a float), tuples element by element."""
    if isinstance(given, tuple):
        return (
            isinstance(stored, tuple)
            and len(stored) == len(given)
            and all(map(kept, stored, given))
        )
    if isinstance(given, (str, bool)):
        return stored is given
    if isinstance(stored, float) and not isinstance(given, float):
        given = float(given)  # an int too big for a float's 53 bits is stored as the nearest float
    return stored == given and type(stored) in (int, float, bool)


@MANY
@given(
    name=st.one_of(st.sampled_from(sorted(FIELDS)), st.text(min_size=1, max_size=10)),
    value=ANY_VALUE,
)
@example(name="learning_rate", value=2**53 + 1)  # found by a CI run: stored as the float 2**53
def test_replace_refuses_an_unknown_field_by_name(name, value):
    """``replace`` checks the field's name before its value: an unknown name is named back."""
    CASES_RUN["config"] += 1
    try:
        config = DEFAULTS.replace(**{name: value})
    except ValueError as error:
        if name in FIELDS:
            assert names_a_field(str(error), [name]), f"{name}={value!r} -> {error}"
        else:  # any text may be a keyword's name: it is named back, whatever its characters
            assert str(error).startswith(f"{name} expected to be a GANConfig field"), (
                f"{name!r} -> {error}"
            )
            assert f"Received: {name}=" in str(error)
        return
    assert name in FIELDS and kept(getattr(config, name), value)


# --- Property 2: an accepted config builds a Trainer ---------------------------------------------
# Numbers for the Trainer property. The interesting ones are accepted yet extreme: the float32
# edges, the smallest float, widths of 5e-324 or of 6.8e38, NumPy scalars.
FLOAT32_MAX = float(np.finfo(np.float32).max)
IN_FLOAT32 = st.one_of(
    st.floats(min_value=-10, max_value=10),
    st.floats(-FLOAT32_MAX, FLOAT32_MAX),
    st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-300, 1e-8, 1e30, FLOAT32_MAX, -FLOAT32_MAX]),
    from_dtype(np.dtype("float16"), allow_nan=False, allow_infinity=False),
    from_dtype(np.dtype("float32"), allow_nan=False, allow_infinity=False),
)
# three in four inside float32's range
NUMBERS = st.one_of(IN_FLOAT32, IN_FLOAT32, IN_FLOAT32, FLOATS)
FRACTIONS = st.one_of(
    st.floats(min_value=0, max_value=1, exclude_max=True),
    st.floats(0, 1).map(np.float32),
    st.sampled_from([0.0, -0.0, 5e-324, 0.9999999999999999, 1.0]),
    FLOATS,
)


# data_regions: rectangles with their bounds in order, b mostly positive, c mostly within a turn
def in_order(pair):
    """A (low, high) pair, compared as floats (a float16 beside 1e300 would overflow)."""
    return tuple(sorted(pair, key=float))


PHASES = st.one_of(
    st.tuples(st.floats(-10, 10), st.floats(-10, 10)).map(in_order),
    st.tuples(NUMBERS, NUMBERS).map(in_order),
)
RECTANGLES = (
    st.tuples(NUMBERS.map(abs), NUMBERS.map(abs))
    .map(in_order)
    .flatmap(lambda frequencies: PHASES.map(lambda phases: (*frequencies, *phases)))
)
TRAINER_NUMBERS = {  # field -> what it is drawn from, when it is drawn
    "learning_rate": NUMBERS.map(abs),
    "gradient_penalty_weight": NUMBERS.map(abs),
    "r1_penalty_weight": NUMBERS.map(abs),
    "real_label": st.one_of(st.floats(0.5, 1), st.floats(0.5, 1), FRACTIONS),
    **dict.fromkeys(
        ("discriminator_dropout", "adam_beta_1", "adam_beta_2", "generator_average_decay"),
        FRACTIONS,
    ),
    # two in three in order
    **dict.fromkeys(
        ("x_min, x_max", "y_min, y_max", "amplitude_range", "frequency_range", "phase_range"),
        st.one_of(
            st.tuples(NUMBERS, NUMBERS).map(lambda pair: tuple(sorted(pair, key=float))),
            st.tuples(NUMBERS, NUMBERS).map(lambda pair: tuple(sorted(pair, key=float))),
            st.tuples(NUMBERS, NUMBERS),
        ),
    ),
    "data_regions": st.lists(RECTANGLES, min_size=1, max_size=3).map(flatten),
}


def divisors(number):
    return [divisor for divisor in range(1, number + 1) if number % divisor == 0]


@st.composite
def small_configs(draw):
    """Every field of a config: the sizes small (a Trainer in ~0.1 s) and consistent with each
    other, the parts chosen at random, and one to three of the numbers drawn (the others keep the
    slides' values), so that most configs drawn are accepted."""
    train_len = draw(st.sampled_from([3, 4, 4, 5, 8, 8, 16, 32]))  # 3: too short for a Trainer
    half_batch = draw(st.integers(1, 16))
    fresh_latent = draw(st.booleans())
    conditional = fresh_latent and draw(st.booleans())
    architecture = draw(st.sampled_from(CHOICES["generator_architecture"]))
    stages = max(k for k in range(4) if train_len % 2**k == 0) if architecture == "dcgan" else 3
    loss = draw(st.sampled_from(CHOICES["loss"]))
    fields = dict(
        train_len=train_len,
        train_size=draw(st.integers(2 * half_batch, 512)),
        batch_size=2 * half_batch,
        discriminator_units=draw(st.integers(1, 16)),
        pretrain_batches=draw(st.integers(0, 3)),
        epochs=draw(st.integers(0, 3)),
        latent_dim=draw(st.integers(1, 16)) if fresh_latent else train_len,
        generator_units=tuple(draw(st.lists(st.integers(1, 16), min_size=1, max_size=3))),
        fresh_latent=fresh_latent,
        latent_distribution=draw(st.sampled_from(CHOICES["latent_distribution"]))
        if fresh_latent
        else "uniform",
        hidden_activation=draw(st.sampled_from(CHOICES["hidden_activation"])),
        discriminator_steps=draw(st.integers(1, 3)),
        minibatch_std_group=draw(st.sampled_from([0, *divisors(half_batch)])),
        generator_loss="non_saturating"
        if loss == "wgan-gp"
        else draw(st.sampled_from(CHOICES["generator_loss"])),
        loss=loss,
        conditional=conditional,
        generator_architecture=architecture,
        generator_channels=tuple(
            draw(st.lists(st.integers(1, 8), min_size=1, max_size=max(stages, 1)))
        ),
        discriminator_conditioning=(
            draw(st.sampled_from(CHOICES["discriminator_conditioning"]))
            if conditional
            else "concatenate"
        ),
        seed=draw(
            st.one_of(
                st.integers(0, 9),
                st.integers(0, 2**32 - 1),
                st.just(2**32 - 1),
                st.integers(0, 9).map(np.int64),
            )
        ),
        monitor_curves=draw(st.integers(1, 8)),
        monitor_every=draw(st.integers(0, 3)),
        monitor_samples=draw(st.integers(1, 64)),
    )
    for name in draw(
        st.lists(st.sampled_from(sorted(TRAINER_NUMBERS)), min_size=1, max_size=3, unique=True)
    ):
        value = draw(TRAINER_NUMBERS[name])
        fields.update(zip(name.split(", "), value, strict=True) if ", " in name else {name: value})
    return fields


@FEW
@given(fields=small_configs(), engine=st.sampled_from(ENGINES))
def test_an_accepted_config_builds_a_trainer_with_finite_data(fields, engine):
    """A config and engine that pass every check build a Trainer whose data are finite numbers."""
    CASES_RUN["trainer"] += 1
    try:
        config = GANConfig(**fields)
        # what the Trainer needs beyond a valid config: refused before building
        check_engine(config, engine)
    except ValueError as error:
        assert names_a_field(str(error), fields), f"{fields} -> {error}"
        CASES_RUN["trainer refused"] += 1
        return
    trainer = Trainer(config, engine=engine)
    CASES_RUN["trainer built"] += 1
    # The data are finite; G's first curves need not be: a latent vector of 1e38 is the user's
    # choice.
    for name, array in (
        ("curves", trainer.dataset.curves),
        ("NOISE", trainer.dataset.noise),
        ("monitor latent", trainer.monitor_latent),
    ):
        assert np.all(np.isfinite(array)), f"{name} of {config} are not finite"


# Values that the checks once let through, each of which then failed to build a Trainer (the error
# it gave in the comment); each is now refused, naming its field.
SMALL_FIELDS = dict(
    train_len=8, train_size=64, batch_size=16, latent_dim=8, monitor_samples=16, pretrain_batches=1
)
ONCE_ACCEPTED = {
    "huge int": {"x_min": 10**400},  # OverflowError: int too large to convert to float
    "x range": {"x_min": -1e308, "x_max": 1e308},  # linspace(x_min, x_max) overflowed: NaN curves
    "x grid": {"x_min": 0.0, "x_max": 5e-324},  # 8 points, 2 distinct: LinAlgError in the sine fit
    # linspace in float16: 8 zeros, the same
    "float16 grid": {
        "x_min": np.float16(0),
        "x_max": 1e-300,
    },
    # a NaN grid: "x expected finite"
    "float16 width": {
        "x_min": np.float16(-6e4),
        "x_max": np.float16(6e4),
    },
    "frequency": {"frequency_range": (1e307, 1e308)},  # b·x overflowed: NaN curves
    "amplitude": {"amplitude_range": (1e39, 1e39)},  # curves of inf once cast to float32
    "y range": {"y_min": -1e39, "y_max": 1e39},  # NOISE and latent vectors of inf in float32
    "negative zero": {"amplitude_range": (0.0, -0.0)},  # NumPy's uniform: "high - low < 0"
    "seed": {"seed": 2**32},  # NumPy: "Seed must be between 0 and 2**32 - 1"
    "units": {"discriminator_units": 10**30},  # TensorFlow: "out-of-range integer to Tensor"
    "layer sizes": {"generator_units": (64, 2**63)},  # the same
    # the sine fit: "x expected ... (at least 4)"
    "short curves": {
        "train_len": 3,
        "latent_dim": 3,
    },
}


@pytest.mark.parametrize("changes", ONCE_ACCEPTED.values(), ids=ONCE_ACCEPTED.keys())
def test_a_value_that_once_broke_the_trainer_is_refused_by_name(changes):
    with pytest.raises(ValueError) as error:
        check_engine(GANConfig(**{**SMALL_FIELDS, **changes}), "fast")
    assert names_a_field(str(error.value), changes), str(error.value)


# --- Property 3: ``sinegan train --set FIELD=VALUE`` is accepted, or exit 2 and one line naming
# the field
def typed_text(name):
    """What a user might type after ``--set NAME=``: the field's type written out, edges
    included."""
    kind = FIELDS[name]
    number_text = st.one_of(
        INTEGERS.map(str),
        FLOATS.map(str),
        st.sampled_from(
            ["nan", "-inf", "1e400", "1_000", " 7 ", "0x10", "1e-400", "+3", "9" * 400, "1" * 5000]
        ),
    )
    if kind == "bool":
        return st.sampled_from(["true", "False", "1", "0", "yes", "NO", "maybe", "", " true "])
    if kind == "str":
        return st.one_of(st.sampled_from(CHOICES[name]), WORDS)
    if kind.startswith("tuple["):
        return st.lists(number_text, min_size=1, max_size=4).map(",".join)
    return number_text


@st.composite
def settings_texts(draw):
    """One to three ``FIELD=VALUE`` texts; the field known or not, the value typed or any text at
    all."""
    texts = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(
            st.one_of(
                st.sampled_from(sorted(FIELDS)),
                st.sampled_from(sorted(FIELDS)),
                st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
            )
        )
        value = draw(typed_text(name) if name in FIELDS else st.text(max_size=6))
        texts.append(
            draw(st.sampled_from([f"{name}={value}", f"{name}={draw(st.text(max_size=8))}", name]))
        )
    return texts


@pytest.fixture(scope="module")
def out_folder():
    with tempfile.TemporaryDirectory() as folder:
        yield f"{folder}/run"


@MANY
@given(texts=settings_texts())
def test_a_set_option_is_accepted_or_exits_2_with_one_line_naming_the_field(out_folder, texts):
    """Only what runs before TensorFlow loads: parsing and ``validate``; an accepted one would
    start training."""
    CASES_RUN["command line"] += 1
    parser = build_parser("sinegan")
    argv = ["train", "--out", out_folder]
    for text in texts:
        argv += ["--set", text]
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            arguments = parser.parse_args(argv)
            validate(arguments, parser)
    except SystemExit as stop:
        message = stderr.getvalue()
        # one line
        assert stop.code == 2 and message.count("\n") == 1 and message.endswith("\n"), (
            texts,
            message,
        )
        names = [text.partition("=")[0] for text in texts]
        program, _, reason = message.rstrip("\n").partition(": error: ")
        if program == "sinegan":  # from validate: the config's own checks, in the house style
            assert names_a_field(reason, names), (texts, message)
        else:  # from argparse, parsing a --set text: its field, or the whole text, is named back
            assert program == "sinegan train" and reason.startswith("argument --set: "), (
                texts,
                message,
            )
            assert any(re.search(rf"\b{re.escape(name)}\b", reason) for name in names), (
                texts,
                message,
            )
        return
    assert isinstance(arguments.config, GANConfig) and stderr.getvalue() == ""
    for name, value in dict(arguments.settings).items():  # the last --set of a field wins
        assert getattr(arguments.config, name) == value


# --- NumPy numbers, and ints in float fields ------------------------------------------------------
# The config accepts them as numbers and stores them as plain Python ones, which Keras needs:
# keras.utils.set_random_seed refuses np.int64, Adam refuses an int or np.float32 learning rate.
SMALL = dict(train_size=128, train_len=8, latent_dim=8, monitor_samples=8)


def test_a_numpy_integer_seed_builds_a_trainer():
    config = GANConfig(seed=np.int64(3), generator_units=(np.int32(8),), **SMALL)
    assert type(config.seed) is int and type(config.generator_units[0]) is int
    Trainer(config)


@pytest.mark.parametrize("learning_rate", [1, np.float32(0.001)], ids=["int", "float32"])
def test_a_learning_rate_of_any_number_type_builds_a_trainer(learning_rate):
    config = GANConfig(learning_rate=learning_rate, **SMALL)
    assert type(config.learning_rate) is float and config.learning_rate == pytest.approx(
        float(learning_rate)
    )
    Trainer(config)


def test_report_how_many_cases_ran(capsys):
    """The count of generated cases of this run, printed even without ``-s``."""
    if not CASES_RUN:
        pytest.skip("the property tests did not run in this session")
    with capsys.disabled():
        print(f"\ngenerated cases: {dict(CASES_RUN)}")
