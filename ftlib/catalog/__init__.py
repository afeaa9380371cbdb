"""The dated catalog of models and GPUs (prices, lifecycle), training routes on a date and
the priced landscape.

The names below are the area's public surface; plumbing stays in its module.
Figures, labs and self-checks are imported explicitly (``import ftlib.catalog.plots``).
"""

from .availability import (
    ENDING_SOON_DAYS,
    ROUTES,
    CheaperModel,
    RouteCheck,
    TrainingRoute,
    cheaper_current_models,
    check_route,
    routes_for,
)
from .landscape import (
    ARTICLE_WORKLOAD,
    PricedOption,
    price_option,
    priced_side_by_side,
)
from .models import (
    CUSTOMISATIONS,
    LIFECYCLE_STATUSES,
    STALE_AFTER_MONTHS,
    Catalog,
    GpuRow,
    LifecycleEvent,
    ModelRow,
    ModelStatus,
    PriceChange,
    PricesInForce,
    landscape_checked,
    landscape_note,
    list_vintages,
    load_catalog,
    price_table,
    status_table,
)
from .routes import (
    Route,
    RouteState,
    dated_events,
    load_routes,
    route_state,
    routes_on,
    routes_table,
    where_to_fine_tune,
)

__all__ = [
    "ARTICLE_WORKLOAD",
    "CUSTOMISATIONS",
    "ENDING_SOON_DAYS",
    "LIFECYCLE_STATUSES",
    "ROUTES",
    "STALE_AFTER_MONTHS",
    "Catalog",
    "CheaperModel",
    "GpuRow",
    "LifecycleEvent",
    "ModelRow",
    "ModelStatus",
    "PriceChange",
    "PricedOption",
    "PricesInForce",
    "RouteCheck",
    "TrainingRoute",
    "cheaper_current_models",
    "check_route",
    "landscape_checked",
    "landscape_note",
    "list_vintages",
    "load_catalog",
    "price_option",
    "price_table",
    "priced_side_by_side",
    "routes_for",
    "status_table",
    "Route",
    "RouteState",
    "dated_events",
    "load_routes",
    "route_state",
    "routes_on",
    "routes_table",
    "where_to_fine_tune",
]
