"""An evaluation Report as plain-text tables, and the first errors of each kind."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.evaluate import EntityError, RelationError, Report, Scores


def format_report(report: Report, errors: int = 0) -> str:
    """The report as plain-text tables; with ``errors`` > 0 also the first errors of each kind.

    >>> print(format_report(Report(0, *[Scores()] * 5, (), (), (), ())).splitlines()[2])
    entities  tp  fp  fn  precision  recall     f1
    """
    head = ["tp", "fp", "fn", "precision", "recall", "f1"]
    entities = [_row("untyped", report.entities), _row("typed", report.typed_entities)]
    relations = [
        _row("all", report.relations),
        _row("event", report.events),
        _row("structural", report.structural),
    ]
    bands = [[b, str(s.tp + s.fp), str(s.tp), f"{s.precision:.3f}"] for b, s in report.bands]
    blocks = [
        f"{report.articles} article{'' if report.articles == 1 else 's'}",
        _table(["entities", *head], entities),
        _table(["relations", *head], relations),
        _table(["predicate", *head], [_row(p, s) for p, s in report.by_predicate]),
        _table(["confidence", "predicted", "correct", "precision"], bands),
    ]
    if errors > 0:
        blocks.append(_error_list("false positives", report.false_positives, errors))
        blocks.append(_error_list("false negatives", report.false_negatives, errors))
        blocks.append(
            _entity_error_list("entity false positives", report.entity_false_positives, errors)
        )
        blocks.append(
            _entity_error_list("entity false negatives", report.entity_false_negatives, errors)
        )
    return "\n\n".join(blocks)


def _row(label: str, s: Scores) -> list[str]:
    rates = (f"{x:.3f}" for x in (s.precision, s.recall, s.f1))
    return [label, str(s.tp), str(s.fp), str(s.fn), *rates]


def _table(header: list[str], rows: list[list[str]]) -> str:
    """First column left-aligned, the numbers right-aligned, a rule under the header."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in lines
    )


def _error_list(title: str, errors: Sequence[RelationError], n: int) -> str:
    lines = [f"{title} (first {min(n, len(errors))} of {len(errors)})"]
    for e in errors[:n]:
        lines.append(f"  {e.article_id}: {e.s} --{e.p}--> {e.o}")
        lines.append(f"      {e.evidence!r}" if e.evidence else "      (no evidence)")
    return "\n".join(lines)


def _entity_error_list(title: str, errors: Sequence[EntityError], n: int) -> str:
    lines = [f"{title} (first {min(n, len(errors))} of {len(errors)})"]
    for e in errors[:n]:
        aliases = f"  (also: {', '.join(e.aliases)})" if e.aliases else ""
        lines.append(f"  {e.article_id}: {e.type} {e.name}{aliases}")
    return "\n".join(lines)
