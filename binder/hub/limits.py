"""Per-learner memory and CPU limits for the workshop hub, through the kernel's cgroups.

Each learner's server (and every kernel it starts, which inherits the group) runs in a cgroup
of its own under the hub's: ``memory`` caps resident memory (the kernel's OOM killer then ends
a runaway kernel, which JupyterLab offers to restart, instead of the machine swapping), and
``cpu`` gives every learner an equal share and at most ``cpu_limit`` cores. Both the cgroup v1
layout (one hierarchy per controller, as on this machine) and v2 (one unified tree) are
handled; writing to cgroups needs root. Without them nothing is enforced and :func:`probe`
says so, so the hub prints the fact rather than claiming a limit it does not have.

Nothing here imports JupyterHub: the hub's spawner (``roomspawner.py``), ``hubctl.py`` (which
removes the groups at stop) and the tests share it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
CFS_PERIOD_US = 100_000


@dataclass(frozen=True)
class Groups:
    """Where the hub's cgroups live: ``kind`` is "v1", "v2" or "none"."""

    kind: str
    memory: Path | None = None
    cpu: Path | None = None
    reason: str = ""

    def describe(self, mem_bytes: int, cpu_limit: float) -> str:
        """One line for the hub's banner: what is enforced, and how."""
        if self.kind == "none":
            return f"per-learner limits NOT enforced ({self.reason})"
        gib = mem_bytes / 2**30
        return (
            f"per-learner limits enforced by cgroup {self.kind}: memory {gib:g} GiB, "
            f"at most {cpu_limit:g} core(s), equal CPU shares"
        )


def _own_path(controller: str, proc_cgroup: str) -> str | None:
    """This process's group for ``controller`` in /proc/self/cgroup ("" key = v2)."""
    for line in proc_cgroup.splitlines():
        _, names, path = line.split(":", 2)
        if controller in names.split(",") or (controller == "" and names == ""):
            return path
    return None


def probe(
    run: str, root: Path = CGROUP_ROOT, proc_cgroup: str | None = None, make: bool = True
) -> Groups:
    """Find (and, with ``make``, create) the parent groups ``fthub-<run>`` of this hub's learners.

    The parents sit under this process's own groups, so the learners stay inside whatever
    limits the machine already puts on the hub. ``make=False`` (for ``hubctl.py stop``) only
    names them.
    """
    if proc_cgroup is None:
        proc_cgroup = Path("/proc/self/cgroup").read_text()
    name = f"fthub-{run}"
    if (root / "memory").is_dir() and (root / "cpu").is_dir():
        mem_own = _own_path("memory", proc_cgroup)
        cpu_own = _own_path("cpu", proc_cgroup)
        if mem_own is None or cpu_own is None:
            return Groups("none", reason="no memory/cpu cgroup v1 entry in /proc/self/cgroup")
        memory = root / "memory" / mem_own.lstrip("/") / name
        cpu = root / "cpu" / cpu_own.lstrip("/") / name
        try:
            if make:
                memory.mkdir(exist_ok=True)
                cpu.mkdir(exist_ok=True)
        except OSError as exc:
            return Groups("none", reason=f"cannot create cgroups ({exc.strerror}; needs root)")
        return Groups("v1", memory=memory, cpu=cpu)
    if (root / "cgroup.controllers").is_file():
        own = _own_path("", proc_cgroup) or "/"
        parent = root / own.lstrip("/")
        group = parent / name
        try:
            wanted = {"memory", "cpu"}
            if not wanted <= set((parent / "cgroup.controllers").read_text().split()):
                return Groups("none", reason="cgroup v2 without the memory and cpu controllers")
            if make:
                group.mkdir(exist_ok=True)
                (group / "cgroup.subtree_control").write_text("+memory +cpu")
        except OSError as exc:
            return Groups("none", reason=f"cannot use cgroup v2 ({exc.strerror}; needs root)")
        return Groups("v2", memory=group, cpu=group)
    return Groups("none", reason=f"no cgroup filesystem at {root}")


def create(groups: Groups, user: str, mem_bytes: int, cpu_limit: float) -> list[Path]:
    """Make one learner's groups with its limits; returns the ``cgroup.procs`` files to join."""
    if groups.kind == "none" or groups.memory is None or groups.cpu is None:
        return []
    quota = int(cpu_limit * CFS_PERIOD_US)
    mem = groups.memory / user
    cpu = groups.cpu / user
    mem.mkdir(exist_ok=True)
    cpu.mkdir(exist_ok=True)
    if groups.kind == "v1":
        (mem / "memory.limit_in_bytes").write_text(str(mem_bytes))
        (cpu / "cpu.shares").write_text("1024")
        (cpu / "cpu.cfs_period_us").write_text(str(CFS_PERIOD_US))
        (cpu / "cpu.cfs_quota_us").write_text(str(quota))
        return [mem / "cgroup.procs", cpu / "cgroup.procs"]
    (mem / "memory.max").write_text(str(mem_bytes))
    if (mem / "memory.swap.max").exists():
        (mem / "memory.swap.max").write_text("0")
    (cpu / "cpu.weight").write_text("100")
    (cpu / "cpu.max").write_text(f"{quota} {CFS_PERIOD_US}")
    return [mem / "cgroup.procs"]


def join(procs_files: list[Path]) -> None:
    """Move the calling process into the groups (run in the child, before exec)."""
    for procs in procs_files:
        procs.write_text(str(os.getpid()))


def members(groups: Groups) -> set[int]:
    """Every process id in any learner group of this hub."""
    found: set[int] = set()
    for parent in {groups.memory, groups.cpu} - {None}:
        assert parent is not None
        for procs in parent.glob("*/cgroup.procs"):
            try:
                found |= {int(p) for p in procs.read_text().split()}
            except OSError:
                continue
    return found


def peak_bytes(groups: Groups, user: str) -> int | None:
    """The most memory the learner's group has held (v1 ``max_usage``, v2 ``memory.peak``)."""
    if groups.memory is None:
        return None
    for name in ("memory.max_usage_in_bytes", "memory.peak"):
        path = groups.memory / user / name
        if path.exists():
            return int(path.read_text().split()[0])
    return None


def remove(groups: Groups) -> None:
    """Remove the (empty) learner groups and their parents; a group still in use stays."""
    for parent in {groups.memory, groups.cpu} - {None}:
        assert parent is not None
        for child in [c for c in parent.iterdir() if c.is_dir()] if parent.is_dir() else []:
            try:
                child.rmdir()
            except OSError:
                pass
        try:
            parent.rmdir()
        except OSError:
            pass
