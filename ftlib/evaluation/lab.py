"""The "Measure before you train" lab: a paired comparison that firms up with more items, and a leak caught."""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np
import pandas as pd

from ..core.errors import check_choice, check_int, check_number
from ..datacheck.contamination import find_duplicates
from ..datacheck.plots import contamination_similarity
from ..labkit import page as _page
from ..labkit.base import Lab, View
from .comparison import COMPARISON_METRICS, compare_by_test_size, compare_models
from .evalset import load_ticket_eval
from .metrics import format_compliance
from .plots import interval_by_test_size

__all__ = ["paired_comparison_explorer", "leaked_items_explorer"]

_SWEEP = (25, 50, 100, 200, 300, 400, 500)
_RESAMPLES = 1000  # enough for a stable 95% interval, quick enough for a slider
_STYLE = {"description_width": "initial"}


def paired_comparison_explorer(test_size: int = 100, metric: str = "accuracy") -> Lab:
    """Baseline against candidate on a random subset of the shipped test set.

    Controls: the subset's size, the metric, whether to drop test items that
    leaked into training, and which random subset (seed).

    Examples
    --------
    >>> lab = paired_comparison_explorer(test_size=100)
    >>> "No clear winner" in lab.summary.value
    True
    >>> lab.controls["test_size"].value = 500
    >>> "better by 6.6 points" in lab.summary.value
    True
    """
    test_size = check_int("test_size", test_size, minimum=25, maximum=500)
    metric = check_choice("metric", metric, COMPARISON_METRICS)
    data = load_ticket_eval()
    leaked = set(
        find_duplicates(data.train_texts, data.test["text"].tolist()).contaminated_test_indices
    )
    # Each output's compliance is checked once; a subset's share is the mean over its items.
    complies = {
        side: pd.Series(
            format_compliance(data.test[f"{side}_output"], data.schema).compliant,
            index=data.test.index,
        )
        for side in ("baseline", "candidate")
    }
    as_of = f"Synthetic ticket set, as of {data.manifest['as_of']} ({data.manifest['source'].split(':')[0]})."
    controls = {
        "test_size": W.IntSlider(
            value=test_size, min=25, max=500, step=25, description="test items", style=_STYLE
        ),
        "metric": W.Dropdown(
            options=[("accuracy", "accuracy"), ("macro-F1", "macro_f1")],
            value=metric,
            description="metric",
            style=_STYLE,
        ),
        "drop_leaked": W.Checkbox(
            value=False, description="drop items that leaked into training", style=_STYLE
        ),
        "seed": W.IntSlider(value=0, min=0, max=9, description="which random subset", style=_STYLE),
    }

    def compute(test_size: int, metric: str, drop_leaked: bool, seed: int) -> dict:
        test = data.test.drop(index=sorted(leaked)) if drop_leaked else data.test
        warnings: tuple[str, ...] = ()
        if test_size > len(test):
            warnings = (
                f"Only {len(test)} items remain once the leaked ones are dropped; "
                f"showing {len(test)}.",
            )
            test_size = len(test)
        sizes = sorted({s for s in _SWEEP if s <= len(test)} | {test_size})
        table = compare_by_test_size(
            test["queue"],
            test["baseline_queue"],
            test["candidate_queue"],
            sizes,
            metric=metric,
            n_resamples=_RESAMPLES,
            seed=seed,
        )
        pick = test.iloc[np.random.default_rng(seed).permutation(len(test))[:test_size]]
        result = compare_models(
            pick["queue"],
            pick["baseline_queue"],
            pick["candidate_queue"],
            metric=metric,
            n_resamples=_RESAMPLES,
            seed=seed,
        )
        fmt_base = float(complies["baseline"][pick.index].mean())
        fmt_cand = float(complies["candidate"][pick.index].mean())
        alt = (
            f"Differences between candidate and baseline with 95% intervals for test sets of "
            f"{', '.join(map(str, sizes))} items; the intervals narrow as the set grows. "
            f"At {test_size} items the result is {result.outcome}."
        )
        summary = (
            f"<p><strong>{html.escape(result.verdict)}</strong></p>"
            f"<table><tr><th></th><th>baseline</th><th>candidate</th></tr>"
            f"<tr><td>{'accuracy' if metric == 'accuracy' else 'macro-F1'}</td>"
            f"<td>{result.baseline_score:.3f}</td><td>{result.candidate_score:.3f}</td></tr>"
            f"<tr><td>format compliance</td><td>{fmt_base:.3f}</td><td>{fmt_cand:.3f}</td></tr>"
            f"<tr><td>right where the other is wrong</td><td>{result.mcnemar.baseline_only}</td>"
            f"<td>{result.mcnemar.candidate_only}</td></tr></table>"
            f"<p><small>{html.escape(as_of)}</small></p>"
        )
        return dict(
            table=table,
            test_size=test_size,
            alt=alt,
            summary=summary,
            warnings=warnings,
            verdict=result.verdict,
        )

    def render(test_size: int, metric: str, drop_leaked: bool, seed: int) -> View:
        out = compute(test_size, metric, drop_leaked, seed)
        return View(
            lambda: interval_by_test_size(out["table"], highlight=out["test_size"], source=as_of),
            out["alt"],
            out["summary"],
            out["warnings"],
            figure_key=(test_size, metric, drop_leaked, seed),
        )

    def static() -> str:
        points = {}
        for size in _SWEEP:
            for name in ("accuracy", "macro_f1"):
                for drop in (False, True):
                    out = compute(size, name, drop, 0)
                    t = out["table"]
                    key = "|".join(_page._json(v) for v in (size, name, drop, 0))
                    points[key] = {
                        "alt": out["alt"],
                        "summary": out["summary"],
                        "verdict": out["verdict"],
                        "warnings": list(out["warnings"]),
                        "test_size": out["test_size"],
                        "sizes": [int(x) for x in t.test_size],
                        "rows": [
                            [float(r.difference), float(r.ci_low), float(r.ci_high)]
                            for r in t.itertuples()
                        ],
                    }
        start = {k: w.value for k, w in controls.items()}
        page_controls = [
            _page.slider(
                "test_size",
                "test items",
                list(_SWEEP),
                start["test_size"] if start["test_size"] in _SWEEP else 100,
                [str(x) for x in _SWEEP],
            ),
            _page.select(
                "metric", "metric", [("accuracy", "accuracy"), ("macro-F1", "macro_f1")], metric
            ),
            _page.checkbox("drop_leaked", "drop items that leaked into training", False),
            _page.disabled(
                "which random subset",
                "This page shows subset 0; other subsets need a kernel.",
                "measure_before_training",
                value="0",
            )
            + '<input type="hidden" data-name="seed" value="0">',
        ]
        data = {"keys": ["test_size", "metric", "drop_leaked", "seed"], "points": points}
        return _page.lab_page("paired_comparison", page_controls, data, package=__package__)

    return Lab(controls, render, static=static)


def leaked_items_explorer(threshold: float = 0.8) -> Lab:
    """Search the shipped training file for copies of test items, and show what the leak does to the gain.

    Examples
    --------
    >>> lab = leaked_items_explorer()
    >>> "25 of 500 test items" in lab.summary.value
    True
    """
    threshold = check_number("threshold", threshold, minimum=0.5, maximum=1.0)
    data = load_ticket_eval()
    test_texts = data.test["text"].tolist()
    full = compare_models(
        data.test["queue"],
        data.test["baseline_queue"],
        data.test["candidate_queue"],
        n_resamples=_RESAMPLES,
    )
    controls = {
        "threshold": W.FloatSlider(
            value=threshold,
            min=0.5,
            max=1.0,
            step=0.05,
            description="similarity threshold",
            style=_STYLE,
        ),
        "unit": W.Dropdown(
            options=["char", "word"], value="char", description="shingles", style=_STYLE
        ),
    }

    def compute(threshold: float, unit: str):
        report = find_duplicates(
            data.train_texts, test_texts, threshold=round(threshold, 2), unit=unit
        )
        clean = data.test.drop(index=report.contaminated_test_indices)
        kept = compare_models(
            clean["queue"],
            clean["baseline_queue"],
            clean["candidate_queue"],
            n_resamples=_RESAMPLES,
        )
        rows = "".join(
            f"<tr><td>{r.kind}</td><td>{r.similarity:.2f}</td><td>{html.escape(test_texts[r.test_index])}</td>"
            f"<td>{html.escape(data.train_texts[r.train_index])}</td></tr>"
            for r in report.pairs.sort_values("similarity").head(5).itertuples()
        )
        summary = (
            f"<p><strong>{html.escape(report.summary())}</strong></p>"
            f"<p>Gain of the candidate on all {full.n_items} items: {full.difference * 100:.1f} points; "
            f"on the {kept.n_items} items that did not leak: {kept.difference * 100:.1f} points.</p>"
            + (
                f"<table><tr><th>kind</th><th>similarity</th><th>test item</th><th>training item</th></tr>{rows}</table>"
                "<p><small>The five least similar matches: the borderline cases to read by eye.</small></p>"
                if rows
                else ""
            )
        )
        alt = (
            f"Bars of Jaccard similarity for {len(report.pairs)} matching pairs against a threshold of {threshold:.2f}: "
            f"{report.n_exact} exact and {report.n_near} near duplicates."
        )
        return report, alt, summary

    def render(threshold: float, unit: str) -> View:
        report, alt, summary = compute(threshold, unit)
        return View(
            lambda: contamination_similarity(report), alt, summary, figure_key=(threshold, unit)
        )

    def static() -> str:
        thresholds = [round(0.5 + 0.05 * i, 2) for i in range(11)]
        points = {}
        for t in thresholds:
            for unit in ("char", "word"):
                report, _alt, summary = compute(t, unit)
                key = "|".join(_page._json(v) for v in (t, unit))
                points[key] = {"headline": report.summary(), "summary": summary}
        start = round(controls["threshold"].value, 2)
        page_controls = [
            _page.slider(
                "threshold",
                "similarity threshold",
                thresholds,
                start if start in thresholds else 0.8,
                [f"{t:.2f}" for t in thresholds],
            ),
            _page.select("unit", "shingles", [("char", "char"), ("word", "word")], "char"),
        ]
        data = {"keys": ["threshold", "unit"], "points": points}
        return _page.lab_page("leaked_items", page_controls, data, package=__package__)

    return Lab(controls, render, static=static)
