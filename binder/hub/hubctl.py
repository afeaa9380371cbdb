"""Start, stop and describe the workshop hub (``make hub``, ``make hub-stop``).

usage: python binder/hub/hubctl.py start [--port 8000] [--ip 127.0.0.1] [--repo PATH|URL|origin]
                                         [--branch B] [--code CODE] [--mem 1G] [--cpu 1]
                                         [--spawn-limit 4] [--cull 3600] [--state .hub]
       python binder/hub/hubctl.py stop   [--state .hub]
       python binder/hub/hubctl.py status [--state .hub]
       python binder/hub/hubctl.py link   --hub URL [--repo URL] [--branch B]

``start`` runs JupyterHub (binder/hub/jupyterhub_config.py) with the proxy ``make hub`` put in
.hub-proxy/, waits until it answers and prints the one link to hand out (it logs the learner
in, pulls the course into their home with nbgitpuller and opens Lab 0) and the admin URL.
Everything the hub keeps (database, secrets, homes, log) is in the state folder. Every process
it starts carries a mark (FTHUB_RUN) in its environment, so ``stop`` finds and ends all of
them, the learners' kernels included, and reports any that would not go. ``link`` prints the
link for another hub (TLJH, a cluster), built from the repository setting in _config.yml.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import limits  # noqa: E402

PROXY = ROOT / ".hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
FIRST_LAB = "labs/00_getting_started.ipynb"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class HubError(Exception):
    """A setting or state the hub cannot start or stop with (one line for the terminal)."""


def _repository(key: str, root: Path = ROOT) -> str:
    section = False
    for line in (root / "_config.yml").read_text().splitlines():
        if not line.startswith(" "):
            section = line.startswith("repository:")
        elif section and line.strip().startswith(f"{key}:"):
            return line.split(":", 1)[1].strip()
    raise HubError(f"_config.yml has no repository.{key}")


def repository_url(root: Path = ROOT) -> str:
    """The course's one repository setting: ``repository.url`` in _config.yml."""
    return _repository("url", root)


def repository_branch(root: Path = ROOT) -> str:
    return _repository("branch", root)


def course_folder(root: Path = ROOT) -> str:
    """The folder the course is pulled into in each home: the repository's name."""
    return repository_url(root).rstrip("/").split("/")[-1].removesuffix(".git")


def pull_link(hub: str, repo: str, branch: str, folder: str, lab: str = FIRST_LAB) -> str:
    """An nbgitpuller link: log in, clone or update ``repo`` into ``~/folder``, open ``lab``."""
    query = urllib.parse.urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": folder,
            "urlpath": f"lab/tree/{folder}/{lab}",
        }
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def _git(*args: str) -> str:
    out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else ""


def resolve_repo(repo: str | None, branch: str | None) -> tuple[str, str]:
    """The repository learners pull and its branch: the setting, else this clone's path."""
    if repo in (None, ""):
        repo = _git("rev-parse", "--show-toplevel") or str(ROOT)
    elif repo == "origin":
        repo = _git("remote", "get-url", "origin")
        if not repo:
            raise HubError("--repo origin: this clone has no remote 'origin'; name a URL or path")
    if not branch:
        branch = _git("rev-parse", "--abbrev-ref", "HEAD") or "main"
    return repo, branch


def _secret(path: Path, make) -> str:
    if not path.exists():
        path.write_text(make() + "\n")
    path.chmod(0o600)
    return path.read_text().strip()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def marked(run: str) -> list[int]:
    """Every process whose environment carries FTHUB_RUN=<run>."""
    mark = f"FTHUB_RUN={run}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if mark in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def learner_ids_work(python: str, uid: int) -> bool:
    """Can a process under user id ``uid`` run this Python and import the learners' server?

    Not when the interpreter lives in a home only its owner may enter (a pyenv under /root):
    then the learners' servers must run as the hub's user.
    """
    if os.geteuid() != 0 or uid == 0:
        return False

    def drop() -> None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)

    try:
        probe = subprocess.run(
            [python, "-c", "import jupyterhub.singleuser, nbgitpuller, ftlib"],
            preexec_fn=drop, capture_output=True, timeout=60, cwd="/",
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _port_free(ip: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the hub will
        try:
            sock.bind((ip, port))
        except OSError:
            return False
    return True


def _get(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


def start(args: argparse.Namespace) -> dict:
    state = Path(args.state).resolve()
    # the settings first: a bad code is refused in one line before anything is looked for
    if len(args.code or "x" * 8) < 8:
        raise HubError(f"--code {args.code!r}: a workshop code needs 8 characters or more")
    if not PROXY.exists():
        raise HubError(f"no proxy at {PROXY}: run `make hub` (it installs it with npm)")
    if args.ip not in LOOPBACK and not args.public_url:
        print(f"Listening on {args.ip}: anyone who can reach port {args.port} sees the login page.")
    running = _read_pid(state / "hubctl.pid")
    if running and _alive(running) and (state / "settings.json").exists():
        settings = json.loads((state / "settings.json").read_text())
        print(f"A hub is already running (pid {running}); `make hub-stop` stops it.")
        return settings
    for port in (args.port, args.port + 1, args.port + 2):
        if not _port_free("127.0.0.1", port):
            raise HubError(f"port {port} is in use: pick another with HUB_PORT=...")
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)  # learners' servers (other user ids) reach their homes through it
    (state / "home").mkdir(exist_ok=True)
    (state / "home").chmod(0o755)
    code = args.code or _secret(state / "workshop-code", lambda: secrets.token_hex(4))
    (state / "workshop-code").write_text(code + "\n")
    (state / "workshop-code").chmod(0o600)
    _secret(state / "admin-code", lambda: secrets.token_hex(16))
    _secret(state / "proxy-token", lambda: secrets.token_hex(32))
    _secret(state / "cookie-secret", lambda: secrets.token_hex(32))
    run = uuid.uuid4().hex[:12]
    (state / "run-id").write_text(run + "\n")
    repo, branch = resolve_repo(args.repo, args.branch)
    folder = course_folder()
    public = args.public_url or (
        f"http://{'127.0.0.1' if args.ip in LOOPBACK else socket.getfqdn()}:{args.port}"
    )
    venv_bin = Path(sys.executable).parent
    own_ids = learner_ids_work(str(venv_bin / "python"), args.uid_base + 1)
    if os.geteuid() != 0:
        who = "learners' servers run as your user (no root: no separate user ids)"
    elif own_ids:
        who = f"each learner's server runs under a user id of its own (from {args.uid_base})"
    else:
        who = (
            f"learners' servers run as root: {venv_bin / 'python'} is not usable by other user "
            "ids (a Python in a private home); `make hub HUB_PYTHON=...` with a Python 3.11.5+ "
            "that every user can run gives each learner a user id of its own"
        )
    env = {
        **os.environ,
        "FTHUB_STATE": str(state),
        "FTHUB_RUN": run,
        "FTHUB_VENV_BIN": str(venv_bin),
        "FTHUB_PROXY": str(PROXY),
        "FTHUB_IP": args.ip,
        "FTHUB_PORT": str(args.port),
        "FTHUB_MEM_LIMIT": args.mem,
        "FTHUB_CPU_LIMIT": str(args.cpu),
        "FTHUB_SPAWN_LIMIT": str(args.spawn_limit),
        "FTHUB_CULL_TIMEOUT": str(args.cull),
        "FTHUB_UID_BASE": str(args.uid_base if own_ids else 0),
        "PATH": f"{venv_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
    }
    log = open(state / "hub.log", "ab")  # noqa: SIM115 (the hub keeps it open)
    hub = subprocess.Popen(
        [str(venv_bin / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")],
        cwd=state,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (state / "hubctl.pid").write_text(f"{hub.pid}\n")
    health = f"http://127.0.0.1:{args.port}/hub/health"
    deadline = time.monotonic() + args.wait
    while _get(health, timeout=2) != 200:
        if hub.poll() is not None or time.monotonic() > deadline:
            tail = (state / "hub.log").read_text(errors="replace").splitlines()[-15:]
            stop(argparse.Namespace(state=str(state), quiet=True))
            raise HubError("the hub did not start; the end of its log:\n" + "\n".join(tail))
        time.sleep(0.5)
    mem = _bytes(args.mem)
    groups = limits.probe(run, make=False)
    settings = {
        "url": public,
        "local_url": f"http://127.0.0.1:{args.port}",
        "link": pull_link(public, repo, branch, folder),
        "admin": f"{public}/hub/admin",
        "repo": repo,
        "branch": branch,
        "folder": folder,
        "run": run,
        "port": args.port,
        "mem_limit": args.mem,
        "cpu_limit": args.cpu,
        "spawn_limit": args.spawn_limit,
        "cull_timeout": args.cull,
        "limits": groups.describe(mem, args.cpu),
        "users": who,
        "state": str(state),
    }
    (state / "settings.json").write_text(json.dumps(settings, indent=1) + "\n")
    print(
        f"""
The workshop hub is up (pid {hub.pid}), listening on {args.ip}:{args.port}.

  Hand out this link (it logs in, pulls the course into each home and opens Lab 0):
    {settings["link"]}
  Workshop code (write it on the board; any name + this code logs in): {code}
  Admin page: {settings["admin"]}  (name: instructor, code in {state / "admin-code"})

  Course pulled from {repo} (branch {branch}); committed work only.
  {settings["limits"]}; culled after {args.cull} s idle; {args.spawn_limit} spawns at once.
  {who}.
  Log: {state / "hub.log"}. Stop everything: make hub-stop
"""
    )
    return settings


def _bytes(spec: str) -> int:
    units = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    spec = spec.strip().upper()
    if spec and spec[-1] in units:
        return int(float(spec[:-1]) * units[spec[-1]])
    return int(spec)


def stop(args: argparse.Namespace) -> int:
    """Stop the hub (which stops the learners' servers and the proxy), then whatever is left."""
    state = Path(args.state).resolve()
    quiet = getattr(args, "quiet", False)
    run_file = state / "run-id"
    if not run_file.exists():
        if not quiet:
            print(f"No hub state in {state}: nothing to stop.")
        return 0
    run = run_file.read_text().strip()
    hub = _read_pid(state / "hubctl.pid")
    if hub and _alive(hub):
        os.kill(hub, signal.SIGTERM)  # the hub stops its services, servers and proxy
        deadline = time.monotonic() + 60
        while _alive(hub) and time.monotonic() < deadline:
            try:  # reap it if it is our child (the test and load drivers start it)
                os.waitpid(hub, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.2)
    swept = 0
    for sig in (signal.SIGTERM, signal.SIGKILL):  # anything the hub did not stop in time
        left = marked(run)
        swept += len(left)
        for pid in left:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while marked(run) and time.monotonic() < deadline:
            time.sleep(0.2)
    limits.remove(limits.probe(run, make=False))
    left = marked(run)
    for name in ("hubctl.pid", "run-id", "settings.json"):
        (state / name).unlink(missing_ok=True)
    if left:
        print(f"Processes of the hub that would not stop: {left}", file=sys.stderr)
        return 1
    if not quiet:
        late = f" ({swept} ended by hubctl after the hub's own stop)" if swept else ""
        print(f"The hub and everything it started have stopped{late}; no process is left.")
    return 0


def status(args: argparse.Namespace) -> int:
    state = Path(args.state).resolve()
    settings_file = state / "settings.json"
    hub = _read_pid(state / "hubctl.pid")
    if not (hub and _alive(hub) and settings_file.exists()):
        print("No hub is running.")
        return 1
    settings = json.loads(settings_file.read_text())
    print(f"Running (pid {hub}): {settings['link']}\nAdmin: {settings['admin']}")
    return 0


def link(args: argparse.Namespace) -> int:
    """The link for a hub elsewhere: the published repository, unless told otherwise."""
    hub = args.hub.rstrip("/")
    if not hub.startswith(("http://", "https://")):
        raise HubError(f"--hub {args.hub!r}: give the hub's address, starting https://")
    repo = args.repo or repository_url()
    print(pull_link(hub, repo, args.branch or repository_branch(), course_folder()))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hubctl.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    go = sub.add_parser("start")
    go.add_argument("--port", type=int, default=8000)
    go.add_argument("--ip", default="127.0.0.1")
    go.add_argument("--public-url", default="", help="the address learners type, if not ip:port")
    go.add_argument("--repo", default=None, help="path or URL to pull, or 'origin'")
    go.add_argument("--branch", default=None)
    go.add_argument("--code", default=None, help="the workshop code (default: generated)")
    go.add_argument("--mem", default="1G")
    go.add_argument("--cpu", type=float, default=1.0)
    go.add_argument("--spawn-limit", type=int, default=4)
    go.add_argument("--cull", type=int, default=3600)
    go.add_argument("--uid-base", type=int, default=40000, help="as root: learner N's user id")
    go.add_argument("--wait", type=float, default=90, help="seconds to wait for the hub")
    other = sub.add_parser("link")
    other.add_argument("--hub", required=True, help="the hub's address, e.g. https://...")
    other.add_argument("--repo", default=None, help="default: repository.url in _config.yml")
    other.add_argument("--branch", default=None, help="default: repository.branch")
    for name in ("start", "stop", "status"):
        (go if name == "start" else sub.add_parser(name)).add_argument(
            "--state", default=str(ROOT / ".hub")
        )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "start":
            start(args)
            return 0
        if args.command == "stop":
            return stop(args)
        if args.command == "link":
            return link(args)
        return status(args)
    except HubError as exc:
        print(f"hub: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
