"""What the `kg` command line prints besides results: build progress, summaries, problems, tables."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import TextIO

import click
from pyoxigraph import QuerySolutions

from kg.model import Problem
from kg.store.remote import PushReport

LINES_LISTED = 10  # of a problem met on many lines, the first lines named


def print_problems(problems: Iterable[Problem]) -> None:
    """Each problem on stderr as one line; identical ones (the same article failing the same way
    on many lines, say) once, with how many and where. With ``--debug``, each one's traceback."""
    alike: dict[tuple[str, str | None, str], list[Problem]] = {}
    for problem in problems:
        alike.setdefault((problem.where, problem.article, problem.message), []).append(problem)
    for same in alike.values():
        click.echo(f"kg: {same[0]}{_times(same)}", err=True)
        if same[0].traceback and debugging():
            click.echo(same[0].traceback.rstrip("\n"), err=True)


def _times(same: list[Problem]) -> str:
    if len(same) == 1:
        return ""
    lines = [str(p.line) for p in same if p.line is not None]
    more = ", ..." if len(lines) > LINES_LISTED else ""
    at = f", at lines {', '.join(lines[:LINES_LISTED])}{more}" if lines else ""
    return f" ({len(same)} times{at})"


def debugging() -> bool:
    """Whether ``kg --debug`` was given."""
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


class Progress:
    """Build progress on stderr. On a terminal, click's bar: articles done of ``total`` (an upper
    bound: ``inputs.count_articles``), percentage, time left and the rates, then a line as each
    later stage starts. When piped, a plain line every ``every`` seconds, and the stages once a
    line has been written (so a short piped build stays quiet and a long one leaves a trace)."""

    def __init__(
        self, *, total: int, terminal: bool, every: float = 30.0, stream: TextIO | None = None
    ) -> None:
        self.total, self.every = total, every
        self.stream = stream if stream is not None else sys.stderr
        self.started = self.last = time.monotonic()
        self.shown = False
        self.terminal, self.writing = terminal, False
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

    def written(self, articles: int, of: int) -> None:
        """Articles written to the store so far, of ``of``: a bar of its own on a terminal."""
        if self.bar is None and self.terminal and not self.writing:
            self.writing = True
            self.bar = click.progressbar(
                length=max(of, 1),
                label="Writing",
                file=self.stream,
                show_pos=True,
                item_show_func=lambda _: None,
            )
            self.reached = 0
        if self.bar is not None:
            self.bar.update(articles - self.reached)
            self.reached = articles
            if articles >= of:
                self.done()
        elif time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            self._line(f"{articles} of {of} articles written to the store")

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


def print_summary(report, seconds: float) -> None:
    unchanged = f" ({report.unchanged} unchanged, not re-extracted)" if report.unchanged else ""
    click.echo(
        f"Built {report.out} in {seconds:.1f}s: {report.articles} articles{unchanged}, "
        f"{report.entities} entities, {sum(report.facts_by_predicate.values())} facts; "
        f"{report.quads_written} quads written"
    )
    for predicate, n in report.facts_by_predicate.items():
        click.echo(f"  {predicate:<20} {n}")
    if report.problems:
        click.echo(
            f"  problems: {len(report.problems)} (inputs or articles not built, listed on stderr)"
        )
    click.echo(f"  store: {report.out / 'store'}")
    for path in report.outputs:
        click.echo(f"  wrote: {path}")


def push_progress(graphs: int, quads: int) -> None:
    click.echo(f"\r{graphs} graphs, {quads} quads", err=True, nl=False)


def print_push_summary(report: PushReport) -> None:
    click.echo(
        f"Pushed {report.graphs} graphs, {report.quads} quads to {report.graph_store} "
        f"in {report.seconds:.2f}s ({report.quads_per_second:.0f} quads/s)"
    )


def print_table(solutions: QuerySolutions) -> None:
    names = [v.value for v in solutions.variables]
    echo_table(names, [[_cell(row[name]) for name in names] for row in solutions])


def echo_table(header, rows) -> None:
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(header)]
    click.echo("  ".join(n.ljust(w) for n, w in zip(header, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _cell(term) -> str:
    return "" if term is None else term.value
