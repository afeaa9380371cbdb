"""The workshop hub's spawner: one process per learner, with a home, a user id and limits.

JupyterHub's ``SimpleLocalProcessSpawner`` starts each learner's server as a local process with
a home folder made from a template and no system account. This one adds what a room needs:

- when the hub runs as root, each learner's server (and its kernels) runs under a user id of
  its own (``uid_base`` + the hub's user number, no entry in /etc/passwd needed), in a home
  only that id can read, so learners neither run as root nor read each other's work;
- the memory and CPU limits JupyterHub's ``mem_limit`` and ``cpu_limit`` describe, enforced
  through cgroups (``limits.py``); a local spawner otherwise only passes them on as figures;
- at stop, anything left in the learner's groups (a kernel that outlived its server) is ended
  and the groups are removed.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Integer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import limits  # noqa: E402

GROUPS = limits.Groups("none", reason="not probed")


class RoomSpawner(SimpleLocalProcessSpawner):
    uid_base = Integer(
        40000,
        config=True,
        help="As root, learner N's server runs as user id uid_base + N (0 keeps the hub's id).",
    )

    def _uid(self) -> int | None:
        if os.geteuid() != 0 or self.uid_base == 0:
            return None
        return int(self.uid_base + self.user.id)

    def _group_name(self) -> str:
        return f"u{self.user.id}"

    def get_args(self):
        args = super().get_args()
        if os.geteuid() == 0 and self._uid() is None:
            args.append("--allow-root")  # the hub's choice, said in its banner
        return args

    async def start(self):
        home = Path(self.home_dir)
        home.mkdir(parents=True, exist_ok=True)
        uid = self._uid()
        if uid is not None:
            os.chown(home, uid, uid)
            home.chmod(0o700)
        self._join = limits.create(
            GROUPS, self._group_name(), int(self.mem_limit or 0), float(self.cpu_limit or 1)
        )
        return await super().start()

    def make_preexec_fn(self, name):
        home = self.home_dir
        uid = self._uid()
        join = list(getattr(self, "_join", []))

        def preexec():
            limits.join(join)  # as root, before giving up root
            if uid is not None:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
            os.chdir(home)

        return preexec

    async def stop(self, now=False):
        await super().stop(now=now)
        self._end_leftovers()

    def _end_leftovers(self) -> None:
        """End what is still in this learner's groups, then remove them."""
        if GROUPS.kind == "none" or GROUPS.memory is None:
            return
        procs = GROUPS.memory / self._group_name() / "cgroup.procs"
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = [int(p) for p in procs.read_text().split()] if procs.exists() else []
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 3
            while pids and time.monotonic() < deadline:
                if not (procs.exists() and procs.read_text().split()):
                    break
                time.sleep(0.1)
        for parent in {GROUPS.memory, GROUPS.cpu} - {None}:
            assert parent is not None
            try:
                (parent / self._group_name()).rmdir()
            except OSError:
                pass
