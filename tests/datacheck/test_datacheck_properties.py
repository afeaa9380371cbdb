"""Property-based: whatever bytes a file holds, the check returns a report and never crashes."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ftlib as ft

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# JSON-ish values, so the generator reaches the record checks and not only the JSON parser.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["role", "content", "messages", "prompt", "completion", "weight", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
roles = st.sampled_from(["system", "user", "assistant", "tool", "bot", "", None])
messages = st.lists(
    st.fixed_dictionaries(
        {"role": roles, "content": st.one_of(st.text(max_size=30), st.integers(), st.none())}
    ),
    max_size=4,
)
chat_lines = st.builds(lambda m: json.dumps({"messages": m}).encode(), messages)
lines = st.one_of(
    st.binary(max_size=80), json_values.map(lambda v: json.dumps(v).encode()), chat_lines
)


def consistent(report: ft.datacheck.DataReport, max_errors: int) -> None:
    """What every report must satisfy, whatever the input."""
    assert report.errors_total == sum(n for _, n in report.error_counts)
    assert len(report.errors) == min(report.errors_total, max_errors)
    assert all(e.kind in ft.datacheck.ERROR_KINDS for e in report.errors)
    assert all(0 <= e.line <= report.lines for e in report.errors)
    assert report.examples + report.invalid_lines + report.blank_lines == report.lines
    assert report.usable == (report.errors_total == 0 and report.examples > 0)
    assert report.total_tokens >= 0 and report.example_tokens.count == report.examples
    assert 0 <= report.duplicates < max(report.examples, 1)


@FAST
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_give_a_report_not_an_exception(data):
    report = ft.check_training_data(data, exact_tokens=False, max_errors=5)
    consistent(report, 5)


@FAST
@given(st.lists(lines, max_size=12), st.sampled_from([b"\n", b"\r\n"]), st.booleans())
def test_arbitrary_lines_give_a_consistent_report(parts, newline, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + newline.join(parts)
    report = ft.check_training_data(data, exact_tokens=False, max_errors=3, max_line_bytes=64)
    consistent(report, 3)


@FAST
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=40).filter(str.strip),
            st.text(min_size=1, max_size=40).filter(str.strip),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_valid_examples_are_all_counted_and_duplicates_are_exactly_the_repeats(pairs):
    records = [
        {"messages": [{"role": "user", "content": u}, {"role": "assistant", "content": a}]}
        for u, a in pairs
    ]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    report = ft.check_training_data(data, exact_tokens=False)
    assert report.usable and report.examples == len(pairs)
    distinct = {(" ".join(u.split()), " ".join(a.split())) for u, a in pairs}
    assert report.duplicates == len(pairs) - len(distinct)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, max_size=6), st.lists(lines, max_size=6))
def test_arbitrary_training_and_test_files_give_an_overlap_report(train_parts, test_parts):
    report = ft.check_training_data(
        b"\n".join(train_parts), test=b"\n".join(test_parts), exact_tokens=False
    )
    consistent(report, 50)
    o = report.overlap
    assert 0 <= o.contaminated_test_examples <= o.test_examples and 0 <= o.contaminated_share <= 1
