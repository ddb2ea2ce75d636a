"""Scoring against gold: name matching, one-to-one alignment, relation tables, bands, the CLI."""

import copy
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.extract.evaluate import Scores, evaluate
from kg.extract.gold import predict, read_gold, read_predictions

ARTICLE = {
    "id": "bayindir-kent-konseyi-ziyareti",
    "url": "https://ornek.example/bayindir",
    "outlet": "ornek.example",
    "date": "2025-03-14",
    "title": None,
    "text": "Bayındır Kent Konseyi Başkanı Selin Akbulut, İzmir Kent Konseyi'ni ziyaret etti.",
    "entities": [
        {"name": "Bayındır Kent Konseyi", "type": "Organization", "aliases": ["BAKK"]},
        {"name": "İzmir Kent Konseyi", "type": "Organization", "aliases": []},
        {"name": "Selin Akbulut", "type": "Person", "aliases": ["Selin AKBULUT"]},
        {"name": "Bayındır", "type": "Place", "aliases": []},
    ],
    "relations": [
        {
            "s": "Bayındır Kent Konseyi",
            "p": "visited",
            "o": "İzmir Kent Konseyi",
            "evidence": "ziyaret etti",
        },
        {
            "s": "Bayındır Kent Konseyi",
            "p": "cooperatesWith",
            "o": "İzmir Kent Konseyi",
            "evidence": "ortak proje",
        },
        {
            "s": "Selin Akbulut",
            "p": "headOf",
            "o": "Bayındır Kent Konseyi",
            "evidence": "Başkanı Selin Akbulut",
        },
        {
            "s": "Bayındır Kent Konseyi",
            "p": "locatedIn",
            "o": "Bayındır",
            "evidence": "Bayındır Kent Konseyi",
        },
    ],
}


def write_jsonl(path, records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def prediction(**changes):
    """The gold article as a prediction (no text), with some fields replaced."""
    record = {k: copy.deepcopy(ARTICLE[k]) for k in ("id", "entities", "relations")}
    return {**record, **changes}


def score(tmp_path, *preds, gold=(ARTICLE,), **options):
    gold_file = write_jsonl(tmp_path / "gold.jsonl", gold)
    pred_file = write_jsonl(tmp_path / "pred.jsonl", preds)
    return evaluate(read_gold(gold_file), read_predictions(pred_file), **options)


def relation(s, p, o, **extra):
    return {"s": s, "p": p, "o": o, "evidence": "", **extra}


def predicate_scores(report, predicate):
    return dict(report.by_predicate)[predicate]


def test_perfect_prediction_scores_one(tmp_path):
    report = score(tmp_path, prediction())
    assert report.entities.f1 == report.typed_entities.f1 == 1.0
    assert report.relations.f1 == 1.0
    assert report.relations == Scores(tp=4, fp=0, fn=0)


def test_case_suffix_and_capitals_still_match(tmp_path):
    entities = copy.deepcopy(ARTICLE["entities"])
    entities[1]["name"] = "İZMİR KENT KONSEYİ'ne"
    pred = prediction(
        entities=entities,
        relations=[relation("Bayındır Kent Konseyi", "visited", "İZMİR KENT KONSEYİ'ne")],
    )
    report = score(tmp_path, pred)
    assert report.entities == Scores(tp=4, fp=0, fn=0)
    assert predicate_scores(report, "visited") == Scores(tp=1, fp=0, fn=0)


def test_an_alias_of_the_gold_entity_matches(tmp_path):
    entities = copy.deepcopy(ARTICLE["entities"])
    entities[0] = {"name": "BAKK'a", "type": "Organization", "aliases": []}
    pred = prediction(entities=entities, relations=[relation("BAKK", "locatedIn", "Bayındır")])
    report = score(tmp_path, pred)
    assert report.entities == Scores(tp=4, fp=0, fn=0)
    assert predicate_scores(report, "locatedIn") == Scores(tp=1, fp=0, fn=0)


def test_two_predicted_entities_cannot_both_match_one_gold_entity(tmp_path):
    extra = {"name": "BAKK", "type": "Organization", "aliases": []}
    pred = prediction(entities=[*ARTICLE["entities"], extra])
    assert score(tmp_path, pred).entities == Scores(tp=4, fp=1, fn=0)


def test_symmetric_relation_in_reverse_order_matches(tmp_path):
    reverse = relation("İzmir Kent Konseyi", "cooperatesWith", "Bayındır Kent Konseyi")
    report = score(tmp_path, prediction(relations=[reverse]))
    assert predicate_scores(report, "cooperatesWith") == Scores(tp=1, fp=0, fn=0)


def test_directed_relation_in_reverse_order_does_not_match(tmp_path):
    reverse = relation("İzmir Kent Konseyi", "visited", "Bayındır Kent Konseyi")
    report = score(tmp_path, prediction(relations=[reverse]))
    assert predicate_scores(report, "visited") == Scores(tp=0, fp=1, fn=1)


def test_a_relation_stated_twice_counts_once(tmp_path):
    twice = [relation("Selin Akbulut", "headOf", "Bayındır Kent Konseyi")] * 2
    report = score(tmp_path, prediction(relations=twice))
    assert predicate_scores(report, "headOf") == Scores(tp=1, fp=0, fn=0)


def test_a_wrong_type_lowers_the_typed_score_only(tmp_path):
    entities = copy.deepcopy(ARTICLE["entities"])
    entities[3]["type"] = "Organization"
    report = score(tmp_path, prediction(entities=entities))
    assert report.entities == Scores(tp=4, fp=0, fn=0)
    assert report.typed_entities == Scores(tp=3, fp=1, fn=1)


def test_event_and_structural_relations_are_scored_apart(tmp_path):
    structural = [r for r in ARTICLE["relations"] if r["p"] in ("headOf", "locatedIn")]
    report = score(tmp_path, prediction(relations=structural))
    assert report.structural == Scores(tp=2, fp=0, fn=0)
    assert report.events == Scores(tp=0, fp=0, fn=2)
    assert report.relations == Scores(tp=2, fp=0, fn=2)


def test_confidence_bands_count_the_predictions_above_and_below_the_edge(tmp_path):
    relations = [
        relation("Bayındır Kent Konseyi", "visited", "İzmir Kent Konseyi", confidence=0.9),
        relation("İzmir Kent Konseyi", "visited", "Bayındır Kent Konseyi", confidence=0.95),
        relation("Selin Akbulut", "headOf", "Bayındır Kent Konseyi", confidence=0.8),
        relation("Selin Akbulut", "memberOf", "İzmir Kent Konseyi", confidence=0.6),
        relation("Selin Akbulut", "visited", "İzmir Kent Konseyi", confidence=0.3),
    ]
    report = score(tmp_path, prediction(relations=relations))
    assert report.bands == (("> 0.8", Scores(tp=1, fp=1)), ("<= 0.8", Scores(tp=1, fp=2)))


def test_band_edges_are_configurable(tmp_path):
    relations = [
        relation("Bayındır Kent Konseyi", "visited", "İzmir Kent Konseyi", confidence=0.7),
        relation("Selin Akbulut", "headOf", "Bayındır Kent Konseyi", confidence=0.4),
    ]
    report = score(tmp_path, prediction(relations=relations), band_edges=(0.5, 0.9))
    assert [(label, s.tp) for label, s in report.bands] == [
        ("> 0.9", 0),
        ("0.5 < c <= 0.9", 1),
        ("<= 0.5", 1),
    ]


def test_predictions_without_confidence_fall_in_the_unknown_band(tmp_path):
    report = score(tmp_path, prediction())
    assert dict(report.bands)["unknown"] == Scores(tp=4, fp=0)


def test_an_article_missing_from_the_predictions_is_all_false_negatives(tmp_path):
    other = {**copy.deepcopy(ARTICLE), "id": "ikinci-haber"}
    report = score(tmp_path, prediction(), gold=(ARTICLE, other))
    assert report.entities == Scores(tp=4, fp=0, fn=4)
    assert report.relations == Scores(tp=4, fp=0, fn=4)
    assert {e.article_id for e in report.false_negatives} == {"ikinci-haber"}


def test_a_malformed_prediction_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(prediction()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"pred\.jsonl:2: not valid JSON"):
        read_predictions(path)


def test_a_relation_without_an_object_names_the_file_and_line(tmp_path):
    path = write_jsonl(
        tmp_path / "pred.jsonl", [prediction(relations=[{"s": "BAKK", "p": "visited"}])]
    )
    with pytest.raises(KgError, match=r"pred\.jsonl:1: 'o' should be a str"):
        read_predictions(path)


def test_cli_prints_the_tables(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [ARTICLE])
    pred = write_jsonl(tmp_path / "pred.jsonl", [prediction()])
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1 article"
    assert any(
        line.split() == ["untyped", "4", "0", "0", "1.000", "1.000", "1.000"] for line in lines
    )
    assert any(line.split()[:2] == ["cooperatesWith", "1"] for line in lines)
    assert "false positives" not in result.output


def test_cli_lists_the_first_errors_of_each_kind(tmp_path):
    wrong = [
        relation("İzmir Kent Konseyi", "visited", "Bayındır Kent Konseyi"),
        relation("Selin Akbulut", "memberOf", "İzmir Kent Konseyi"),
        relation("Selin Akbulut", "invited", "İzmir Kent Konseyi"),
    ]
    gold = write_jsonl(tmp_path / "gold.jsonl", [ARTICLE])
    pred = write_jsonl(tmp_path / "pred.jsonl", [prediction(relations=wrong)])
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--pred", str(pred), "--errors", "2"])
    assert result.exit_code == 0, result.output
    assert "false positives (first 2 of 3)" in result.output
    assert "İzmir Kent Konseyi --visited--> Bayındır Kent Konseyi" in result.output
    assert "--invited-->" not in result.output
    assert "false negatives (first 2 of 4)" in result.output


def test_cli_reports_a_bad_prediction_file_in_one_line(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [ARTICLE])
    pred = tmp_path / "pred.jsonl"
    pred.write_text("[1, 2]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--pred", str(pred)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "pred.jsonl:1" in result.output


KINIK = {
    "id": "kinik-ziyaret",
    "url": None,
    "outlet": None,
    "date": None,
    "title": None,
    "text": "Kınık Ticaret Odası Başkanı Derya Yıldırım, Soma Belediyesi'ni ziyaret etti.",
    "entities": [
        {"name": "Kınık Ticaret Odası", "type": "Organization", "aliases": []},
        {"name": "Derya Yıldırım", "type": "Person", "aliases": []},
        {"name": "Soma Belediyesi", "type": "Organization", "aliases": []},
        {"name": "Kınık", "type": "Place", "aliases": []},
        {"name": "Soma", "type": "Place", "aliases": []},
    ],
    "relations": [
        {
            "s": "Derya Yıldırım",
            "p": "headOf",
            "o": "Kınık Ticaret Odası",
            "evidence": "Başkanı Derya Yıldırım",
        },
        {"s": "Derya Yıldırım", "p": "visited", "o": "Soma Belediyesi", "evidence": "ziyaret etti"},
        {
            "s": "Kınık Ticaret Odası",
            "p": "locatedIn",
            "o": "Kınık",
            "evidence": "Kınık Ticaret Odası",
        },
        {"s": "Soma Belediyesi", "p": "locatedIn", "o": "Soma", "evidence": "Soma Belediyesi"},
    ],
}
KIRKAGAC = {
    "id": "kirkagac-tesekkur",
    "url": None,
    "outlet": None,
    "date": None,
    "title": None,
    "text": "Kırkağaç Esnaf Derneği, Akhisar Kent Konseyi'ne teşekkür etti.",
    "entities": [
        {"name": "Kırkağaç Esnaf Derneği", "type": "Organization", "aliases": []},
        {"name": "Akhisar Kent Konseyi", "type": "Organization", "aliases": []},
        {"name": "Kırkağaç", "type": "Place", "aliases": []},
        {"name": "Akhisar", "type": "Place", "aliases": []},
    ],
    "relations": [
        {
            "s": "Kırkağaç Esnaf Derneği",
            "p": "thanked",
            "o": "Akhisar Kent Konseyi",
            "evidence": "teşekkür etti",
        },
        {
            "s": "Kırkağaç Esnaf Derneği",
            "p": "locatedIn",
            "o": "Kırkağaç",
            "evidence": "Kırkağaç Esnaf Derneği",
        },
        {
            "s": "Akhisar Kent Konseyi",
            "p": "locatedIn",
            "o": "Akhisar",
            "evidence": "Akhisar Kent Konseyi",
        },
    ],
}


def test_the_real_extractor_scores_within_bounds_and_fills_the_predicate_table(tmp_path):
    gold_file = write_jsonl(tmp_path / "gold.jsonl", [KINIK, KIRKAGAC])
    gold = read_gold(gold_file)
    report = evaluate(gold, predict(gold))
    for s in (
        report.entities,
        report.typed_entities,
        report.relations,
        report.events,
        report.structural,
    ):
        assert 0.0 <= s.precision <= 1.0 and 0.0 <= s.recall <= 1.0 and 0.0 <= s.f1 <= 1.0
    result = CliRunner().invoke(main, ["evaluate", str(gold_file)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0] for line in result.output.splitlines() if line.strip()}
    assert {"headOf", "visited", "thanked", "locatedIn"} <= rows


def test_entities_no_gold_entity_matches_and_gold_entities_never_found_are_listed(tmp_path):
    entities = [
        {"name": "Bayındır Kent Konseyi", "type": "Organization", "aliases": []},
        {"name": "Akbulut Sokağı", "type": "Place", "aliases": ["Akbulut Sk"]},
    ]
    report = score(tmp_path, prediction(entities=entities))
    assert [(e.name, e.aliases) for e in report.entity_false_positives] == [
        ("Akbulut Sokağı", ("Akbulut Sk",))
    ]
    assert {e.name for e in report.entity_false_negatives} == {
        "İzmir Kent Konseyi",
        "Selin Akbulut",
        "Bayındır",
    }


def test_cli_lists_entity_errors_with_the_relation_errors(tmp_path):
    entities = [{"name": "Akbulut Sokağı", "type": "Place", "aliases": []}]
    gold = write_jsonl(tmp_path / "gold.jsonl", [ARTICLE])
    pred = write_jsonl(tmp_path / "pred.jsonl", [prediction(entities=entities)])
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--pred", str(pred), "--errors", "9"])
    assert result.exit_code == 0, result.output
    assert "entity false positives (first 1 of 1)" in result.output
    assert "bayindir-kent-konseyi-ziyareti: Place Akbulut Sokağı" in result.output
    assert "entity false negatives (first 4 of 4)" in result.output
