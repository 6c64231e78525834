"""Known and unknown addresses must cost the same: the same statements, tasks and time.

Used by the subscribe, signing and password-reset tests and by the benchmark
(tests/benchmarks/test_answer_time.py). ``send(known, n)`` posts the form once, for
a known address when ``known`` is true, else for a new one (``n`` makes each
request its own: a fresh address, a visitor address of its own).
"""

import statistics
import time
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Work:
    """What one request did: its SQL statements (first word), the tasks it queued, its time."""

    statements: list = field(default_factory=list)
    tasks: int = 0
    seconds: float = 0.0


def work_of(send, capture_on_commit):
    with capture_on_commit() as callbacks, CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        send()
        seconds = time.perf_counter() - start
    statements = [query["sql"].split(None, 1)[0].upper() for query in queries.captured_queries]
    return Work(statements, len(callbacks), seconds)


@dataclass
class Comparison:
    known: Work
    unknown: Work
    known_ms: list
    unknown_ms: list

    @property
    def known_median_ms(self):
        return statistics.median(self.known_ms)

    @property
    def unknown_median_ms(self):
        return statistics.median(self.unknown_ms)

    @property
    def difference_ms(self):
        return abs(self.known_median_ms - self.unknown_median_ms)

    def figures(self):
        return {
            "known_median_ms": round(self.known_median_ms, 2),
            "unknown_median_ms": round(self.unknown_median_ms, 2),
            "difference_ms": round(self.difference_ms, 2),
            "runs": len(self.known_ms),
            "statements": len(self.known.statements),
            "tasks": self.known.tasks,
        }


def compare(send, capture_on_commit, rounds, warm_up=3):
    """Alternate known and unknown requests ``rounds`` times; their work and times."""
    for n in range(warm_up):
        send(True, -1 - n)
        send(False, -1 - n)
    known_ms, unknown_ms = [], []
    known = unknown = None
    for n in range(rounds):
        # Alternate which goes first: neither profits from a warmer cache.
        order = (True, False) if n % 2 else (False, True)
        for is_known in order:
            work = work_of(lambda is_known=is_known, n=n: send(is_known, n), capture_on_commit)
            (known_ms if is_known else unknown_ms).append(work.seconds * 1000)
            if is_known:
                known = known or work
            else:
                unknown = unknown or work
    return Comparison(known, unknown, known_ms, unknown_ms)


def assert_same_work(comparison):
    """Same statements in the same order and the same tasks: what a unit test can check
    on a busy machine (the benchmark checks the times: assert_same_time)."""
    assert comparison.known.statements == comparison.unknown.statements
    assert comparison.known.tasks == comparison.unknown.tasks


def assert_same_time(comparison, tolerance_ms=3.0, tolerance_share=0.3):
    """Medians apart by less than the noise (tests/benchmarks/test_answer_time.py)."""
    slower = max(comparison.known_median_ms, comparison.unknown_median_ms)
    assert comparison.difference_ms <= max(tolerance_ms, tolerance_share * slower), (
        comparison.figures()
    )
