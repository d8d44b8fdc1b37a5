"""Geoparsing metrics on tiny hand-made gold, the JSONL formats, and a small corpus slice."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest
from shapely.geometry import box

from gazetteer.geodesy import haversine_km
from geo.evaluate import (
    Counts,
    GeoSpan,
    geo_error_km,
    log_error_auc,
    read_articles,
    read_gold,
    score,
    score_document,
    summarize,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
CARACAS = (10.488, -66.879)
VALENCIA_VE = (10.162, -68.008)
VALENCIA_ES = (39.47, -0.377)


def gold(start: int, end: int, name: str, lat: float, lon: float, gid: int | None = None):
    return GeoSpan(start, end, name, lat, lon, gid)


def test_haversine_known_distance() -> None:
    assert haversine_km(*CARACAS[::-1], *VALENCIA_VE[::-1]) == pytest.approx(128, abs=3)
    assert haversine_km(0, 0, 0, 0) == 0


def test_auc_is_zero_for_perfect_and_one_for_antipodal() -> None:
    assert log_error_auc([0.0, 0.0, 0.0]) == 0.0
    assert log_error_auc([20039.0 - 1, 20039.0 - 1]) == pytest.approx(1.0, abs=1e-3)
    assert log_error_auc([5.0]) is None


def test_error_zero_for_same_id_or_polygon_containing_the_point() -> None:
    g = gold(0, 9, "Venezuela", 8.0, -66.0, 3625428)
    same_id = GeoSpan(0, 9, "Venezuela", 0.0, 0.0, 3625428)
    polygon = GeoSpan(0, 9, "Venezuela", 0.0, 0.0, None, "country", box(-73, 0, -59, 12))
    far = GeoSpan(0, 9, "Venezuela", 0.0, 0.0)
    assert geo_error_km(g, same_id) == 0.0
    assert geo_error_km(g, polygon) == 0.0
    assert geo_error_km(g, far) > 900


def test_strict_lenient_and_accuracy_pooled() -> None:
    # text: "Caracas and Valencia met the Valencian envoy."
    golds = {
        "d1": [gold(0, 7, "Caracas", *CARACAS), gold(12, 20, "Valencia", *VALENCIA_VE)],
        "d2": [gold(4, 14, "Paris Road", 48.85, 2.35)],
    }
    preds = {
        "d1": [
            GeoSpan(0, 7, "Caracas", *CARACAS),  # exact, right place
            GeoSpan(12, 20, "Valencia", *VALENCIA_ES),  # exact, wrong Valencia
            GeoSpan(29, 38, "Valencian", *VALENCIA_ES),  # spurious
        ],
        "d2": [GeoSpan(4, 9, "Paris", 48.86, 2.34)],  # partial span, right place
    }
    m = score(golds, preds)
    assert m["gold_toponyms"] == 3 and m["predicted_toponyms"] == 4
    assert m["strict"]["precision"] == pytest.approx(2 / 4, abs=1e-3)
    assert m["strict"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["lenient"]["precision"] == pytest.approx(3 / 4, abs=1e-3)
    assert m["lenient"]["recall"] == pytest.approx(1.0, abs=1e-3)
    assert m["acc161"] == pytest.approx(2 / 3, abs=1e-3)  # Caracas and Paris Road
    assert m["acc161_matched"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["median_error_km"] < 5
    assert m["mean_error_km"] > 2000  # the Spanish Valencia


def test_missed_toponyms_count_against_end_to_end_accuracy_only() -> None:
    golds = {"d": [gold(0, 7, "Caracas", *CARACAS), gold(12, 20, "Valencia", *VALENCIA_VE)]}
    preds = {"d": [GeoSpan(0, 7, "Caracas", *CARACAS)]}
    m = score(golds, preds)
    assert m["acc161"] == 0.5
    assert m["acc161_matched"] == 1.0
    assert m["auc"] is None  # one error only


def test_error_rows_say_what_happened() -> None:
    counts = Counts()
    rows = score_document(
        [gold(0, 7, "Caracas", *CARACAS), gold(12, 20, "Valencia", *VALENCIA_VE)],
        [GeoSpan(0, 7, "Caracas", *VALENCIA_ES), GeoSpan(30, 35, "Lima", -12.0, -77.0)],
        counts,
    )
    assert [r["status"] for r in rows] == ["wrong", "missed", "spurious"]
    assert rows[0]["error_km"] > 7000
    assert summarize(counts, seconds=2.0)["docs_per_s"] == 0.5


def test_reading_a_corpus_never_exposes_gold(tmp_path: Path) -> None:
    path = tmp_path / "mini.jsonl.gz"
    line = {"id": "a1", "text": "Rain in Caracas.", "date": "2025-09-02", "title": "T",
            "toponyms": [{"start": 8, "end": 15, "name": "Caracas", "lat": 10.5, "lon": -66.9,
                          "geonameid": 3646738}]}  # fmt: skip
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")
    (article,) = read_articles(path)
    assert article.id == "a1" and article.text == "Rain in Caracas."
    assert article.published.isoformat() == "2025-09-02"
    assert not hasattr(article, "toponyms")
    assert read_gold(path)["a1"][0].geonameid == 3646738


@pytest.mark.skipif(not (SHARED / "data/eval/geovirus.jsonl.gz").exists(), reason="no corpora")
def test_corpus_slice_beats_the_baseline() -> None:
    from geo.evaluate import evaluate_geoparse

    result = evaluate_geoparse(
        SHARED / "data/eval/geovirus.jsonl.gz", demonyms=False, baseline=True, workers=1, limit=8
    )
    ours, base = result["ours"], result["baseline"]
    assert ours["docs"] == 8
    assert ours["strict"]["f1"] >= 0.8
    assert ours["acc161"] >= base["acc161"]
    assert not math.isnan(ours["lenient"]["f1"])


def test_geoparse_command_writes_one_line_per_document(tmp_path: Path) -> None:
    from conflictmap.cli import main

    corpus = tmp_path / "news.jsonl"
    lines = [
        {"id": "n1", "text": "Venezuelan troops massed near Caracas as Colombia watched.",
         "toponyms": [{"start": 0, "end": 3, "name": "zzz"}]},  # gold is never read
        {"id": "n2", "text": "Nothing happened here today."},
    ]  # fmt: skip
    corpus.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert main(["geoparse", str(corpus), "-o", str(out), "--workers", "1"]) == 0
    first, second = (json.loads(x) for x in out.read_text(encoding="utf-8").splitlines())
    assert second == {"id": "n2", "toponyms": []}
    by_name = {t["name"]: t for t in first["toponyms"]}
    assert set(by_name) == {"Venezuelan", "Caracas", "Colombia"}
    caracas = by_name["Caracas"]
    assert caracas["geonameid"] == 3646738 and "geometry" not in caracas
    assert lines[0]["text"][caracas["start"] : caracas["end"]] == "Caracas"
    assert by_name["Colombia"]["kind"] == "country"
    assert by_name["Colombia"]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_geoparse_with_a_model_that_is_not_installed_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictmap.cli import main

    corpus = tmp_path / "news.jsonl"
    corpus.write_text('{"id": "n1", "text": "Troops massed near Caracas."}\n', encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    args = ["geoparse", str(corpus), "-o", str(out), "--workers", "1", "--model", "no_such_model"]
    assert main(args) == 2
    assert "spaCy model 'no_such_model' is not installed" in capsys.readouterr().err
    assert not out.exists()
