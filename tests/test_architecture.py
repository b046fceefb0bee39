"""The package's shape: one-way imports, small modules, one name per function, and a slide core
that reads only the slides' fields and loads no extras.

These are the promises of the layout (see sinegan/__init__.py): a student can
read the slides' modules without meeting the extras, a name means one function,
the command line answers before TensorFlow loads, and the figures never need TensorFlow.
"""

import ast
import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

import sinegan
from sinegan.slides.config import BEYOND_THE_SLIDES, GANConfig

PACKAGE = Path(sinegan.__file__).parent
SLIDE_CORE = ("config", "dataset", "discriminator", "generator", "training", "sampling")


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path):
    """Every sinegan module that ``path`` imports, at the top or inside a function."""
    name, tree = module_name(path), ast.parse(path.read_text())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            target = ".".join(filter(None, [base, node.module or ""]))
            for alias in node.names:  # "from . import x" may name a module
                candidates = (f"{target}.{alias.name}", target)
                found.add(next(c for c in candidates if c in MODULES or c == target))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def test_the_package_has_no_import_cycle():
    graph = {name: imported_modules(path) for name, path in MODULES.items() if name != "sinegan"}
    visiting, done = [], set()

    def visit(module):
        if module in visiting:
            raise AssertionError(
                "import cycle: " + " -> ".join(visiting[visiting.index(module) :] + [module])
            )
        if module not in done:
            visiting.append(module)
            for imported in graph.get(module, ()):
                visit(imported)
            visiting.pop()
            done.add(module)

    for module in graph:
        visit(module)
    assert "sinegan.slides.training" in done and len(done) > 20  # the walk really saw the package


def test_no_module_is_over_250_lines():
    lengths = {name: len(path.read_text().splitlines()) for name, path in MODULES.items()}
    assert {name: length for name, length in lengths.items() if length > 250} == {}


def test_the_slide_core_is_small_and_imports_nothing_beyond_the_slides():
    core = {f"sinegan.slides.{name}": MODULES[f"sinegan.slides.{name}"] for name in SLIDE_CORE}
    assert sum(len(path.read_text().splitlines()) for path in core.values()) < 600
    for name, path in core.items():
        outside = {
            module
            for module in imported_modules(path)
            if not module.startswith("sinegan.slides")
            and module
            not in ("sinegan.validation", "sinegan.config_checks", "sinegan.config_fields")
        }
        assert outside == set(), name  # what goes beyond the slides plugs in from sinegan.recipe


def test_the_fields_beyond_the_slides_are_the_config_block_of_that_name():
    source = (PACKAGE / "slides" / "config.py").read_text()
    block = source[source.index("# --- Beyond the slides") : source.index("# --- Bookkeeping")]
    assert sorted(BEYOND_THE_SLIDES) == sorted(
        re.findall(r"^    (\w+): ", block, flags=re.MULTILINE)
    )
    assert set(BEYOND_THE_SLIDES) < {field.name for field in dataclasses.fields(GANConfig)}


def test_each_slides_function_refuses_only_fields_beyond_the_slides():
    from sinegan.config_fields import IGNORED_BY

    for function, fields in IGNORED_BY.items():
        assert getattr(sinegan, function).__module__.startswith("sinegan.slides."), function
        assert set(fields) <= set(BEYOND_THE_SLIDES), function


def test_no_slide_module_but_the_config_reads_a_field_beyond_the_slides():
    """The slide core reads the slides' fields; the recipe passes the rest as arguments."""
    # the two properties that add the conditional b to a width read a field beyond the slides too
    forbidden = {*BEYOND_THE_SLIDES, "generator_inputs", "discriminator_inputs"}
    found = {}
    for name in SLIDE_CORE:
        if name == "config":
            continue
        for node in ast.walk(ast.parse(MODULES[f"sinegan.slides.{name}"].read_text())):
            if isinstance(node, ast.Attribute) and node.attr in forbidden:
                found.setdefault(name, set()).add(node.attr)
    assert found == {}


def public_definitions():
    """Every public top-level function and class of the package: name -> [modules defining it]."""
    defined = {}
    for module, path in MODULES.items():
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                defined.setdefault(node.name, []).append(module)
    return defined


# One interface, implemented once per module of a package (each backend's, each engine's), and the
# functions of sinegan.backends that hand a call to the running backend's module.
ONE_INTERFACE = ("sinegan.backends", "sinegan.engines.fast", "sinegan.engines.literal")


def test_one_name_means_one_function():
    shared = {
        name: modules
        for name, modules in public_definitions().items()
        if len(modules) > 1 and not all(module.startswith(ONE_INTERFACE) for module in modules)
    }
    assert shared == {}
    assert len(public_definitions()) > 100  # the walk really saw the package


def test_the_top_level_names_of_the_slides_steps_are_the_slides_functions():
    for name in (
        "build_discriminator",
        "build_generator",
        "build_gan",
        "sample_curves",
        "sample_latent",
        "make_dataset",
        "pretrain_discriminator",
        "train_gan_epoch",
    ):
        assert getattr(sinegan, name).__module__.startswith("sinegan.slides."), name


def run_python(code):
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "", "HOME": str(Path.home())},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_training_the_slides_recipe_loads_no_extra_or_other_lecture():
    loaded = run_python(
        "import json, sys\n"
        "from sinegan import GANConfig, Trainer\n"
        "trainer = Trainer(GANConfig(train_size=256, pretrain_batches=1))\n"
        "trainer.pretrain_discriminator(log=None)\n"
        "trainer.train(1, log=None)\n"
        "print(json.dumps(sorted(name for name in sys.modules if name.startswith('sinegan'))))"
    )
    assert [
        name for name in loaded if name.startswith(("sinegan.extras.", "sinegan.lectures."))
    ] == []
    assert "sinegan.engines.fast" in loaded and "sinegan.engines.literal" not in loaded
    assert "sinegan.slides.training" in loaded  # the fast engine's loop body is the slides' loop


def test_the_literal_engine_runs_the_slides_loop_as_it_is():
    from sinegan import GANConfig
    from sinegan.engines import epoch_runner, literal
    from sinegan.recipe import assemble
    from sinegan.slides import training
    from sinegan.slides.dataset import make_dataset

    assert literal.train_gan_epoch is training.train_gan_epoch  # no copy of the loop
    config = GANConfig(train_size=256)
    parts = assemble(config, make_dataset(config, np.random.default_rng(0)))
    assert epoch_runner("literal", parts, config).__module__ == "sinegan.engines.literal"
    assert epoch_runner("fast", parts, config).__module__ == "sinegan.engines.fast"


def test_figures_the_command_line_and_the_measures_import_no_tensorflow():
    loaded = run_python(
        "import json, sys\n"
        "import sinegan.figures.run, sinegan.figures.lectures, sinegan.figures.animation\n"
        "import sinegan.measure.evaluate, sinegan.tool.cli, "
        "sinegan.presets, sinegan.harness.history\n"
        "print(json.dumps(['tensorflow' in sys.modules, 'keras' in sys.modules]))"
    )
    assert loaded == [False, False]


def test_the_stub_lists_every_public_name_and_each_is_the_real_object():
    stub = ast.parse((PACKAGE / "__init__.pyi").read_text())
    exported = {}
    for node in stub.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                assert alias.asname == alias.name  # "import X as X": a re-export editors follow
                exported[alias.name] = f"sinegan.{node.module}"
    assert sorted(exported) == sinegan.__all__
    for name, module in exported.items():
        assert getattr(sinegan, name) is getattr(__import__(module, fromlist=[name]), name)


def test_only_sinegan_backends_imports_a_backend_library():
    """Backend-specific code lives in one module per backend; everything else uses keras.ops."""
    libraries = {"tensorflow", "jax", "torch"}
    found = {}
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            for imported in names:
                if imported.split(".")[0] in libraries:
                    found.setdefault(name, set()).add(imported.split(".")[0])
    assert found == {
        "sinegan.backends.on_tensorflow": {"tensorflow"},
        "sinegan.backends.on_jax": {"jax"},
        "sinegan.backends.on_torch": {"torch"},
    }
