"""Record before you migrate: freeze a golden set from the current model, compare a replacement.

A hosted fine-tune can be retired on a date the provider picks. Before that
happens, record what it does today: the test inputs, the reference answers and
the current model's outputs, each with a hash and the date, in a new JSONL file.
When a replacement is ready, score it against that file with the same paired
comparison the course uses everywhere else. Nothing here edits an existing file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import FtlibError, check_date
from .comparison import PairedComparison, compare_models
from .metrics import exact_match

__all__ = [
    "GoldenItem",
    "GoldenSet",
    "MigrationReport",
    "freeze_golden_set",
    "load_golden_set",
    "compare_to_golden",
    "json_field",
]


def _sha256(text: str) -> str:
    """Hex SHA-256 of a string's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class GoldenItem:
    """One recorded test item: its input, the reference answer and the old model's output."""

    id: str
    input: str
    reference: str
    output: str

    def to_record(self, model: str, recorded_on: str) -> dict[str, str]:
        """The JSON object written for this item, hashes included."""
        return {
            "id": self.id,
            "input": self.input,
            "reference": self.reference,
            "output": self.output,
            "input_sha256": _sha256(self.input),
            "output_sha256": _sha256(self.output),
            "model": model,
            "recorded_on": recorded_on,
        }


@dataclass(frozen=True)
class GoldenSet:
    """A frozen test set with the outputs one model gave on one date."""

    model: str
    recorded_on: str
    items: tuple[GoldenItem, ...]

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return (
            f"GoldenSet(model={self.model!r}, recorded_on={self.recorded_on!r}, items={len(self)})"
        )


@dataclass(frozen=True)
class MigrationReport:
    """A replacement model against the recorded one, on the golden inputs.

    ``unchanged_share`` is the share of outputs identical (after normalising
    case and spacing) to the recorded ones; ``comparison`` is the paired
    comparison of their answers against the references; ``changed_ids`` lists
    the items whose output changed, to be read first.
    """

    old_model: str
    new_model: str
    recorded_on: str
    n_items: int
    unchanged_share: float
    comparison: PairedComparison
    changed_ids: tuple[str, ...]

    def summary(self) -> str:
        """Two sentences for a migration review."""
        c = self.comparison
        return (
            f"{self.new_model} against {self.old_model} as recorded on {self.recorded_on}, "
            f"{self.n_items} items: {self.unchanged_share:.0%} of outputs unchanged. "
            f"Against the references it scores {c.candidate_score:.1%} versus "
            f"{c.baseline_score:.1%} ({c.outcome})."
        )


def freeze_golden_set(
    path: str | Path,
    inputs: Sequence[str],
    references: Sequence[str],
    outputs: Sequence[str],
    *,
    model: str,
    recorded_on: str | _dt.date,
    ids: Sequence[str] | None = None,
) -> GoldenSet:
    """Write a new JSONL golden set: one line per item with its hashes, the model and the date.

    Refuses to overwrite: ``path`` must not exist yet, so a recorded set is never
    changed after the fact (record again under a new name instead).

    Parameters
    ----------
    path
        The new file to create.
    inputs, references, outputs
        Test inputs, their reference answers and the current model's outputs, in
        the same order.
    model
        The model that produced ``outputs`` (an id you can look up later).
    recorded_on
        The date the outputs were produced (ISO date).
    ids
        Item ids; ``"g0000"``, ``"g0001"``... when omitted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> golden = freeze_golden_set(folder / "golden.jsonl", ["2+2?"], ["4"], ["4"],
    ...                            model="ft:gpt-4.1-mini:acme", recorded_on="2026-12-02")
    >>> golden
    GoldenSet(model='ft:gpt-4.1-mini:acme', recorded_on='2026-12-02', items=1)
    """
    path = Path(path)
    if path.exists():
        raise FtlibError("path", str(path), "a file that does not exist yet", "choose a new name")
    n = len(inputs)
    if n == 0:
        raise FtlibError("inputs", [], "at least one test input")
    for name, values in (("references", references), ("outputs", outputs)):
        if len(values) != n:
            raise FtlibError(name, f"{len(values)} items", f"{n}, one per input")
    ids = list(ids) if ids is not None else [f"g{i:04d}" for i in range(n)]
    if len(ids) != n or len(set(ids)) != n:
        raise FtlibError("ids", f"{len(set(ids))} distinct of {len(ids)}", f"{n} distinct ids")
    for name, values in (("inputs", inputs), ("references", references), ("outputs", outputs)):
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise FtlibError(f"{name}[{i}]", value, "a string")
    if not isinstance(model, str) or not model.strip():
        raise FtlibError("model", model, "the id of the model that wrote the outputs")
    day = check_date("recorded_on", recorded_on).isoformat()
    items = tuple(GoldenItem(*row) for row in zip(ids, inputs, references, outputs, strict=True))
    lines = [json.dumps(item.to_record(model, day), ensure_ascii=False) for item in items]
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write("\n".join(lines) + "\n")
    return GoldenSet(model, day, items)


def load_golden_set(path: str | Path) -> GoldenSet:
    """Read a golden set back and check every hash, so an edited file is caught.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> _ = freeze_golden_set(p, ["a"], ["x"], ["x"], model="m", recorded_on="2026-12-02")
    >>> load_golden_set(p).items[0].output
    'x'
    """
    path = Path(path)
    if not path.is_file():
        raise FtlibError("path", str(path), "an existing golden-set file")
    items, models, days = [], set(), set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            item = GoldenItem(record["id"], record["input"], record["reference"], record["output"])
            hashes = (record["input_sha256"], record["output_sha256"])
            models.add(record["model"])
            days.add(record["recorded_on"])
        except (ValueError, KeyError, TypeError) as error:
            raise FtlibError(f"line {number}", line[:60], "a golden-set record") from error
        if hashes != (_sha256(item.input), _sha256(item.output)):
            raise FtlibError(
                f"line {number}",
                item.id,
                "input and output matching their recorded hashes",
                "the file was edited after it was recorded",
            )
        items.append(item)
    if not items:
        raise FtlibError("path", str(path), "a file with at least one record")
    if len(models) != 1 or len(days) != 1:
        raise FtlibError("path", str(path), "one model and one date per golden set")
    return GoldenSet(models.pop(), days.pop(), tuple(items))


def compare_to_golden(
    golden: GoldenSet,
    new_outputs: Sequence[str],
    *,
    new_model: str,
    parse: Callable[[str], object] | None = None,
    seed: int = 0,
) -> MigrationReport:
    """Score a replacement model's outputs on the golden inputs against the recorded model.

    ``parse`` turns a raw output into the answer compared with the reference
    (for example the queue named in a JSON reply; ``None`` when it cannot be
    read, which counts as wrong); without it outputs are compared as text.
    The accuracy comparison is :func:`ftlib.compare_models`, paired on the items.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> golden = freeze_golden_set(p, ["q1", "q2"], ["a", "b"], ["a", "c"],
    ...                            model="old", recorded_on="2026-12-02")
    >>> report = compare_to_golden(golden, ["a", "b"], new_model="new")
    >>> report.changed_ids, report.comparison.candidate_score
    (('g0001',), 1.0)
    """
    if len(new_outputs) != len(golden):
        raise FtlibError("new_outputs", f"{len(new_outputs)} items", f"{len(golden)}, one per item")
    for i, value in enumerate(new_outputs):
        if not isinstance(value, str):
            raise FtlibError(f"new_outputs[{i}]", value, "a string")
    old = [item.output for item in golden.items]
    same = [exact_match([a], [b]) == 1.0 for a, b in zip(old, new_outputs, strict=True)]
    read = parse or (lambda text: text.strip())
    refs = [read(item.reference) if parse is None else item.reference for item in golden.items]
    comparison = compare_models(
        refs, [read(o) for o in old], [read(o) for o in new_outputs], seed=seed
    )
    return MigrationReport(
        old_model=golden.model,
        new_model=new_model,
        recorded_on=golden.recorded_on,
        n_items=len(golden),
        unchanged_share=sum(same) / len(same),
        comparison=comparison,
        changed_ids=tuple(item.id for item, s in zip(golden.items, same, strict=True) if not s),
    )


def json_field(name: str) -> Callable[[str], object]:
    """A parser for :func:`compare_to_golden`: the value of ``name`` in a JSON object output.

    The parser returns ``None`` (no usable answer) when the output is not a JSON
    object or lacks the field.

    Examples
    --------
    >>> queue = json_field("queue")
    >>> queue('{"queue": "billing"}'), queue("billing")
    ('billing', None)
    """
    if not isinstance(name, str) or not name:
        raise FtlibError("name", name, "the name of a field in the JSON output")

    def parse(text: str) -> object:
        try:
            value = json.loads(text)
        except ValueError:
            return None
        return value.get(name) if isinstance(value, dict) else None

    return parse
