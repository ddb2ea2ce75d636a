"""What many tests share: the checkout's paths, a headless browser, SPARQL servers, store checks."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout
DATA = ROOT / "data"
SEED = DATA / "izmir-manisa-fed.txt"  # the one real article the project ships (the user's own)


def build_articles(folder: Path, articles: list[dict], **options) -> Path:
    """Write ``articles`` (dicts of id, text, date, ...) as one JSON-lines file in ``folder`` and
    build them into ``folder / "out"`` (``options`` as ``KnowledgeGraph.build`` takes them);
    returns the built directory, after checking the build met no problem."""
    import json

    from kg import KnowledgeGraph

    source = folder / "haberler.jsonl"
    source.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
    )
    report = KnowledgeGraph.build([source], out=folder / "out", **options)
    assert report.ok, report.problems
    return folder / "out"
