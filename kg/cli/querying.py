"""`kg query`, `entities`, `viz` and `serve`: the commands that read a built graph."""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import click
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

from kg import serve as serving  # `serve` is the command below
from kg.cli.output import echo_table, print_table
from kg.deep_stack import call_with_deep_stack
from kg.errors import KgError
from kg.knowledge_graph import KnowledgeGraph
from kg.store.remote import RemoteStore
from kg.views.model import EmptyViewWarning

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}


@click.command()
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
    if endpoint is not None:
        _print_results(RemoteStore.from_env(endpoint).query(sparql), fmt)
        return
    graph = KnowledgeGraph.open(Path(directory))  # type: ignore[arg-type]  # given when no endpoint
    # The engine recurses once per level of a query (the graph refuses one past the limits): give
    # it a deep stack, and should it still crash, a message on stderr rather than a silent death.
    if not faulthandler.is_enabled() and sys.__stderr__ is not None:
        faulthandler.enable(file=sys.__stderr__)
    call_with_deep_stack(lambda: _print_results(graph.sparql(sparql), fmt))


def _print_results(results, fmt: str) -> None:
    if isinstance(results, QueryBoolean):
        click.echo("true" if results else "false")
    elif isinstance(results, QuerySolutions):
        if fmt == "table":
            print_table(results)
        else:
            # (serialize with no output file returns bytes)
            click.echo(results.serialize(format=RESULT_FORMATS[fmt]).decode("utf-8"), nl=False)  # type: ignore[union-attr]
    else:  # CONSTRUCT / DESCRIBE
        for triple in results:
            click.echo(f"{triple.subject} {triple.predicate} {triple.object} .")


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--type", "type_", help="Only this type or subtype (Person, Organization, CityCouncil, ...)."
)
@click.option(
    "--search",
    help="Only entities whose name or an alias contains this text (any case, ASCII for Turkish "
    "letters, a case suffix aside); when none does, the nearest names are printed.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def entities(directory: Path, type_: str | None, search: str | None, fmt: str) -> None:
    """List the graph's entities with type, aliases, mentions and articles, most cited first."""
    graph = KnowledgeGraph.open(directory)
    rows = graph.entities(type=type_, search=search)
    if search and rows.empty:  # on stderr, so JSON lines stay records
        near = graph.nearest_names(search)
        hint = f"; nearest: {', '.join(near)}" if near else ""
        click.echo(f"no entity matches {search!r}{hint}", err=True)
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
    echo_table(header, table)


@click.command()
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
@click.option(
    "--focus",
    metavar="ENTITY",
    help="Centre on an entity: IRI, or a whole name or alias (any case, ASCII for Turkish letters).",
)
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
    suffix = out.suffix.lstrip(".").lower() if out else ""
    suffix = {"htm": "html"}.get(suffix, suffix)
    if out and fmt and suffix and fmt.lower() != suffix:
        raise KgError(
            f"--format {fmt.lower()} would write {fmt.lower()} into a .{suffix} file: drop "
            f"--format, or name the file for it ({out.with_suffix('.' + fmt.lower()).name})",
            where=str(out),
        )
    fmt = (fmt or suffix or "html").lower()
    kg = KnowledgeGraph.open(directory)
    target = out or directory / f"graph.{fmt}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EmptyViewWarning)
        if fmt == "html":
            path = kg.render_html(target, **filters)
        else:
            path = kg.render_figure(target, fmt, **filters)
    for warning in caught:
        if issubclass(warning.category, EmptyViewWarning):
            click.echo(f"kg: {warning.message}; wrote it all the same", err=True)
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    click.echo(str(path))


@click.command()
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
    help="Seconds a query may take: then it is stopped and answered 503.",
)
@click.option(
    "--memory",
    "memory_mib",
    default=serving.DEFAULT_MEMORY_MIB,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="MIB",
    help="Memory a query may use (MiB) beyond its worker's own; more and it is answered 503.",
)
@click.option(
    "--workers",
    default=serving.DEFAULT_WORKERS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes evaluating queries (each may use --memory).",
)
@click.option(
    "--client-timeout",
    default=serving.DEFAULT_CLIENT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a client has to send a request's head, then its body, and to take the answer; "
    "an idle connection is closed after as long.",
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
def serve(  # noqa: PLR0913
    directory: Path,
    host: str,
    port: int,
    timeout: float,
    memory_mib: int,
    workers: int,
    client_timeout: float,
    max_rows: int,
    allow_update: bool,
    quiet: bool,
) -> None:
    """Serve a built graph over the SPARQL 1.1 Protocol at /sparql, its HTML view at / (Ctrl-C stops)."""
    _allow_many_connections()
    with serving.SparqlServer(
        directory,
        host=host,
        port=port,
        timeout=timeout,
        memory_mib=memory_mib,
        workers=workers,
        client_timeout=client_timeout,
        max_rows=max_rows,
        allow_update=allow_update,
        token=os.environ.get(serving.TOKEN_ENV) if allow_update else None,
        log=None if quiet else lambda line: click.echo(line, err=True),
    ) as server:
        click.echo(f"Serving {directory} at {server.url} (view: {server.view_url}); Ctrl-C stops")
        server.run()


def _allow_many_connections() -> None:
    """Raise this process's limit of open files to its ceiling: each connection is one."""
    try:
        import resource
    except ImportError:  # not on POSIX: the system's own limit stands
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
