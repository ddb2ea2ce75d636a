"""The `kg` command line: thin click wrappers over the KnowledgeGraph API."""

from __future__ import annotations

import traceback

import click

from kg.cli.building import build, export, push, remove, upgrade
from kg.cli.extraction import evaluate, extract
from kg.cli.querying import entities, query, serve, viz
from kg.errors import KgError


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


for command in (
    build,
    query,
    push,
    extract,
    evaluate,
    entities,
    remove,
    upgrade,
    export,
    viz,
    serve,
):
    main.add_command(command)
