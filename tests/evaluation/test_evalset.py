"""The shipped ticket evaluation set: provenance, reproducibility, the figures the lab quotes."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

import ftlib as ft

DATA = Path(ft.__file__).resolve().parent / "data" / "eval"


def test_shipped_test_set_has_provenance_and_plausible_scores():
    data = ft.load_ticket_eval()
    assert (
        len(data.test) == 500
        and len(data.train_texts) == 1500
        and len(data.production_texts) == 500
    )
    for key in ("as_of", "source", "license", "confidence"):
        assert data.manifest[key]
    test = data.test
    base = ft.evaluation.accuracy(test["queue"], test["baseline_queue"])
    cand = ft.evaluation.accuracy(test["queue"], test["candidate_queue"])
    assert (round(base, 3), round(cand, 3)) == (
        0.814,
        0.880,
    )  # the figures the README and the lab quote
    assert ft.format_compliance(test["baseline_output"], data.schema).share == pytest.approx(0.942)
    assert ft.format_compliance(test["candidate_output"], data.schema).share == pytest.approx(0.990)


def test_shipped_files_match_the_manifest_and_the_generator(tmp_path):
    manifest = json.loads((DATA / "manifest.json").read_text())
    for name, info in manifest["files"].items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == info["sha256"], name
    spec = importlib.util.spec_from_file_location("generate_tickets", DATA / "generate_tickets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.generate(tmp_path)
    assert fresh["files"] == manifest["files"]


def test_planted_duplicates_are_exactly_what_the_detector_finds():
    data = ft.load_ticket_eval()
    report = ft.datacheck.find_duplicates(data.train_texts, data.test["text"].tolist())
    planted = sorted(int(p["test_id"][1:]) for p in data.manifest["planted_duplicates"])
    assert report.contaminated_test_indices == planted
    # the generator's manifest, not the detector, says which plants are exact copies
    kinds = [p["kind"] for p in data.manifest["planted_duplicates"]]
    assert (report.n_exact, report.n_near) == (
        kinds.count("exact"),
        len(kinds) - kinds.count("exact"),
    )
    assert report.n_exact > 0 and report.n_near > 0
