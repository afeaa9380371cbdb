"""ftlib: decide whether an LLM problem calls for prompting, retrieval, fine-tuning or distillation.

One front door: ``import ftlib as ft``. ftlib is cut by concept, one package per area:

- ``ft.rules``: the article's thresholds and volume bands;
- ``ft.catalog``: dated models, prices and lifecycle; training routes on a date;
- ``ft.costs``: monthly bills, training, self-hosting, break-even and payback;
- ``ft.decision``: the decision flow, when not to fine-tune, the design review;
- ``ft.readiness``: the readiness gate and the abort criterion;
- ``ft.datacheck``: is a training file usable, what will it cost, does the test set leak;
- ``ft.evaluation``: metrics, paired comparison, shift, golden sets;
- ``ft.judge``: LLM-as-judge agreement;
- ``ft.experiments``: the failure-mode experiments on tiny seeded models;
- ``ft.core``: errors, tables and money, the command line (``ftlib.core.cli``).

Each area's ``__init__.py`` lists its public names; its figures, lab, command and self-checks
are the modules ``plots``, ``lab``, ``cli`` and ``selfcheck``, imported explicitly
(``import ftlib.costs.plots``, then ``ft.costs.plots.plot_break_even_sweep(...)``). Below are the
few names a reader or a team reaches for most, each imported by name from its area.
``import ftlib`` imports neither matplotlib nor ipywidgets, configures nothing global and seeds
no random generator.
"""

# First: under `python -m ftlib`, Ctrl-C while the rest loads is one line (see _startup).
from . import _startup  # noqa: F401  isort: skip
from . import (
    catalog,
    core,
    costs,
    datacheck,
    decision,
    evaluation,
    experiments,
    judge,
    readiness,
    rules,
)
from .catalog import load_catalog, price_option, price_table, priced_side_by_side
from .core import FtlibError, money, table
from .costs import (
    Prices,
    Usage,
    Workload,
    break_even,
    candidate_life,
    compare_costs,
    hourly_training_cost_usd,
    model_prices,
    monthly_cost,
    self_hosted_cost,
    training_cost_usd,
    volume_sweep,
)
from .datacheck import check_training_data, data_sample_path
from .decision import FineTuneIdea, Situation, check_when_not, design_review, recommend
from .evaluation import compare_models, format_compliance, load_ticket_eval
from .experiments import run_sweep
from .judge import JudgeProfile, judge_agreement
from .readiness import (
    ReadinessAnswers,
    check_readiness,
    judge_checkpoints,
    record_abort_criterion,
)
from .rules import ARTICLE_DATE, DAYS_PER_MONTH, PAYBACK_MONTHS, volume_band

__version__ = "0.1.0"

# The area namespaces, then at most 40 headline names, by area (tests/test_package.py pins both).
__all__ = [
    "__version__",
    "rules",
    "catalog",
    "costs",
    "decision",
    "readiness",
    "datacheck",
    "evaluation",
    "judge",
    "experiments",
    "core",
    # core
    "FtlibError",
    "table",
    "money",
    # rules
    "ARTICLE_DATE",
    "DAYS_PER_MONTH",
    "PAYBACK_MONTHS",
    "volume_band",
    # catalog
    "load_catalog",
    "price_table",
    "price_option",
    "priced_side_by_side",
    # costs
    "Workload",
    "Usage",
    "Prices",
    "model_prices",
    "monthly_cost",
    "compare_costs",
    "break_even",
    "volume_sweep",
    "self_hosted_cost",
    "training_cost_usd",
    "hourly_training_cost_usd",
    "candidate_life",
    # decision
    "Situation",
    "recommend",
    "FineTuneIdea",
    "check_when_not",
    "design_review",
    # readiness
    "ReadinessAnswers",
    "check_readiness",
    "record_abort_criterion",
    "judge_checkpoints",
    # datacheck
    "check_training_data",
    "data_sample_path",
    # evaluation
    "load_ticket_eval",
    "compare_models",
    "format_compliance",
    # judge
    "JudgeProfile",
    "judge_agreement",
    # experiments
    "run_sweep",
]
