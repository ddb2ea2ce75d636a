"""`kg extract` and `kg evaluate`: the extractor on article files, without a store."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.builder.inputs import read_inputs
from kg.builder.workers import extraction_problem
from kg.cli.output import print_problems
from kg.extract.pipeline import extract as extract_article
from kg.model import Problem


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract(inputs: tuple[Path, ...]) -> None:
    """Print each article's entities and relations as one JSON line (the gold files' shape).

    An input that cannot be read, or an article the extractor fails on, is named on stderr (with
    its line in a JSON-lines file) and the exit code is 1; the other articles are still printed.
    """
    problems: list[Problem] = []
    for item in read_inputs(inputs):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        try:
            record = extract_article(item).to_json()
        except Exception as e:  # an extractor bug: name the article, as `kg build` does
            problems.append(extraction_problem(item, e))
            continue
        click.echo(json.dumps(record, ensure_ascii=False))
    print_problems(problems)
    if problems:
        sys.exit(1)


@click.command()
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
