"""Benchmarks write their figures to bench-results.json (run by `make bench`)."""

import json
import statistics
import time
from pathlib import Path

import pytest

RESULTS = Path(__file__).resolve().parents[2] / "bench-results.json"


def measure(function, repeat):
    """Seconds per call: median and 95th percentile over ``repeat`` calls."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    timings.sort()
    return {
        "runs": repeat,
        "median_ms": round(statistics.median(timings) * 1000, 2),
        "p95_ms": round(timings[int(0.95 * (repeat - 1))] * 1000, 2),
    }


UNITS = {"median_ms": ("median", "ms"), "p95_ms": ("p95", "ms"), "runs": ("runs", "count")}


def as_entries(name, figures, unit=None):
    """Figures as bench-results.json entries: {"name", "value", "unit"}."""
    if not isinstance(figures, dict):
        return [{"name": name, "value": figures, "unit": unit or ""}]
    entries = []
    for key, value in figures.items():
        suffix, key_unit = UNITS.get(key, (key, "count"))
        entries.append({"name": f"{name}.{suffix}", "value": value, "unit": key_unit})
    return entries


@pytest.fixture(scope="session")
def record_result():
    """record(name, value, unit) or record(name, {median_ms, p95_ms, …}): kept across runs."""
    try:
        existing = json.loads(RESULTS.read_text()).get("results", [])
    except (OSError, ValueError, AttributeError):
        existing = []
    results = {entry["name"]: entry for entry in existing}

    def record(name, figures, unit=None):
        for entry in as_entries(name, figures, unit):
            results[entry["name"]] = entry
            print(f"{entry['name']}: {entry['value']} {entry['unit']}")  # noqa: T201
        ordered = sorted(results.values(), key=lambda entry: entry["name"])
        RESULTS.write_text(json.dumps({"results": ordered}, indent=2) + "\n")

    return record
