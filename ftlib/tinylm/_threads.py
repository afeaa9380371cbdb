"""One BLAS thread inside tinylm, whatever the environment asks for.

Small batched matrix products run far slower when OpenBLAS splits them over threads
(measured about 80 times slower on the course's 2-core machines), so every public
entry point that multiplies matrices runs under :func:`one_thread`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from threadpoolctl import threadpool_limits

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def one_thread() -> Iterator[None]:
    """Limit BLAS to one thread for the duration of the block."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def single_threaded(func: F) -> F:
    """Decorate ``func`` so it runs with one BLAS thread."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with one_thread():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
