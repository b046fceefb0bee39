"""examples/sine_gan.ipynb runs from top to bottom and shows its figures inline."""

from pathlib import Path

import keras
import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "sine_gan.ipynb"


def test_notebook_runs_every_step_and_shows_the_figures(monkeypatch):
    monkeypatch.setenv("SINEGAN_NOTEBOOK_EPOCHS", "2")
    monkeypatch.setenv("SINEGAN_NOTEBOOK_TRAIN_SIZE", "512")
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")  # committed clean
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parents[1])}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    images = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(images) == 4  # training curves, history, snapshots, generated beside real
    text = "".join(output.get("text", "") for output in outputs)
    assert " epoch | D loss  | G loss  | D accuracy | G accuracy" in text
    assert "X_TRAIN: (512, 64)" in text and "quality after epoch 2" in text
    assert f"Keras backend: {keras.backend.backend()}" in text  # the kernel inherits the suite's KERAS_BACKEND
