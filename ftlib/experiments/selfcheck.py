"""Self-checks for the failure-mode labs; where a number is asked, it is measured, not stored."""

from __future__ import annotations

from ..core.errors import check_choice, check_int, check_number
from ..labkit.feedback import Feedback
from ..rules.thresholds import TRAINING_RUNS_BUDGET
from .runs import contamination_experiment, data_size_experiment

__all__ = [
    "FORGETTING_REMEDIES",
    "forgetting_remedy_answer",
    "contamination_inflation_answer",
    "shift_warning_answer",
    "noisy_labels_signal_answer",
    "data_size_crossover_answer",
    "sunk_cost_stop_answer",
]

FORGETTING_REMEDIES = (
    "train for more epochs",
    "raise the learning rate",
    "mix general examples back in",
    "use a low-rank adapter on a frozen base",
)


def forgetting_remedy_answer(choice: str) -> Feedback:
    """Which change protects the base model's general skills?

    Examples
    --------
    >>> forgetting_remedy_answer("mix general examples back in").correct
    True
    """
    choice = check_choice("choice", choice, FORGETTING_REMEDIES)
    if choice in FORGETTING_REMEDIES[2:]:
        return Feedback(
            True,
            "Both work in the lab: mixing keeps the general tasks in the loss, and a small adapter "
            "cannot move the frozen shared layer far. Measure general tasks either way.",
        )
    return Feedback(
        False,
        "More epochs and a higher learning rate push the shared layer further towards tickets, "
        "so the general skills erode more, not less. Try the mixing slider or the adapter.",
    )


def contamination_inflation_answer(
    points: float, *, overlap_share: float = 0.5, seed: int = 0
) -> Feedback:
    """How many accuracy points does leaking ``overlap_share`` of the test set add? (measured, within 2 points)

    Examples
    --------
    >>> contamination_inflation_answer(0).correct
    False
    """
    points = check_number("points", points, minimum=-100, maximum=100)
    df = contamination_experiment(overlap_share=overlap_share, seed=seed).set_index("test_set")
    measured = 100 * (df.accuracy["contaminated"] - df.accuracy["clean"])
    if abs(points - measured) <= 2:
        return Feedback(
            True,
            f"The leak adds {measured:.0f} points: the model recognises tickets it was trained on. "
            "None of that gain would show up on new traffic.",
        )
    return Feedback(
        False,
        f"The experiment measures {measured:.0f} points (clean {df.accuracy['clean']:.0%}, "
        f"contaminated {df.accuracy['contaminated']:.0%}). Rerun the lab at {overlap_share:.0%}.",
    )


def shift_warning_answer(test_set: str) -> Feedback:
    """Which test set would have warned the team before launch: ``"synthetic"`` or ``"production"``?

    Examples
    --------
    >>> shift_warning_answer("production").correct
    True
    """
    test_set = check_choice("test_set", test_set, ("synthetic", "production"))
    if test_set == "production":
        return Feedback(
            True,
            "A test set drawn from real traffic, kept apart from the training source, shows the drop "
            "before users do. The synthetic one shares the training data's style and flatters the model.",
        )
    return Feedback(
        False,
        "A synthetic test set is made the same way as the synthetic training data, so it scores high "
        "(93% in the article's story) and hides the drop that real traffic shows (71%).",
    )


def noisy_labels_signal_answer(signal: str) -> Feedback:
    """What points to noisy labels: ``"training accuracy"``, ``"train-test gap"`` or ``"falling loss"``?

    Examples
    --------
    >>> noisy_labels_signal_answer("train-test gap").correct
    True
    """
    signal = check_choice("signal", signal, ("training accuracy", "train-test gap", "falling loss"))
    if signal == "train-test gap":
        return Feedback(
            True,
            "Training accuracy stays near 100% at every noise level because the model memorises the "
            "flipped labels; only the clean test set shows the damage. Then read a sample of labels.",
        )
    return Feedback(
        False,
        "Training accuracy and loss look healthy at every noise rate: a model with enough capacity "
        "memorises wrong labels too. Only the gap to a clean test set gives it away.",
    )


def data_size_crossover_answer(n_train: int, *, seed: int = 0) -> Feedback:
    """The smallest of 20, 50, 100, 200 examples at which fine-tuning beats the few-shot stand-in (measured).

    Examples
    --------
    >>> data_size_crossover_answer(20).correct
    False
    """
    n_train = check_int("n_train", n_train, minimum=1)
    sizes = (20, 50, 100, 200)
    wins = []
    for size in sizes:
        acc = data_size_experiment(n_train=size, seed=seed).set_index("method").accuracy
        if acc["fine-tuned"] > acc["few-shot stand-in"]:
            wins.append(size)
    first = wins[0] if wins else None
    if n_train == first:
        return Feedback(
            True,
            f"In this toy, fine-tuning overtakes the stand-in at {first} examples. The article puts the "
            "line near 200 because a prompted LLM is a far stronger baseline than a centroid over 5 examples.",
        )
    return Feedback(
        False,
        f"Measured: the fine-tuned model first wins at {first} examples (of {', '.join(map(str, sizes))}). "
        "A stronger baseline would move that point to the right.",
    )


def sunk_cost_stop_answer(checkpoint: int) -> Feedback:
    """Under the rule 'meet the target by checkpoint 2', when does the flat run stop?

    Examples
    --------
    >>> sunk_cost_stop_answer(2).correct
    True
    """
    checkpoint = check_int("checkpoint", checkpoint, minimum=1)
    allowed = TRAINING_RUNS_BUDGET[0]
    if checkpoint == allowed:
        return Feedback(
            True,
            f"Checkpoint {allowed} is the last one the rule pays for; the flat run is short of the target, "
            "so you ship the prompted baseline. The later checkpoints in the lab show it would not have caught up.",
        )
    if checkpoint < allowed:
        return Feedback(
            False,
            f"The rule allows {allowed} checkpoints; the first one can be behind pace without ending the run.",
        )
    return Feedback(
        False,
        f"Going past checkpoint {allowed} is exactly the sunk-cost trap: the rule was written so the "
        "team would not renegotiate it once money was spent.",
    )
