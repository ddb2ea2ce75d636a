"""The package keeps its layers: no module imports one of a higher layer (docs/architecture.md).

A module may import what sits in a lower layer, and anything of its own unit (its package, or
itself); imports inside functions count too, and so do those only made for type checking.
"""

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# From the ground up; a unit is a module or a package (the longest prefix names a module's unit).
LAYERS = (
    (
        "kg.errors",
        "kg.vocab",
        "kg.dates",
        "kg.iteration",
        "kg.sparql_protocol",
        "kg.deep_stack",
    ),
    ("kg.model", "kg.lang", "kg.query.sparql", "kg.sparql_limits"),
    ("kg.extract", "kg.consolidate.rules"),
    ("kg.rdf", "kg.store"),
    ("kg.consolidate",),
    ("kg.builder", "kg.query", "kg.views", "kg.exports"),
    ("kg.knowledge_graph",),
    ("kg.serve", "kg"),
    ("kg.cli",),
)
LAYER_OF = {unit: n for n, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str:
    parts = module.split(".")
    for k in range(len(parts), 1, -1):  # "kg" alone is the package's face, no catch-all
        if ".".join(parts[:k]) in LAYER_OF:
            return ".".join(parts[:k])
    if module == "kg":
        return module
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/architecture.md")


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def kg_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kg"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
            # "from kg.query import sparql" imports the module kg.query.sparql
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                found.add(inner if _is_module(inner) else node.module)
    return found


def _is_module(name: str) -> bool:
    path = KG.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


MODULES = sorted(KG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(KG.parent)))
def test_no_module_imports_a_higher_layer(path):
    here = unit_of(module_name(path))
    for imported in kg_imports(path):
        there = unit_of(imported)
        if there == here:
            continue
        assert LAYER_OF[there] < LAYER_OF[here], f"{module_name(path)} imports {imported}"


def test_every_package_is_in_a_layer():
    for path in MODULES:
        unit_of(module_name(path))


def test_the_check_sees_an_import_that_runs_up():
    assert LAYER_OF[unit_of("kg.store.embedded")] < LAYER_OF[unit_of("kg.builder.run")]
    assert unit_of("kg.consolidate.rules") == "kg.consolidate.rules"
    assert unit_of("kg.consolidate.run") == "kg.consolidate"
