"""When *not* to fine-tune: the article's table of bad reasons, as checks with a better route.

Each :class:`WhenNotRow` is one row of the article's table (plus its "fewer than
200 examples" warning): the goal, why training will not deliver it, and what
to do instead. :func:`check_when_not` runs every row against a
:class:`FineTuneIdea` and returns the rows that fire, with the numbers that
made them fire. An empty result means none of the article's stop signs apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import FtlibError, check_choice, check_int, check_number, did_you_mean
from ..rules.thresholds import MIN_TRAIN_EXAMPLES, VOLUME_FLOOR

__all__ = [
    "FINE_TUNE_GOALS",
    "WhenNotRow",
    "WHEN_NOT_ROWS",
    "when_not_row",
    "FineTuneIdea",
    "WhenNotFinding",
    "check_when_not",
    "WhenNotScenario",
    "WHEN_NOT_SCENARIOS",
    "when_not_scenario",
]

# What the team hopes training will do. The first two are what fine-tuning is for.
FINE_TUNE_GOALS: tuple[str, ...] = (
    "behaviour",  # style, tone, format, consistency
    "cost-at-volume",  # a smaller tuned model replacing a larger one
    "add-facts",
    "general-reasoning",
    "safety-alignment",
    "new-modality",
)


@dataclass(frozen=True)
class WhenNotRow:
    """One stop sign: the goal, why training will not reach it, the alternative and what to do."""

    id: str
    goal: str
    why_not: str
    alternative: str
    instead: str


WHEN_NOT_ROWS: tuple[WhenNotRow, ...] = (
    WhenNotRow(
        "add-facts",
        "Teach the model new facts",
        "Training shapes how a model answers, not what it reliably knows; facts learnt this way "
        "are patchy and fade with each retraining.",
        "rag",
        "Retrieve the facts when the question arrives and cite them (RAG).",
    ),
    WhenNotRow(
        "general-reasoning",
        "Make the model reason better in general",
        "Tuning a small model on your data does not give it the abilities of a larger one.",
        "stronger-base-model",
        "Switch to a more capable base model (as of 2026-12-02, for example GPT-6.2 Sol or "
        "Claude Opus 5.5; the article, in April 2026, named GPT-5.4 and Claude Opus 4.7).",
    ),
    WhenNotRow(
        "one-off-task",
        "Handle a one-off or experimental task",
        "The data, training and evaluation work never pays off for a task you run rarely.",
        "prompt-engineering",
        "Write a good prompt with a few worked examples.",
    ),
    WhenNotRow(
        "safety-alignment",
        "Fix safety or alignment problems",
        "Training on domain data tends to wear down the safety tuning the vendor already did, "
        "not strengthen it.",
        "guardrails",
        "Use guardrails: a system prompt, input and output filters.",
    ),
    WhenNotRow(
        "new-modality",
        "Accept a new kind of input (images, audio)",
        "What a model can read is fixed by its architecture; training on text cannot add an "
        "input type.",
        "multimodal-model",
        "Pick a multimodal model, or convert the input first with a dedicated pipeline.",
    ),
    WhenNotRow(
        "low-volume",
        f"Save money below {VOLUME_FLOOR:,} requests a month",
        "At this volume the monthly savings are too small to repay the data, evaluation and "
        "engineering work that training needs.",
        "prompt-engineering",
        "Prompt with few-shot examples now; run the numbers again when traffic grows.",
    ),
    WhenNotRow(
        "few-examples",
        f"Train on fewer than {MIN_TRAIN_EXAMPLES} examples",
        "With so little data a tuned model overfits, and few-shot prompting nearly always does "
        "better.",
        "prompt-engineering",
        "Put your best examples in the prompt; collect more before revisiting training.",
    ),
)

_ROWS = {row.id: row for row in WHEN_NOT_ROWS}
_GOAL_ROWS = {
    "add-facts": "add-facts",
    "general-reasoning": "general-reasoning",
    "safety-alignment": "safety-alignment",
    "new-modality": "new-modality",
}


def when_not_row(row_id: str) -> WhenNotRow:
    """The row with this id; an unknown id names the closest known ones.

    Examples
    --------
    >>> when_not_row("add-facts").alternative
    'rag'
    """
    if row_id not in _ROWS:
        raise FtlibError(
            "row_id", row_id, "one of " + ", ".join(_ROWS), did_you_mean(row_id, _ROWS)
        )
    return _ROWS[row_id]


@dataclass(frozen=True)
class FineTuneIdea:
    """A proposal to fine-tune, in the terms the stop signs look at.

    Parameters
    ----------
    goal
        What training should achieve: one of :data:`FINE_TUNE_GOALS`.
    requests_per_month
        Expected production volume (>= 0).
    train_examples
        Labelled examples available for training (>= 0).
    one_off
        The task runs rarely or as an experiment.
    """

    goal: str = "behaviour"
    requests_per_month: float = 0.0
    train_examples: int = 0
    one_off: bool = False

    def __post_init__(self) -> None:
        check_choice("goal", self.goal, FINE_TUNE_GOALS)
        check_number("requests_per_month", self.requests_per_month, minimum=0)
        check_int("train_examples", self.train_examples, minimum=0)
        if not isinstance(self.one_off, bool):
            raise FtlibError("one_off", self.one_off, "True or False")


@dataclass(frozen=True)
class WhenNotFinding:
    """A stop sign that fired: the row, and what in the idea made it fire."""

    row: WhenNotRow
    detail: str

    def __str__(self) -> str:
        return f"{self.row.id}: {self.detail} Instead: {self.row.instead}"


def check_when_not(idea: FineTuneIdea) -> tuple[WhenNotFinding, ...]:
    """Every stop sign of the article that applies to ``idea``, in table order (empty: none).

    Examples
    --------
    >>> [f.row.id for f in check_when_not(FineTuneIdea("add-facts", 20_000, 1_000))]
    ['add-facts', 'low-volume']
    >>> check_when_not(FineTuneIdea("behaviour", 1_000_000, 1_500))
    ()
    """
    if not isinstance(idea, FineTuneIdea):
        raise FtlibError("idea", idea, "an ft.FineTuneIdea")
    fired: dict[str, str] = {}
    if idea.goal in _GOAL_ROWS:
        fired[_GOAL_ROWS[idea.goal]] = f"The goal is '{idea.goal}'. {_ROWS[idea.goal].why_not}"
    if idea.one_off:
        fired["one-off-task"] = f"The task is one-off. {_ROWS['one-off-task'].why_not}"
    if idea.requests_per_month < VOLUME_FLOOR and not idea.one_off:
        fired["low-volume"] = (
            f"{idea.requests_per_month:,.0f} requests a month is under {VOLUME_FLOOR:,}. "
            f"{_ROWS['low-volume'].why_not}"
        )
    if idea.train_examples < MIN_TRAIN_EXAMPLES:
        fired["few-examples"] = (
            f"{idea.train_examples:,} examples is under {MIN_TRAIN_EXAMPLES}. "
            f"{_ROWS['few-examples'].why_not}"
        )
    return tuple(WhenNotFinding(row, fired[row.id]) for row in WHEN_NOT_ROWS if row.id in fired)


@dataclass(frozen=True)
class WhenNotScenario:
    """A short team story for the scenarios lab; its answer comes from :func:`check_when_not`."""

    id: str
    story: str
    idea: FineTuneIdea


WHEN_NOT_SCENARIOS: tuple[WhenNotScenario, ...] = (
    WhenNotScenario(
        "support-facts",
        "A support team wants its assistant to answer questions about this quarter's product "
        "features, using 1,000 past tickets (300K requests a month).",
        FineTuneIdea("add-facts", 300_000, 1_000),
    ),
    WhenNotScenario(
        "json-at-scale",
        "An insurer extracts fields from 2M claims a month into a fixed JSON schema; 1,800 "
        "reviewed examples exist and schema slips break the pipeline.",
        FineTuneIdea("behaviour", 2_000_000, 1_800),
    ),
    WhenNotScenario(
        "small-reasoner",
        "A start-up hopes to tune an 8B model on 5,000 puzzles so that it reasons like a "
        "frontier model across all tasks (400K requests a month).",
        FineTuneIdea("general-reasoning", 400_000, 5_000),
    ),
    WhenNotScenario(
        "migration",
        "An analyst must reformat 3,000 legacy records once, next week, and has 400 examples of "
        "the target format.",
        FineTuneIdea("behaviour", 3_000, 400, one_off=True),
    ),
    WhenNotScenario(
        "jailbreaks",
        "A bank's chatbot sometimes follows harmful instructions; the team proposes training it "
        "on 2,000 refusals (250K requests a month).",
        FineTuneIdea("safety-alignment", 250_000, 2_000),
    ),
    WhenNotScenario(
        "scanned-forms",
        "A text-only model should start reading scanned PDF forms; 1,500 form images are "
        "labelled (120K requests a month).",
        FineTuneIdea("new-modality", 120_000, 1_500),
    ),
    WhenNotScenario(
        "tone-small",
        "A marketing team wants its brand voice in every draft: 30K drafts a month and 600 "
        "approved examples.",
        FineTuneIdea("behaviour", 30_000, 600),
    ),
    WhenNotScenario(
        "tone-few",
        "A legal team wants a fixed memo layout at 200K memos a month but has only 80 approved "
        "memos.",
        FineTuneIdea("behaviour", 200_000, 80),
    ),
)

_SCENARIOS = {s.id: s for s in WHEN_NOT_SCENARIOS}


def when_not_scenario(scenario_id: str) -> WhenNotScenario:
    """The scenario with this id; an unknown id names the closest known ones.

    Examples
    --------
    >>> when_not_scenario("json-at-scale").idea.goal
    'behaviour'
    """
    if scenario_id not in _SCENARIOS:
        raise FtlibError(
            "scenario_id",
            scenario_id,
            "one of " + ", ".join(_SCENARIOS),
            did_you_mean(scenario_id, _SCENARIOS),
        )
    return _SCENARIOS[scenario_id]
