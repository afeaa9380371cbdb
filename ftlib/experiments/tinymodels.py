"""Tiny numpy models that can be pre-trained, fine-tuned and adapted in well under a second.

A text becomes a hashed bag of words and character trigrams. One shared hidden
layer (``tanh(x @ W + b)``) plays the part of a base model's weights; each task
reads it through its own small head. ``PretrainedBase`` learns the general
tasks; ``TunedModel`` adds a head for the narrow task and trains it by full
fine-tuning (every weight moves), by a low-rank adapter (``W + A @ B`` with
``W`` frozen: the LoRA idea) or by the head alone. ``FewShotBaseline`` stands
in for a prompted model that sees only a few examples per label.

The API follows scikit-learn: constructors store parameters, ``fit`` returns
``self``, learned attributes end in ``_``, randomness comes from ``seed``.
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..core.errors import FtlibError, check_choice, check_int, check_number, shown
from .tasks import TextDataset

__all__ = ["hash_features", "PretrainedBase", "TunedModel", "FewShotBaseline", "TUNING_METHODS"]

TUNING_METHODS: tuple[str, ...] = ("full", "adapter", "head")
_TOKEN = re.compile(r"[a-z0-9$#?!']+")


@lru_cache(maxsize=200_000)
def _token_columns(token: str, n_features: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Hashed columns of a word and its character trigrams (stable across runs, unlike ``hash``)
    and their weights: the whole word counts more than any one of its trigrams."""
    padded = f"<{token}>"
    grams = [f"w:{token}"] + [f"c:{padded[i : i + 3]}" for i in range(len(padded) - 2)]
    cols = tuple(zlib.crc32(g.encode()) % n_features for g in grams)
    return cols, (2.0,) + (0.5,) * (len(cols) - 1)


MAX_FEATURES = 2**20  # hashed columns; the course's models use 512 to 4,096
_MAX_CELLS = 50_000_000  # a dense matrix of at most 400 MB
_ROW_CACHE = 16_384  # texts whose hashed row is remembered: 1-2 kB each, at most ~30 MB
# (text, n_features) -> the nonzero columns of the text's unit row and their values, least
# recently used first. The experiments score the same test sets and train on the same tickets
# again and again; remembering each text's row spares hashing it again.
_rows: OrderedDict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = OrderedDict()


def _hash_rows(texts: list[str], n_features: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each new text's unit row (sparse: columns and values), hashed for all texts at once.

    Counts are multiples of 0.5, so their sums, squares and norms are exact in any order: a
    row is the same bit for bit whichever batch it was hashed in.
    """
    cols: list[int] = []
    vals: list[float] = []
    lengths = []
    for text in texts:
        before = len(cols)
        for token in _TOKEN.findall(text.lower()):
            c, v = _token_columns(token, n_features)
            cols += c
            vals += v
        lengths.append(len(cols) - before)
    keys = np.repeat(np.arange(len(texts), dtype=np.int64), lengths) * n_features
    keys += np.asarray(cols, dtype=np.int64)
    cells, where = np.unique(keys, return_inverse=True)
    summed = np.bincount(where, weights=vals, minlength=len(cells)).astype(float, copy=False)
    owner = cells // n_features
    norms = np.sqrt(np.bincount(owner, weights=summed * summed, minlength=len(texts)))
    summed /= norms[owner]
    columns = (cells % n_features).astype(np.int32)  # n_features <= 2**20
    bounds = np.searchsorted(owner, np.arange(len(texts) + 1))
    out = []
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        row_cols, row_vals = columns[start:stop].copy(), summed[start:stop].copy()
        row_cols.setflags(write=False)
        row_vals.setflags(write=False)
        out.append((row_cols, row_vals))
    return out


def _text_rows(texts: Sequence[str], n_features: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The rows of ``texts``: remembered ones looked up, the others hashed and remembered."""
    found: list[tuple[np.ndarray, np.ndarray] | None] = []
    missing: dict[str, None] = {}
    for text in texts:
        row = _rows.get((text, n_features))
        if row is None:
            missing[text] = None
        else:
            _rows.move_to_end((text, n_features))
        found.append(row)
    if missing:
        new = dict(zip(missing, _hash_rows(list(missing), n_features), strict=True))
        for text, row in new.items():
            _rows[(text, n_features)] = row
        while len(_rows) > _ROW_CACHE:
            _rows.popitem(last=False)
        return [new[text] if row is None else row for text, row in zip(texts, found, strict=True)]
    return found  # type: ignore[return-value]  # every row was found


def hash_features(texts: Sequence[str], n_features: int = 1024) -> np.ndarray:
    """Rows of hashed word and trigram counts, each scaled to unit length.

    Examples
    --------
    >>> X = hash_features(["cant login", "cannot log in"], n_features=256)
    >>> X.shape, bool(np.allclose(np.linalg.norm(X, axis=1), 1.0))
    ((2, 256), True)
    """
    n_features = check_int("n_features", n_features, minimum=16, maximum=MAX_FEATURES)
    if isinstance(texts, str) or not isinstance(texts, Sequence):
        raise FtlibError("texts", shown(texts), "a list of strings")
    cells = len(texts) * n_features
    if cells > _MAX_CELLS:
        raise FtlibError(
            "n_features",
            n_features,
            f"at most {_MAX_CELLS // max(len(texts), 1):,} for {len(texts):,} texts",
            "the dense feature matrix would not fit in memory",
        )
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise FtlibError(f"texts[{i}]", text, "a string")
    rows = _text_rows(texts, n_features)
    X = np.zeros((len(texts), n_features))
    if rows:
        lengths = [len(cols) for cols, _ in rows]
        X[
            np.repeat(np.arange(len(rows)), lengths),
            np.concatenate([cols for cols, _ in rows]),
        ] = np.concatenate([vals for _, vals in rows])
    return X


@dataclass
class _Net:
    """The weights: shared layer ``W, b``, optional adapter ``A, B``, one head per task."""

    W: np.ndarray
    b: np.ndarray
    heads: dict[str, list[np.ndarray]] = field(default_factory=dict)
    A: np.ndarray | None = None
    B: np.ndarray | None = None

    def copy(self) -> _Net:
        return _Net(
            self.W.copy(),
            self.b.copy(),
            {k: [v.copy() for v in vs] for k, vs in self.heads.items()},
            None if self.A is None else self.A.copy(),
            None if self.B is None else self.B.copy(),
        )

    def hidden(self, X: np.ndarray) -> np.ndarray:
        Z = X @ self.W + self.b
        if self.A is not None:
            Z = Z + (X @ self.A) @ self.B
        return np.tanh(Z)

    def logits(self, X: np.ndarray, task: str) -> np.ndarray:
        V, c = self.heads[task]
        return self.hidden(X) @ V + c


def _grads(
    net: _Net,
    parts: list[tuple[np.ndarray, np.ndarray, str]],
    n_total: int,
    trainable: set[str] | frozenset[str] | None = None,
) -> dict[str, np.ndarray]:
    """Gradients of the mean cross-entropy over all rows of ``parts`` (one part per task head).

    Only the parameters in ``trainable`` (all of them when it is ``None``) get a gradient: a
    frozen shared layer or adapter costs no work.
    """
    X = parts[0][0] if len(parts) == 1 else np.vstack([part[0] for part in parts])
    bounds = np.cumsum([0] + [len(part[1]) for part in parts])
    return _batch_grads(
        net,
        X,
        [(slice(bounds[i], bounds[i + 1]), y, task) for i, (_, y, task) in enumerate(parts)],
        n_total,
        trainable,
    )


def _batch_grads(
    net: _Net,
    X: np.ndarray,
    parts: list[tuple[slice, np.ndarray, str]],
    n_total: int,
    trainable: set[str] | frozenset[str] | None,
) -> dict[str, np.ndarray]:
    """:func:`_grads` for one batch whose task parts are consecutive row ranges of ``X``.

    The shared layer is computed once for the whole batch, then each part goes through its
    own head.
    """

    def wanted(name: str) -> bool:
        return trainable is None or name in trainable

    XA = None if net.A is None else X @ net.A
    Z = X @ net.W
    Z += net.b
    if XA is not None and net.B is not None:
        Z += XA @ net.B
    H = np.tanh(Z)
    g: dict[str, np.ndarray] = {}
    dH = np.empty_like(H)
    for rows, y, task in parts:
        Hp = H[rows]
        V, c = net.heads[task]
        L = Hp @ V + c
        P = np.exp(L - L.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        P[np.arange(len(y)), y] -= 1.0
        dL = P / n_total
        if wanted(f"V:{task}"):
            g[f"V:{task}"] = Hp.T @ dL
        if wanted(f"c:{task}"):
            g[f"c:{task}"] = dL.sum(axis=0)
        dH[rows] = dL @ V.T
    if not any(wanted(name) for name in ("W", "b", "A", "B")):
        return g
    dZ = dH * (1.0 - H * H)
    if wanted("W"):
        g["W"] = X.T @ dZ
    if wanted("b"):
        g["b"] = dZ.sum(axis=0)
    if XA is not None and net.B is not None:
        if wanted("A"):
            g["A"] = X.T @ (dZ @ net.B.T)
        if wanted("B"):
            g["B"] = XA.T @ dZ
    return g


def _param(net: _Net, name: str) -> np.ndarray:
    if ":" in name:
        kind, task = name.split(":", 1)
        return net.heads[task][0 if kind == "V" else 1]
    return getattr(net, name)


def _set_param(net: _Net, name: str, value: np.ndarray) -> None:
    if ":" in name:
        kind, task = name.split(":", 1)
        net.heads[task][0 if kind == "V" else 1] = value
    else:
        setattr(net, name, value)


def _adam_step(
    p: np.ndarray,
    grad: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t1: np.ndarray,
    t2: np.ndarray,
    lr: float,
    c1: float,
    c2: float,
) -> None:
    """One Adam update of ``p`` in place; ``t1`` and ``t2`` are scratch space of its shape."""
    m *= 0.9
    np.multiply(grad, 0.1, out=t1)
    m += t1
    v *= 0.999
    np.multiply(grad, 0.001, out=t1)
    t1 *= grad
    v += t1
    # p -= lr * (m / c1) / (sqrt(v / c2) + 1e-8), without temporaries
    np.divide(m, c1, out=t1)
    t1 *= lr
    np.divide(v, c2, out=t2)
    np.sqrt(t2, out=t2)
    t2 += 1e-8
    t1 /= t2
    p -= t1


class _Adam:
    """Adam for every trainable parameter at once.

    The parameters are moved into one flat array (each becomes a view of its slice), so a step
    that has a gradient for all of them is one update of the flat array: a dozen numpy calls
    however many heads train. Adam works element by element, so this is the same arithmetic as
    a step per parameter; a step where some head has no gradient (its task missing from the
    batch) updates only the slices that have one, as before.
    """

    def __init__(self, net: _Net, names: Sequence[str]):
        params = [_param(net, name) for name in names]
        bounds = np.cumsum([0] + [p.size for p in params])
        self.flat = np.concatenate([p.ravel() for p in params]) if params else np.zeros(0)
        self.slices = {}
        for name, p, start, stop in zip(names, params, bounds[:-1], bounds[1:], strict=True):
            self.slices[name] = slice(int(start), int(stop))
            _set_param(net, name, self.flat[start:stop].reshape(p.shape))
        self.m, self.v = np.zeros_like(self.flat), np.zeros_like(self.flat)
        self.grad, self.t1, self.t2 = (np.empty_like(self.flat) for _ in range(3))

    def step(self, grads: dict[str, np.ndarray], lr: float, c1: float, c2: float) -> None:
        if len(grads) == len(self.slices):
            for name, grad in grads.items():
                self.grad[self.slices[name]] = grad.reshape(-1)
            _adam_step(self.flat, self.grad, self.m, self.v, self.t1, self.t2, lr, c1, c2)
            return
        for name, grad in grads.items():
            s = self.slices[name]
            args = (self.m[s], self.v[s], self.t1[s], self.t2[s])
            _adam_step(self.flat[s], grad.reshape(-1), *args, lr, c1, c2)


def _train(
    net: _Net,
    X: np.ndarray,
    y: np.ndarray,
    tasks: np.ndarray,
    trainable: set[str],
    *,
    epochs: int,
    lr: float,
    batch_size: int,
    rng: np.random.Generator,
    adapter_decay: float = 0.0,
    on_epoch=None,
) -> None:
    """Adam on mini-batches; only ``trainable`` parameters move (``V:task``, ``c:task``, ``W``)."""
    names, codes = np.unique(tasks, return_inverse=True)
    frozen = frozenset(trainable)
    adam = _Adam(net, sorted(frozen))
    step = 0
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(y))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            if len(names) == 1:
                parts = [(slice(0, len(idx)), y[idx], str(names[0]))]
            else:
                # rows of one task together, each task's rows in batch order
                idx_codes = codes[idx]
                idx = idx[np.argsort(idx_codes, kind="stable")]
                counts = np.bincount(idx_codes, minlength=len(names))
                bounds = np.concatenate([[0], np.cumsum(counts)])
                parts = [
                    (slice(bounds[k], bounds[k + 1]), y[idx[bounds[k] : bounds[k + 1]]], str(t))
                    for k, t in enumerate(names)
                    if counts[k]
                ]
            step += 1
            c1, c2 = 1 - 0.9**step, 1 - 0.999**step
            adam.step(_batch_grads(net, X[idx], parts, len(idx), frozen), lr, c1, c2)
            if adapter_decay and "A" in frozen:
                for name in ("A", "B"):
                    _param(net, name)[...] *= 1 - lr * adapter_decay  # decoupled, as in AdamW
        if on_epoch is not None:
            on_epoch(epoch)


def _stack(
    datasets: Sequence[TextDataset], n_features: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = np.vstack([hash_features(d.texts, n_features) for d in datasets])
    y = np.concatenate([d.labels for d in datasets])
    tasks = np.concatenate([np.full(len(d), d.task, dtype=object) for d in datasets])
    return X, y, tasks


def _accuracy(net: _Net, data: TextDataset, n_features: int) -> float:
    if data.task not in net.heads:
        raise FtlibError(
            "data.task", data.task, "a task this model has a head for: " + ", ".join(net.heads)
        )
    X = hash_features(data.texts, n_features)
    return float((net.logits(X, data.task).argmax(axis=1) == data.labels).mean())


class PretrainedBase:
    """A shared hidden layer pre-trained on general tasks, one head per task: the "base model".

    Parameters
    ----------
    n_features, n_hidden
        Width of the hashed input and of the shared layer.
    epochs, lr, batch_size
        Adam training settings.
    seed
        Seed of the initial weights and of the batch order.

    Examples
    --------
    >>> from ftlib.experiments.tasks import general_examples, GENERAL_TASKS
    >>> data = [general_examples(t, 200, seed=i) for i, t in enumerate(GENERAL_TASKS)]
    >>> base = PretrainedBase(epochs=10).fit(data)
    >>> base.score(general_examples("topic", 100, seed=9)) > 0.9
    True
    """

    def __init__(
        self,
        *,
        n_features: int = 1024,
        n_hidden: int = 16,
        epochs: int = 20,
        lr: float = 0.01,
        batch_size: int = 32,
        seed: int = 0,
    ):
        self.n_features, self.n_hidden, self.epochs = n_features, n_hidden, epochs
        self.lr, self.batch_size, self.seed = lr, batch_size, seed

    def fit(self, datasets: Sequence[TextDataset]) -> PretrainedBase:
        """Learn the shared layer and one head per task from ``datasets`` (one per task)."""
        if not datasets:
            raise FtlibError("datasets", datasets, "at least one general-task dataset")
        n_features = check_int("n_features", self.n_features, minimum=16)
        n_hidden = check_int("n_hidden", self.n_hidden, minimum=1)
        rng = np.random.default_rng(check_int("seed", self.seed, minimum=0))
        net = _Net(rng.normal(0, 1 / np.sqrt(n_hidden), (n_features, n_hidden)), np.zeros(n_hidden))
        for d in datasets:
            net.heads[d.task] = [
                rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, len(d.label_names))),
                np.zeros(len(d.label_names)),
            ]
        X, y, tasks = _stack(datasets, n_features)
        trainable = {"W", "b"} | {f"{k}:{d.task}" for d in datasets for k in "Vc"}
        _train(
            net,
            X,
            y,
            tasks,
            trainable,
            epochs=check_int("epochs", self.epochs, minimum=1),
            lr=check_number("lr", self.lr, minimum=0, strict_minimum=True),
            batch_size=check_int("batch_size", self.batch_size, minimum=1),
            rng=rng,
        )
        self.net_ = net
        self.tasks_ = tuple(d.task for d in datasets)
        return self

    def score(self, data: TextDataset) -> float:
        """Accuracy on ``data`` (its ``task`` picks the head)."""
        return _accuracy(self.net_, data, self.n_features)


class TunedModel:
    """The base adapted to a narrow task: full fine-tuning, a low-rank adapter, or the head only.

    Parameters
    ----------
    base
        A fitted :class:`PretrainedBase`; it is copied, never changed.
    method
        ``"full"`` (shared layer, bias and head all train), ``"adapter"`` (``W`` and
        ``b`` frozen; a rank-``rank`` update ``A @ B`` and the new head train) or
        ``"head"`` (only the new head trains).
    rank
        Rank of the adapter (ignored otherwise).
    adapter_decay
        Decoupled weight decay on the adapter factors (LoRA recipes use some): it keeps
        ``A @ B`` small, so the adapter learns a little less and disturbs the base less.
    epochs, lr, batch_size, seed
        Training settings; ``seed`` sets the adapter's start and the batch order.

    Attributes
    ----------
    net_
        The adapted weights. ``checkpoints_``: ``(epoch, train accuracy, eval accuracy)``
        after each epoch when ``fit`` got an ``eval_set``.

    Examples
    --------
    >>> from ftlib.experiments.tasks import general_examples, ticket_examples, GENERAL_TASKS
    >>> general = [general_examples(t, 200, seed=i) for i, t in enumerate(GENERAL_TASKS)]
    >>> base = PretrainedBase(epochs=10).fit(general)
    >>> tuned = TunedModel(base, method="adapter", rank=4).fit(ticket_examples(300, seed=1))
    >>> tuned.score(ticket_examples(200, seed=2)) > 0.8
    True
    """

    def __init__(
        self,
        base: PretrainedBase,
        *,
        method: str = "full",
        rank: int = 4,
        epochs: int = 20,
        lr: float = 0.1,
        batch_size: int = 32,
        adapter_decay: float = 0.5,
        seed: int = 0,
    ):
        self.base, self.method, self.rank, self.epochs = base, method, rank, epochs
        self.lr, self.batch_size, self.adapter_decay, self.seed = (
            lr,
            batch_size,
            adapter_decay,
            seed,
        )

    def fit(
        self,
        train: TextDataset,
        *,
        replay: Sequence[TextDataset] = (),
        eval_set: TextDataset | None = None,
    ) -> TunedModel:
        """Adapt to ``train``; ``replay`` mixes general examples back in (their heads train too)."""
        if not hasattr(self.base, "net_"):
            raise FtlibError(
                "base", type(self.base).__name__, "a fitted PretrainedBase (call .fit first)"
            )
        method = check_choice("method", self.method, TUNING_METHODS)
        rng = np.random.default_rng(check_int("seed", self.seed, minimum=0))
        net = self.base.net_.copy()
        n_hidden = net.W.shape[1]
        net.heads[train.task] = [
            rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, len(train.label_names))),
            np.zeros(len(train.label_names)),
        ]
        tasks_in = {train.task} | {d.task for d in replay}
        trainable = {f"{k}:{t}" for t in tasks_in for k in "Vc"}
        if method == "full":
            trainable |= {"W", "b"}
        elif method == "adapter":
            rank = check_int("rank", self.rank, minimum=1, maximum=n_hidden)
            # A @ B starts at zero, as in LoRA. The zero factor sits on the input side here, so only
            # rows of features the narrow task uses can move (hashed inputs are sparse).
            net.A = np.zeros((net.W.shape[0], rank))
            net.B = rng.normal(0, 1 / np.sqrt(rank), (rank, n_hidden))
            trainable |= {"A", "B"}
        nf = self.base.n_features
        X, y, tasks = _stack([train, *replay], nf)
        history: list[tuple[int, float, float]] = []

        X_eval = (
            None if eval_set is None else hash_features(eval_set.texts, nf)
        )  # hashed once, scored every epoch

        def record(epoch: int) -> None:
            assert eval_set is not None and X_eval is not None  # only called with an eval_set
            train_acc = (
                net.logits(X[: len(train)], train.task).argmax(axis=1) == train.labels
            ).mean()
            eval_acc = (net.logits(X_eval, eval_set.task).argmax(axis=1) == eval_set.labels).mean()
            history.append((epoch, float(train_acc), float(eval_acc)))

        _train(
            net,
            X,
            y,
            tasks,
            trainable,
            epochs=check_int("epochs", self.epochs, minimum=1),
            lr=check_number("lr", self.lr, minimum=0, strict_minimum=True),
            batch_size=check_int("batch_size", self.batch_size, minimum=1),
            rng=rng,
            adapter_decay=check_number("adapter_decay", self.adapter_decay, minimum=0),
            on_epoch=record if eval_set is not None else None,
        )
        self.net_, self.checkpoints_ = net, tuple(history)
        return self

    def score(self, data: TextDataset) -> float:
        """Accuracy on ``data``: the narrow task or any general task of the base."""
        return _accuracy(self.net_, data, self.base.n_features)


class FewShotBaseline:
    """A stand-in for a prompted model: nearest label centroid over a few examples per label.

    Examples
    --------
    >>> from ftlib.experiments.tasks import ticket_examples
    >>> fs = FewShotBaseline(shots_per_label=5, seed=0).fit(ticket_examples(100, seed=0))
    >>> fs.centroids_.shape[0]
    5
    """

    def __init__(self, *, shots_per_label: int = 5, n_features: int = 1024, seed: int = 0):
        self.shots_per_label, self.n_features, self.seed = shots_per_label, n_features, seed

    def fit(self, pool: TextDataset) -> FewShotBaseline:
        """Pick ``shots_per_label`` examples of each label from ``pool`` and average them."""
        shots = check_int("shots_per_label", self.shots_per_label, minimum=1)
        rng = np.random.default_rng(check_int("seed", self.seed, minimum=0))
        X = hash_features(pool.texts, self.n_features)
        rows = []
        for k, name in enumerate(pool.label_names):
            idx = np.flatnonzero(pool.labels == k)
            if len(idx) < shots:
                raise FtlibError("pool", len(idx), f"at least {shots} examples of label {name!r}")
            rows.append(X[rng.choice(idx, size=shots, replace=False)].mean(axis=0))
        C = np.array(rows)
        self.centroids_ = C / np.linalg.norm(C, axis=1, keepdims=True)
        self.task_ = pool.task
        return self

    def score(self, data: TextDataset) -> float:
        """Accuracy on ``data``."""
        X = hash_features(data.texts, self.n_features)
        return float(((X @ self.centroids_.T).argmax(axis=1) == data.labels).mean())
