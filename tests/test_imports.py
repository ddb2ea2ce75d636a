"""`import kg` and the extraction path stay light: the heavy libraries load where they are used."""

import json
import subprocess
import sys

import pytest

# what each entry point may not load at import (the facade's query, export and view methods do)
NOT_AT_IMPORT = {
    "kg": ("pandas", "networkx", "rdflib", "numpy", "scipy", "pyoxigraph"),
    "kg.extract.pipeline": ("pandas", "networkx", "rdflib", "numpy", "scipy", "pyoxigraph"),
    "kg.builder.workers": ("pandas", "networkx", "rdflib", "numpy", "scipy"),  # every worker
    "kg.cli": ("pandas", "networkx", "rdflib", "numpy", "scipy", "matplotlib", "pyvis"),
}


def loaded_by(module: str) -> set[str]:
    code = f"import sys, json; import {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(out.stdout)}


@pytest.mark.parametrize("module", sorted(NOT_AT_IMPORT))
def test_an_entry_point_loads_no_heavy_library_it_does_not_use(module):
    assert loaded_by(module).isdisjoint(NOT_AT_IMPORT[module])


def test_the_facade_names_still_import_from_kg():
    code = "from kg import BuildReport, KgError, KnowledgeGraph, build, load; print(KnowledgeGraph.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "KnowledgeGraph"


def test_an_unknown_name_is_still_an_attribute_error():
    import kg

    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        kg.Nothing  # noqa: B018
