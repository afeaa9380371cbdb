"""Test items that also appear in the training data, word for word or nearly.

A test set that leaks into training measures memorisation. ``find_duplicates``
normalises every text (Unicode NFKC, lower case, punctuation dropped, spaces
collapsed), cuts it into character or word n-gram shingles and compares the
shingle sets with Jaccard similarity. All-pairs comparison does not scale, so
candidate pairs come from MinHash signatures and locality-sensitive hashing
(LSH) in numpy; every candidate is then checked with its exact Jaccard
similarity, so a reported pair is never a false alarm. The signatures are
one-permutation MinHash (one hash of each shingle, split into 64 bins by its top
bits, the smallest value kept per bin) with optimal densification for the bins a
short text leaves empty (Shrivastava, ICML 2017): each of the 64 values still
agrees between two texts with probability equal to their Jaccard similarity, at
the cost of one hash per shingle instead of 64. Exact duplicates (equal
normalised text) are found by a plain lookup and never depend on the hashing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.errors import FtlibError, check_choice, check_int, check_number

__all__ = [
    "ContaminationReport",
    "DuplicateIndex",
    "find_duplicates",
    "normalize_for_matching",
    "shingle_similarity",
    "check_texts",
    "shingles_many",
]

SHINGLE_UNITS = ("char", "word")
DEFAULT_NGRAM = {"char": 3, "word": 2}  # a typo or a changed word still leaves most shingles shared
_NUM_PERM = 64  # MinHash signature length (bins); bands x rows are chosen from it per threshold
_BIN_SHIFT = np.uint64(58)  # the top 6 bits of a shingle's hash pick one of the 64 bins
_EMPTY = np.uint64((1 << 64) - 1)  # a bin no shingle fell into (before densification)
_PROBES = 1_024  # random bins tried per empty bin; a circular scan settles the rare rest
_QUERY_CHUNK = 4_096  # queries hashed at a time inside ``match``: bounds its memory
_MIN_RECALL = 0.99  # LSH must flag a pair at exactly the threshold with at least this chance
_ESTIMATE_MARGIN = (
    0.25  # 64 MinHashes estimate Jaccard within about +-0.06; 4 standard errors of slack
)
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
# What _PUNCT removes from ASCII text: neither a word character nor whitespace.
_ASCII_PUNCT = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_" or c.isspace())}
)
_MASK64 = (1 << 64) - 1
_ODD = np.uint64(0x9E3779B97F4A7C15)  # odd, so multiplying permutes the 64-bit hashes


@dataclass(frozen=True, repr=False)
class ContaminationReport:
    """Pairs of (training item, test item) that match, with a summary.

    ``pairs`` has one row per match: ``train_index``, ``test_index`` (positions in
    the lists given), ``similarity`` (Jaccard of the shingle sets, 0 to 1) and
    ``kind`` (``"exact"`` when the normalised texts are equal, else ``"near"``).
    """

    pairs: pd.DataFrame
    n_train: int
    n_test: int
    threshold: float
    ngram: int
    unit: str

    @property
    def n_exact(self) -> int:
        """Matching pairs whose normalised texts are identical."""
        return int((self.pairs["kind"] == "exact").sum())

    @property
    def n_near(self) -> int:
        """Matching pairs that are similar but not identical."""
        return int((self.pairs["kind"] == "near").sum())

    @property
    def contaminated_test_indices(self) -> list[int]:
        """Test items with at least one match in training, in order."""
        return sorted(set(self.pairs["test_index"].tolist()))

    @property
    def contaminated_share(self) -> float:
        """Share of the test set with a match in training (0 to 1)."""
        return len(self.contaminated_test_indices) / self.n_test

    def summary(self) -> str:
        """One sentence a reviewer can act on."""
        hit = len(self.contaminated_test_indices)
        if hit == 0:
            return (
                f"No test item matches training ({self.n_test:,} test against"
                f" {self.n_train:,} training texts, "
                f"Jaccard >= {self.threshold:g} on {self.ngram}-{self.unit} shingles)."
            )
        return (
            f"{hit:,} of {self.n_test:,} test items ({self.contaminated_share:.1%}) match"
            f" training: {self.n_exact:,} exact and {self.n_near:,} near-duplicate pairs."
            " Remove them from the test set "
            f"(or from training) before trusting any score."
        )

    def __repr__(self) -> str:
        return (
            f"ContaminationReport(n_test={self.n_test}, n_train={self.n_train},"
            f" exact={self.n_exact}, "
            f"near={self.n_near}, contaminated_share={self.contaminated_share:.3f})"
        )


def normalize_for_matching(text: str) -> str:
    """Text as compared: NFKC, lower case, punctuation removed, whitespace collapsed.

    A text made only of punctuation, symbols or emoji keeps them (``"!!!"``, ``"👍"``),
    so that two different ones are not both reduced to the empty string and counted
    as copies of each other; a blank text normalises to ``""`` and matches nothing.

    Examples
    --------
    >>> normalize_for_matching("  Refund   my ORDER, please!! ")
    'refund my order please'
    >>> normalize_for_matching("👍 👍"), normalize_for_matching("?!")
    ('👍 👍', '?!')
    """
    if not isinstance(text, str):
        raise FtlibError("text", text, "a string")
    if text.isascii():  # NFKC leaves ASCII unchanged; translate is much faster than the regex
        kept = " ".join(text.lower().translate(_ASCII_PUNCT).split())
        return kept or " ".join(text.split())
    text = unicodedata.normalize("NFKC", text).lower()
    kept = _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()
    return kept or _SPACE.sub(" ", text).strip()


# For a batch of ASCII texts joined by "\0": punctuation and every kind of space become " ".
_BATCH_TABLE: dict[int, str | int | None] = {
    **_ASCII_PUNCT,
    **{ord(c): " " for c in map(chr, range(128)) if c.isspace()},
    0: 0,
}


def _normalize_many(texts: list[str]) -> list[str]:
    """``normalize_for_matching`` of each text; ASCII texts in a few passes over their join."""
    out = [""] * len(texts)
    ascii_at = []
    for i, text in enumerate(texts):
        if text.isascii() and "\0" not in text:  # "\0" separates the texts joined below
            ascii_at.append(i)
        else:
            out[i] = normalize_for_matching(text)
    joined = "\0".join(texts[i] for i in ascii_at).lower().translate(_BATCH_TABLE)
    while "  " in joined:  # each pass halves every run of spaces
        joined = joined.replace("  ", " ")
    for i, part in zip(ascii_at, joined.split("\0") if ascii_at else [], strict=True):
        out[i] = part.strip(" ") or " ".join(texts[i].split())
    return out


def shingle_similarity(a: str, b: str, *, ngram: int | None = None, unit: str = "char") -> float:
    """Jaccard similarity of the shingle sets of two texts (1.0 for equal normalised texts).

    Examples
    --------
    >>> shingle_similarity("Cancel my order", "cancel my order!")
    1.0
    >>> shingle_similarity("a b c d", "a b c e", unit="word")
    0.5
    """
    ngram, unit = _check_shingles(ngram, unit)
    sa, sb = (set(_shingles(s, ngram, unit)[0].tolist()) for s in (a, b))
    return len(sa & sb) / len(sa | sb)


def find_duplicates(
    train_texts: Iterable[str],
    test_texts: Iterable[str],
    *,
    threshold: float = 0.8,
    ngram: int | None = None,
    unit: str = "char",
    seed: int = 0,
) -> ContaminationReport:
    """Find test texts that duplicate or nearly duplicate a training text.

    Parameters
    ----------
    train_texts, test_texts
        The two sets, as lists (or any iterables) of strings.
    threshold
        Smallest Jaccard similarity of shingle sets reported as a near duplicate
        (0 < threshold <= 1). 0.8 catches a changed word or two in a sentence.
    ngram, unit
        Shingle size and unit: character n-grams (``"char"``, robust to typos,
        good for short texts; 3 by default) or word n-grams (``"word"``; 2 by
        default).
    seed
        Seed of the MinHash functions; the same seed gives the same result.

    Returns
    -------
    ContaminationReport
        The matching pairs (sorted by test, then training index) and a summary.

    Notes
    -----
    A pair at exactly the threshold is flagged as a candidate with probability at
    least 0.99 (more similar pairs even more surely); exact duplicates are always
    found. Candidates are confirmed with their exact Jaccard similarity. The
    number of pairs grows with repeated texts (a ticket present 1,000 times in
    training and 100 times in test makes 100,000 pairs), and below a threshold of
    about 0.5 the candidate count on large sets grows quickly.

    Examples
    --------
    >>> train = ["Where is my parcel?", "How do I reset my password", "Cancel my subscription now"]
    >>> test = ["where is my parcel", "Reset my password how?", "How do I reset my pasword"]
    >>> report = find_duplicates(train, test)
    >>> report.pairs[["train_index", "test_index", "kind"]].values.tolist()
    [[0, 0, 'exact'], [1, 2, 'near']]
    >>> round(report.contaminated_share, 3)
    0.667
    """
    train = check_texts("train_texts", train_texts)
    test = check_texts("test_texts", test_texts)
    index = DuplicateIndex(test, threshold=threshold, ngram=ngram, unit=unit, seed=seed)
    found = index.match(train)
    rows_out = sorted(found, key=lambda r: (r[1], r[0]))
    pairs = pd.DataFrame(rows_out, columns=["train_index", "test_index", "similarity", "kind"])
    pairs = pairs.astype(
        {"train_index": "int64", "test_index": "int64", "similarity": "float64", "kind": "object"}
    )
    return ContaminationReport(pairs, len(train), len(test), index.threshold, index.ngram, unit)


class DuplicateIndex:
    """A set of texts prepared once (normalised, hashed, banded) to be matched against many batches.

    ``find_duplicates`` is one index over the test texts and one ``match`` of the training
    texts; ``check_training_data`` builds the index over its test file once and matches the
    training file a batch at a time, so the test set is never prepared twice and memory
    holds only the index and one batch.

    Parameters
    ----------
    texts
        The texts to index (usually the smaller, test side).
    threshold, ngram, unit, seed
        As in :func:`find_duplicates`.
    max_chars
        Near-duplicates are judged on at most this many normalised characters of each text
        (exact copies always on the whole text); ``None`` for no limit. Bounds memory for
        very long documents.

    Examples
    --------
    >>> index = DuplicateIndex(["where is my parcel", "cancel my plan"])
    >>> [(q, t, round(sim, 3), kind) for q, t, sim, kind in index.match(
    ...     ["Where is my parcel?", "hello", "cancel my plann"])]  # 12 of 13 shingles shared
    [(0, 0, 1.0, 'exact'), (2, 1, 0.923, 'near')]
    """

    def __init__(
        self,
        texts: Iterable[str],
        *,
        threshold: float = 0.8,
        ngram: int | None = None,
        unit: str = "char",
        seed: int = 0,
        max_chars: int | None = None,
    ):
        items = check_texts("texts", texts)
        self.threshold = check_number(
            "threshold", threshold, minimum=0, maximum=1, strict_minimum=True
        )
        self.ngram, self.unit = _check_shingles(ngram, unit)
        seed = check_int("seed", seed, minimum=0)
        self.max_chars = None if max_chars is None else check_int("max_chars", max_chars, minimum=1)
        self.size = len(items)
        rng = np.random.default_rng(seed)
        self._salt = rng.integers(0, 2**63, dtype=np.uint64)  # picks the hash function
        self._probes = rng.integers(0, _NUM_PERM, size=(_PROBES, _NUM_PERM))  # densification
        self._bands, self._rows = _lsh_shape(self.threshold)
        self._exact: dict[bytes, list[int]] = {}  # digest of the normalised text: indices
        norm = []
        for i, key in enumerate(_normalize_many(items)):
            if key:
                self._exact.setdefault(_digest(key), []).append(i)
            norm.append(self._cut(key))
        self._norm = norm
        self._empty = np.fromiter((not t for t in norm), dtype=bool, count=len(norm))
        self._sig = self._signatures(norm)
        keys = _band_keys(self._sig, self._bands, self._rows)
        self._order = np.argsort(keys, axis=0, kind="stable")
        self._sorted = np.take_along_axis(keys, self._order, axis=0)
        self._sets: dict[int, frozenset[int]] = {}

    def _cut(self, text: str) -> str:
        return text if self.max_chars is None else text[: self.max_chars]

    def _signatures(self, norm: Sequence[str]) -> np.ndarray:
        codes, starts = shingles_many(norm, self.ngram, self.unit)
        return _minhash(codes, starts, self._salt, self._probes)

    def _set(self, text: str) -> frozenset[int]:
        codes, _ = shingles_many([text], self.ngram, self.unit)
        return frozenset(codes.tolist())

    def match(self, queries: Sequence[str]) -> list[tuple[int, int, float, str]]:
        """``(query index, indexed text, similarity, "exact" | "near")`` for every match.

        Similarities are exact Jaccard values of the shingle sets; a blank text matches nothing.
        """
        queries = check_texts("queries", queries)
        found: list[tuple[int, int, float, str]] = []
        for start in range(0, len(queries), _QUERY_CHUNK):
            chunk = self._match_chunk(queries[start : start + _QUERY_CHUNK])
            found.extend((q + start, t, sim, kind) for q, t, sim, kind in chunk)
        return found

    def _match_chunk(self, queries: list[str]) -> list[tuple[int, int, float, str]]:
        """``match`` on a few thousand queries at a time, so memory stays bounded."""
        norm_full = _normalize_many(queries)
        found: dict[tuple[int, int], tuple[float, str]] = {}
        for qi, key in enumerate(norm_full):
            for ti in self._exact.get(_digest(key), ()) if key else ():
                found[(qi, ti)] = (1.0, "exact")
        norm = [self._cut(t) for t in norm_full]
        codes, starts = shingles_many(norm, self.ngram, self.unit)
        sig = _minhash(codes, starts, self._salt, self._probes)
        keys = _band_keys(sig, self._bands, self._rows)
        q_idx, t_idx = self._candidates(keys)
        if q_idx.size:
            agree = _agreement(sig, self._sig, q_idx, t_idx)
            keep = agree >= self.threshold - _ESTIMATE_MARGIN
            q_empty = np.fromiter((not t for t in norm), dtype=bool, count=len(norm))
            query_sets: dict[int, frozenset[int]] = {}
            keep &= ~q_empty[q_idx] & ~self._empty[t_idx]
            for qi, ti in zip(q_idx[keep].tolist(), t_idx[keep].tolist(), strict=True):
                if (qi, ti) in found:
                    continue
                if ti not in self._sets:
                    self._sets[ti] = self._set(self._norm[ti])
                if qi not in query_sets:
                    query_sets[qi] = frozenset(codes[starts[qi] : starts[qi + 1]].tolist())
                sa, sb = query_sets[qi], self._sets[ti]
                similarity = len(sa & sb) / len(sa | sb)
                if similarity >= self.threshold:
                    found[(qi, ti)] = (similarity, "near")
        return sorted((q, t, sim, kind) for (q, t), (sim, kind) in found.items())

    def _candidates(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query, indexed) index pairs sharing at least one band key."""
        found = []
        n = np.int64(self.size)
        for band in range(self._bands):
            sorted_keys = self._sorted[:, band]
            lo = np.searchsorted(sorted_keys, keys[:, band], side="left")
            hi = np.searchsorted(sorted_keys, keys[:, band], side="right")
            hits = hi - lo
            if not hits.any():
                continue
            q_idx = np.repeat(np.arange(hits.size, dtype=np.int64), hits)
            first = np.repeat(lo - np.concatenate(([0], np.cumsum(hits)))[:-1], hits)
            t_idx = self._order[first + np.arange(q_idx.size), band]
            found.append(q_idx * n + t_idx)
        if not found:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        codes = np.unique(np.concatenate(found))
        return codes // n, codes % n


def _digest(text: str) -> bytes:
    """16 bytes standing for a normalised text in the exact-copy lookup."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _agreement(
    sig_q: np.ndarray, sig_t: np.ndarray, q_idx: np.ndarray, t_idx: np.ndarray
) -> np.ndarray:
    """Share of MinHash values two texts agree on, per candidate pair (an estimate of Jaccard)."""
    out = np.empty(q_idx.size, dtype=float)
    for start in range(0, q_idx.size, 65_536):
        part = slice(start, start + 65_536)
        out[part] = (sig_q[q_idx[part]] == sig_t[t_idx[part]]).mean(axis=1)
    return out


def check_texts(field: str, texts: Iterable[str]) -> list[str]:
    """A non-empty list of strings, or an error naming the first bad item."""
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        raise FtlibError(
            field,
            texts if isinstance(texts, str) and len(texts) < 40 else type(texts).__name__,
            "a list of strings (one text per item)",
        )
    items = list(texts)
    if not items:
        raise FtlibError(field, items, "at least one text", "an empty set cannot be checked")
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise FtlibError(f"{field}[{i}]", item, "a string")
    return items


def _check_shingles(ngram: int | None, unit: str) -> tuple[int, str]:
    unit = check_choice("unit", unit, SHINGLE_UNITS)
    if ngram is None:
        return DEFAULT_NGRAM[unit], unit
    return check_int("ngram", ngram, minimum=1, maximum=32), unit


def _token_codes(texts: Sequence[str], unit: str) -> tuple[np.ndarray, np.ndarray]:
    """All texts' characters (uint32) or word ids (uint64) in one array, with each text's length."""
    if unit == "char":
        joined = "".join(texts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        return codes, lengths
    vocabulary: dict[str, int] = {}
    ids: list[int] = []
    lengths = np.empty(len(texts), dtype=np.int64)
    for k, text in enumerate(texts):
        words = text.split()
        ids.extend(vocabulary.setdefault(w, _stable_word_id(w)) for w in words)
        lengths[k] = len(words)
    return np.asarray(ids, dtype=np.uint64), lengths


def _stable_word_id(word: str) -> int:
    """A hash of a word that is the same in every process (Python's hash() is salted)."""
    value = 1469598103934665603  # FNV-1a 64-bit
    for byte in word.encode("utf-8"):
        value = ((value ^ byte) * 1099511628211) & _MASK64
    return value


def shingles_many(texts: Sequence[str], ngram: int, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed shingles of every text, concatenated, and the offsets where each text starts.

    A text shorter than ``ngram`` units gives one shingle (itself), so every text has at least one.
    """
    codes, lengths = _token_codes(texts, unit)
    text_starts = np.concatenate(([0], np.cumsum(lengths)))[:-1]
    # Pad each short text to ngram units with a code no character or word id uses in practice.
    pad = np.maximum(ngram - lengths, 0)
    if pad.any():
        filler = np.uint64(_MASK64)
        codes = codes.astype(np.uint64)
        pieces = []
        for k in range(len(texts)):
            pieces.append(codes[text_starts[k] : text_starts[k] + lengths[k]])
            if pad[k]:
                pieces.append(np.full(pad[k], filler, dtype=np.uint64))
        codes = np.concatenate(pieces) if pieces else codes
        lengths = lengths + pad
        text_starts = np.concatenate(([0], np.cumsum(lengths)))[:-1]
    counts = lengths - ngram + 1
    span = codes.size - ngram + 1
    prime, one = np.uint64(1099511628211), np.uint64(1)
    # Polynomial rolling hash, wrapping modulo 2**64, computed in place (the arrays are large).
    windows = codes[:span].astype(np.uint64)
    windows += one
    with np.errstate(over="ignore"):
        for k in range(1, ngram):
            windows *= prime
            windows += codes[k : k + span]
            windows += one
    # Keep the windows inside one text (drop the ngram - 1 that straddle each boundary).
    offsets = np.concatenate(([0], np.cumsum(counts)))
    if ngram > 1 and len(texts) > 1:
        keep = np.ones(span, dtype=bool)
        ends = text_starts[1:] - ngram + 1  # first window crossing into the next text
        keep[(ends[:, None] + np.arange(ngram - 1)).ravel()] = False
        windows = windows[keep]
    return _mix_in_place(windows), offsets


def _mix_in_place(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, overwriting ``x``: spreads similar inputs over all 64 bits."""
    tmp = np.empty_like(x)
    with np.errstate(over="ignore"):
        for shift, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB), (31, 0)):
            np.right_shift(x, np.uint64(shift), out=tmp)
            x ^= tmp
            if factor:
                x *= np.uint64(factor)
    return x


def _shingles(text: str, ngram: int, unit: str) -> tuple[np.ndarray, np.ndarray]:
    return shingles_many([normalize_for_matching(text)], ngram, unit)


def _minhash(
    shingles: np.ndarray, offsets: np.ndarray, salt: np.uint64, probes: np.ndarray
) -> np.ndarray:
    """One-permutation MinHash signatures, one row of ``_NUM_PERM`` values per text.

    Each shingle is hashed once (``salt`` picks the function); its top bits choose a bin and
    the bin keeps its smallest hash. A bin left empty (a text with few shingles) copies the
    bin that ``probes`` names first among the non-empty ones: the same choice for every text,
    so two texts agree on each value with probability equal to their Jaccard similarity.
    """
    n_texts = offsets.size - 1
    hashed = shingles ^ salt
    with np.errstate(over="ignore"):  # shingle hashes are already mixed: one multiply suffices
        hashed *= _ODD
    slot = np.right_shift(hashed, _BIN_SHIFT).view(np.int64)  # 0 to 63: the same as signed
    slot += np.repeat(np.arange(n_texts, dtype=np.int64) * _NUM_PERM, np.diff(offsets))
    flat = np.full(n_texts * _NUM_PERM, _EMPTY, dtype=np.uint64)
    np.minimum.at(flat, slot, hashed)
    bins = flat.reshape(n_texts, _NUM_PERM)
    signature = bins.copy()
    rows, cols = np.nonzero(bins == _EMPTY)
    for attempt in range(_PROBES):
        if not rows.size:
            return signature
        value = bins[rows, probes[attempt, cols]]
        filled = value != _EMPTY
        signature[rows[filled], cols[filled]] = value[filled]
        rows, cols = rows[~filled], cols[~filled]
    for step in range(1, _NUM_PERM):  # the first non-empty bin to the right, wrapping around
        if not rows.size:
            break
        value = bins[rows, (cols + step) % _NUM_PERM]
        filled = value != _EMPTY
        signature[rows[filled], cols[filled]] = value[filled]
        rows, cols = rows[~filled], cols[~filled]
    return signature


def _lsh_shape(threshold: float) -> tuple[int, int]:
    """Bands and rows: the most selective split still flagging a threshold pair 99% of the time."""
    for rows in range(_NUM_PERM, 0, -1):
        bands = _NUM_PERM // rows
        if 1 - (1 - threshold**rows) ** bands >= _MIN_RECALL:
            return bands, rows
    return _NUM_PERM, 1


def _band_keys(signature: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per text and band."""
    keys = np.zeros((signature.shape[0], bands), dtype=np.uint64)
    prime = np.uint64(1099511628211)
    with np.errstate(over="ignore"):
        for r in range(rows):
            keys = keys * prime + signature[:, r : bands * rows : rows]
    return keys
