"""End to end: the sample article in, a real on-disk store, RDF files and SPARQL answers out."""

import shutil
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import NamedNode
from pyshacl import validate

from kg import KnowledgeGraph, vocab
from kg.builder import workers as kg_engines
from kg.errors import KgError
from tests.support import SEED


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "out"
    report = KnowledgeGraph.build([SEED], out=out, formats=("trig", "nq"))
    return report, KnowledgeGraph.open(out)


def ask(kg: KnowledgeGraph, pattern: str) -> bool:
    return bool(kg.query(f"ASK {{ {pattern} }}"))


def iri_of(kg: KnowledgeGraph, label: str) -> str:
    rows = list(kg.sparql(f'SELECT ?e WHERE {{ ?e rdfs:label "{label}"@tr }}'))
    assert len(rows) == 1, f"expected one node labelled {label}, got {len(rows)}"
    return f"<{rows[0]['e'].value}>"


def test_build_reports_the_article_and_writes_every_output(built):
    report, _ = built
    assert report.ok and report.articles == 1
    names = {p.name for p in report.outputs}
    assert {"graph.trig", "graph.nq", "graph.html"} <= names
    assert all(p.stat().st_size > 0 for p in report.outputs)


def test_executive_board_visited_the_federation(built):
    _, kg = built
    board = iri_of(kg, "İzmir Kent Konseyi Yürütme Kurulu")
    fed = iri_of(kg, "Manisalı Dernekler Federasyonu")
    assert ask(kg, f"{board} civ:visited {fed}")


def test_acronym_is_an_alt_label_of_the_one_federation_node(built):
    _, kg = built
    fed = iri_of(kg, "Manisalı Dernekler Federasyonu")
    assert ask(kg, f'{fed} skos:altLabel "MANİSA-FED"@tr')
    assert not ask(kg, '?x rdfs:label "MANİSA-FED"@tr')


def test_council_president_heads_the_council(built):
    _, kg = built
    assert ask(kg, f"{iri_of(kg, 'Özgür Topaç')} civ:headOf {iri_of(kg, 'İzmir Kent Konseyi')}")


def test_board_is_part_of_the_council_and_the_council_is_in_izmir(built):
    _, kg = built
    council = iri_of(kg, "İzmir Kent Konseyi")
    assert ask(kg, f"{iri_of(kg, 'İzmir Kent Konseyi Yürütme Kurulu')} civ:partOf {council}")
    assert ask(kg, f"{council} civ:locatedIn {iri_of(kg, 'İzmir')}")


def test_a_thanked_edge_is_stated_with_its_evidence(built):
    _, kg = built
    rows = list(
        kg.sparql("""
        SELECT ?evidence WHERE { ?s civ:thanked ?o . ?f civ:relation civ:thanked ; civ:agent ?s ;
                                 civ:counterpart ?o ; civ:evidence ?evidence }""")
    )
    assert rows
    assert all("teşekkür" in r["evidence"].value for r in rows)


def test_every_fact_node_points_to_the_article_with_its_date(built):
    _, kg = built
    rows = list(
        kg.sparql("""
        SELECT ?f ?date WHERE { ?f a ?c ; civ:relation ?p . OPTIONAL { ?f prov:wasDerivedFrom ?a .
                                ?a a schema:NewsArticle ; schema:datePublished ?date } }""")
    )
    assert rows and all(r["date"] is not None and r["date"].value == "2026-01-30" for r in rows)


def test_each_article_graph_conforms_to_the_shapes(built):
    report, _ = built
    dataset = rdflib.Dataset()
    dataset.parse(report.out / "graph.trig", format="trig")
    shapes = rdflib.Graph().parse(vocab.SHAPES_FILE)
    article_graphs = [
        g for g in dataset.graphs() if str(g.identifier).startswith(vocab.ARTICLE_BASE)
    ]
    assert article_graphs
    for graph in article_graphs:
        conforms, _, text = validate(graph, shacl_graph=shapes)
        assert conforms, text


def test_building_twice_leaves_the_same_quads(tmp_path):
    out = tmp_path / "out"
    KnowledgeGraph.build([SEED], out=out, html=False)
    first = sorted(map(str, KnowledgeGraph.open(out).store.raw))
    report = KnowledgeGraph.build([SEED], out=out, html=False)
    assert sorted(map(str, KnowledgeGraph.open(out).store.raw)) == first
    assert report.quads_written == 0


def test_the_report_counts_the_statements_of_the_articles_it_wrote(tmp_path):
    out = tmp_path / "out"
    report = KnowledgeGraph.build([SEED], out=out, html=False)
    kg = KnowledgeGraph.open(out)
    graphs = [g for g in kg.store.named_graphs() if g.startswith(vocab.ARTICLE_BASE)]
    assert len(graphs) == 1
    rows = kg.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graphs[0]}> {{ ?s ?p ?o }} }}")
    in_graph = int(next(iter(rows))["n"].value)
    # its named graph's, and its own nodes' (fact nodes, memberships), in the default graph only
    unit = list(kg.store.graph_quads(NamedNode(graphs[0])))
    assert report.quads_written == len(unit) == len(set(unit)) > in_graph > 0


def test_changed_article_replaces_its_facts_instead_of_adding(tmp_path):
    article = tmp_path / "in" / "haber.txt"
    article.parent.mkdir()
    article.write_text("Kula Kent Konseyi, Salihli Belediyesi'ni ziyaret etti.", encoding="utf-8")
    out = tmp_path / "out"
    KnowledgeGraph.build([article], out=out, html=False)
    article.write_text("Kula Kent Konseyi, Demirci Belediyesi'ni ziyaret etti.", encoding="utf-8")
    KnowledgeGraph.build([article], out=out, html=False)
    kg = KnowledgeGraph.open(out)
    visited = {
        r["l"].value for r in kg.sparql("SELECT ?l WHERE { ?s civ:visited ?o . ?o rdfs:label ?l }")
    }
    assert visited == {"Demirci Belediyesi"}


def test_bad_inputs_are_reported_and_good_ones_still_built(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "good.txt")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (inputs / "latin1.txt").write_bytes("Kent Konseyi toplandı ve ".encode() + b"\xfe\xff kararlar")
    (inputs / "broken.jsonl").write_text(
        '{"id": "x", "text": "Bir haber."}\n{not json\n', encoding="utf-8"
    )
    report = KnowledgeGraph.build(
        [inputs, tmp_path / "missing.txt"], out=tmp_path / "out", html=False
    )
    where = sorted(Path(p.where.split(":")[0]).name for p in report.problems)
    assert where == ["binary.txt", "broken.jsonl", "empty.txt", "latin1.txt", "missing.txt"]
    assert not report.ok
    assert report.articles == 2  # good.txt and the valid JSONL line
    kg = KnowledgeGraph.open(tmp_path / "out")
    assert ask(kg, "?s civ:visited ?o")


def test_a_failed_build_leaves_the_existing_store_intact(tmp_path, monkeypatch):
    article = tmp_path / "haber.txt"
    shutil.copy(SEED, article)
    out = tmp_path / "out"
    KnowledgeGraph.build([article], out=out, html=False)
    before = len(KnowledgeGraph.open(out).store)
    article.write_text(SEED.read_text(encoding="utf-8") + "\nEk paragraf.", encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr("kg.builder.workers.extract", explode)
    report = KnowledgeGraph.build([article], out=out, html=False)
    assert [p.message for p in report.problems] == [
        "extraction failed: RuntimeError: extractor crashed"
    ]
    assert report.problems[0].where == str(article)
    assert len(KnowledgeGraph.open(out).store) == before


def test_an_article_that_fails_extraction_is_named_by_its_id_and_jsonl_line(tmp_path, monkeypatch):
    news = tmp_path / "haberler.jsonl"
    news.write_text(
        '{"id": "kula", "text": "Kula Kent Konseyi, Salihli Belediyesi\'ni ziyaret etti."}\n'
        '{"id": "soma", "text": "Soma Kent Konseyi, Kınık Belediyesi\'ni ziyaret etti."}\n',
        encoding="utf-8",
    )
    real_extract = kg_engines.extract

    def fail_on_soma(article):
        if article.id == "soma":
            raise KeyError("Ali Veli")
        return real_extract(article)

    monkeypatch.setattr("kg.builder.workers.extract", fail_on_soma)
    report = KnowledgeGraph.build([news], out=tmp_path / "out", html=False, formats=())
    assert [str(p) for p in report.problems] == [
        f"{news}:2: article soma: extraction failed: KeyError: 'Ali Veli'"
    ]
    assert report.articles == 1


def test_unchanged_articles_are_not_extracted_again(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(
        "Kula Kent Konseyi, Salihli Belediyesi'ni ziyaret etti.", encoding="utf-8"
    )
    (inputs / "b.txt").write_text(
        "Demirci Kent Konseyi, Selendi Belediyesi'ni ziyaret etti.", encoding="utf-8"
    )
    out = tmp_path / "out"
    KnowledgeGraph.build([inputs], out=out, html=False)
    quads = len(KnowledgeGraph.open(out).store)
    (inputs / "b.txt").write_text(
        "Demirci Kent Konseyi, Gördes Belediyesi'ni ziyaret etti.", encoding="utf-8"
    )
    seen = []
    real_extract = kg_engines.extract
    monkeypatch.setattr(
        "kg.builder.workers.extract",
        lambda article: seen.append(article.id) or real_extract(article),
    )
    report = KnowledgeGraph.build([inputs], out=out, html=False)
    assert seen == ["b"]
    assert (report.articles, report.unchanged) == (2, 1)
    assert len(KnowledgeGraph.open(out).store) == quads
    assert ask(KnowledgeGraph.open(out), '?s civ:visited ?o . ?o rdfs:label "Gördes Belediyesi"@tr')


def write_folder(inputs: Path) -> None:
    """Three articles of our own: two text files (one in a subfolder) and a JSON-lines file."""
    (inputs / "ilce").mkdir(parents=True)
    (inputs / "a.txt").write_text(
        "Alaşehir Kent Konseyi, Sarıgöl Belediyesi'ni ziyaret etti.", encoding="utf-8"
    )
    (inputs / "ilce" / "b.txt").write_text(
        "Soma Esnaf Derneği, Kırkağaç Belediyesi'ni ziyaret etti.", encoding="utf-8"
    )
    (inputs / "haberler.jsonl").write_text(
        '{"id": "koprubasi-1", "text": "Köprübaşı Belediyesi, Gölmarmara Derneği\'ni ziyaret'
        ' etti."}\n',
        encoding="utf-8",
    )


def test_the_same_folder_by_relative_or_absolute_path_or_moved_is_not_extracted_again(
    tmp_path, monkeypatch
):
    work = tmp_path / "calisma"
    write_folder(work / "girdi")
    monkeypatch.chdir(work)
    out = tmp_path / "out"
    first = KnowledgeGraph.build(["girdi"], out=out, formats=("trig",), html=False)
    assert (first.articles, first.unchanged) == (3, 0)
    stored = sorted(map(str, KnowledgeGraph.open(out).store.raw))
    absolute = KnowledgeGraph.build([work / "girdi"], out=out, formats=("trig",), html=False)
    moved = tmp_path / "baska" / "yer"
    moved.parent.mkdir()
    (work / "girdi").rename(moved)
    again = KnowledgeGraph.build([moved], out=out, formats=("trig",), html=False)
    for report in (absolute, again):
        assert (report.articles, report.unchanged, report.quads_written) == (3, 3, 0)
    assert sorted(map(str, KnowledgeGraph.open(out).store.raw)) == stored


def test_source_file_is_the_path_below_the_input_folder(tmp_path):
    write_folder(tmp_path / "girdi")
    out = tmp_path / "out"
    KnowledgeGraph.build([tmp_path / "girdi"], out=out, html=False)
    rows = KnowledgeGraph.open(out).sparql("SELECT ?f WHERE { ?a civ:sourceFile ?f }")
    assert sorted(r["f"].value for r in rows) == ["a.txt", "haberler.jsonl", "ilce/b.txt"]


def test_no_export_names_the_absolute_input_folder(tmp_path):
    write_folder(tmp_path / "girdi")
    out = tmp_path / "out"
    KnowledgeGraph.build([tmp_path / "girdi"], out=out, formats=("trig", "nq"), html=False)
    exported = KnowledgeGraph.open(out).export(tmp_path / "export.nq", "nq")
    for path in (out / "graph.trig", out / "graph.nq", exported):
        assert str(tmp_path) not in path.read_text(encoding="utf-8"), path.name


def test_a_renamed_jsonl_file_is_not_extracted_again_and_its_source_file_follows(
    tmp_path, monkeypatch
):
    write_folder(tmp_path / "girdi")
    out = tmp_path / "out"
    KnowledgeGraph.build([tmp_path / "girdi"], out=out, html=False)
    (tmp_path / "girdi" / "haberler.jsonl").rename(tmp_path / "girdi" / "ocak.jsonl")
    seen = []
    monkeypatch.setattr("kg.builder.workers.extract", lambda article: seen.append(article.id))
    report = KnowledgeGraph.build([tmp_path / "girdi"], out=out, html=False)
    assert (seen, report.unchanged) == ([], 3)
    kg = KnowledgeGraph.open(out)
    files = {r["f"].value for r in kg.sparql("SELECT ?f WHERE { ?a civ:sourceFile ?f }")}
    assert files == {"a.txt", "ocak.jsonl", "ilce/b.txt"}
    query = "SELECT ?f WHERE { GRAPH ?g { ?a civ:sourceFile ?f } }"
    assert {
        r["f"].value for r in kg.sparql(query)
    } == files  # the article graphs, not only the union


def test_builds_that_at_least_double_the_store_compact_it_and_smaller_ones_do_not(
    tmp_path, monkeypatch
):
    from kg.store.embedded import EmbeddedStore

    compacted = []
    real_compact = EmbeddedStore.compact
    monkeypatch.setattr(EmbeddedStore, "compact", lambda s: compacted.append(1) or real_compact(s))
    inputs = tmp_path / "in"
    inputs.mkdir()

    def build_with(*names: str) -> bool:
        for name in names:
            (inputs / f"{name}.txt").write_text(
                f"{name} Kent Konseyi, Salihli Belediyesi'ni ziyaret etti.", encoding="utf-8"
            )
        compacted.clear()
        KnowledgeGraph.build([inputs], out=tmp_path / "out", formats=(), html=False)
        return bool(compacted)

    assert build_with("Kula", "Demirci")  # a first build
    assert not build_with("Gördes")  # one new article to two stored
    assert build_with("Selendi", "Akhisar", "Soma")  # three to three
    assert not build_with()  # nothing written
    assert ask(KnowledgeGraph.open(tmp_path / "out"), '?s rdfs:label "Soma Kent Konseyi"@tr')


def test_unwritable_output_directory_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(KgError, match="cannot write here"):
        KnowledgeGraph.build([SEED], out=blocker / "out")


@pytest.mark.browser
@pytest.mark.slow
def test_built_page_shows_every_entity_in_headless_chromium(built, tmp_path):
    from PIL import Image

    from tests.support.browser import open_page

    report, kg = built
    with open_page(report.out / "graph.html") as page:
        page.wait_for("document.body.dataset.civicKgReady === 'true'")
        # every entity is in the page: drawn, or (without facts) listed under the network
        assert page.evaluate("civicKg.nodes.length") == kg.count_entities()
        drawn = page.evaluate("network.body.data.nodes.length")
        listed = page.evaluate("document.querySelectorAll('#civic-kg-empty li').length")
        assert drawn + listed == kg.count_entities() and drawn > 0
        labels = page.evaluate("network.body.data.nodes.get().map(n => n.label)")
        assert "Manisalı Dernekler Federasyonu" in labels
        assert page.console_errors == [] and page.external_requests == []
        shot = page.screenshot(tmp_path / "seed.png", selector="#mynetwork")
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
    assert len(colours) > 50
