"""Gold and predicted annotations: read from JSONL files, or predicted by the extractor."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.extract.pipeline import extract
from kg.model import Article, Entity, Extraction


@dataclass(frozen=True)
class Relation:
    """One (s, p, o) of a gold or predicted article; confidence is None when the file gives none."""

    s: str
    p: str
    o: str
    evidence: str = ""
    confidence: float | None = None


@dataclass(frozen=True)
class Annotation:
    """The entities and relations one side (gold or prediction) gives for one article."""

    article_id: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    """A gold record: the article to extract from and what the annotators found in it."""

    article: Article
    annotation: Annotation


def read_gold(path: Path) -> tuple[GoldArticle, ...]:
    """Gold articles of a JSONL file (id, url, outlet, date, title, text, entities, relations)."""
    gold = []
    for where, record in _records(path):
        meta = {k: _get(record, k, str, where, None) for k in ("url", "date", "title", "outlet")}
        article = Article(record["id"], _get(record, "text", str, where), **meta)
        gold.append(GoldArticle(article, _annotation(record, where)))
    return tuple(gold)


def read_predictions(path: Path) -> dict[str, Annotation]:
    """Predictions of a JSONL file in the `kg extract` shape (id, entities, relations), by id."""
    return {r["id"]: _annotation(r, where) for where, r in _records(path)}


def predict(gold: Sequence[GoldArticle]) -> dict[str, Annotation]:
    """Predictions of the civic-kg extractor for each gold article's text, by id."""
    return {g.article.id: annotation_of(extract(g.article)) for g in gold}


def annotation_of(extraction: Extraction) -> Annotation:
    """An extraction as the annotation it predicts."""
    relations = (Relation(f.s, f.p, f.o, f.evidence, f.confidence) for f in extraction.facts)
    return Annotation(extraction.article.id, extraction.entities, tuple(relations))


def _records(path: Path) -> Iterator[tuple[str, dict]]:
    """(file:line, JSON object with an id) of each non-blank line; a repeated id is an error."""
    seen: set[str] = set()
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                where = f"{path}:{number}"
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    raise KgError(f"not valid JSON ({e.msg})", where=where) from e
                if _get(record, "id", str, where) in seen:
                    raise KgError(f"article id {record['id']!r} appears twice", where=where)
                seen.add(record["id"])
                yield where, record
    except (OSError, UnicodeDecodeError) as e:
        raise KgError(f"cannot read: {e}", where=str(path)) from e


_REQUIRED = object()


def _get(record: object, key: str, kind, where: str, default=_REQUIRED):
    """``record[key]``, checked to be a ``kind``; ``default`` when it is missing or null."""
    if not isinstance(record, dict):
        raise KgError(f"expected a JSON object, not {json.dumps(record)[:40]}", where=where)
    value = record.get(key)
    if value is None and default is not _REQUIRED:
        return default
    if not isinstance(value, kind) or isinstance(value, bool):
        wanted = "a number" if kind == (int, float) else f"a {kind.__name__}"
        raise KgError(f"{key!r} should be {wanted}, not {json.dumps(value)[:40]}", where=where)
    return value


def _annotation(record: dict, where: str) -> Annotation:
    entities, relations = [], []
    for e in _get(record, "entities", list, where, []):
        name, aliases = _get(e, "name", str, where), _get(e, "aliases", list, where, [])
        if not all(isinstance(a, str) for a in aliases):
            raise KgError(f"aliases of {name!r} should be strings", where=where)
        entities.append(Entity(name, _get(e, "type", str, where, None), aliases=tuple(aliases)))
    for r in _get(record, "relations", list, where, []):
        s, p, o = (_get(r, k, str, where) for k in "spo")
        confidence = _get(r, "confidence", (int, float), where, None)
        relations.append(Relation(s, p, o, _get(r, "evidence", str, where, ""), confidence))
    return Annotation(record["id"], tuple(entities), tuple(relations))
