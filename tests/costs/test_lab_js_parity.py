"""The break-even page's own JavaScript against ftlib, under Node, on 1,000+ random inputs.

The static page computes bills and break-even in the browser (ftlib/costs/lab.js on top of
ftlib/labkit/core.js). This test runs those very files under Node (no browser needed) and
compares, input by input, the summary rows (labels, numbers, notes), the chart's horizon and the
self-hosted GPU count with what ftlib computes for the live lab. Inputs span the float range a
reader can type (prices, tokens, dollars from 1e-6 to 1e12, volumes beyond the slider), so a
formula, a label or a format that drifts in lab.js fails here, with or without a browser.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

import ftlib as ft
import ftlib.costs.lab
import ftlib.costs.plots
from ftlib.catalog.models import list_vintages, load_catalog
from ftlib.core.errors import FtlibError
from ftlib.costs.bills import chart_horizon_months, monthly_cost
from ftlib.labkit.controls import request_steps

PACKAGE = Path(ft.__file__).resolve().parent
RUNNER = Path(__file__).with_name("run_lab_js.js")
NODE = shutil.which("node") or shutil.which("nodejs")
TODAY = "2026-12-02"
N_CASES = 2_000

# Required in CI (.ci/run installs Debian's nodejs); elsewhere skipped, with the reason, if absent.
if NODE is None and os.environ.get("CI"):
    raise RuntimeError("Node.js is required in CI for the page-script parity test")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (Debian: nodejs)")


def _log_uniform(rng: random.Random, lo: float, hi: float, zero_share: float = 0.1) -> float:
    if rng.random() < zero_share:
        return 0.0
    return 10 ** rng.uniform(lo, hi)


def random_cases(seed: int, n: int) -> list[dict]:
    rng = random.Random(seed)
    lab = ft.costs.lab
    options = lab._model_options()
    vintages = [v.vintage for v in list_vintages()]
    steps = request_steps(1_000)
    cases = []
    priced = {vintage: [m for m in options[:-1] if _has_prices(vintage, m)] for vintage in vintages}
    for _ in range(n):
        vintage = rng.choice(vintages)

        def model(vintage: str = vintage) -> str:
            # Mostly a row the vintage prices, sometimes typed prices or any other choice.
            roll = rng.random()
            return rng.choice(priced[vintage]) if roll < 0.9 else rng.choice(options)

        v = {
            "vintage": vintage,
            # The slider's steps, and any volume at all (the formula must hold beyond them).
            "requests_per_month": rng.choice(steps)
            if rng.random() < 0.5
            else _log_uniform(rng, -2, 15, 0.02),
            "input_tokens": int(_log_uniform(rng, 0, 7)),
            "output_tokens": int(_log_uniform(rng, 0, 7)),
            "baseline": model(),
            "candidate": model(),
        }
        for who in ("baseline", "candidate"):
            v[f"{who}_input_price"] = _log_uniform(rng, -6, 6)
            v[f"{who}_output_price"] = _log_uniform(rng, -6, 6)
            shared = rng.random() < 0.25
            v[f"{who}_cached_share"] = rng.choice(lab.CACHED_SHARES) if shared else 0.0
            v[f"{who}_batch"] = rng.random() < 0.1
            v[f"{who}_reasoning_tokens"] = float(int(_log_uniform(rng, 0, 5, 0.6)))
        for name in ("training_usd", "other_upfront_usd", "monthly_extra_usd"):
            v[name] = _log_uniform(rng, -2, 12, 0.3)
        cases.append(v)
    return cases


def _has_prices(vintage: str, model_id: str) -> bool:
    cat = load_catalog(vintage)
    return model_id in cat.ids and cat.get(model_id).has_prices


_ROW = re.compile(r"<tr><th[^>]*>(.*?)</th><td>(.*?)</td><td[^>]*>(.*?)</td></tr>")


def ftlib_side(values: dict) -> dict:
    """What the live lab shows for ``values``: its summary rows, chart horizon and GPU counts."""
    lab = ft.costs.lab
    chart = ft.costs.plots.BreakEvenChart()
    try:
        view = lab.break_even_view(chart, **values, today=TODAY)
    except FtlibError as exc:
        return {"error": str(exc)}
    rows = [[unescape(c) for c in row] for row in _ROW.findall(view.html)]
    cat = load_catalog(values["vintage"])
    workload = ft.Workload(
        values["requests_per_month"], values["input_tokens"], values["output_tokens"]
    )
    gpus = []
    for who in ("baseline", "candidate"):
        prices = lab._prices(
            who, values[who], cat, values[f"{who}_input_price"], values[f"{who}_output_price"]
        )
        use = lab._usage(
            who,
            values[f"{who}_cached_share"],
            values[f"{who}_batch"],
            values[f"{who}_reasoning_tokens"],
        )
        gpus.append(monthly_cost(workload, prices, usage=use).gpus)
    return {"rows": rows, "horizon": chart.ax.get_xlim()[1], "gpus": gpus}


def page_side(cases: list[dict], core: Path, script: Path) -> list[dict]:
    data = ft.costs.lab.break_even_data(TODAY)
    result = subprocess.run(
        [NODE, str(RUNNER), str(core), str(script)],
        input=json.dumps({"data": data, "cases": cases}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def mismatches(cases: list[dict], page: list[dict]) -> list[tuple[dict, dict, dict]]:
    out = []
    for values, js in zip(cases, page, strict=True):
        py = ftlib_side(values)
        if "error" in py or "error" in js:
            if ("error" in py) != ("error" in js):
                out.append((values, py, js))
            continue
        if py != js:
            out.append((values, py, js))
    return out


def test_the_page_script_equals_ftlib_on_random_inputs():
    cases = random_cases(seed=24, n=N_CASES)
    page = page_side(cases, PACKAGE / "labkit" / "core.js", PACKAGE / "costs" / "lab.js")
    bad = mismatches(cases, page)
    assert not bad, f"{len(bad)} of {len(cases)} differ; first: {bad[0]}"
    # The inputs reach every branch worth checking: both verdicts, self-hosted GPUs, errors.
    computed = [p for p in page if "error" not in p]
    assert len(computed) >= 1_000
    assert {p["rows"][5][1] == "never" for p in computed} == {True, False}
    assert any(g is not None and g > 1 for p in computed for g in p["gpus"])
    assert any("error" in p for p in page)
    assert len({p["horizon"] for p in computed}) > 5


def test_the_page_horizon_and_gpus_follow_ftlib_at_hand_checked_points():
    # 50,000 requests, $1,700 upfront: the crossing at ~9.2 months; the chart spans 24 months.
    assert chart_horizon_months(9.2) == 24.0
    base = {
        "vintage": "checked-2026-12",
        "requests_per_month": 100_000_000,
        "input_tokens": 500,
        "output_tokens": 200,
        "baseline": "gpt-5.4",
        "candidate": "self-hosted-lora",
        "training_usd": 1_700.0,
        "other_upfront_usd": 0.0,
        "monthly_extra_usd": 0.0,
    }
    for who in ("baseline", "candidate"):
        base |= {
            f"{who}_input_price": 1.0,
            f"{who}_output_price": 1.0,
            f"{who}_cached_share": 0.0,
            f"{who}_batch": False,
            f"{who}_reasoning_tokens": 0.0,
        }
    (js,) = page_side([base], PACKAGE / "labkit" / "core.js", PACKAGE / "costs" / "lab.js")
    # 1e8 requests x 700 tokens over 400 tokens/s x 3,600 s x 730 h per GPU: 67 GPUs (GpuPlan).
    assert js["gpus"] == [None, 67] == ftlib_side(base)["gpus"]


@pytest.mark.parametrize(
    "old, new",
    [
        ("return { bill: inUsd + outUsd + fixed", "return { bill: inUsd + outUsd + 2 * fixed"),
        ("Math.ceil((inTokens + outTokens) / gpu.tokens)", "Math.ceil(inTokens / gpu.tokens)"),
        ("if (h.factor * months <= h.steps[i])", "if (2 * months <= h.steps[i])"),
        (
            'words.when.replace("{months}", ftlab.fixed(be.months, 2))',
            'words.when.replace("{months}", ftlab.fixed(be.months, 1))',
        ),
        ("return [row.label, cell[0]", 'return [row.label + " ", cell[0]'),
    ],
)
def test_a_drift_in_the_page_script_is_caught(tmp_path, old, new):
    script = (PACKAGE / "costs" / "lab.js").read_text(encoding="utf-8")
    assert old in script, f"the mutation no longer applies: {old}"
    mutated = tmp_path / "lab.js"
    mutated.write_text(script.replace(old, new), encoding="utf-8")
    cases = random_cases(seed=7, n=300)  # enough draws to reach every mutated branch
    page = page_side(cases, PACKAGE / "labkit" / "core.js", mutated)
    assert mismatches(cases, page), f"lab.js with {new!r} still passed"


def test_the_page_script_retypes_no_label_or_word_of_the_summary():
    script = (PACKAGE / "costs" / "lab.js").read_text(encoding="utf-8")
    texts = [label for _, label, _ in ft.costs.lab.SUMMARY_ROWS]
    texts += [note for _, _, note in ft.costs.lab.SUMMARY_ROWS if note]
    texts += [w.split("{")[0].strip() for w in ft.costs.lab.SUMMARY_WORDS.values()]
    texts = [t for t in texts if " " in t]
    assert [t for t in texts if t in script] == []
