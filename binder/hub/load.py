"""Load test of the workshop hub: N learners arrive within a minute and work (``make hub-load``).

usage: python binder/hub/load.py [--learners 30] [--arrival 60] [--moves 3] [--deadline 900]
                                 [--spawn-limit 4] [--mem 1G] [--cpu 1] [--out DIR]

Starts a hub of its own (state in .hub-load/, port 8100, so a room's hub on 8000 is left
alone), then each simulated learner, at a random moment within ``--arrival`` seconds:

1. opens the hub link, logs in with the workshop code and waits for its server (spawn time;
   an HTTP 429, the hub's "too many starting", is counted as refused and retried as a person
   would, after the hub's Retry-After);
2. follows the nbgitpuller link: its server clones the course into the learner's home;
3. opens Lab 0 and the break-even lab in JupyterLab's page and in a real kernel each, running
   every code cell as "Run all" does (time to the first lab response: from opening Lab 0 to
   its last cell's reply, i.e. its controls drawn);
4. moves ``--moves`` controls in each lab through the widget messages JupyterLab sends (a
   ``comm_msg`` update of the control's state) and times each until the kernel is idle again
   (control update latency), checking that the kernel answered with new output.

Meanwhile memory is sampled every few seconds: each learner's processes (proportional set
size, so shared libraries are not counted twice) and the machine's available memory. The
report (JSON and a Markdown table row) goes to benchmarks/results/. Every request goes to
127.0.0.1; the run is bounded by ``--learners`` (at most 60) and ``--deadline`` seconds, and
the hub is stopped at the end with no process left behind (``hubctl.py stop`` checks).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import psutil
import yarl

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import hubctl  # noqa: E402

LABS = ("labs/00_getting_started.ipynb", "labs/break_even.ipynb")
MAX_LEARNERS = 60
CONTROLS = (
    "IntSliderModel",
    "FloatSliderModel",
    "FloatLogSliderModel",
    "SelectionSliderModel",
    "DropdownModel",
    "ToggleButtonsModel",
    "BoundedIntTextModel",
    "BoundedFloatTextModel",
    "IntTextModel",
    "FloatTextModel",
    "CheckboxModel",
    "RadioButtonsModel",
)
FIGURES = (
    "spawn_s",
    "first_lab_s",
    "update_ms",
    "mem_per_learner_mib",
    "cpu_s_per_learner",
    "mem_total_gib",
    "mem_available_drop_gib",
    "refused",
    "failed_spawns",
    "spawn_failures",
    "errors",
    "learners_ok",
)


@dataclass
class Learner:
    name: str
    spawn_s: float | None = None
    first_lab_s: float | None = None
    updates_ms: list[float] = field(default_factory=list)
    labs_ok: list[str] = field(default_factory=list)
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    peak_mib: float = 0.0
    cpu_s: float = 0.0

    @property
    def ok(self) -> bool:
        return len(self.labs_ok) == len(LABS) and not self.errors


def _loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname
    if host not in hubctl.LOOPBACK:
        raise hubctl.HubError(f"the load test only targets this machine's loopback, not {host}")


def _msg(session: str, msg_type: str, content: dict, channel: str = "shell") -> dict:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "username": "learner",
            "session": session,
            "msg_type": msg_type,
            "version": "5.3",
            "date": "",
        },
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": channel,
        "buffers": [],
    }


def _new_value(state: dict) -> dict | None:
    """A different valid value for a control, as the state update a browser would send."""
    model = state.get("_model_name")
    if state.get("disabled"):
        return None
    if model in (
        "DropdownModel",
        "ToggleButtonsModel",
        "RadioButtonsModel",
        "SelectionSliderModel",
    ):
        labels = state.get("_options_labels") or []
        if len(labels) < 2:
            return None
        index = state.get("index")
        return {"index": (0 if index is None else (index + 1)) % len(labels)}
    if model == "CheckboxModel":
        return {"value": not state.get("value")}
    value = state.get("value")
    if not isinstance(value, int | float):
        return None
    lo, hi = state.get("min"), state.get("max")
    step = state.get("step") or (1 if isinstance(value, int) else (abs(value) or 1) * 0.1)
    if model == "FloatLogSliderModel":
        base = state.get("base", 10)
        exponent = min(max((lo or 0), 0), hi or 0) if lo is not None else 0
        return {"value": float(base ** ((exponent + (hi or exponent + 1)) / 2))}
    new = value + step
    if hi is not None and new > hi:
        new = value - step
    if lo is not None and new < lo:
        new = lo
    if new == value:
        return None
    return {"value": type(value)(new)}


class Kernel:
    """One notebook's kernel over Jupyter's websocket (the JSON protocol JupyterLab speaks)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.session = uuid.uuid4().hex
        self.widgets: dict[str, dict] = {}
        self.order: list[str] = []

    async def request(self, msg: dict, timeout: float) -> tuple[list[dict], dict | None]:
        """Send on shell; collect iopub messages for it until the kernel is idle again."""
        await self.ws.send_str(json.dumps(msg))
        msg_id = msg["header"]["msg_id"]
        got: list[dict] = []
        reply = None
        idle = False
        deadline = time.monotonic() + timeout
        while not (idle and (reply is not None or msg["header"]["msg_type"] == "comm_msg")):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{msg['header']['msg_type']} not answered in {timeout:g} s")
            raw = await self.ws.receive(timeout=left)
            if raw.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"kernel websocket closed ({raw.type.name})")
            data = json.loads(raw.data)
            self._track(data)
            if data.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = data["header"]["msg_type"]
            if data.get("channel") == "shell":
                reply = data
            elif kind == "status":
                idle = data["content"]["execution_state"] == "idle"
            else:
                got.append(data)
        return got, reply

    def _track(self, data: dict) -> None:
        kind = data["header"]["msg_type"]
        content = data.get("content", {})
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            state = content.get("data", {}).get("state", {})
            self.widgets[content["comm_id"]] = state
            if state.get("_model_name") in CONTROLS:
                self.order.append(content["comm_id"])
        elif kind == "comm_msg" and content.get("comm_id") in self.widgets:
            inner = content.get("data", {})
            if inner.get("method") in ("update", "echo_update"):
                self.widgets[content["comm_id"]].update(inner.get("state", {}))

    async def run_cell(self, code: str, timeout: float) -> list[str]:
        msg = _msg(self.session, "execute_request", {
            "code": code, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        })  # fmt: skip
        got, reply = await self.request(msg, timeout)
        errors = [f"{m['content']['ename']}: {m['content']['evalue']}" for m in got
                  if m["header"]["msg_type"] == "error"]  # fmt: skip
        if reply and reply["content"].get("status") != "ok" and not errors:
            errors.append(f"execute_reply {reply['content'].get('status')}")
        return errors

    async def move(self, comm_id: str, timeout: float) -> tuple[float, bool, list[str]]:
        """One control moved: (latency ms, the kernel answered with output, errors)."""
        state = _new_value(self.widgets[comm_id])
        if state is None:
            raise ValueError("no other value")
        msg = _msg(self.session, "comm_msg", {
            "comm_id": comm_id,
            "data": {"method": "update", "state": state, "buffer_paths": []},
        })  # fmt: skip
        start = time.perf_counter()
        got, _ = await self.request(msg, timeout)
        latency = (time.perf_counter() - start) * 1000
        self.widgets[comm_id].update(state)
        errors = [f"{m['content']['ename']}: {m['content']['evalue']}" for m in got
                  if m["header"]["msg_type"] == "error"]  # fmt: skip
        answered = any(m["header"]["msg_type"] != "status" for m in got)
        return latency, answered, errors


async def _login_and_spawn(http: aiohttp.ClientSession, hub: str, me: Learner, code: str,
                           link: str, deadline: float) -> str:  # fmt: skip
    """Log in through the link as a person would; return the learner's server URL."""
    async with http.get(link) as page:  # -> the login page, with ?next=
        login_url = str(page.url)
        html = await page.text()
    found = re.search(r'name="_xsrf"\s+value="([^"]+)"', html)  # the form's hidden field
    form = {"username": me.name, "password": code, "_xsrf": found.group(1) if found else ""}
    start = time.perf_counter()
    async with http.post(login_url, data=form) as reply:
        await reply.read()
        if reply.status == 403 or "/hub/login" in reply.url.path:
            raise RuntimeError(f"login refused ({reply.status})")
    server = f"{hub}/user/{me.name}/"
    while True:  # the spawn page: it starts the server, or says it is starting, or is done
        if time.monotonic() > deadline:
            raise TimeoutError("no server before the deadline")
        async with http.get(f"{hub}/hub/spawn/{me.name}") as page:
            await page.read()
            if page.status == 429:  # too many starting: retry when the hub says
                me.refused += 1
                await asyncio.sleep(float(page.headers.get("Retry-After", "5")))
                continue
            if page.status >= 400:
                raise RuntimeError(f"spawn failed ({page.status})")
            if page.url.path.startswith(f"/user/{me.name}/"):
                break
        await asyncio.sleep(1.0)
    me.spawn_s = time.perf_counter() - start
    return server


def _cookie(http: aiohttp.ClientSession, url: str, name: str) -> str:
    found = http.cookie_jar.filter_cookies(yarl.URL(url)).get(name)
    return found.value if found else ""


async def _pull(http: aiohttp.ClientSession, link: str, server: str) -> str:
    """Follow the link again, now logged in, and do what nbgitpuller's page does in a browser.

    The page (200 from the learner's server) runs the pull through the event stream
    ``git-pull/api`` until 'finished', then opens ``urlpath``; returns that URL.
    """
    async with http.get(link) as ui:
        await ui.read()
        if ui.status != 200 or not ui.url.path.startswith(urllib.parse.urlsplit(server).path):
            raise RuntimeError(f"the link led to {ui.url.path} ({ui.status})")
        query = dict(urllib.parse.parse_qsl(ui.url.query_string))
    api = {k: query[k] for k in ("repo", "branch", "targetpath") if k in query}
    stream = f"{server}git-pull/api?{urllib.parse.urlencode(api)}"
    async with http.get(stream, timeout=aiohttp.ClientTimeout(300)) as es:
        async for raw in es.content:
            line = raw.decode().strip()
            if not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event.get("phase") == "finished":
                return server + query["urlpath"]
            if event.get("phase") == "error":
                raise RuntimeError(f"nbgitpuller: {event.get('message', event)}"[:300])
    raise RuntimeError("nbgitpuller stream ended before 'finished'")


async def _open_lab(http: aiohttp.ClientSession, server: str, path: str, me: Learner,
                    moves: int, first: bool) -> None:  # fmt: skip
    """Open the notebook at ``path`` (under the home) in JupyterLab's page and a kernel."""
    lab = Path(path).name
    async with http.get(f"{server}lab/tree/{path}") as page:
        html = await page.text()
        if page.status != 200 or "jupyter-config-data" not in html:
            raise RuntimeError(f"JupyterLab page for {lab}: {page.status}")
    xsrf = {"X-XSRFToken": _cookie(http, server, "_xsrf")}
    async with http.get(f"{server}api/contents/{path}", headers=xsrf) as reply:
        if reply.status != 200:
            raise RuntimeError(f"{lab} not in the home ({reply.status})")
        notebook = (await reply.json())["content"]
    opened = time.perf_counter()
    body = {"path": path, "type": "notebook", "name": lab, "kernel": {"name": "python3"}}
    async with http.post(f"{server}api/sessions", json=body, headers=xsrf) as reply:
        if reply.status not in (200, 201):
            raise RuntimeError(f"no kernel for {lab} ({reply.status})")
        kernel_id = (await reply.json())["kernel"]["id"]
    ws_url = server.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels"
    async with http.ws_connect(ws_url, headers=xsrf, max_msg_size=0, heartbeat=30) as ws:
        kernel = Kernel(ws)
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
                continue
            errors = await kernel.run_cell("".join(cell["source"]), timeout=240)
            if errors:
                raise RuntimeError(f"{lab}: {errors[0]}"[:300])
        if first:
            me.first_lab_s = time.perf_counter() - opened
        movable = [c for c in kernel.order if _new_value(kernel.widgets[c]) is not None]
        if not movable:
            raise RuntimeError(f"{lab}: no control to move")
        answered = 0
        for comm_id in movable[:moves]:
            await asyncio.sleep(random.uniform(0.5, 2.0))  # a person reads, then moves
            latency, out, errors = await kernel.move(comm_id, timeout=120)
            if errors:
                raise RuntimeError(f"{lab} control: {errors[0]}"[:300])
            me.updates_ms.append(latency)
            answered += out
        if not answered:
            raise RuntimeError(f"{lab}: no control update produced output")
    me.labs_ok.append(path)


async def learner(me: Learner, delay: float, link: str, code: str, moves: int,
                  deadline: float) -> None:  # fmt: skip
    """One learner: the link, the login, the spawn, the pull, then both labs."""
    await asyncio.sleep(delay)
    parts = urllib.parse.urlsplit(link)
    hub = f"{parts.scheme}://{parts.netloc}"
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as http:
        try:
            server = await _login_and_spawn(http, hub, me, code, link, deadline)
        except Exception as exc:  # noqa: BLE001 (every failure is reported, none hidden)
            me.errors.append(f"spawn: {type(exc).__name__}: {exc}"[:300])
            return
        try:
            first_lab = await _pull(http, link, server)
            folder = first_lab.split("/lab/tree/", 1)[1].split("/", 1)[0]
            paths = [first_lab.split("/lab/tree/", 1)[1]] + [f"{folder}/{lab}" for lab in LABS[1:]]
            for i, path in enumerate(paths):
                await _open_lab(http, server, path, me, moves, first=i == 0)
        except Exception as exc:  # noqa: BLE001
            me.errors.append(f"{type(exc).__name__}: {exc}"[:300])


def _learner_pids() -> dict[str, list[int]]:
    """Processes of each learner's server (its environment names the learner)."""
    found: dict[str, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            env = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        for item in env:
            if item.startswith(b"JUPYTERHUB_USER="):
                found.setdefault(item[16:].decode(), []).append(int(proc.name))
                break
    return found


def _usage(pid: int) -> tuple[float, float]:
    """(MiB, CPU seconds) of one process: proportional set size, user + system time."""
    try:
        proc = psutil.Process(pid)
        info = proc.memory_full_info()
        times = proc.cpu_times()
        return getattr(info, "pss", info.rss) / 2**20, times.user + times.system
    except (psutil.Error, OSError):
        return 0.0, 0.0


def _per_learner() -> dict[str, tuple[float, float]]:
    per = {}
    for user, pids in _learner_pids().items():
        usage = [_usage(p) for p in pids]
        per[user] = (sum(m for m, _ in usage), sum(c for _, c in usage))
    return per


async def sample_memory(learners: dict[str, Learner], totals: list[float], every: float,
                        stop: asyncio.Event) -> None:  # fmt: skip
    while not stop.is_set():
        per = await asyncio.to_thread(_per_learner)
        for name, (mib, cpu) in per.items():
            if name in learners:
                learners[name].peak_mib = max(learners[name].peak_mib, mib)
                learners[name].cpu_s = max(learners[name].cpu_s, cpu)
        totals.append(sum(mib for k, (mib, _) in per.items() if k in learners))
        totals.append(-psutil.virtual_memory().available / 2**20)  # negative: available
        try:
            await asyncio.wait_for(stop.wait(), every)
        except TimeoutError:
            pass


FAILED_START = ("never showed up", "Error starting server", "failed to start")


def _spawn_failures(log: Path, offset: int) -> int:
    """Server starts the hub gave up on during the run, from its log."""
    if not log.exists():
        return 0
    with log.open("rb") as f:
        f.seek(offset)
        text = f.read().decode(errors="replace")
    return sum(
        1
        for line in text.splitlines()
        if " JupyterHub " in line
        and any(mark in line for mark in FAILED_START)
        and "HTTP 429" not in line  # a refusal (counted as refused), not a failed start
    )


def _spread(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"median": None, "p95": None, "worst": None}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"median": statistics.median(ordered), "p95": p95, "worst": ordered[-1]}


async def drive(settings: dict, code: str, n: int, arrival: float, moves: int,
                deadline_s: float, prefix: str = "learner") -> dict:  # fmt: skip
    """Run N learners against a running hub (``settings`` from hubctl.start); the report."""
    _loopback(settings["local_url"])
    if not 1 <= n <= MAX_LEARNERS:
        raise hubctl.HubError(f"--learners {n}: between 1 and {MAX_LEARNERS}")
    rng = random.Random(n)
    learners = {f"{prefix}-{i:02d}": Learner(f"{prefix}-{i:02d}") for i in range(1, n + 1)}
    log = Path(settings["state"]) / "hub.log"
    log_start = log.stat().st_size if log.exists() else 0
    available_before = psutil.virtual_memory().available / 2**20
    load_before = os.getloadavg()
    samples: list[float] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(learners, samples, 3.0, stop))
    start = time.perf_counter()
    deadline = time.monotonic() + deadline_s
    link = hubctl.pull_link(
        settings["local_url"], settings["repo"], settings["branch"], settings["folder"]
    )
    tasks = [
        asyncio.create_task(learner(me, rng.uniform(0, arrival), link, code, moves, deadline))
        for me in learners.values()
    ]
    done, pending = await asyncio.wait(tasks, timeout=deadline_s)
    for task in pending:
        task.cancel()
    for me, task in zip(learners.values(), tasks, strict=True):
        if task in pending:
            me.errors.append(f"not done within the {deadline_s:g} s deadline")
        elif task.exception() is not None:
            me.errors.append(f"driver: {type(task.exception()).__name__}: {task.exception()}")
    stop.set()
    await sampler
    wall = time.perf_counter() - start
    spawn_failures = _spawn_failures(log, log_start)
    load_during = os.getloadavg()
    totals = [s for s in samples if s >= 0]
    available = [-s for s in samples if s < 0]
    every = list(learners.values())
    peaks = [me.peak_mib for me in every if me.peak_mib]
    errors = [f"{me.name}: {e}" for me in every for e in me.errors]
    return {
        "learners": n,
        "arrival_s": arrival,
        "moves_per_lab": moves,
        "wall_s": round(wall, 1),
        "machine": {
            "cores": os.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in load_during],
        },
        "settings": {
            k: settings.get(k)
            for k in ("mem_limit", "cpu_limit", "spawn_limit", "cull_timeout", "limits")
        },  # fmt: skip
        "spawn_s": _spread([me.spawn_s for me in every if me.spawn_s is not None]),
        "first_lab_s": _spread([me.first_lab_s for me in every if me.first_lab_s is not None]),
        "update_ms": {
            **_spread([u for me in every for u in me.updates_ms]),
            "count": sum(len(me.updates_ms) for me in every),
        },  # fmt: skip
        "mem_per_learner_mib": {
            "median": statistics.median(peaks) if peaks else None,
            "worst": max(peaks) if peaks else None,
        },  # fmt: skip
        # CPU the learner's server and kernels used (processes alive at a sample): what the
        # room asks of the machine, whatever else shares it.
        "cpu_s_per_learner": _spread([me.cpu_s for me in every if me.cpu_s]),
        "mem_total_gib": round(max(totals, default=0) / 1024, 2),
        "mem_available_drop_gib": round((available_before - min(available, default=0)) / 1024, 2)
        if available
        else None,
        "refused": sum(me.refused for me in every),
        "failed_spawns": sum(1 for me in every if me.spawn_s is None),
        # Starts the hub gave up on (the learner's next request started the server again).
        "spawn_failures": spawn_failures,
        "errors": len(errors),
        "error_samples": errors[:10],
        "learners_ok": sum(me.ok for me in every),
        "per_learner": {me.name: {"ok": me.ok, "labs": me.labs_ok} for me in every},
    }


TABLE_HEAD = (
    "| learners | spawn median / p95 / worst (s) | first lab median / p95 (s) "
    "| control update p95 (ms) | memory per learner median / worst (MiB) | total (GiB) "
    "| CPU per learner (s) | refused | failed (retried) | errors | ok | load avg before |\n"
    "|---:|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|"
)


def table_row(report: dict) -> str:
    def f(x: float | None, digits: int = 1) -> str:
        return "-" if x is None else f"{x:.{digits}f}"

    s, fl, u, m = (report[k] for k in ("spawn_s", "first_lab_s", "update_ms",
                                       "mem_per_learner_mib"))  # fmt: skip
    return (
        f"| {report['learners']} | {f(s['median'])} / {f(s['p95'])} / {f(s['worst'])} "
        f"| {f(fl['median'])} / {f(fl['p95'])} | {f(u['p95'], 0)} "
        f"| {f(m['median'], 0)} / {f(m['worst'], 0)} | {f(report['mem_total_gib'], 2)} "
        f"| {f(report.get('cpu_s_per_learner', {}).get('median'))} "
        f"| {report['refused']} | {report['failed_spawns']} ({report.get('spawn_failures', 0)}) "
        f"| {report['errors']} "
        f"| {report['learners_ok']}/{report['learners']} "
        f"| {report['machine']['load_before'][0]:.2f} |"
    )


def write(report: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"hub_load_{report['learners']}.json"
    path.write_text(json.dumps(report, indent=1) + "\n")
    rows = [
        table_row(json.loads(p.read_text()))
        for p in sorted(out.glob("hub_load_*.json"), key=lambda p: int(p.stem.split("_")[-1]))
    ]
    (out / "hub_load.md").write_text(TABLE_HEAD + "\n" + "\n".join(rows) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="load.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--learners", type=int, default=30)
    p.add_argument("--arrival", type=float, default=60)
    p.add_argument("--moves", type=int, default=3)
    p.add_argument("--deadline", type=float, default=900)
    p.add_argument("--port", type=int, default=8100)
    p.add_argument("--spawn-limit", type=int, default=4)
    p.add_argument("--mem", default="1G")
    p.add_argument("--cpu", type=float, default=1.0)
    p.add_argument("--state", default=str(ROOT / ".hub-load"))
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    args = p.parse_args(argv)
    if not 1 <= args.learners <= MAX_LEARNERS:
        print(f"load: --learners {args.learners}: between 1 and {MAX_LEARNERS}", file=sys.stderr)
        return 2
    code = "load-" + uuid.uuid4().hex[:8]
    start_args = hubctl.parser().parse_args(
        ["start", "--port", str(args.port), "--state", args.state, "--code", code,
         "--spawn-limit", str(args.spawn_limit), "--mem", args.mem, "--cpu", str(args.cpu)]
    )  # fmt: skip
    try:
        settings = hubctl.start(start_args)
    except hubctl.HubError as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 2
    try:
        report = asyncio.run(
            drive(settings, code, args.learners, args.arrival, args.moves, args.deadline)
        )
    finally:
        left = hubctl.stop(argparse.Namespace(state=args.state))
        # The simulated learners' homes (a clone of the course each) are not kept.
        shutil.rmtree(Path(args.state) / "home", ignore_errors=True)
    report["processes_left"] = left
    path = write(report, Path(args.out))
    print(TABLE_HEAD + "\n" + table_row(report))
    for line in report["error_samples"]:
        print("  error:", line)
    print(f"Report: {path}")
    return 0 if report["learners_ok"] == args.learners and not left else 1


if __name__ == "__main__":
    sys.exit(main())
