"""The course: every lesson notebook in docs/course/ runs from top to bottom.

Each notebook has one switch, ``SIZE = "class"`` (under a minute on TensorFlow or JAX) or
``"full"`` (the lecture's recipe). The suite runs it at a third size, ``"test"``, that keeps
every cell but trains for seconds, on the suite's Keras backend (the kernel inherits KERAS_BACKEND).
The notebooks are stored without outputs, so they never go stale: the documentation site
executes them at their class size when it is built.
"""

from concurrent.futures import ThreadPoolExecutor

import keras
import nbformat
import pytest

from benchmarks.course import COURSE, claims_of, execute_lesson, verdicts_of
from sinegan.course import EXERCISES, NOT_WRITTEN

NOTEBOOKS = sorted(COURSE.glob("*.ipynb"))
SWITCH = (
    'SIZE = "class"  # "class": under a minute on 2 CPU cores with TensorFlow or JAX · '
    '"full": the lecture\'s full recipe'
)

# What each lesson must print: stable text, not numbers, so any machine passes.
PRINTS = {
    "00-what-a-generator-is": [
        "NumPy, seed 0, twice: same seed, same numbers: True",
        "LCG numbers: smallest",
        "mean of the samples:",
        "share of each face:",
        "W1 between the two ways of drawing sin(θ):",
        "G: 321 weights, D: 4353 weights",
        "W1 between the GAN's samples and real ones:",
        "W1 between two real samples of the same size:",
        "seed 0 twice: equal samples True; seed 0 and seed 1: equal samples False",
    ],
    "01-the-slides": [
        " epoch | D loss  | G loss  | D accuracy | G accuracy",
        "X_TRAIN: (512, 64)",
        "quality after epoch 2",
        "sine-like curves:",
        "no dropout: sine-like",
        "of them with b inside the data's range",
        "✗ sine_curves: not written yet",
        "sine_curves redraws X_TRAIN from its a, b and c: True",
        "D's accuracy on a fresh batch of 64 sinusoids and 64 noise curves:",
        "fitted frequencies b, 5th to 95th percentile: G's curves",
    ],
    "02-the-game": [
        "1. D on real patterns, target 1  | False   | True",
        "3. G through D, target 1         | True    | False",
        "✗ discriminator_step: not written yet",
        "step 1: generator_step               | G moved: True  | D moved: False",
        "Weight tensors the GAN would train: 6 with D frozen (G's 6), 12 with D trainable",
        "D's accuracy over the last quarter of training:",
    ],
    "03-theory": [
        "V for a D that answers 1/2 to everything: -1.3863 (-log 4 = -1.3863)",
        "trained with    | when               | mean D(G(z)) | "
        "gradient norm: non-saturating | minimax",
        "k in the slides' recipe: discriminator_steps = 1",
        "With k = 3, D's accuracy in the last epoch is",
        "✗ optimal_discriminator: not written yet",
        "-log D(G(z)) where D(G(z)) = 0.5: 0.693",
    ],
    "04-convolutions": [
        "Keras agrees with C @ x: True",
        "with stride 2, Keras agrees with C @ x: True",
        "Keras agrees with Cᵀ @ y: True",
        "transposed_convolution(y) equals Keras' Conv1DTranspose(y): True",
        "for 'valid', the same C as valid_convolution_matrix: True",
        "Cᵀ(C x) equals x: False; rank of CᵀC: 4 of 6",
        "The trained output layer equals tanh(sum of Cᵀ products + bias): True",
        "padding='valid': 8 values -> 18",
        "DCGAN generator: 12,913 weights",
    ],
    "05-measuring": [
        "one curve, repeated",
        "the improved recipe, against the slides':",
        "the slides + the minibatch feature, against the slides:",
        "median fit error: averaged G",
        "the alarm stays quiet: diversity",
        "✗ precision_recall: not written yet",
        "precision_recall on one curve, repeated: precision",
        "✗ wasserstein1: not written yet",
        "wasserstein1 of the fitted b, slides:",
        "generator A is",
        "the mode that holds most of G's sinusoids changed",
    ],
    "06-wgan-gp": [
        "the GAN's D: last layer 'output', activation sigmoid",
        "the WGAN-GP critic: last layer 'output', activation linear",
        "the untrained critic's loss, real curves against noise:",
        "correlation of the critic loss with precision over the measured epochs:",
    ],
    "07-latent-space": [
        "curves along the path are sine-like",
        "linear path: |z| at the middle",
        "spherical path: |z| at the middle",
        "predicted rise of b per unit step along w/|w|",
        "slerp gives the stops of interpolate_latent's spherical path: True",
        "least_squares_direction agrees with frequency_direction: True",
        "latent arithmetic z_a − z_b + z_c on",
        "a random latent vector's b against the same targets: median",
    ],
    "08-conditional": [
        "the generator reads 5 numbers: 4 latent + b",
        "the discriminator reads 65 numbers: 64 points + b",
        "b = 0.5, 1.25, 2.0 enter the networks as -1.00, +0.00, +1.00",
        "conditional_input gives the curves of sample_conditional_curves: True",
        "requested frequencies reach 90% hits",
        "hits with tolerance 0.03, per requested b:",
    ],
}
# How many figures each lesson shows at least (2 for any lesson not named). Lesson 1: the data,
# the live plane, the history, the snapshots, generated beside real, the last plane.
FIGURES = {
    "00-what-a-generator-is": 7,
    "01-the-slides": 6,
    "02-the-game": 3,
    "03-theory": 4,
    "04-convolutions": 5,
    "05-measuring": 10,
    "06-wgan-gp": 4,
    "07-latent-space": 7,
    "08-conditional": 4,
}


def test_the_course_has_nine_lessons_in_order():
    assert [path.name[:3] for path in NOTEBOOKS] == [f"{number:02d}-" for number in range(0, 9)]


@pytest.fixture(scope="module")
def executed(request):
    """Every selected lesson, run two at a time: lesson -> future notebook.

    A lesson at its test size spends most of its time starting a kernel, importing
    Keras and compiling, mostly on one core; two kernels at once fill a 2-core machine.
    """
    selected = {
        item.callspec.params["path"]
        for item in request.session.items
        if item.module is request.module
        and hasattr(item, "callspec")
        and "path" in item.callspec.params
    }
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(max_workers=2) as pool:
        patch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")  # the kernels inherit it
        futures = {
            path: pool.submit(execute_lesson, path, "test", claims_of(nbformat.read(path, 4)))
            for path in sorted(selected)
        }
        yield futures


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_lesson_runs_top_to_bottom_with_figures_and_exercises(path, executed):
    stored = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in stored)  # stored clean
    assert SWITCH in stored[0].source  # the one switch, in the first code cell
    notebook = executed[path].result()  # raises the error of a cell that failed
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    assert markdown[0].startswith(f"# Lesson {int(path.name[:2])} · ")
    exercises = next(
        index for index, text in enumerate(markdown) if text.startswith("## Exercises")
    )
    answers = [
        text
        for text in markdown[exercises:]
        if text.startswith("<details><summary>Answer</summary>")
    ]
    assert 2 <= len(answers) <= 3  # two or three exercises, each with its answer
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    figures = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(figures) >= FIGURES.get(path.stem, 2)  # shown inline
    text = "".join(output.get("text", "") for output in outputs)
    assert f"Keras backend: {keras.backend.backend()}" in text
    for line in PRINTS.get(path.stem, []):
        assert line in text
    # The stored blanks: each "your turn" check answered "not written yet", and the lesson
    # went on to its last cell with the library's reference.
    for exercise in EXERCISES.values():
        if exercise.lesson == int(path.name[:2]):
            assert f"✗ {exercise.name}: {NOT_WRITTEN}" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_claim_of_the_answers_can_be_checked(path, executed):
    """Each answer's claims evaluate to True or False on the lesson's variables.

    At the test size the runs are too short for the claims to hold: whether they do is
    measured at class size, on each backend, by benchmarks/course.py.
    """
    claims = claims_of(nbformat.read(path, as_version=4))
    notebook = executed[path].result()
    if not claims:
        pytest.skip("no answer of this lesson states how a run turns out")
    verdicts = verdicts_of(notebook)
    assert len(verdicts) == len(claims)
    assert {
        claim["says"]: v
        for claim, v in zip(claims, verdicts, strict=True)
        if v not in (True, False)
    } == {}
