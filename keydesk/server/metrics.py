"""The service's Prometheus metrics, correct with one worker process or several.

With several workers each process counts in its own files under
``PROMETHEUS_MULTIPROC_DIR`` (``keydesk serve`` makes a fresh one before the workers
start) and whichever worker answers ``GET /metrics`` adds them all up
(prometheus-client's multiprocess mode). Without that variable (a service embedded in a
test, say) the process's own registry is served.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

VERDICTS = Counter(
    "keydesk_verdicts_total",
    "Verdicts given, by reason ('valid' for a valid key).",
    ["reason"],
)
LATENCY = Histogram(
    "keydesk_verify_seconds",
    "Time to reach a verdict, from the request's arrival to its answer.",
    buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 1, 2.5),
)
MEMORY_HITS = Counter(
    "keydesk_memory_hits_total", "Verdicts answered from memory, without the database."
)
BCRYPT_QUEUE = Gauge(
    "keydesk_bcrypt_queue",
    "bcrypt checks waiting or running, over all workers.",
    multiprocess_mode="livesum",
)
USAGE_FLUSHES = Counter(
    "keydesk_usage_flushes_total", "Usage write transactions committed (one a second at most)."
)

CONTENT_TYPE = CONTENT_TYPE_LATEST


def render() -> bytes:
    """The metrics of every worker, in Prometheus' text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # unannotated upstream
        return bytes(generate_latest(registry))
    return bytes(generate_latest(REGISTRY))
