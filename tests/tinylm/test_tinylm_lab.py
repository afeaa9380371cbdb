"""The lab: the live widget trains, stops and reuses runs; the static grid matches a fresh run."""

from __future__ import annotations

import json

import pytest

from ftlib.core.errors import FtlibError
from ftlib.tinylm import labrun
from ftlib.tinylm.grid import cell_key, grid_cells, grid_table, load_grid
from ftlib.tinylm.lab import TinyLMLab, static_page
from ftlib.tinylm.labrun import LAB_CONTROLS, LAB_DEFAULTS, lab_run, lab_settings

# A re-run on another machine may differ in float32 rounding: losses agree to 1e-3 nats,
# and each rate to within 5 points (two answers of 48 flipping).
LOSS_TOL, RATE_TOL = 1e-3, 0.05


def test_one_grid_cell_reruns_to_the_committed_values() -> None:
    grid = load_grid()
    controls = {**LAB_DEFAULTS, "method": "head"}  # the cheapest cell to re-run
    stored = grid["runs"][cell_key(controls)]
    labrun._RUNS.clear()
    fresh = lab_run(**controls)
    assert len(fresh["losses"]) == len(stored["losses"])
    pairs = zip(fresh["losses"], stored["losses"], strict=True)
    assert max(abs(a - b) for a, b in pairs) < LOSS_TOL
    for when in ("before", "after"):
        for metric, value in stored[when].items():
            assert fresh[when][metric] == pytest.approx(value, abs=RATE_TOL), (when, metric)


def test_grid_holds_every_cell_and_the_page_offers_every_position() -> None:
    grid = load_grid()
    assert set(grid["runs"]) == {cell_key(c) for c in grid_cells()}
    page = static_page(grid)
    for name, values in LAB_CONTROLS.items():
        assert f'name="{name}"' in page
        for value in values:
            assert f'<option value="{value}"' in page
    blob = page.split('<script type="application/json">')[1].split("</script>")[0]
    assert json.loads(blob.replace("<\\/", "</"))["runs"].keys() == grid["runs"].keys()
    table = grid_table(grid)
    assert len(table) == len(grid_cells()) and set(table["control"]) == {"defaults", *LAB_CONTROLS}


def test_live_lab_trains_shows_progress_then_reuses_the_run() -> None:
    labrun._RUNS.clear()
    lab = TinyLMLab()
    lab.controls["steps"].value = 20
    lab.controls["examples"].value = 20
    assert "Press" in lab.message.value  # nothing trained yet for these settings
    lab.start(wait=True)
    assert lab.progress.value == 20 and "JSON that parses" in lab.summary.value
    assert "<svg" in lab.figure.value
    lab.controls["steps"].value = 60
    assert "Press" in lab.message.value
    lab.controls["steps"].value = 20  # back: the finished run shows at once
    assert lab.message.value == "" and "JSON that parses" in lab.summary.value


def test_stop_ends_the_run_early_and_it_is_not_kept() -> None:
    labrun._RUNS.clear()
    run = lab_run(on_step=lambda step, loss: step < 4, steps=20, examples=20, method="head")
    assert run["stopped"] and len(run["losses"]) == 5
    assert not labrun._RUNS


def test_bad_lab_settings_get_a_sentence() -> None:
    with pytest.raises(FtlibError) as err:
        lab_settings(method="full", precision="int4")
    assert err.value.field == "precision"
    with pytest.raises(FtlibError):
        lab_settings(colour="red")
    lab = TinyLMLab()
    lab.controls["method"].value = "full"
    lab.controls["precision"].value = "int4"
    assert "precision" in lab.message.value


def test_a_move_to_untrained_settings_says_so_and_clears_other_results() -> None:
    # the screen never shows one run's results beside another run's controls
    lab = TinyLMLab()
    lab.figure.value, lab.summary.value = "<svg>old</svg>", "<p>old</p>"
    other = next(v for v in LAB_CONTROLS["method"] if v != LAB_DEFAULTS["method"])
    lab.controls["method"].value = other
    assert f"method {other}" in lab.message.value and "Not trained yet" in lab.message.value
    assert lab.figure.value == "" and lab.summary.value == ""
