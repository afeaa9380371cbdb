"""``ftlib check-data``: is a fine-tuning file usable, what does training cost, does the test leak?

Exit status: 0 when the file is usable, 1 when it has errors, 2 for bad usage
(a missing file, an unknown model id, a bad flag).
"""

from __future__ import annotations

import argparse
from typing import Any

from .. import datacheck as _dc
from ..core.cli import emit, table
from .records import DATA_FORMATS
from .text import terminal_safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-data",
        help="check a JSONL fine-tuning file: errors by line, token counts, duplicates, cost,"
        " test overlap",
        description="Read a JSONL training file once, in constant memory, and say whether it is"
        " usable. "
        "Exit status: 0 usable, 1 errors found, 2 bad usage.",
    )
    p.add_argument("train", metavar="TRAIN.jsonl", help="the training file (never modified)")
    p.add_argument(
        "--test",
        metavar="TEST.jsonl",
        help="a test file to compare with training (exact and near-duplicate inputs)",
    )
    p.add_argument(
        "--format",
        default="auto",
        choices=DATA_FORMATS,
        help="the file's layout, one per provider (default: auto, from each line's keys)",
    )
    p.add_argument(
        "--model",
        metavar="ID",
        help="catalog model id for the example limit and the training price, e.g. gpt-4.1-mini",
    )
    p.add_argument(
        "--epochs",
        type=int,
        default=None,
        help="training epochs to price (default: the provider's documented rule, else"
        f" {_dc.DEFAULT_EPOCHS}; the report says which)",
    )
    p.add_argument(
        "--catalog", metavar="VINTAGE", help="catalog vintage for prices (default: the newest)"
    )
    p.add_argument(
        "--max-errors", type=int, default=50, help="errors to list (all are counted; default 50)"
    )
    p.add_argument(
        "--max-example-tokens",
        type=int,
        help="tokens allowed per example (overrides the model's limit)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.set_defaults(
        handler=run,
        field_flags={
            "train": "TRAIN.jsonl",
            "test": "--test",
            "format": "--format",
            "model_id": "--model",
            "model": "--model",
            "epochs": "--epochs",
            "vintage": "--catalog",
            "max_errors": "--max-errors",
            "max_example_tokens": "--max-example-tokens",
        },
    )


def run(args: argparse.Namespace) -> int:
    # Ctrl-C is handled once, for every command, in ftlib.core.cli.main.
    report = _dc.check_training_data(
        args.train,
        test=args.test,
        format=args.format,
        model=args.model,
        epochs=args.epochs,
        catalog=args.catalog,
        max_errors=args.max_errors,
        max_example_tokens=args.max_example_tokens,
    )
    emit(report.to_dict(), args.json, _render)
    return 0 if report.usable else 1


def _render(r: dict[str, Any]) -> str:
    """The report as text: verdict, errors, lengths per role, warnings, cost, overlap."""
    kib = r["bytes_read"] / 1024
    out = [
        f"{r['source']}: {r['format']}, {r['lines']:,} lines, {r['examples']:,} valid examples,"
        f" {kib:,.1f} KiB"
    ]
    if r["usable"]:
        out.append("Verdict: usable (no errors).")
    elif "empty-file" in r["error_counts"]:
        out.append("Verdict: NOT usable: the file holds no examples.")
    else:
        out.append(
            f"Verdict: NOT usable: {_n(r['errors_total'], 'error')}"
            f" on {_n(r['invalid_lines'], 'line')}."
        )
    if r["errors"]:
        shown = len(r["errors"])
        out += [
            "",
            f"Errors ({shown} listed of {r['errors_total']:,}):"
            if shown < r["errors_total"]
            else "Errors:",
        ]
        out.append(
            table(
                [(e["line"], e["kind"], e["message"]) for e in r["errors"]],
                ("line", "kind", "message"),
            )
        )
    if r["error_counts"]:
        out += [
            "",
            "Errors by kind: " + ", ".join(f"{k} {n:,}" for k, n in r["error_counts"].items()),
        ]
    if r["roles"]:
        rows = [
            (
                s["role"],
                f"{s['messages']:,}",
                f"{s['tokens']['total']:,}",
                f"{s['tokens']['mean']:.0f}",
                s["tokens"]["p50"],
                s["tokens"]["p95"],
                f"{s['tokens']['maximum']:,}",
            )
            for s in r["roles"]
        ]
        ex = r["example_tokens"]
        rows.append(
            (
                "per example",
                f"{ex['count']:,}",
                f"{ex['total']:,}",
                f"{ex['mean']:.0f}",
                ex["p50"],
                ex["p95"],
                f"{ex['maximum']:,}",
            )
        )
        out += ["", f"Tokens ({r['token_method']}):"]
        if r["near_limit_examples"]:
            out.append(
                f"{_n(r['near_limit_examples'], 'example')} within the estimate's"
                f" {r['token_error_band']:.0%} error band of the limit (see warnings)."
            )
        out.append(table(rows, ("role", "messages", "tokens", "mean", "p50", "p95", "max")))
    if r["warnings"]:
        out += ["", "Warnings:"]
        for w in r["warnings"]:
            more = ", ..." if w["count"] > len(w["lines"]) else ""
            plural = "s" if w["count"] > 1 else ""
            listed = ", ".join(map(str, w["lines"]))
            lines = f" (line{plural} {listed}{more})" if w["lines"] else ""
            out.append(f"- {w['kind']}: {w['message']}{lines}")
    if r["cost"]:
        c = r["cost"]
        kind = "exact" if c["tokens_exact"] else "estimated"
        scope = "" if r["usable"] else f" (the {r['examples']:,} valid examples only)"
        out += [
            "",
            f"Training cost{scope}: {c['usd']:,.2f} USD for {c['model_id']} ="
            f" {c['tokens_per_epoch']:,} {kind} tokens x {c['epochs']} epochs ="
            f" {c['billed_tokens']:,} billed tokens x {c['usd_per_1m_training_tokens']:g} USD"
            f" per 1M training tokens (as of {c['as_of']}; {c['source']}; catalog {c['vintage']}).",
            f"Epochs: {c['epochs_note']}.",
        ]
    if r["overlap"]:
        o = r["overlap"]
        out += [
            "",
            f"Test overlap ({o['test_source']}): {o['contaminated_test_examples']:,} of"
            f" {o['test_examples']:,} test examples match training ({o['exact_pairs']:,} exact,"
            f" {o['near_pairs']:,} near pairs; similarity >= {o['threshold']:g}).",
        ]
        if o["pairs"]:
            out.append(
                table(
                    [(p[0], p[1], f"{p[2]:.2f}", p[3]) for p in o["pairs"]],
                    ("train line", "test line", "similarity", "kind"),
                )
            )
    return terminal_safe("\n".join(out))


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
