"""The `kg` command line: thin click wrappers over the KnowledgeGraph API."""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any, TextIO

import click
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

from kg import serve as serving  # `serve` is the command below
from kg.builder.inputs import count_articles, read_inputs
from kg.builder.workers import ENGINES
from kg.errors import KgError
from kg.extract.pipeline import extract as extract_article
from kg.knowledge_graph import KnowledgeGraph
from kg.model import Problem
from kg.store.embedded import FORMATS
from kg.store.protocol import Store
from kg.store.remote import PushReport, RemoteStore

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}


class KgGroup(click.Group):
    """Turns KgError into one line on stderr and exit code 1 (a traceback only with --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as e:
            if ctx.params.get("debug"):
                traceback.print_exc()
            click.echo(f"kg: error: {e}", err=True)
            ctx.exit(1)


@click.group(cls=KgGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="civic-kg")
def main(debug: bool) -> None:
    """civic-kg: turn Turkish civic news into a knowledge graph."""


@main.command()
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
    report = KnowledgeGraph.build(
        inputs,
        out=out,
        formats=("trig", *formats),
        html=not no_html,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        on_progress=progress,
        on_problem=_print_problem,
        on_stage=progress.stage if progress else None,
    )
    if progress:
        progress.done()
    if not quiet:
        _print_summary(report, time.monotonic() - started)
    if not report.ok:
        click.echo(f"kg: {len(report.problems)} input(s) could not be read (see above)", err=True)
        sys.exit(1)


@main.command()
@click.argument("directory", required=False)
@click.argument("sparql", required=False)
@click.option(
    "--file",
    "-f",
    "query_file",
    type=click.File(encoding="utf-8"),
    help="Read the query from a file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", *RESULT_FORMATS]),
    default="table",
    show_default=True,
    help="Output format for SELECT/ASK results.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Query this remote SPARQL endpoint instead of a built graph (then give no DIRECTORY).",
)
def query(
    directory: str | None, sparql: str | None, query_file, fmt: str, endpoint: str | None
) -> None:
    """Run a SPARQL query against a built graph or a remote store (prefixes civ:, rdfs:, skos:, schema: ... predeclared).

    With --endpoint, credentials come from KG_REMOTE_USER and KG_REMOTE_PASSWORD.
    """
    if endpoint is not None and directory is not None:
        if sparql is not None:
            raise click.UsageError("with --endpoint give only the query, no DIRECTORY")
        directory, sparql = None, directory
    if endpoint is None and directory is None:
        raise click.UsageError("give a DIRECTORY built by 'kg build', or --endpoint URL")
    if query_file is not None:
        sparql = query_file.read()
    if not sparql:
        raise KgError("give a query as an argument or with --file")
    store: Store = (
        RemoteStore.from_env(endpoint)
        if endpoint is not None
        else KnowledgeGraph.open(Path(directory)).store  # type: ignore[arg-type]  # given when no endpoint
    )
    results = store.query(sparql)
    if isinstance(results, QueryBoolean):
        click.echo("true" if results else "false")
    elif isinstance(results, QuerySolutions):
        if fmt == "table":
            _print_table(results)
        else:
            # (serialize with no output file returns bytes)
            click.echo(results.serialize(format=RESULT_FORMATS[fmt]).decode("utf-8"), nl=False)  # type: ignore[union-attr]
    else:  # CONSTRUCT / DESCRIBE
        for triple in results:
            click.echo(f"{triple.subject} {triple.predicate} {triple.object} .")


@main.command()
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
    progress = _push_progress if not quiet and sys.stderr.isatty() else None
    report = remote.push(kg.store, on_progress=progress)
    if progress:
        click.echo("", err=True)
    if not quiet:
        _print_push_summary(report)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract(inputs: tuple[Path, ...]) -> None:
    """Print each article's entities and relations as one JSON line (the gold files' shape)."""
    failed = False
    for item in read_inputs(inputs):
        if isinstance(item, Problem):
            _print_problem(item)
            failed = True
            continue
        click.echo(json.dumps(extract_article(item).to_json(), ensure_ascii=False))
    if failed:
        sys.exit(1)


@main.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--pred",
    type=click.Path(path_type=Path),
    help="Predictions as JSONL in the `kg extract` shape (default: run the extractor on the gold texts).",
)
@click.option(
    "--errors",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Also list the first N false positives and false negatives, of relations and of entities.",
)
def evaluate(gold: Path, pred: Path | None, errors: int) -> None:
    """Score entities and relations against a gold JSONL file: precision, recall and F1 tables."""
    # numpy and scipy (the entity alignment) load for this command only
    from kg.extract.evaluate import evaluate as evaluate_predictions
    from kg.extract.evaluation_report import format_report
    from kg.extract.gold import predict, read_gold, read_predictions

    articles = read_gold(gold)
    predictions = read_predictions(pred) if pred is not None else predict(articles)
    click.echo(format_report(evaluate_predictions(articles, predictions), errors=errors))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--type", "type_", help="Only this type or subtype (Person, Organization, CityCouncil, ...)."
)
@click.option("--search", help="Only entities whose name or an alias contains this text.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def entities(directory: Path, type_: str | None, search: str | None, fmt: str) -> None:
    """List the graph's entities with type, aliases, mentions and articles, most cited first."""
    rows = KnowledgeGraph.open(directory).entities(type=type_, search=search)
    records = [
        {
            "name": r.name,
            "type": r.type,
            "subtype": r.subtype if isinstance(r.subtype, str) else None,  # NA when unknown
            "aliases": list(r.aliases),
            "mentions": int(r.mentions),
            "articles": int(r.articles),
        }
        for r in rows.itertuples(index=False)
    ]
    if fmt == "json":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    header = ("name", "type", "aliases", "mentions", "articles")
    table = [
        (
            e["name"],
            e["subtype"] or e["type"],
            ", ".join(e["aliases"]),
            str(e["mentions"]),
            str(e["articles"]),
        )
        for e in records
    ]
    _echo_table(header, table)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.argument("article_id")
def remove(directory: Path, article_id: str) -> None:
    """Remove one article and everything it stated from the store."""
    removed = KnowledgeGraph.open(directory, read_only=False).remove(article_id)
    click.echo(f"removed {article_id}: {removed} quads")


@main.command()
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


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    help="File to write (default DIRECTORY/graph.html, .png or .svg).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "png", "svg"], case_sensitive=False),
    help="Interactive page or static figure (default: from --out's suffix, else html).",
)
@click.option(
    "--predicate",
    "predicates",
    multiple=True,
    help="Keep only facts with this predicate, e.g. visited (repeatable).",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    help="Keep only entities of this top type or subtype, e.g. Person, CityCouncil (repeatable).",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Keep only facts dated on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Keep only facts dated on or before this day.")
@click.option("--focus", metavar="ENTITY", help="Centre on an entity (name, alias or IRI).")
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="With --focus: keep entities within this many facts of it.",
)
@click.option(
    "--top", type=click.IntRange(min=1), help="Keep the N entities with most facts (applied last)."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Keep only facts extracted with at least this confidence.",
)
def viz(  # noqa: PLR0913
    directory: Path,
    out: Path | None,
    fmt: str | None,
    predicates: tuple[str, ...],
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    focus: str | None,
    hops: int,
    top: int | None,
    min_confidence: float | None,
) -> None:
    """Draw the network of a built graph: an interactive HTML page, or a PNG/SVG figure for papers."""
    filters: dict[str, Any] = dict(
        predicates=predicates, types=types, since=since, until=until, focus=focus
    )
    filters.update(hops=hops, top=top, min_confidence=min_confidence)
    fmt = (fmt or (out.suffix.lstrip(".") if out else "") or "html").lower()
    kg = KnowledgeGraph.open(directory)
    target = out or directory / f"graph.{fmt}"
    if fmt == "html":
        path = kg.render_html(target, **filters)
    else:
        path = kg.render_figure(target, fmt, **filters)
    click.echo(str(path))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--host", default=serving.DEFAULT_HOST, show_default=True, help="Address to listen on."
)
@click.option(
    "--port",
    default=serving.DEFAULT_PORT,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--timeout",
    default=serving.DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a query may take before the answer is 503.",
)
@click.option(
    "--max-rows",
    default=serving.DEFAULT_MAX_ROWS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most solutions or triples per answer (header X-Kg-Truncated: true when cut).",
)
@click.option(
    "--allow-update",
    is_flag=True,
    help=f"Take SPARQL updates bearing the token in ${serving.TOKEN_ENV} (opens the store writable).",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests on stderr.")
def serve(
    directory: Path,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    allow_update: bool,
    quiet: bool,
) -> None:
    """Serve a built graph over the SPARQL 1.1 Protocol at /sparql, its HTML view at / (Ctrl-C stops)."""
    with serving.SparqlServer(
        directory,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        allow_update=allow_update,
        token=os.environ.get(serving.TOKEN_ENV) if allow_update else None,
        log=None if quiet else lambda line: click.echo(line, err=True),
    ) as server:
        click.echo(f"Serving {directory} at {server.url} (view: {server.view_url}); Ctrl-C stops")
        server.run()


def _print_problem(problem: Problem) -> None:
    click.echo(f"kg: {problem}", err=True)


class Progress:
    """Build progress on stderr. On a terminal, click's bar: articles done of ``total`` (an upper
    bound: ``readers.count_articles``), percentage, time left and the rates, then a line as each
    later stage starts. When piped, a plain line every ``every`` seconds, and the stages once a
    line has been written (so a short piped build stays quiet and a long one leaves a trace)."""

    def __init__(
        self, *, total: int, terminal: bool, every: float = 30.0, stream: TextIO | None = None
    ) -> None:
        self.total, self.every = total, every
        self.stream = stream if stream is not None else sys.stderr
        self.started = self.last = time.monotonic()
        self.shown = False
        self.reached = 0  # articles the bar shows done
        self.bar = (
            click.progressbar(
                length=max(total, 1),
                label="Building",
                file=self.stream,
                show_pos=True,
                show_percent=True,
                item_show_func=lambda rates: rates,
            )
            if terminal
            else None
        )

    def __call__(self, articles: int, facts: int) -> None:
        now = time.monotonic()
        if self.bar is None and now - self.last < self.every:
            return
        seconds = max(now - self.started, 1e-9)
        rates = f"{articles / seconds:.0f} articles/s, {facts / seconds:.0f} facts/s"
        if self.bar is not None:
            done = min(articles, self.total)
            self.bar.update(done - self.reached, rates)
            self.reached = done
            return
        self.last = now
        share = f" ({100 * articles / self.total:.0f}%)" if self.total else ""
        self._line(f"{articles} of {self.total} articles{share}, {facts} facts: {rates}")

    def stage(self, what: str) -> None:
        """A later stage of the build starts (consolidating, compacting, writing a file)."""
        if self.bar is not None or self.shown:
            self.done()
            self._line(f"{what} ...")

    def done(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None  # later lines are plain

    def _line(self, text: str) -> None:
        click.echo(text, file=self.stream)
        self.shown = True


def _print_summary(report, seconds: float) -> None:
    unchanged = f" ({report.unchanged} unchanged, not re-extracted)" if report.unchanged else ""
    click.echo(
        f"Built {report.out} in {seconds:.1f}s: {report.articles} articles{unchanged}, "
        f"{report.entities} entities, {sum(report.facts_by_predicate.values())} facts; "
        f"{report.quads_written} quads written"
    )
    for predicate, n in report.facts_by_predicate.items():
        click.echo(f"  {predicate:<20} {n}")
    click.echo(f"  store: {report.out / 'store'}")
    for path in report.outputs:
        click.echo(f"  wrote: {path}")


def _push_progress(graphs: int, quads: int) -> None:
    click.echo(f"\r{graphs} graphs, {quads} quads", err=True, nl=False)


def _print_push_summary(report: PushReport) -> None:
    click.echo(
        f"Pushed {report.graphs} graphs, {report.quads} quads to {report.graph_store} "
        f"in {report.seconds:.2f}s ({report.quads_per_second:.0f} quads/s)"
    )


def _print_table(solutions: QuerySolutions) -> None:
    names = [v.value for v in solutions.variables]
    _echo_table(names, [[_cell(row[name]) for name in names] for row in solutions])


def _echo_table(header, rows) -> None:
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(header)]
    click.echo("  ".join(n.ljust(w) for n, w in zip(header, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _cell(term) -> str:
    return "" if term is None else term.value
