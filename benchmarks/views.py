"""Network views at scale: layout, page generation, page size, peak memory, and Chromium's time to
draw the page and answer a hover and a zoom.

Run:  python -m benchmarks.views [--sizes 1000,10000] [--runs 5] [--baseline] [--keep DIR]
Each size is a synthetic view shaped like a civic graph (see ``synthetic_view``): one big
component with hubs (preferential attachment, some cycles), many components of 2-8 entities,
5% entities without facts, 10% of the facts told again by a second article. Generation runs in a
child process per run (after a small warm-up page, so imports are not timed), and its peak RSS
(ru_maxrss; Linux) is that of making one page: "layout" is kg.layout alone, "generate" the whole
page (layout included). In
headless Chromium (one browser, a fresh context per run, launch not timed): "ready" is from
navigation to the page's own flag (first drawing after the network is built, tooltips wired);
"hover" from moving onto the node with most facts to its tooltip being visible (150 ms of that
is vis-network's tooltip delay); "zoom" from a mouse-wheel step to the next drawing; "filter"
from hiding every Person (about 40% of the entities, and their facts) to the next drawing, and
"unfilter" from showing them again, both through the page's own type filter (what clicking
"Person" in the legend does: its DataViews refreshed, the counts and the list of entities without
facts updated). "open + filter" adds "ready" and "filter". "heap" is the page's used JS
heap once drawn. The table gives medians over --runs; the machine is shared and
noisy, so compare medians and ratios. --baseline also times the former layout (networkx
spring_layout on the whole graph) once, for sizes up to 3,000 entities.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg import vocab
from kg.views.html import render_html
from kg.views.model import ViewEdge, ViewNode
from kg.views.style import node_positions, write_file

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
GIANT_SHARE = 0.45  # of the entities, in the one big component
ALONE_SHARE = 0.05  # entities without facts
RETOLD_SHARE = 0.10  # facts a second article tells again
SMALL_SIZES = (2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8)  # of the other components, drawn at random
EVIDENCE = (  # team-written templates: {a} and {b} are the parties
    "{a}, {b} ile bir araya geldi.",
    "{a}, {b}'ye nezaket ziyaretinde bulundu.",
    "{a}, {b} ile iş birliği protokolü imzaladı.",
    "{a}, düzenlediği etkinlik için {b}'ye teşekkür etti.",
    "{a}, {b}'nin çalışmalarına destek verdi.",
)
KINDS = (  # (top type, subtype, weight, name pattern)
    ("Person", "", 40, "Kişi {i}"),
    ("Organization", "Association", 15, "Dayanışma Derneği {i}"),
    ("Organization", "Municipality", 8, "Belediye {i}"),
    ("Organization", "CityCouncil", 6, "Kent Konseyi {i}"),
    ("Organization", "Foundation", 6, "Vakıf {i}"),
    ("Organization", "Federation", 5, "Federasyon {i}"),
    ("Organization", "University", 5, "Üniversite {i}"),
    ("Place", "District", 10, "İlçe {i}"),
    ("Place", "Province", 5, "İl {i}"),
)


def synthetic_view(size: int, *, seed: int = 7) -> tuple[list[ViewNode], list[ViewEdge]]:
    """A view of ``size`` entities shaped like a civic graph; the same for the same seed."""
    rng = random.Random(seed)
    ids = [f"{vocab.ENTITY_BASE}bench/{i}" for i in range(size)]
    pairs = _giant(rng, int(size * GIANT_SHARE))
    first, last = int(size * GIANT_SHARE), size - int(size * ALONE_SHARE)
    while first < last:
        members = min(rng.choice(SMALL_SIZES), last - first)
        pairs += [(first + k, first + rng.randrange(k)) for k in range(1, members)]
        first += members
    kinds = [rng.choices(KINDS, weights=[k[2] for k in KINDS])[0] for _ in ids]
    edges = []
    for a, b in pairs:
        predicate = rng.choice(vocab.PREDICATES)
        for _ in range(1 + (rng.random() < RETOLD_SHARE)):
            day = f"202{rng.randint(4, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            evidence = rng.choice(EVIDENCE).format(
                a=kinds[a][3].format(i=a), b=kinds[b][3].format(i=b)
            )
            url = f"https://haber.example/{rng.randrange(10**7)}"
            edges.append(
                ViewEdge(ids[a], ids[b], predicate, evidence, day, url, rng.uniform(0.5, 1))
            )
    degree = Counter(e.source for e in edges) + Counter(e.target for e in edges)
    nodes = [
        ViewNode(iri, kind[3].format(i=i), kind[0], kind[1], (), degree[iri])
        for i, (iri, kind) in enumerate(zip(ids, kinds, strict=True))
    ]
    return nodes, edges


def _giant(rng: random.Random, size: int) -> list[tuple[int, int]]:
    """Preferential attachment: most join one earlier entity, a third two (so there are cycles)."""
    pairs: list[tuple[int, int]] = []
    ends = [0]
    for i in range(1, size):
        for _ in range(1 + (rng.random() < 0.3)):
            j = rng.choice(ends)
            if j != i and (j, i) not in pairs[-2:]:
                pairs.append((i, j))
                ends += [i, j]
    return pairs


def child(size: int, out: str) -> None:
    """One generation run: print its timings and peak RSS as JSON, write the page to ``out``."""
    render_html(*synthetic_view(400, seed=1))  # load what the first page loads: not timed
    nodes, edges = synthetic_view(size)
    start = time.perf_counter()
    node_positions(nodes, edges)
    layout = time.perf_counter() - start
    start = time.perf_counter()
    page = render_html(nodes, edges, title=f"benchmark: {size} entities")
    generate = time.perf_counter() - start
    write_file(page, out)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "edges": len(edges),
                "layout": layout,
                "generate": generate,
                "mb": len(page.encode()) / 1e6,
                "rss": peak_kb / 1024,
            }
        )
    )


def generation_run(size: int, out: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", __spec__.name, "--child", str(size), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def browser_run(browser, page_path: Path) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        start = time.perf_counter()
        page.goto(page_path.as_uri(), wait_until="commit")
        page.wait_for_function(
            "document.body && document.body.dataset.civicKgReady === 'true'", timeout=120_000
        )
        ready = time.perf_counter() - start
        heap = page.evaluate("performance.memory.usedJSHeapSize") / 1e6
        hub = page.evaluate(
            "network.body.data.nodes.get().reduce((a, b) => (b.size > a.size ? b : a)).id"
        )
        page.evaluate(
            _drawn_after(
                f"network.moveTo({{position: network.getPositions([{json.dumps(hub)}])[{json.dumps(hub)}], scale: 1}})"
            )
        )
        box = page.locator("#mynetwork").bounding_box()
        at = page.evaluate(
            f"network.canvasToDOM(network.getPositions([{json.dumps(hub)}])[{json.dumps(hub)}])"
        )
        start = time.perf_counter()
        page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
        page.wait_for_function(
            "(t => t && getComputedStyle(t).visibility === 'visible')"
            "(document.querySelector('div.vis-tooltip'))"
        )
        hover = time.perf_counter() - start
        page.mouse.move(box["x"] + 20, box["y"] + 20)
        page.evaluate(f"() => {{ window.benchDrawn = {_drawn_after('')}; }}")  # not awaited yet
        start = time.perf_counter()
        page.mouse.wheel(0, -200)
        page.evaluate("window.benchDrawn")
        zoom = time.perf_counter() - start
        shown = page.evaluate("network.body.data.nodes.length")
        filtered = _timed(page, _drawn_after(_CLICK_PERSON))
        if not 0 < page.evaluate("network.body.data.nodes.length") < shown:
            raise RuntimeError("the filter hid no entity, or all of them")
        unfiltered = _timed(page, _drawn_after(_CLICK_PERSON))
        if errors:
            raise RuntimeError(f"the page failed: {errors[0]}")
        return {
            "ready": ready,
            "hover": hover,
            "zoom": zoom,
            "filter": filtered,
            "unfilter": unfiltered,
            "heap": heap,
        }
    finally:
        context.close()


# A click on "Person" in the legend: the page's own type filter hides every Person and the facts
# touching them; a second click shows them again.
_CLICK_PERSON = "document.querySelector('#civic-kg-legend [data-kind=\"Person\"]').click()"


def _timed(page, js: str) -> float:
    start = time.perf_counter()
    page.evaluate(js)
    return time.perf_counter() - start


def _drawn_after(action: str) -> str:
    """JavaScript: a promise of the next drawing after ``action`` (failing after a minute)."""
    return (
        "new Promise((done, fail) => { network.once('afterDrawing', done);"
        f" setTimeout(() => fail(new Error('not drawn')), 60000); {action}; }})"
    )


def baseline(size: int) -> float:
    """The former layout: networkx spring_layout over the whole graph."""
    import networkx as nx

    nodes, edges = synthetic_view(size)
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from((e.source, e.target) for e in edges)
    start = time.perf_counter()
    nx.spring_layout(graph, seed=42)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the generated pages in this folder")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.out)
        return
    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-views-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for size in (int(s) for s in args.sizes.split(",")):
            path = folder / f"view-{size}.html"
            made = [generation_run(size, path) for _ in range(args.runs)]
            shown = [browser_run(browser, path) for _ in range(args.runs)]
            row = {"entities": size, "edges": made[0]["edges"]}
            for key in ("layout", "generate", "mb", "rss"):
                row[key] = statistics.median(m[key] for m in made)
            for key in ("ready", "hover", "zoom", "filter", "unfilter", "heap"):
                row[key] = statistics.median(s[key] for s in shown)
            if args.baseline and size <= 3000:
                row["baseline"] = baseline(size)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
        browser.close()
    header = (
        "entities  facts  layout s  generate s  page MB  peak RSS MB  ready s  hover ms  zoom ms"
        "  filter ms  unfilter ms  heap MB"
    )
    print(f"median of {args.runs} runs\n{header}")
    for r in rows:
        print(
            f"{r['entities']:>8}  {r['edges']:>5}  {r['layout']:>8.2f}  {r['generate']:>10.2f}  "
            f"{r['mb']:>7.1f}  {r['rss']:>11.0f}  {r['ready']:>7.2f}  {r['hover'] * 1000:>8.0f}  "
            f"{r['zoom'] * 1000:>7.0f}  {r['filter'] * 1000:>9.0f}  {r['unfilter'] * 1000:>11.0f}  "
            f"{r['heap']:>7.0f}"
        )
    for r in rows:
        if "baseline" in r:
            print(
                f"former layout (nx.spring_layout), {r['entities']} entities: {r['baseline']:.2f} s"
            )


if __name__ == "__main__":
    main()
