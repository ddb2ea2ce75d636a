"""Every notebook in notebooks/ runs top to bottom; a failing cell fails the suite."""

import nbformat
import pytest
from nbclient import NotebookClient

from tests.support import ROOT

pytestmark = pytest.mark.slow  # each notebook starts a kernel

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run_notebook(path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return notebook


def outputs_of(notebook) -> list:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def text_of(notebook) -> str:
    return "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs_of(notebook)
    )


def test_there_are_notebooks_to_run():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path):
    assert not any(o.output_type == "error" for o in outputs_of(run_notebook(path)))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_quickstart_builds_the_folder_KG_NOTEBOOK_DATA_names_and_shows_its_problems(
    tmp_path, monkeypatch
):
    folder = tmp_path / "haberler"
    folder.mkdir()
    (folder / "kula.txt").write_text(
        "Kula Kent Konseyi, Salihli Belediyesi'ni ziyaret etti.", encoding="utf-8"
    )
    (folder / "bozuk.txt").write_bytes(b"\x00\x01 ikili dosya")
    monkeypatch.setenv("KG_NOTEBOOK_DATA", str(folder))
    text = text_of(run_notebook(ROOT / "notebooks" / "01_quickstart.ipynb"))
    assert f"problem: {folder / 'bozuk.txt'}: binary file, not text" in text
    assert "Salihli Belediyesi" in text
