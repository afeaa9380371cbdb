"""``ftlib decide`` (walk the decision flow, dated) and ``ftlib ready`` (the readiness gate)."""

from __future__ import annotations

import argparse

from ..catalog.routes import PLATFORMS_TUNED_ON
from ..core.cli import emit, table
from ..core.errors import FtlibError
from .flow import DECISION_PROVIDERS, FLOW_LEAVES, Situation, recommend
from .review import design_review


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser(
        "decide",
        help="walk the decision flow: prompting, RAG, distillation, SFT or LoRA, as of a date",
    )
    d.add_argument(
        "--missing-facts",
        action="store_true",
        help="the model lacks knowledge (facts), not behaviour",
    )
    d.add_argument("--requests", type=float, required=True, help="requests a month")
    d.add_argument(
        "--one-off", action="store_true", help="the task runs rarely or as an experiment"
    )
    d.add_argument(
        "--provider",
        default="any",
        help=f"where you can train: {', '.join(DECISION_PROVIDERS)} (default any)",
    )
    d.add_argument(
        "--frontier-quality-cheaper",
        action="store_true",
        help="the goal is GPT-5.4 quality at a lower price per call",
    )
    d.add_argument(
        "--self-host-required", action="store_true", help="weights and data must stay in-house"
    )
    d.add_argument(
        "--existing-customer",
        action="store_true",
        help="the team already fine-tunes somewhere: say where with --tunes-on",
    )
    d.add_argument(
        "--tunes-on",
        default="",
        help=f"where the team fine-tunes today: {', '.join(PLATFORMS_TUNED_ON)} "
        "(it is an existing customer there, and only there)",
    )
    d.add_argument(
        "--openai-fine-tuning-access",
        action="store_true",
        help="the older spelling of --existing-customer --tunes-on openai",
    )
    d.add_argument(
        "--as-of",
        help="date of the decision, YYYY-MM-DD (default today; not before the earliest catalog)",
    )
    out = d.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument(
        "--review",
        action="store_true",
        help="print a one-page Markdown summary for a design review",
    )
    d.set_defaults(
        handler=run_decide,
        field_flags={
            "requests_per_month": "--requests",
            "provider": "--provider",
            "as_of": "--as-of",
            "openai_fine_tuning_access": "--openai-fine-tuning-access",
            "tunes_on": "--tunes-on",
            "existing_customer": "--existing-customer",
        },
    )


def run_decide(args: argparse.Namespace) -> int:
    if args.existing_customer and not args.tunes_on:
        raise FtlibError(
            "existing_customer",
            True,
            f"--tunes-on {'|'.join(PLATFORMS_TUNED_ON)} with it",
            "an existing customer keeps only the route of the platform it tunes on",
        )
    situation = Situation(
        missing_facts=args.missing_facts,
        requests_per_month=args.requests,
        one_off=args.one_off,
        provider=args.provider,
        frontier_quality_cheaper=args.frontier_quality_cheaper,
        self_host_required=args.self_host_required,
        openai_fine_tuning_access=args.openai_fine_tuning_access,
        tunes_on=args.tunes_on,
    )
    rec = recommend(situation, as_of=args.as_of)
    if args.review:
        print(design_review(rec), end="")
    else:
        emit(rec.to_dict(), args.json, _render_decide)
    return 0


def _render_decide(result: dict) -> str:
    leaf = FLOW_LEAVES[result["approach"]]
    where = result["situation"]["tunes_on"] or (
        "openai" if result["situation"]["openai_fine_tuning_access"] else ""
    )
    who = f" for a team that already fine-tunes on {where}" if where else ""
    lines = [f"As of {result['as_of']}{who}: {leaf.title} ({result['approach']})"]
    if result["approach"] != result["flow_approach"]:
        lines.append(f"(the flow reaches {result['flow_approach']}, closed as of that date)")
    lines += [
        "",
        table(
            [(s["question"], s["answer"], s["because"]) for s in result["path"]],
            ("question", "answer", "because"),
        ),
    ]
    extra = result["reasons"][len(result["path"]) :]
    lines += [f"- {r}" for r in extra]
    if result["warnings"]:
        lines += ["", "Warnings:"] + [f"- {w}" for w in result["warnings"]]
    if result.get("alternatives"):
        lines += ["", "Also weigh:"] + [f"- {a}" for a in result["alternatives"]]
    return "\n".join(lines)
