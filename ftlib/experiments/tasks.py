"""Seeded toy tasks, shipped with ftlib: support tickets in two styles, plus general skills.

The narrow task sorts customer-support tickets into five queues. Its inputs come
in two styles: ``"synthetic"`` (tidy, complete sentences, the way an LLM asked
for training data writes them) and ``"production"`` (short, lower case, typos,
abbreviations and phrasings the synthetic generator never uses). Three general
tasks (sentiment, topic, intent) stand for the other skills a base model has.
Everything is generated from an explicit ``numpy.random.Generator`` or seed; no
download, no global state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..core.errors import FtlibError, check_choice, check_int, check_number

__all__ = [
    "TICKET_LABELS",
    "TICKET_STYLES",
    "GENERAL_TASKS",
    "TextDataset",
    "ticket_examples",
    "general_examples",
    "mixed_ticket_examples",
    "with_label_noise",
    "leak_into",
]

TICKET_LABELS: tuple[str, ...] = ("billing", "shipping", "account", "technical", "cancellation")
TICKET_STYLES: tuple[str, ...] = ("synthetic", "production")

# Core phrasings per queue. The two styles share some words ("order", "cancel"),
# but production tickets mostly use words the synthetic ones never do.
_SYNTHETIC_CORES: dict[str, tuple[str, ...]] = {
    "billing": (
        "I was charged twice for my subscription this month",
        "my invoice shows an amount that does not match my plan",
        "the payment was taken from my credit card before the renewal date",
        "I would like a refund for the duplicate charge on my statement",
        "the price on my latest bill is higher than the quoted price",
        "my card was billed for a plan I never selected",
        "the invoice lists a fee that nobody explained to me",
        "I need a corrected receipt for the payment I made last week",
    ),
    "shipping": (
        "my order has not arrived although the tracking page says it was delivered",
        "the package was shipped to the wrong address",
        "the delivery is two weeks late and I have not received an update",
        "the parcel arrived damaged and several items are missing",
        "could you tell me when my order will be dispatched",
        "the courier left my package with a neighbour I do not know",
        "the tracking number you sent me does not work",
        "I received someone else's order instead of mine",
    ),
    "account": (
        "I cannot log in because the password reset email never arrives",
        "my account has been locked after several sign in attempts",
        "I would like to change the email address linked to my profile",
        "the verification code is not accepted when I try to sign in",
        "I forgot my username and cannot recover my profile",
        "someone else seems to have access to my account",
        "the login page keeps asking for my password again",
        "I would like to merge two profiles that I created by mistake",
    ),
    "technical": (
        "the application crashes every time I open the settings page",
        "the export button does nothing when I click it",
        "the page shows an error message since the latest update",
        "the mobile app freezes when I upload a photo",
        "the synchronisation between my devices has stopped working",
        "the dashboard takes several minutes to load",
        "the search feature returns no results for any query",
        "the notifications stopped appearing on my phone",
    ),
    "cancellation": (
        "I would like to cancel my subscription at the end of the current period",
        "please close my account and delete my personal data",
        "how can I stop the automatic renewal of my plan",
        "I want to end the service and receive a confirmation",
        "please confirm that my membership has been terminated",
        "I no longer need the service and wish to cancel",
        "I am moving to another provider so please end my contract",
        "please make sure I am not charged after I cancel",
    ),
}
_PRODUCTION_CORES: dict[str, tuple[str, ...]] = {
    "billing": (
        "charged twice??",
        "billed 2x pls fix",
        "why u took $$ again",
        "wrong amount on card",
        "money gone twice",
        "refund asap",
        "invoice wrong",
        "charge i dont recognise",
        "overcharged",
    ),
    "shipping": (
        "where is my order",
        "pkg not here",
        "tracking stuck 4 days",
        "box came smashed",
        "still no delivery",
        "wrong addr on parcel",
        "order never came",
        "got someone elses box",
        "late again",
    ),
    "account": (
        "cant login",
        "locked out again",
        "password reset not working",
        "2fa code wrong",
        "forgot username",
        "account blocked help",
        "no reset mail",
        "hacked??",
        "login loop",
    ),
    "technical": (
        "app keeps crashing",
        "export broken",
        "err 500 on save",
        "frozen screen after updt",
        "sync dead",
        "white screen on android",
        "button dont work",
        "search gives nothing",
        "super slow",
    ),
    "cancellation": (
        "cancel pls",
        "stop my plan",
        "unsub me",
        "dont renew",
        "close my account",
        "end membership now",
        "quit",
        "no more charges just cancel",
        "want out",
    ),
}
_SECOND_ISSUE_RATE = 0.14
_GREETINGS = (
    "Hello,",
    "Hi team,",
    "Good morning,",
    "Dear support,",
    "Hi there,",
    "Hello support team,",
)
_DETAILS = (
    "My order number is {id}.",
    "I have been a customer for {years} years.",
    "I am on the {product} plan.",
    "This is the {nth} time I am writing about this.",
    "My customer reference is {id}.",
    "I use the {product} edition.",
)
_CLOSINGS = (
    "Thank you for your help.",
    "Kind regards, {name}.",
    "I look forward to your reply.",
    "Many thanks, {name}.",
    "Best wishes, {name}.",
    "Thanks in advance.",
)
_PRODUCTION_EXTRAS = ("{id}", "{product}", "asap", "!!", "??", "help", "ty", "urgent", "pls", "")
_NAMES = (
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Emma",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jon",
    "Kemi",
    "Luca",
)
_PRODUCTS = ("Basic", "Plus", "Pro", "Team", "Family", "Student", "Business")
_NTH = ("second", "third", "fourth", "fifth")

# General tasks: each a dict of label -> (frames, fillers); frames hold one {w} slot.
# General tasks: each a dict of label -> (frames, fillers); frames hold one {w} slot. Sentiment
# and intent talk about the same things tickets do (orders, apps, plans), as real skills overlap.
_THINGS = (
    "delivery",
    "app",
    "service",
    "plan",
    "support team",
    "update",
    "price",
    "package",
    "order",
    "account",
)
_GENERAL: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "sentiment": {
        "positive": (
            (
                "the {w} was wonderful",
                "I really loved the {w}",
                "what a great {w}",
                "the {w} made me happy",
                "I would recommend this {w} to anyone",
                "the {w} was fast and friendly",
            ),
            _THINGS,
        ),
        "negative": (
            (
                "the {w} was awful",
                "I really hated the {w}",
                "what a terrible {w}",
                "the {w} was a waste of money",
                "I would never recommend this {w}",
                "the {w} was slow and rude",
            ),
            _THINGS,
        ),
    },
    "intent": {
        "question": (
            (
                "where is my {w}",
                "is the {w} any good",
                "what happened to the {w}",
                "why is the {w} so expensive",
                "how does the {w} work",
            ),
            _THINGS,
        ),
        "request": (
            (
                "please check my {w}",
                "could you update the {w} for me",
                "send me the {w} details please",
                "can you change my {w}",
                "I need you to fix the {w}",
            ),
            _THINGS,
        ),
        "statement": (
            (
                "my {w} arrived today",
                "the {w} is next to the door",
                "my friend uses the same {w}",
                "I told my sister about the {w}",
                "the {w} was mentioned in the news",
            ),
            _THINGS,
        ),
    },
    "topic": {
        "sport": (
            (
                "the {w} won the match last night",
                "our {w} scored in the final minute",
                "the {w} trained for the league",
            ),
            ("team", "striker", "club", "keeper"),
        ),
        "weather": (
            (
                "heavy {w} is expected tomorrow",
                "the forecast warns of {w} this weekend",
                "we had {w} all day",
            ),
            ("rain", "snow", "wind", "sunshine"),
        ),
        "cooking": (
            (
                "simmer the {w} for ten minutes",
                "season the {w} with salt and pepper",
                "bake the {w} until golden",
            ),
            ("sauce", "soup", "bread", "vegetables"),
        ),
        "travel": (
            (
                "our flight to {w} boarded late",
                "we booked a hostel in {w}",
                "the train to {w} was crowded",
            ),
            ("Lisbon", "Oslo", "Kyoto", "Lima"),
        ),
    },
}
GENERAL_TASKS: tuple[str, ...] = tuple(_GENERAL)


@dataclass(frozen=True)
class TextDataset:
    """Labelled texts of one task: ``texts[i]`` has label ``label_names[labels[i]]``.

    ``source`` marks each example's origin (``"synthetic"``, ``"production"`` or a
    general task's name) so an experiment can count what went into training.
    """

    task: str
    texts: tuple[str, ...]
    labels: np.ndarray = field(repr=False)
    label_names: tuple[str, ...]
    source: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        labels = np.asarray(self.labels, dtype=int)
        labels.setflags(write=False)
        object.__setattr__(self, "labels", labels)
        if not self.source:
            object.__setattr__(self, "source", (self.task,) * len(self.texts))
        if len(labels) != len(self.texts) or len(self.source) != len(self.texts):
            raise FtlibError(
                "labels", len(labels), f"one label and one source per text ({len(self.texts)})"
            )

    def __len__(self) -> int:
        return len(self.texts)

    def take(self, index: Sequence[int] | np.ndarray) -> TextDataset:
        """The examples at ``index``, in that order."""
        idx = np.asarray(index, dtype=int)
        return TextDataset(
            self.task,
            tuple(self.texts[i] for i in idx),
            self.labels[idx],
            self.label_names,
            tuple(self.source[i] for i in idx),
        )

    def __add__(self, other: TextDataset) -> TextDataset:
        if other.task != self.task or other.label_names != self.label_names:
            raise FtlibError(
                "other", other.task, f"a dataset of task {self.task!r} with the same labels"
            )
        return TextDataset(
            self.task,
            self.texts + other.texts,
            np.concatenate([self.labels, other.labels]),
            self.label_names,
            self.source + other.source,
        )


def _rng(seed: int | np.random.Generator) -> np.random.Generator:
    return (
        seed
        if isinstance(seed, np.random.Generator)
        else np.random.default_rng(check_int("seed", seed, minimum=0))
    )


def _pick(rng: np.random.Generator, items: Sequence[str]) -> str:
    return items[int(rng.integers(len(items)))]


def _fill(text: str, rng: np.random.Generator) -> str:
    return text.format(
        id=f"#{int(rng.integers(10_000, 99_999))}",
        years=int(rng.integers(2, 12)),
        product=_pick(rng, _PRODUCTS),
        nth=_pick(rng, _NTH),
        name=_pick(rng, _NAMES),
    )


def _typo(word: str, rng: np.random.Generator) -> str:
    if len(word) < 4:
        return word
    i = int(rng.integers(1, len(word) - 1))
    kind = int(rng.integers(3))
    if kind == 0:
        return word[:i] + word[i + 1 :]  # a dropped letter
    if kind == 1:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]  # swapped neighbours
    return word[:i] + word[i] + word[i:]  # a doubled letter


def _ticket(label: str, style: str, rng: np.random.Generator, typo_rate: float) -> str:
    # Some tickets mention a second issue in passing; the queue follows the main one,
    # which a bag of words cannot always tell apart: this keeps the task short of 100%.
    other = (
        _pick(rng, [k for k in TICKET_LABELS if k != label])
        if rng.random() < _SECOND_ISSUE_RATE
        else None
    )
    if style == "synthetic":
        core = _pick(rng, _SYNTHETIC_CORES[label])
        parts = [_pick(rng, _GREETINGS), core[0].upper() + core[1:] + "."]
        if other:
            parts.append("Also, " + _pick(rng, _SYNTHETIC_CORES[other]) + ".")
        if rng.random() < 0.7:
            parts.append(_fill(_pick(rng, _DETAILS), rng))
        parts.append(_fill(_pick(rng, _CLOSINGS), rng))
        return " ".join(parts)
    words = _pick(rng, _PRODUCTION_CORES[label]).split()
    if other:
        words += ["+"] + _pick(rng, _PRODUCTION_CORES[other]).split()
    words = [_typo(w, rng) if rng.random() < typo_rate else w for w in words]
    extra = _fill(_pick(rng, _PRODUCTION_EXTRAS), rng)
    return " ".join(words + ([extra] if extra else [])).lower()


def ticket_examples(
    n: int,
    *,
    style: str = "synthetic",
    seed: int | np.random.Generator = 0,
    typo_rate: float = 0.25,
) -> TextDataset:
    """``n`` support tickets of one style, labels balanced in expectation.

    Parameters
    ----------
    n
        Number of tickets (>= 1).
    style
        ``"synthetic"`` (tidy sentences) or ``"production"`` (short, typos, slang).
    seed
        A seed or a ``numpy.random.Generator``; the same seed gives the same tickets.
    typo_rate
        Share of production words with a typo (ignored for synthetic tickets).

    Examples
    --------
    >>> data = ticket_examples(3, style="production", seed=1)
    >>> len(data), data.task
    (3, 'tickets')
    >>> ticket_examples(3, seed=1).texts == ticket_examples(3, seed=1).texts
    True
    """
    n = check_int("n", n, minimum=1)
    style = check_choice("style", style, TICKET_STYLES)
    typo_rate = check_number("typo_rate", typo_rate, minimum=0, maximum=1)
    rng = _rng(seed)
    labels = rng.integers(len(TICKET_LABELS), size=n)
    texts = tuple(_ticket(TICKET_LABELS[k], style, rng, typo_rate) for k in labels)
    return TextDataset("tickets", texts, labels, TICKET_LABELS, (style,) * n)


def mixed_ticket_examples(
    n: int, *, production_share: float, seed: int | np.random.Generator = 0
) -> TextDataset:
    """``n`` tickets of which ``round(n * production_share)`` are production-style, shuffled.

    Examples
    --------
    >>> data = mixed_ticket_examples(10, production_share=0.8, seed=0)
    >>> data.source.count("production")
    8
    """
    n = check_int("n", n, minimum=1)
    share = check_number("production_share", production_share, minimum=0, maximum=1)
    rng = _rng(seed)
    n_prod = int(round(n * share))
    parts = [
        ticket_examples(k, style=style, seed=rng)
        for style, k in (("synthetic", n - n_prod), ("production", n_prod))
        if k
    ]
    data = parts[0] if len(parts) == 1 else parts[0] + parts[1]
    return data.take(rng.permutation(len(data)))


def general_examples(task: str, n: int, *, seed: int | np.random.Generator = 0) -> TextDataset:
    """``n`` examples of a general task (one of ``GENERAL_TASKS``), the base model's other skills.

    Examples
    --------
    >>> data = general_examples("sentiment", 4, seed=0)
    >>> data.label_names
    ('positive', 'negative')
    """
    task = check_choice("task", task, GENERAL_TASKS)
    n = check_int("n", n, minimum=1)
    rng = _rng(seed)
    spec = _GENERAL[task]
    names = tuple(spec)
    labels = rng.integers(len(names), size=n)
    texts = []
    for k in labels:
        frames, fillers = spec[names[k]]
        texts.append(_pick(rng, frames).format(w=_pick(rng, fillers)))
    return TextDataset(task, tuple(texts), labels, names)


def with_label_noise(
    data: TextDataset, rate: float, *, seed: int | np.random.Generator = 0
) -> TextDataset:
    """A copy where a share ``rate`` of labels is replaced by a different, random label.

    Examples
    --------
    >>> clean = ticket_examples(100, seed=0)
    >>> noisy = with_label_noise(clean, 0.3, seed=0)
    >>> int((noisy.labels != clean.labels).sum())
    30
    """
    rate = check_number("noise_rate", rate, minimum=0, maximum=1)
    rng = _rng(seed)
    labels = data.labels.copy()
    flip = rng.choice(len(data), size=int(round(rate * len(data))), replace=False)
    k = len(data.label_names)
    labels[flip] = (labels[flip] + rng.integers(1, k, size=len(flip))) % k
    return TextDataset(data.task, data.texts, labels, data.label_names, data.source)


def leak_into(
    test: TextDataset, train: TextDataset, share: float, *, seed: int | np.random.Generator = 0
) -> TextDataset:
    """Replace a share of ``test`` by lightly edited copies of ``train`` examples and labels.

    This is how contamination happens in practice: the same ticket reaches both
    sets, perhaps with a changed order number or an extra word.

    Examples
    --------
    >>> train, test = ticket_examples(50, seed=1), ticket_examples(20, seed=2)
    >>> leaked = leak_into(test, train, 0.5, seed=0)
    >>> len(leaked), leaked.source.count("leaked")
    (20, 10)
    """
    share = check_number("overlap_share", share, minimum=0, maximum=1)
    rng = _rng(seed)
    n_leak = int(round(share * len(test)))
    if n_leak > len(train):
        raise FtlibError(
            "overlap_share", share, f"at most {len(train) / len(test):.2f} for these set sizes"
        )
    slots = rng.choice(len(test), size=n_leak, replace=False)
    sources = rng.choice(len(train), size=n_leak, replace=False)
    texts, labels, origin = list(test.texts), test.labels.copy(), list(test.source)
    for slot, src in zip(slots, sources, strict=False):
        words = train.texts[src].split()
        if len(words) > 3 and rng.random() < 0.5:
            del words[int(rng.integers(len(words)))]  # a small edit: the copy is near, not exact
        texts[slot], labels[slot], origin[slot] = " ".join(words), train.labels[src], "leaked"
    return TextDataset(test.task, tuple(texts), labels, test.label_names, tuple(origin))
