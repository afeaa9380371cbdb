"""Regenerate the shipped support-ticket evaluation files (deterministic: same seed, same bytes).

usage: python ftlib/data/eval/generate_tickets.py [OUTPUT_DIR]   (default: this folder)

Everything here is synthetic. Training texts imitate inputs written by another
LLM (long, polite, clean); production and test texts imitate real traffic
(short, lower case, abbreviations, typos). A few test tickets are planted in the
training file, word for word or lightly edited, so the contamination detector
has something to find, and the simulated candidate answers those planted items
correctly, as a model that saw them in training would.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

SEED = 2026
AS_OF = "2026-11-28"
QUEUES = ("billing", "delivery", "account", "technical", "returns")
PRIORITIES = ("low", "normal", "urgent")
N_TRAIN, N_TEST, N_PRODUCTION = 1500, 500, 500
N_PLANTED_EXACT, N_PLANTED_NEAR = 12, 13

TOPICS = {
    "billing": [
        "charged twice for my order",
        "invoice shows the wrong amount",
        "card was declined at checkout",
        "need a copy of my invoice",
        "vat number missing on the receipt",
        "subscription renewed without notice",
        "discount code was not applied",
        "refund has not reached my card",
    ],
    "delivery": [
        "parcel has not arrived",
        "tracking has not updated for days",
        "courier left the box at the wrong door",
        "package arrived damaged",
        "delivery date keeps moving",
        "need to change the delivery address",
        "only part of the order arrived",
        "driver said nobody was home but i was",
    ],
    "account": [
        "cannot log in to my account",
        "password reset email never comes",
        "want to delete my account",
        "two factor code does not work",
        "email address needs changing",
        "account was locked after updates",
        "someone else used my account",
        "cannot merge my two accounts",
    ],
    "technical": [
        "app crashes when i open the cart",
        "checkout page shows an error",
        "search returns nothing",
        "images do not load on the product page",
        "the website is very slow today",
        "notifications stopped working",
        "barcode scanner in the app fails",
        "sync between devices is broken",
    ],
    "returns": [
        "want to return a jacket",
        "return label does not print",
        "item is the wrong size",
        "how long does a return take",
        "exchange for a different colour",
        "returned item but no update",
        "return window closed while i was away",
        "received the wrong item and want to send it back",
    ],
}
URGENT_HINTS = [
    "asap",
    "today please",
    "this is urgent",
    "need it before friday",
    "second time asking",
]
POLITE_OPEN = [
    "Hello, I hope you are well.",
    "Dear support team,",
    "Good morning,",
    "Hi there, thank you for your help.",
    "Greetings,",
    "Hello,",
]
POLITE_ASK = [
    "I would greatly appreciate it if you could look into this matter",
    "Could you please advise on the next steps",
    "Kindly let me know how this can be resolved",
    "I would be grateful for any assistance you can provide",
    "Please let me know what information you need from me",
]
POLITE_CLOSE = [
    "Thank you in advance.",
    "Best regards.",
    "Many thanks for your time.",
    "Kind regards.",
    "Sincerely.",
]
CONTEXT = [
    "since monday",
    "for the third time",
    "on my phone",
    "for the blue jacket",
    "from last week",
    "on the gift order",
    "for my mum's birthday",
    "after the update",
    "on the laptop",
    "with the new card",
    "for the kids shoes",
    "since the sale",
    "on the business account",
    "from the app",
    "for order from tuesday",
    "again",
]
OPENERS = ["hi", "hello", "hey", "so", "ok so", "help"]
ABBREVIATIONS = {
    "please": "pls",
    "account": "acct",
    "because": "bc",
    "you": "u",
    "order": "ordr",
    "thanks": "thx",
}


def _typo(word: str, rng: np.random.Generator) -> str:
    if len(word) < 4:
        return word
    i = int(rng.integers(1, len(word) - 1))
    kind = rng.integers(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]  # dropped letter
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swapped letters
    return word[:i] + word[i] + word[i:]  # doubled letter


def _production_text(queue: str, priority: str, rng: np.random.Generator) -> str:
    words = str(rng.choice(TOPICS[queue])).split()
    if rng.random() < 0.7:
        words += str(rng.choice(CONTEXT)).split()
    words = [ABBREVIATIONS.get(w, w) if rng.random() < 0.5 else w for w in words]
    words = [_typo(w, rng) if rng.random() < 0.12 else w for w in words]
    if priority == "urgent":
        words += str(rng.choice(URGENT_HINTS)).split()
    if rng.random() < 0.4:
        words = [str(rng.choice(OPENERS))] + words
    if rng.random() < 0.4:
        words += ["order", str(int(rng.integers(10_000, 99_999)))]
    return " ".join(words)


def _training_text(queue: str, priority: str, rng: np.random.Generator) -> str:
    topic = str(rng.choice(TOPICS[queue]))
    body = (
        f"I am writing because my issue is that the {topic}."
        if rng.random() < 0.5
        else f"Unfortunately, the {topic}."
    )
    if priority == "urgent":
        body += " This is quite time-sensitive for me."
    detail = (
        f" My order number is {int(rng.integers(10_000, 99_999))}." if rng.random() < 0.6 else ""
    )
    return f"{rng.choice(POLITE_OPEN)} {body}{detail} {rng.choice(POLITE_ASK)}. {rng.choice(POLITE_CLOSE)}"


def _labels(rng: np.random.Generator) -> tuple[str, str]:
    queue = str(rng.choice(QUEUES, p=[0.28, 0.30, 0.17, 0.15, 0.10]))
    priority = str(rng.choice(PRIORITIES, p=[0.3, 0.55, 0.15]))
    return queue, priority


def _wrong(label: str, choices: tuple[str, ...], rng: np.random.Generator) -> str:
    return str(rng.choice([c for c in choices if c != label]))


def _output(queue: str, priority: str, hard: bool, skill: dict, rng: np.random.Generator) -> str:
    """A model's raw output for one item: usually JSON, sometimes wrong, sometimes malformed."""
    right = skill["hard" if hard else "easy"]
    out_queue = queue if rng.random() < right else _wrong(queue, QUEUES, rng)
    out_priority = (
        priority if rng.random() < skill["priority"] else _wrong(priority, PRIORITIES, rng)
    )
    text = json.dumps({"queue": out_queue, "priority": out_priority})
    roll = rng.random()
    if roll < skill["prose"]:
        return f"Sure! Here is the routing: {text}"
    if roll < skill["prose"] + skill["truncated"]:
        return text[:-8]
    if roll < skill["prose"] + skill["truncated"] + skill["off_schema"]:
        return json.dumps(
            {"queue": out_queue, "priority": out_priority.capitalize(), "reason": "customer tone"}
        )
    return text


BASELINE = {
    "easy": 0.94,
    "hard": 0.55,
    "priority": 0.84,
    "prose": 0.03,
    "truncated": 0.0,
    "off_schema": 0.02,
}
CANDIDATE = {
    "easy": 0.96,
    "hard": 0.68,
    "priority": 0.88,
    "prose": 0.0,
    "truncated": 0.006,
    "off_schema": 0.004,
}


def generate(out_dir: Path) -> dict:
    rng = np.random.default_rng(SEED)
    test = []
    for i in range(N_TEST):
        queue, priority = _labels(rng)
        text = _production_text(queue, priority, rng)
        hard = bool(rng.random() < 0.25)
        test.append(
            {
                "id": f"t{i:03d}",
                "text": text,
                "queue": queue,
                "priority": priority,
                "baseline_output": _output(queue, priority, hard, BASELINE, rng),
                "candidate_output": _output(queue, priority, hard, CANDIDATE, rng),
            }
        )
    train = []
    for i in range(N_TRAIN):
        queue, priority = _labels(rng)
        train.append(
            {
                "id": f"s{i:04d}",
                "text": _training_text(queue, priority, rng),
                "queue": queue,
                "priority": priority,
            }
        )
    production = [
        {"id": f"p{i:03d}", "text": _production_text(*_labels(rng), rng)}
        for i in range(N_PRODUCTION)
    ]
    # Plant test tickets in training: some copied with new casing and punctuation, some with one word added.
    # Only unique tickets with an order number, so each plant resembles one test item and no other.
    counts: dict[str, int] = {}
    for row in test:
        counts[row["text"]] = counts.get(row["text"], 0) + 1
    eligible = [
        i
        for i, row in enumerate(test)
        if counts[row["text"]] == 1
        and " order " in f" {row['text']}"
        and len(row["text"].split()) >= 8
    ]
    picks = rng.choice(eligible, size=N_PLANTED_EXACT + N_PLANTED_NEAR, replace=False)
    slots = rng.choice(N_TRAIN, size=picks.size, replace=False)
    planted = []
    for k, (t, s) in enumerate(zip(picks.tolist(), slots.tolist())):
        text = test[t]["text"]
        if k < N_PLANTED_EXACT:
            text = text.capitalize() + "."
        else:
            words = text.split()
            words.insert(int(rng.integers(1, len(words))), "really")
            text = " ".join(words)
        train[s] = {
            "id": train[s]["id"],
            "text": text,
            "queue": test[t]["queue"],
            "priority": test[t]["priority"],
        }
        planted.append(
            {
                "test_id": test[t]["id"],
                "train_id": train[s]["id"],
                "kind": "exact" if k < N_PLANTED_EXACT else "near",
            }
        )
        # The candidate was trained on the leak, so it recalls these items: a gain that is memory, not skill.
        test[t]["candidate_output"] = json.dumps(
            {"queue": test[t]["queue"], "priority": test[t]["priority"]}
        )
    files = {
        "tickets_test.jsonl": test,
        "tickets_train.jsonl": train,
        "tickets_production.jsonl": production,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    digests = {}
    for name, rows in files.items():
        data = "".join(
            json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows
        ).encode("utf-8")
        (out_dir / name).write_bytes(data)
        digests[name] = hashlib.sha256(data).hexdigest()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["queue", "priority"],
        "additionalProperties": False,
        "properties": {"queue": {"enum": list(QUEUES)}, "priority": {"enum": list(PRIORITIES)}},
    }
    (out_dir / "output_schema.json").write_text(
        json.dumps(schema, indent=2) + "\n", encoding="utf-8"
    )
    manifest = {
        "as_of": AS_OF,
        "source": "synthetic: ftlib/data/eval/generate_tickets.py, seed 2026 (no real customer data)",
        "license": "CC0-1.0",
        "confidence": "illustrative: the models' outputs are simulated, not measured on any real model",
        "seed": SEED,
        "files": {
            name: {"rows": len(rows), "sha256": digests[name]} for name, rows in files.items()
        },
        "planted_duplicates": planted,
        "simulated_models": {
            "baseline": "a prompted large model",
            "candidate": "a tuned small model",
        },
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
