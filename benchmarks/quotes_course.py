"""The quotes of the course's times: each lesson's seconds at class size, per backend
(docs/results/course-<backend>.json, written by benchmarks/course.py --write; see
benchmarks/quotes.py for what a quote is)."""

BACKENDS = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}
LESSONS = 9


def time_row(backend):
    """A row of docs/course/index.md's table: the backend, then each lesson's seconds."""
    cells = " | ".join(f"{{{i}:.0f}} s" for i in range(LESSONS))
    keys = tuple(f"lessons/{i}/seconds" for i in range(LESSONS))
    return ("course/index.md", f"| {BACKENDS[backend]} | {cells} |", f"course-{backend}", keys)


def slowest(page, backend, template="{0:.0f} s on "):
    """``page`` quotes the slowest lesson's time on ``backend``."""
    return (page, template + BACKENDS[backend], f"course-{backend}", ("slowest",))


QUOTES = (
    *(time_row(backend) for backend in BACKENDS),
    *(slowest(page, backend) for page in ("README.md", "index.md") for backend in BACKENDS),
)
