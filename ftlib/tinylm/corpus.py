"""The pretraining corpus: licence-clean text that is on every machine, nothing downloaded.

Six sources, each built here from files or code already present:

- ``course``: the course's own prose (the Markdown of ``chapters/``, ``labs/``,
  ``intro.md`` and ``README.md``), CC BY 4.0, the course's contributors.
- ``stdlib``: docstrings of a fixed list of Python standard-library modules, from the
  running interpreter, under the PSF License Agreement (Python Software Foundation).
- ``tickets``: the course's synthetic support tickets (``ftlib/data/eval``, made by
  ``generate_tickets.py``) as JSON lines, MIT, the course's contributors.
- ``general``: the general tasks of :mod:`ftlib.experiments.tasks` (sentiment, intent, topic) as
  ``task: text => label`` lines, the skills forgetting is measured on; MIT.
- ``calendar``: sentences about the order of weekdays and months, a little world
  knowledge the base should keep after tuning; MIT (generated here).
- ``reading``: short notes about invented things followed by a question the note
  answers, and lines to copy: the skill of reading the prompt, which retrieval relies
  on; MIT (generated here). Its invented names have three vowels, the experiments'
  products two, so no product of :mod:`ftlib.tinylm.tasks` appears in pretraining.

Each source's last 5% is held out from training.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import sys
import warnings
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import numpy as np

from ..experiments.tasks import GENERAL_TASKS, general_examples
from .text import encode, to_ascii

__all__ = [
    "SOURCES",
    "Source",
    "build_corpus",
    "DAYS",
    "MONTHS",
    "calendar_facts",
    "general_line",
    "reading_text",
]

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = 0.05
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_STDLIB = (
    "abc",
    "argparse",
    "base64",
    "bisect",
    "calendar",
    "collections",
    "contextlib",
    "copy",
    "csv",
    "dataclasses",
    "datetime",
    "decimal",
    "difflib",
    "email.message",
    "enum",
    "fractions",
    "functools",
    "glob",
    "gzip",
    "hashlib",
    "heapq",
    "html",
    "http.client",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "logging",
    "math",
    "mimetypes",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "pprint",
    "queue",
    "random",
    "re",
    "sched",
    "secrets",
    "shlex",
    "shutil",
    "socket",
    "statistics",
    "string",
    "struct",
    "subprocess",
    "tarfile",
    "tempfile",
    "textwrap",
    "threading",
    "timeit",
    "tokenize",
    "traceback",
    "typing",
    "unittest",
    "urllib.parse",
    "uuid",
    "warnings",
    "weakref",
    "zipfile",
)


@dataclass(frozen=True)
class Source:
    """One part of the corpus: its text, where it came from and under which licence."""

    name: str
    text: str
    origin: str
    licence: str
    weight: float  # share of pretraining batches drawn from it

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    def split(self) -> tuple[np.ndarray, np.ndarray]:
        """Token ids for training and for the held-out tail."""
        ids = encode(self.text)
        cut = int(len(ids) * (1 - HELD_OUT))
        return ids[:cut], ids[cut:]


def _notebook_markdown(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def course_text() -> str:
    """The course's prose, file by file in sorted order."""
    parts = []
    for folder in ("chapters", "labs"):
        for path in sorted((ROOT / folder).iterdir()):
            if path.suffix == ".ipynb":
                parts.append(_notebook_markdown(path))
            elif path.suffix == ".md":
                parts.append(path.read_text(encoding="utf-8"))
    parts += [(ROOT / name).read_text(encoding="utf-8") for name in ("intro.md", "README.md")]
    return to_ascii("\n\n".join(parts))


def stdlib_text() -> str:
    """Docstrings of the modules in ``_STDLIB``, and of their public classes and functions."""
    docs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in _STDLIB:
            module = import_module(name)
            docs.append(inspect.getdoc(module) or "")
            for attr in sorted(getattr(module, "__all__", None) or dir(module)):
                obj = getattr(module, attr, None)
                if attr.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                    continue
                doc = inspect.getdoc(obj) if inspect.isclass(obj) or callable(obj) else None
                if doc:
                    docs.append(f"{attr}: {doc}")
    return to_ascii("\n\n".join(d for d in docs if d))


def tickets_text() -> str:
    """The synthetic training tickets as JSON lines (queue, priority, text)."""
    lines = []
    path = ROOT / "ftlib" / "data" / "eval" / "tickets_train.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        row = {"queue": t["queue"], "priority": t["priority"], "text": t["text"]}
        lines.append(json.dumps(row))
    return to_ascii("\n".join(lines))


def general_line(task: str, text: str, label: str) -> str:
    """One line of a general task as the corpus writes it.

    Examples
    --------
    >>> general_line("sentiment", "the app was awful", "negative")
    'sentiment: the app was awful => negative'
    """
    return f"{task}: {text} => {label}"


def general_text(n: int = 4000, seed: int = 0) -> str:
    """``n`` lines of each general task of :mod:`ftlib.experiments.tasks`, shuffled together."""
    lines = []
    for k, task in enumerate(GENERAL_TASKS):
        data = general_examples(task, n, seed=seed + k)
        lines += [
            general_line(task, t, data.label_names[y])
            for t, y in zip(data.texts, data.labels, strict=True)
        ]
    order = np.random.default_rng(seed).permutation(len(lines))
    return "\n".join(lines[i] for i in order)


def calendar_facts() -> list[tuple[str, str]]:
    """Every (prompt, answer) pair about the order of days and months.

    Examples
    --------
    >>> calendar_facts()[0]
    ('The day after Monday is', ' Tuesday.')
    """
    facts = []
    for names, kind in ((DAYS, "day"), (MONTHS, "month")):
        n = len(names)
        for i, name in enumerate(names):
            facts.append((f"The {kind} after {name} is", f" {names[(i + 1) % n]}."))
            facts.append((f"The {kind} before {name} is", f" {names[(i - 1) % n]}."))
    return facts


def calendar_text(n: int = 6000, seed: int = 0) -> str:
    """``n`` calendar sentences drawn at random from :func:`calendar_facts`."""
    facts = calendar_facts()
    rng = np.random.default_rng(seed)
    return "\n".join("".join(facts[i]) for i in rng.integers(len(facts), size=n))


_R_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z")
_R_THINGS = ("clock", "chair", "cup", "bike", "coat", "box", "pen", "rug", "vase", "tent")
_R_COLOURS = ("red", "blue", "green", "black", "white", "yellow", "grey", "pink", "brown")


def _reading_name(rng: np.random.Generator) -> str:
    return "".join(
        rng.choice(_R_ONSETS) + rng.choice(("a", "e", "i", "o", "u")) for _ in range(3)
    ).capitalize()


def reading_text(n: int = 6000, seed: int = 0) -> str:
    """``n`` short passages: a note, a question about it and the answer read from the note.

    Examples
    --------
    >>> print(reading_text(1, seed=3))  # doctest: +ELLIPSIS
    Note: The ...
    """
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        name = f"{_reading_name(rng)} {rng.choice(_R_THINGS)}"
        colour, years, price = (
            rng.choice(_R_COLOURS),
            int(rng.integers(1, 10)),
            int(rng.integers(2, 99)),
        )
        kind = rng.integers(4)
        if kind == 3:
            words = " ".join(_reading_name(rng) for _ in range(rng.integers(1, 4)))
            out.append(f"Copy: {words}\n{words}")
            continue
        note = f"Note: The {name} is {colour}, costs {price} dollars and lasts {years} years."
        if kind == 0:
            qa = f"Q: What colour is the {name}?\nA: The {name} is {colour}."
        elif kind == 1:
            qa = f"Q: How much does the {name} cost?\nA: The {name} costs {price} dollars."
        else:
            qa = f"Q: How long does the {name} last?\nA: The {name} lasts {years} years."
        out.append(f"{note}\n{qa}")
    return "\n".join(out)


def build_corpus() -> list[Source]:
    """The five sources, in a fixed order, with their weights in pretraining."""
    py = f"Python {sys.version_info.major}.{sys.version_info.minor}"
    return [
        Source(
            "course",
            course_text(),
            "chapters/, labs/, intro.md, README.md (Markdown)",
            "CC BY 4.0, When to Fine-Tune contributors",
            0.30,
        ),
        Source(
            "stdlib",
            stdlib_text(),
            f"docstrings of {len(_STDLIB)} standard-library modules, {py}",
            "PSF License Agreement, Python Software Foundation",
            0.20,
        ),
        Source(
            "tickets",
            tickets_text(),
            "ftlib/data/eval/tickets_train.jsonl (generate_tickets.py)",
            "MIT, When to Fine-Tune contributors",
            0.12,
        ),
        Source(
            "general",
            general_text(),
            "ftlib.experiments.tasks.general_examples (sentiment, intent, topic)",
            "MIT, When to Fine-Tune contributors",
            0.12,
        ),
        Source(
            "calendar",
            calendar_text(),
            "ftlib.tinylm.corpus.calendar_text",
            "MIT, When to Fine-Tune contributors",
            0.08,
        ),
        Source(
            "reading",
            reading_text(),
            "ftlib.tinylm.corpus.reading_text",
            "MIT, When to Fine-Tune contributors",
            0.18,
        ),
    ]


SOURCES = ("course", "stdlib", "tickets", "general", "calendar", "reading")
