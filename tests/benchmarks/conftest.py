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


@pytest.fixture(scope="session")
def record_result():
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}

    def record(name, figures):
        results[name] = figures
        RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        print(f"{name}: {figures}")  # noqa: T201

    return record
