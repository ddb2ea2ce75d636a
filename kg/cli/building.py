"""`kg build`, `push`, `remove` and `export`: the commands that write a graph or copy it elsewhere."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kg.builder.inputs import count_articles
from kg.builder.workers import ENGINES
from kg.cli.output import (
    Progress,
    print_problems,
    print_push_summary,
    print_summary,
    push_progress,
)
from kg.knowledge_graph import KnowledgeGraph
from kg.model import Problem
from kg.store.embedded import FORMATS
from kg.store.remote import RemoteStore

INTERRUPTED = (
    "kg: interrupted; nothing written is lost: run the same kg build again to finish "
    "(stored articles are skipped)"
)
INTERRUPTED_EXIT = 130  # 128 + SIGINT, what a shell reports for a process Ctrl-C stopped


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    default="out",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Directory for the store, RDF files and the HTML view.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(sorted(FORMATS)),
    help="Extra RDF files to write besides graph.trig (repeatable).",
)
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option(
    "--workers",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Extract in this many processes (the store is the same as with one).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this machine; dask: a Dask cluster (--scheduler, or a local one of --workers).",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://head:8786."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary.")
def build(
    inputs: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    no_html: bool,
    workers: int,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build the graph from article files or folders (.txt, .md, .jsonl, .html) into OUT."""
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    progress = (
        None if quiet else Progress(total=count_articles(inputs), terminal=sys.stderr.isatty())
    )
    started = time.monotonic()
    problems: list[Problem] = []
    interrupted = False
    try:
        report = KnowledgeGraph.build(
            inputs,
            out=out,
            formats=("trig", *formats),
            html=not no_html,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            on_progress=progress,
            on_written=progress.written if progress else None,
            on_problem=problems.append,
            on_stage=progress.stage if progress else None,
        )
    except KeyboardInterrupt:
        interrupted = True
    finally:
        # printed once the build is over (or stopped), after the bar, so that identical ones
        # are one line with a count and none is drawn over the bar
        if progress:
            progress.done()
        print_problems(problems)
    if interrupted:
        # Each article and consolidation chunk is one transaction and each file a rename, so
        # the next build skips what was stored and finishes (docs/build-and-scale.md, Durability).
        click.echo(INTERRUPTED, err=True)
        sys.exit(INTERRUPTED_EXIT)
    if not quiet:
        print_summary(report, time.monotonic() - started)
    if not report.ok:
        click.echo(
            f"kg: {len(report.problems)} input(s) or article(s) could not be built (see above)",
            err=True,
        )
        sys.exit(1)


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--endpoint", metavar="URL", required=True, help="The remote store's SPARQL query endpoint."
)
@click.option(
    "--graph-store",
    metavar="URL",
    help="Its Graph Store Protocol URL (default: derived for Virtuoso's /sparql, /sparql-auth "
    "and the Oxigraph server's /query).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary.")
def push(directory: Path, endpoint: str, graph_store: str | None, quiet: bool) -> None:
    """Copy every named graph to a remote SPARQL store (one HTTP PUT each, so pushing again is idempotent).

    Credentials, if the store needs them (basic or digest auth), come from the environment
    variables KG_REMOTE_USER and KG_REMOTE_PASSWORD, never from the command line.
    """
    kg = KnowledgeGraph.open(directory)
    remote = RemoteStore.from_env(endpoint, graph_store=graph_store)
    progress = push_progress if not quiet and sys.stderr.isatty() else None
    report = remote.push(kg.store, on_progress=progress)
    if progress:
        click.echo("", err=True)
    if not quiet:
        print_push_summary(report)


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.argument("article_id")
def remove(directory: Path, article_id: str) -> None:
    """Remove one article and everything it stated from the store, and rewrite the RDF files and
    the HTML view the build wrote beside it."""
    report = KnowledgeGraph.open(directory, read_only=False).remove(article_id)
    click.echo(f"removed {article_id}: {report.quads} quads")
    for path in report.outputs:
        click.echo(f"  rewrote {path}")


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
def upgrade(directory: Path) -> None:
    """Bring a store written by an older civic-kg up to this version's layout, in place."""
    if KnowledgeGraph.upgrade(directory):
        click.echo(f"upgraded {directory}")
    else:
        click.echo(f"{directory} is up to date")


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="nq",
    show_default=True,
    help="RDF format: nq and trig keep each article's named graph.",
)
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), help="File to write (default: standard output)."
)
def export(directory: Path, fmt: str, out: Path | None) -> None:
    """Dump the whole graph as RDF for other stores to bulk-load (streamed)."""
    kg = KnowledgeGraph.open(directory)
    if out is None:
        kg.export_to(sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
    else:
        kg.export(out, fmt)
