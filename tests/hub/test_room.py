"""A real workshop hub on 127.0.0.1: the printed link end to end, five learners, a clean stop.

One hub serves the module (started by the same command `make hub` runs, with its state in a
temporary folder and free ports); the last test stops it and checks that nothing it started is
still running. About a minute and a half on two cores.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import hubctl
import limits
import load
import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE = "room-test-code"


def required() -> bool:
    """Under CI a hub that cannot start is a failure, not a skip."""
    return bool(os.environ.get("CI")) or os.environ.get("FTLIB_HUB_REQUIRED") == "1"


def _free_base_port() -> int:
    """A port p with p, p+1 and p+2 free (the proxy, the hub's API, the proxy's API)."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port < 65000 and all(hubctl._port_free("127.0.0.1", port + i) for i in range(3)):
            return port
    raise RuntimeError("no three free ports in a row")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not hubctl.PROXY.exists():
        reason = f"no proxy at {hubctl.PROXY}: `make hub-test` installs it (needs npm)"
        if required():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    if shutil.which("git") is None:
        pytest.fail("nbgitpuller needs git", pytrace=False)
    state = tmp_path_factory.mktemp("hub") / "state"
    port = _free_base_port()
    command = [sys.executable, str(ROOT / "binder/hub/hubctl.py"), "start", "--state", str(state),
               "--port", str(port), "--code", CODE, "--spawn-limit", "10"]  # fmt: skip
    started = subprocess.run(command, capture_output=True, text=True, timeout=150)
    assert started.returncode == 0, started.stdout + started.stderr
    info = {"state": state, "port": port, "stdout": started.stdout}
    info["settings"] = json.loads((state / "settings.json").read_text())
    yield info
    hubctl.stop(argparse_namespace(state))  # in case the stop test did not run


def argparse_namespace(state: Path):
    import argparse

    return argparse.Namespace(state=str(state), quiet=True)


def test_start_prints_one_link_and_the_admin_url_on_loopback(hub):
    out = hub["stdout"]
    links = re.findall(r"http://\S+git-pull\?\S+", out)
    assert len(links) == 1 and links[0] == hub["settings"]["link"]
    assert f"http://127.0.0.1:{hub['port']}/hub/admin" in out
    assert f"Workshop code (write it on the board; any name + this code logs in): {CODE}" in out
    # Only loopback listens on the hub's ports.
    listening = subprocess.run(["ss", "-Htln"], capture_output=True, text=True).stdout
    ports = {hub["port"] + i for i in range(3)}
    for line in listening.splitlines():
        local = line.split()[3]
        host, _, port = local.rpartition(":")
        if port.isdigit() and int(port) in ports:
            assert host in ("127.0.0.1", "[::ffff:127.0.0.1]"), line


def test_no_login_without_the_workshop_code(hub):
    me = load.Learner("intruder")
    asyncio.run(load.learner(me, 0, hub["settings"]["link"], "wrong-code", 1, 120 + _now()))
    assert me.spawn_s is None and me.labs_ok == []
    assert any("login refused" in e for e in me.errors)


def _now() -> float:
    import time

    return time.monotonic()


def test_the_printed_link_logs_in_pulls_and_opens_a_responding_lab(hub):
    """As a person: the link, the code, then Lab 0 opens in a kernel and a control answers."""
    link = re.search(r"http://\S+git-pull\?\S+", hub["stdout"]).group(0)
    me = load.Learner("tester")
    asyncio.run(load.learner(me, 0, link, CODE, 2, 240 + _now()))
    assert me.errors == []
    assert me.labs_ok == [f"when-to-fine-tune/{lab}" for lab in load.LABS]
    assert me.spawn_s is not None and me.first_lab_s is not None
    assert len(me.updates_ms) >= 2 and all(0 < ms < 60_000 for ms in me.updates_ms)
    home = hub["state"] / "home" / "tester" / "when-to-fine-tune"
    assert (home / "labs" / "00_getting_started.ipynb").is_file()
    assert (home / ".git").is_dir()  # a clone nbgitpuller can update later


def test_five_learners_each_get_a_working_lab_and_every_figure(hub):
    report = asyncio.run(
        load.drive(hub["settings"], CODE, n=5, arrival=10, moves=2, deadline_s=300)
    )
    assert report["error_samples"] == [] and report["learners_ok"] == 5
    assert all(v["labs"] == [f"when-to-fine-tune/{lab}" for lab in load.LABS]
               for v in report["per_learner"].values())  # fmt: skip
    for figure in load.FIGURES:
        assert report[figure] is not None, figure
    for spread in ("spawn_s", "first_lab_s", "update_ms"):
        s = report[spread]
        assert 0 < s["median"] <= s["p95"] <= s["worst"], spread
    assert report["update_ms"]["count"] >= 5 * 2  # at least one control per lab, two labs
    assert report["failed_spawns"] == 0 and report["errors"] == 0
    # A learner's server and two kernels: tens of MiB at least, and within the 1 GiB limit.
    per = report["mem_per_learner_mib"]
    assert 50 < per["median"] <= per["worst"] < 1024
    assert 5 * 50 / 1024 < report["mem_total_gib"] < 5.0
    row = load.table_row(report)
    assert row.startswith("| 5 |") and "5/5" in row


@pytest.mark.skipif(os.geteuid() != 0, reason="cgroup limits need root")
def test_each_learner_runs_inside_its_limits(hub):
    groups = limits.probe(hub["settings"]["run"], make=False)
    if groups.kind == "none":
        pytest.skip(groups.reason)
    pids = load._learner_pids()
    tester = pids.get("tester")
    assert tester, "the tester's server and kernels are running"
    assert groups.memory is not None
    members = {int(p) for g in groups.memory.glob("u*/cgroup.procs") for p in g.read_text().split()}
    assert set(tester) <= members
    if groups.kind == "v1":
        limit_files = list(groups.memory.glob("u*/memory.limit_in_bytes"))
        assert limit_files and {f.read_text().strip() for f in limit_files} == {str(2**30)}
        quota = {f.read_text().strip() for f in groups.cpu.glob("u*/cpu.cfs_quota_us")}
        assert quota == {"100000"}


async def _allocate_past_the_limit(link: str, name: str) -> tuple[str, int]:
    """A learner's kernel asks for 1.5 GiB: what the kernel reports, and the hub's health."""
    import aiohttp

    me = load.Learner(name)
    parts = link.split("/hub/", 1)[0]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        server = await load._login_and_spawn(http, parts, me, CODE, link, _now() + 240)
        async with http.get(f"{server}lab") as page:
            await page.read()
        xsrf = {"X-XSRFToken": load._cookie(http, server, "_xsrf")}
        async with http.post(f"{server}api/kernels", json={"name": "python3"}, headers=xsrf) as r:
            kernel_id = (await r.json())["id"]
        url = server.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels"
        async with http.ws_connect(url, headers=xsrf, max_msg_size=0) as ws:
            kernel = load.Kernel(ws)
            await kernel.run_cell("import os", timeout=120)
            grab = 'block = b"x" * (1536 * 2**20)'  # every page written
            await ws.send_str(json.dumps(load._msg(kernel.session, "execute_request", {
                "code": grab, "silent": False, "store_history": False,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
            })))  # fmt: skip
            outcome = "no answer"
            deadline = _now() + 120
            while _now() < deadline:
                raw = await ws.receive(timeout=max(1.0, deadline - _now()))
                if raw.type != aiohttp.WSMsgType.TEXT:
                    outcome = "closed"
                    break
                data = json.loads(raw.data)
                kind = data["header"]["msg_type"]
                if kind == "status" and data["content"]["execution_state"] in (
                    "restarting",
                    "dead",
                ):
                    outcome = data["content"]["execution_state"]
                    break
                if kind == "execute_reply":
                    outcome = "allocated"
                    break
        async with http.get(f"{parts}/hub/health") as health:
            return outcome, health.status


@pytest.mark.skipif(os.geteuid() != 0, reason="cgroup limits need root")
def test_a_kernel_past_the_memory_limit_is_stopped_and_the_hub_carries_on(hub):
    groups = limits.probe(hub["settings"]["run"], make=False)
    if groups.kind == "none":
        pytest.skip(groups.reason)
    outcome, health = asyncio.run(_allocate_past_the_limit(hub["settings"]["link"], "greedy"))
    assert outcome in ("restarting", "dead", "closed"), outcome
    assert health == 200


def test_stop_leaves_no_process_behind(hub):
    run = hub["settings"]["run"]
    assert hubctl.marked(run), "the hub's processes carry the mark before the stop"
    stopped = subprocess.run(
        [sys.executable, str(ROOT / "binder/hub/hubctl.py"), "stop", "--state", str(hub["state"])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert "no process is left" in stopped.stdout
    assert hubctl.marked(run) == []
    assert (
        load._learner_pids().keys() & {"tester", *(f"learner-0{i}" for i in range(1, 6))} == set()
    )
    assert all(hubctl._port_free("127.0.0.1", hub["port"] + i) for i in range(3))
    groups = limits.probe(run, make=False)
    assert groups.memory is None or not groups.memory.exists()
