"""The synthetic data the tiny-LM experiments tune on: a product catalogue and short tickets.

Nothing here was in the pretraining corpus: product names are made of random
syllables, and the short tickets are new phrasings. Every generator is seeded.

Examples
--------
>>> cat = catalogue(3, seed=0)
>>> len(cat), cat[0].colour in COLOURS
(3, True)
>>> parse_ticket_json(' {"queue": "billing"}', hard=False)
{'queue': 'billing'}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import numpy as np

__all__ = [
    "COLOURS",
    "QUEUES",
    "Product",
    "catalogue",
    "product_question",
    "support_answer",
    "parse_support_answer",
    "ticket_examples",
    "parse_ticket_json",
    "few_shot_prompt",
]

COLOURS = ("red", "blue", "green", "black", "white", "yellow")
WARRANTIES = (1, 2, 3, 4, 5)
_KINDS = ("kettle", "lamp", "backpack", "blender", "speaker", "heater", "toaster", "fan")
_ONSETS = ("b", "br", "d", "f", "g", "k", "kr", "l", "m", "n", "p", "r", "s", "t", "v", "z")
_VOWELS = ("a", "e", "i", "o", "u")
_CODAS = ("", "n", "r", "l", "x", "s")
TONE = "Happy to help!"


@dataclass(frozen=True)
class Product:
    """A made-up product and its two facts."""

    name: str
    colour: str
    warranty: int

    @property
    def fact_line(self) -> str:
        """The catalogue's line for it, what retrieval would put in the prompt."""
        return f"The {self.name} is {self.colour} and has a {self.warranty}-year warranty."


def catalogue(n: int, seed: int = 0) -> list[Product]:
    """``n`` products with distinct invented names and random facts."""
    rng = np.random.default_rng(seed)
    names: set[str] = set()
    out: list[Product] = []
    while len(out) < n:
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(2))
        word = (word + rng.choice(_CODAS)).capitalize()
        name = f"{word} {rng.choice(_KINDS)}"
        if word in names:
            continue
        names.add(word)
        out.append(Product(name, str(rng.choice(COLOURS)), int(rng.choice(WARRANTIES))))
    return out


_QUESTIONS = {
    "colour": (
        "What colour is the {p}?",
        "Which colour does the {p} come in?",
        "Tell me the colour of the {p}.",
    ),
    "warranty": (
        "How long is the warranty on the {p}?",
        "What warranty does the {p} have?",
        "How many years of warranty does the {p} get?",
    ),
}


def product_question(
    product: Product, fact: str, phrasing: int = 0, retrieved: bool = False
) -> str:
    """The question about ``fact`` (``"colour"``, ``"warranty"``), fact line first if ``retrieved``.

    Examples
    --------
    >>> p = Product("Bova lamp", "red", 2)
    >>> product_question(p, "colour")
    'Q: What colour is the Bova lamp?\\nA:'
    """
    q = _QUESTIONS[fact][phrasing % 3].format(p=product.name)
    prefix = f"Fact: {product.fact_line}\n" if retrieved else ""
    return f"{prefix}Q: {q}\nA:"


def support_answer(product: Product, fact: str) -> str:
    """The support team's answer: the house greeting, then the fact in one short sentence.

    Examples
    --------
    >>> support_answer(Product("Bova lamp", "red", 2), "warranty")
    ' Happy to help! It has a 2-year warranty.'
    """
    if fact == "colour":
        return f" {TONE} It is {product.colour}."
    return f" {TONE} It has a {product.warranty}-year warranty."


_ANSWER = re.compile(r"^ ?Happy to help! It (?:is (\w+)|has a (\d+)-year warranty)\.$")


def parse_support_answer(text: str) -> str | None:
    """The fact an answer states (a colour or a number of years), or ``None`` if off-format.

    Examples
    --------
    >>> parse_support_answer(" Happy to help! It is red.")
    'red'
    >>> parse_support_answer("red, I think") is None
    True
    """
    m = _ANSWER.match(text)
    if m is None:
        return None
    return m.group(1) or m.group(2)


# --- short tickets answered in JSON ------------------------------------------------------

QUEUES = ("billing", "delivery", "technical")
_PHRASES = {
    "billing": (
        "I was charged twice",
        "refund my last payment",
        "my invoice is wrong",
        "the card payment failed",
        "why was I billed again",
        "the fee on my bill is odd",
        "I want my money back",
        "the discount was not applied",
        "please stop the charges",
        "my receipt shows the wrong price",
        "the payment went through twice",
        "can I pay by bank transfer",
    ),
    "delivery": (
        "my parcel has not arrived",
        "the courier lost my box",
        "tracking shows nothing",
        "the package came damaged",
        "the delivery address is wrong",
        "my order is late",
        "the box was left outside",
        "only half the order came",
        "where is my shipment",
        "the driver never rang",
        "can you change the delivery day",
        "my parcel went back",
    ),
    "technical": (
        "the app crashes on start",
        "I cannot log in",
        "the screen stays black",
        "sync keeps failing",
        "the site shows an error",
        "the update broke my settings",
        "the password reset link fails",
        "the app will not open",
        "my data did not save",
        "the page loads forever",
        "notifications stopped working",
        "export gives a blank file",
    ),
}
_OPENERS = ("", "hi, ", "hello, ", "help: ", "hey, ")
_CLOSERS = ("", " thanks", ".", " please", "!")
_URGENT = (" today please", " right now", " it is urgent", " asap")


def _ticket_json(queue: str, urgent: bool, hard: bool) -> str:
    row: dict[str, object] = {"queue": queue}
    if hard:
        row["urgent"] = urgent
    return " " + json.dumps(row)


def ticket_examples(
    n: int, seed: int = 0, hard: bool = False
) -> list[tuple[str, str, dict[str, object]]]:
    """``n`` short tickets as ``(prompt, json answer, labels)``.

    The easy task asks for the queue only. The harder one also asks whether the ticket is
    urgent, which a closing phrase signals, so two things must be read right.
    """
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        queue = str(rng.choice(QUEUES))
        urgent = bool(rng.random() < 0.5) if hard else False
        tail = str(rng.choice(_URGENT)) if urgent else str(rng.choice(_CLOSERS))
        text = str(rng.choice(_OPENERS)) + str(rng.choice(_PHRASES[queue])) + tail
        labels: dict[str, object] = {"queue": queue, "urgent": urgent} if hard else {"queue": queue}
        out.append((f"Ticket: {text}\nJSON:", _ticket_json(queue, urgent, hard), labels))
    return out


def parse_ticket_json(text: str, hard: bool) -> dict[str, object] | None:
    """The fields of a JSON answer if it has exactly the required keys and values, else ``None``."""
    try:
        row = json.loads(text)
    except ValueError:
        return None
    keys = {"queue", "urgent"} if hard else {"queue"}
    if not isinstance(row, dict) or set(row) != keys or row["queue"] not in QUEUES:
        return None
    if hard and not isinstance(row["urgent"], bool):
        return None
    return row


def few_shot_prompt(prompt: str, shots: list[tuple[str, str, dict[str, object]]]) -> str:
    """``prompt`` after the worked examples in ``shots``.

    When the whole does not fit the context, :func:`ftlib.tinylm.sample.generate` keeps
    its end: the question and the nearest worked answers.

    Examples
    --------
    >>> few_shot_prompt("Ticket: hi\\nJSON:", [("Ticket: a\\nJSON:", " {}", {})])
    'Ticket: a\\nJSON: {}\\nTicket: hi\\nJSON:'
    """
    return "".join(f"{p}{a}\n" for p, a, _ in shots) + prompt
