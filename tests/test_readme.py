"""The README and docs stay true to the code: the commands table lists exactly the `kg` commands,
the test command is the one CI runs, and every relative link points to a file (and heading) that exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = [README, ROOT / "benchmarks" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest"
MAIN_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/kg build data/ --out out"
)


def section(text: str, title: str) -> str:
    """The body of the `## title` section of a Markdown text."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no '## {title}' section"
    return match.group(1)


def table_commands(text: str) -> dict[str, list[str]]:
    """Command name -> the descriptions of its rows in the README's commands table."""
    rows: dict[str, list[str]] = {}
    for line in section(text, "Commands").splitlines():
        match = re.match(r"\|\s*`kg ([a-z][a-z-]*)\b[^`]*`.*?(?<!\\)\|\s*(.*?)\s*\|\s*$", line)
        if match:
            rows.setdefault(match.group(1), []).append(match.group(2))
    return rows


def help_commands() -> set[str]:
    """The commands `kg --help` lists."""
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    listing = result.output.split("Commands:", 1)[1]
    return {line.split()[0] for line in listing.splitlines() if line.strip()}


def test_help_lists_the_click_commands():
    assert help_commands() == set(main.commands)


def test_commands_table_lists_exactly_the_commands_of_kg_help():
    table = table_commands(README.read_text(encoding="utf-8"))
    commands = help_commands()
    assert not set(table) - commands, (
        f"in the README but not in `kg --help`: {set(table) - commands}"
    )
    assert not commands - set(table), (
        f"in `kg --help` but not in the README: {commands - set(table)}"
    )
    for name, descriptions in table.items():
        assert all(descriptions), f"`kg {name}` has a row without a description"


def test_the_commands_table_parser_sees_a_missing_row():
    text = README.read_text(encoding="utf-8")
    without_remove = "\n".join(
        line for line in text.splitlines() if not line.startswith("| `kg remove ")
    )
    assert "remove" in table_commands(text)
    assert "remove" not in table_commands(without_remove)


def test_readme_commands_are_verbatim():
    text = README.read_text(encoding="utf-8")
    assert f"```sh\n{MAIN_COMMAND}\n```" in text
    assert f"```sh\n{TEST_COMMAND}\n```" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in ci.splitlines(), ".ci/run must run the README's test command verbatim"


def without_code_blocks(text: str) -> str:
    """Markdown with its fenced code blocks taken out."""
    return re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)


def without_code(text: str) -> str:
    """Markdown with fenced blocks and inline code taken out (brackets there are not links)."""
    return re.sub(r"`[^`\n]*`", "", without_code_blocks(text))


def anchors(path: Path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown file."""
    found = set()
    for heading in re.findall(
        r"^#+ (.+)$", without_code_blocks(path.read_text(encoding="utf-8")), re.M
    ):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


def relative_links(path: Path) -> list[str]:
    targets = re.findall(
        r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)",
        without_code(path.read_text(encoding="utf-8")),
    )
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_to_files_that_exist(doc: Path):
    assert doc.exists()
    broken = []
    for target in relative_links(doc):
        file_part, _, fragment = target.partition("#")
        linked = (doc.parent / file_part).resolve() if file_part else doc
        if not linked.exists():
            broken.append(target)
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            broken.append(target)  # the file is there, the heading is not
    assert not broken, f"{doc.relative_to(ROOT)} links to what does not exist: {broken}"


def test_every_doc_is_reachable_from_the_readme():
    linked = {
        (README.parent / t.partition("#")[0]).resolve()
        for t in relative_links(README)
        if t[0] != "#"
    }
    unlinked = [str(d.relative_to(ROOT)) for d in DOCS[1:] if d.resolve() not in linked]
    assert not unlinked, f"the README links to none of {unlinked}"


CODE_PATH = re.compile(r"`((?:kg|tests|benchmarks|notebooks|ontology|data)/[\w./-]*[\w/])`")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_path_the_docs_name_exists(doc: Path):
    """A doc that sends a newcomer to `kg/extract/pipeline.py` must not name a file that moved."""
    missing = [
        p for p in CODE_PATH.findall(doc.read_text(encoding="utf-8")) if not (ROOT / p).exists()
    ]
    assert not missing, f"{doc.name} names paths that do not exist: {missing}"


def test_the_path_check_sees_a_moved_file():
    assert CODE_PATH.findall("open `kg/graph.py` or `kg/extract/` or `kg/lang/tr/data/*.tsv`") == [
        "kg/graph.py",
        "kg/extract/",
    ]


def test_a_run_that_skips_for_a_missing_server_says_why_in_its_summary(tmp_path):
    """Outside CI a missing server or browser skips its tests; the summary must name it and the
    fix, not just count skips."""
    test = tmp_path / "test_needs_a_server.py"
    test.write_text(
        "import pytest\n\ndef test_it():\n"
        "    pytest.skip('no `virtuoso-t`: apt-get install virtuoso-opensource')\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), str(test)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "apt-get install virtuoso-opensource" in run.stdout, run.stdout
