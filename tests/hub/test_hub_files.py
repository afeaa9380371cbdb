"""The workshop hub's files, without starting a hub: its package set, links, limits, settings.

Cheap enough for `make unit`; test_room.py starts a real hub.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import hubctl
import limits
import load
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HUB_SET = ROOT / "requirements" / "hub.txt"
LEARNER_SET = ROOT / "binder" / "requirements.txt"
LOCK = ROOT / "requirements" / "dev.lock"
HUB_ONLY = {"jupyterhub", "jupyterhub-idle-culler", "nbgitpuller"}


def _pins(path: Path) -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


# The package sets: one lock, the hub's set beside the learner set, which does not grow.


def test_hub_set_is_the_learner_set_plus_the_hub_at_the_locks_versions():
    hub, learner, full = _pins(HUB_SET), _pins(LEARNER_SET), _pins(LOCK)
    assert {n: v for n, v in hub.items() if full.get(n) != v} == {}, "run `make lock`"
    assert learner.items() <= hub.items()
    assert hub["jupyterhub"] == "6.1.1" and hub["nbgitpuller"] == "1.3.0"
    assert hub["jupyterhub-idle-culler"] == "2.0.0"


def test_binder_learner_set_holds_none_of_the_hub():
    assert HUB_ONLY & set(_pins(LEARNER_SET)) == set()


# Links: built from the one repository setting, no placeholder host anywhere.


def test_pull_link_is_what_nbgitpuller_reads():
    link = hubctl.pull_link("http://127.0.0.1:8000/", "/srv/course", "main", "course")
    assert link == (
        "http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=%2Fsrv%2Fcourse&branch=main"
        "&targetpath=course&urlpath=lab%2Ftree%2Fcourse%2Flabs%2F00_getting_started.ipynb"
    )


def test_course_folder_is_the_repository_name_from_the_config():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert hubctl.repository_url() == config["repository"]["url"]
    assert hubctl.course_folder() == config["repository"]["url"].rstrip("/").split("/")[-1]


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s)\"'`<>]+", text)


def test_every_launch_link_in_the_guide_and_readme_is_built_from_the_repository_setting():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = config["repository"]["url"]
    owner_name = urllib.parse.urlsplit(repo).path.strip("/")
    branch = config["repository"]["branch"]
    binder = f"https://mybinder.org/v2/gh/{owner_name}/{branch}"
    colab = f"https://colab.research.google.com/github/{owner_name}/blob/{branch}/"
    seen = 0
    for page in ("chapters/instructor_guide.md", "README.md"):
        for link in _links((ROOT / page).read_text()):
            if "mybinder.org" in link:
                assert link.startswith(binder + "?"), (page, link)
                seen += 1
            if "colab.research.google.com/github" in link:
                assert link.startswith(colab), (page, link)
            if "git-pull?" in link:
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link).query))
                assert query["repo"] == repo and query["branch"] == branch, (page, link)
                seen += 1
    assert seen >= 2  # the guide's Binder link and its nbgitpuller link


PLACEHOLDER = re.compile(r"(?:[\w-]+\.)*example\.(?:org|com|edu|net)|your-hub\.|hub\.example")


@pytest.mark.parametrize(
    "page",
    [
        "_config.yml",
        "README.md",
        "chapters/instructor_guide.md",
        *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "binder" / "hub").glob("*.*"))),
    ],
)
def test_no_placeholder_host(page):
    assert PLACEHOLDER.findall((ROOT / page).read_text()) == []


# Limits: the cgroup files written, checked on a fake cgroup filesystem.


def _fake_v1(tmp_path: Path) -> tuple[Path, str]:
    for controller in ("memory", "cpu"):
        (tmp_path / controller / "job").mkdir(parents=True)
    return tmp_path, "4:memory:/job\n1:cpu:/job\n0::/\n"


def test_v1_limits_are_written_where_the_hub_can_join_them(tmp_path):
    root, own = _fake_v1(tmp_path)
    groups = limits.probe("r1", root=root, proc_cgroup=own)
    assert groups.kind == "v1" and groups.memory == root / "memory" / "job" / "fthub-r1"
    procs = limits.create(groups, "u3", mem_bytes=2**30, cpu_limit=0.5)
    mem, cpu = root / "memory/job/fthub-r1/u3", root / "cpu/job/fthub-r1/u3"
    assert (mem / "memory.limit_in_bytes").read_text() == "1073741824"
    assert (cpu / "cpu.cfs_quota_us").read_text() == "50000"  # half of a 100 ms period
    assert (cpu / "cpu.cfs_period_us").read_text() == "100000"
    assert (cpu / "cpu.shares").read_text() == "1024"
    assert procs == [mem / "cgroup.procs", cpu / "cgroup.procs"]
    assert "1 GiB" in groups.describe(2**30, 0.5) and "0.5 core" in groups.describe(2**30, 0.5)
    (mem / "memory.limit_in_bytes").unlink()  # a real cgroup's files vanish with it
    for path in [*cpu.iterdir(), *mem.iterdir()]:
        path.unlink()
    limits.remove(groups)
    assert not (root / "memory/job/fthub-r1").exists() and not (root / "cpu/job/fthub-r1").exists()


def test_v2_limits(tmp_path):
    (tmp_path / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "cgroup.controllers").write_text("cpu memory pids\n")
    groups = limits.probe("r2", root=tmp_path, proc_cgroup="0::/svc\n")
    assert groups.kind == "v2"
    assert (tmp_path / "svc/fthub-r2/cgroup.subtree_control").read_text() == "+memory +cpu"
    limits.create(groups, "u1", mem_bytes=3 * 2**29, cpu_limit=2)
    assert (tmp_path / "svc/fthub-r2/u1/memory.max").read_text() == str(1536 * 2**20)
    assert (tmp_path / "svc/fthub-r2/u1/cpu.max").read_text() == "200000 100000"


def test_without_cgroups_nothing_is_claimed(tmp_path):
    groups = limits.probe("r3", root=tmp_path / "none", proc_cgroup="0::/\n")
    assert groups.kind == "none" and limits.create(groups, "u1", 2**30, 1.0) == []
    assert groups.describe(2**30, 1.0).startswith("per-learner limits NOT enforced")


def test_probe_without_make_creates_nothing(tmp_path):
    root, own = _fake_v1(tmp_path)
    limits.probe("r4", root=root, proc_cgroup=own, make=False)
    assert not (root / "memory/job/fthub-r4").exists()


# The load driver's control moves: always a different, valid value.


@pytest.mark.parametrize(
    "state, expected",
    [
        ({"_model_name": "IntSliderModel", "value": 5, "min": 0, "max": 10, "step": 1}, 6),
        ({"_model_name": "IntSliderModel", "value": 10, "min": 0, "max": 10, "step": 2}, 8),
        ({"_model_name": "FloatSliderModel", "value": 0.5, "min": 0, "max": 1, "step": 0.25}, 0.75),
        ({"_model_name": "BoundedIntTextModel", "value": 3, "min": 3, "max": 3, "step": 1}, None),
    ],
)
def test_a_moved_slider_stays_within_its_bounds(state, expected):
    moved = load._new_value(state)
    assert (moved and moved["value"]) == expected


def test_a_moved_choice_takes_the_next_option_and_wraps():
    state = {"_model_name": "DropdownModel", "_options_labels": ["a", "b", "c"], "index": 2}
    assert load._new_value(state) == {"index": 0}
    assert load._new_value({**state, "index": 0}) == {"index": 1}
    assert load._new_value({**state, "_options_labels": ["only"]}) is None
    assert load._new_value({"_model_name": "CheckboxModel", "value": False}) == {"value": True}
    assert load._new_value({**state, "disabled": True}) is None


def test_the_table_has_a_column_for_every_figure():
    report = {
        "learners": 2,
        "spawn_s": {"median": 1.0, "p95": 2.0, "worst": 3.0},
        "first_lab_s": {"median": 4.0, "p95": 5.0, "worst": 6.0},
        "update_ms": {"median": 10.0, "p95": 20.0, "worst": 30.0, "count": 4},
        "mem_per_learner_mib": {"median": 300.0, "worst": 400.0},
        "mem_total_gib": 0.7,
        "cpu_s_per_learner": {"median": 12.0, "p95": 14.0, "worst": 15.0},
        "refused": 1,
        "failed_spawns": 0,
        "spawn_failures": 2,
        "errors": 0,
        "learners_ok": 2,
        "machine": {"load_before": [1.5, 1.0, 0.5]},
    }
    row = load.table_row(report)
    assert row == (
        "| 2 | 1.0 / 2.0 / 3.0 | 4.0 / 5.0 | 20 | 300 / 400 | 0.70 | 12.0 "
        "| 1 | 0 (2) | 0 | 2/2 | 1.50 |"
    )
    assert row.count("|") == load.TABLE_HEAD.splitlines()[0].count("|")


def test_spawn_failures_are_counted_from_the_hub_log_after_the_runs_start(tmp_path):
    log = tmp_path / "hub.log"
    before = "[W 09:00 JupyterHub user:1] a's server never showed up at x after 300 seconds.\n"
    log.write_text(before)
    log.write_text(
        before
        + "[E 09:01 JupyterHub pages:426] Error starting server b: boom\n"
        + "[I 09:01 ServerApp] a line of a learner's server about failed to start\n"
        + "[E 09:01 JupyterHub pages:426] Error starting server d: HTTP 429: Too Many Requests\n"
        + "[W 09:02 JupyterHub user:1] c's server never showed up at y after 300 seconds.\n"
    )
    assert load._spawn_failures(log, len(before)) == 2
    assert load._spawn_failures(tmp_path / "missing.log", 0) == 0


def test_spread_p95_of_twenty_values_is_the_nineteenth():
    spread = load._spread([float(i) for i in range(20, 0, -1)])
    assert spread == {"median": 10.5, "p95": 19.0, "worst": 20.0}


# The command lines: bad settings are one line and exit 2, and the load test stays bounded.


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def test_a_short_workshop_code_is_refused_in_one_line(tmp_path):
    out = _run("binder/hub/hubctl.py", "start", "--code", "abc", "--state", str(tmp_path / "s"))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "8 characters" in out.stderr
    assert "abc" in out.stderr


@pytest.mark.parametrize("n", ["0", "61"])
def test_load_refuses_more_learners_than_its_bound(n, tmp_path):
    out = _run("binder/hub/load.py", "--learners", n, "--state", str(tmp_path / "s"))
    assert out.returncode == 2 and "between 1 and 60" in out.stderr
    assert not (tmp_path / "s").exists()  # refused before any hub starts


def test_load_targets_loopback_only():
    with pytest.raises(hubctl.HubError, match="loopback"):
        load._loopback("http://192.0.2.1:8000")
    load._loopback("http://127.0.0.1:8100")


def test_stop_without_a_hub_is_a_no_op(tmp_path):
    out = _run("binder/hub/hubctl.py", "stop", "--state", str(tmp_path))
    assert out.returncode == 0 and "nothing to stop" in out.stdout


# The cluster configuration: the settings the guide explains are there.


def test_zero_to_jupyterhub_values_carry_the_room_settings():
    values = yaml.safe_load((ROOT / "binder" / "hub" / "values.yaml").read_text())
    single = values["singleuser"]
    assert single["memory"]["limit"] and single["memory"]["guarantee"]
    assert single["cpu"]["limit"] and single["cpu"]["guarantee"]
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] == 3600
    assert values["prePuller"]["hook"]["enabled"] is True
    assert values["scheduling"]["userPlaceholder"]["replicas"] >= 1
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "shared-password"
    assert "nbgitpuller" in (ROOT / "binder" / "hub" / "Dockerfile").read_text()


def test_link_for_a_hub_elsewhere_pulls_the_published_repository():
    out = _run("binder/hub/hubctl.py", "link", "--hub", "https://hub.school.test/")
    assert out.returncode == 0
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(out.stdout.strip()).query))
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert query["repo"] == config["repository"]["url"]
    assert query["branch"] == config["repository"]["branch"]
    assert out.stdout.startswith("https://hub.school.test/hub/user-redirect/git-pull?")
    bad = _run("binder/hub/hubctl.py", "link", "--hub", "hub.school.test")
    assert bad.returncode == 2 and "https://" in bad.stderr


def test_the_guide_carries_the_load_tables_measured_rows():
    guide = (ROOT / "chapters" / "instructor_guide.md").read_text()
    assert load.TABLE_HEAD in guide
    rows = re.findall(r"^\| (\d+) \|.*\| (\d+)/(\d+) \|", guide, flags=re.MULTILINE)
    assert len(rows) >= 3  # at least three room sizes measured
    assert all(int(ok) <= int(n) == int(n2) for n, ok, n2 in rows)
