"""The verification service: an ASGI app (Starlette) around one :class:`~keydesk.Verifier`.

Why Starlette on uvicorn: the service is four small endpoints whose work is a dictionary
lookup; Starlette adds routing and request parsing and little else, and uvicorn (with
uvloop and httptools) is the most used ASGI server, with worker processes, graceful
shutdown on SIGTERM and a lifespan to close the verifier (writing pending usage).

Answers from memory are given on the event loop itself (``Verifier.remembered``: a few
microseconds, no I/O); anything that needs the database or a bcrypt check runs in a
thread (``Verifier.verify``), so a cold check never holds up answers from memory.

A presented key is never logged, echoed or stored: errors say what was wrong with the
request in fixed words, uvicorn's access log is off (a key pasted into a query string
would land there), and responses carry only the prefix and the owner.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from keydesk.config import default_db_url
from keydesk.server import metrics
from keydesk.services.verify import (
    MALFORMED_VERDICT,
    MODEL_NOT_PERMITTED,
    UNAVAILABLE,
    Verdict,
    Verifier,
)

#: Larger bodies are refused (413) before they are read.
MAX_BODY = 4096
READ_DB_VARIABLE = "KEYDESK_READ_DB"
BAD_BODY = 'The body must be a JSON object such as {"key": "kd_...", "model": "alfred-4"}.'


def create_app(verifier: Verifier | None = None) -> Starlette:
    """The service on ``verifier``, or on one made at start-up from ``$KEYDESK_DB`` and
    ``$KEYDESK_READ_DB`` (how ``keydesk serve`` configures its worker processes)."""
    state: dict[str, Any] = {"verifier": verifier, "flushes": 0}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = state["verifier"] is None
        if owned:
            read_url = os.environ.get(READ_DB_VARIABLE, "").strip() or None
            state["verifier"] = await run_in_threadpool(
                lambda: Verifier(default_db_url(), read_url=read_url)
            )
        reporter = asyncio.create_task(_report(state))
        try:
            yield
        finally:
            reporter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reporter
            if owned:
                await run_in_threadpool(state["verifier"].close)  # writes pending usage
            _publish(state)

    async def verify_key(request: Request) -> Response:
        body = await _read_body(request)
        if body is None:
            return JSONResponse({"error": f"The body is larger than {MAX_BODY} bytes."}, 413)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return JSONResponse({"error": BAD_BODY}, 400)
        if not isinstance(data, dict) or not isinstance(data.get("key"), str):
            return JSONResponse({"error": BAD_BODY}, 400)
        model = data.get("model")
        if model is not None and not isinstance(model, str):
            return JSONResponse({"error": BAD_BODY}, 400)
        verdict = await _judge(state["verifier"], data["key"], model)
        answer = {"valid": verdict.valid, "reason": verdict.reason, "prefix": verdict.prefix}
        return JSONResponse(answer, 503 if verdict.reason == UNAVAILABLE else 200)

    async def forward_auth(request: Request) -> Response:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        model = request.headers.get("x-keydesk-model") or None
        if scheme.lower() != "bearer" or not key.strip():
            verdict = MALFORMED_VERDICT
            metrics.VERDICTS.labels(verdict.code).inc()
        else:
            verdict = await _judge(state["verifier"], key.strip(), model)
        if verdict.valid:
            return Response(status_code=204, headers=_identity(verdict))
        headers = {"X-Keydesk-Reason": str(verdict.reason), **_identity(verdict)}
        if verdict.reason == UNAVAILABLE:
            return Response(status_code=503, headers=headers)
        if verdict.reason == MODEL_NOT_PERMITTED:
            return Response(status_code=403, headers=headers)
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return Response(status_code=401, headers=headers)

    async def healthz(request: Request) -> Response:
        healthy = await run_in_threadpool(state["verifier"].healthy)
        return JSONResponse({"database": "up" if healthy else "down"}, 200 if healthy else 503)

    async def prometheus(request: Request) -> Response:
        _publish(state)
        return Response(metrics.render(), media_type=metrics.CONTENT_TYPE)

    routes = [
        Route("/v1/keys/verify", verify_key, methods=["POST"]),
        Route("/v1/auth", forward_auth, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", prometheus, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


async def _judge(verifier: Verifier, key: str, model: str | None) -> Verdict:
    started = time.perf_counter()
    verdict = verifier.remembered(key, model)
    if verdict is not None:
        metrics.MEMORY_HITS.inc()
    else:
        verdict = await run_in_threadpool(verifier.verify, key, model)
    metrics.LATENCY.observe(time.perf_counter() - started)
    metrics.VERDICTS.labels(verdict.code).inc()
    return verdict


async def _read_body(request: Request) -> bytes | None:
    """The body, or None when it is over :data:`MAX_BODY` (said or streamed)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _identity(verdict: Verdict) -> dict[str, str]:
    """Who the key belongs to, for the gateway to pass upstream (never the key)."""
    headers = {}
    if verdict.prefix:
        headers["X-Keydesk-Prefix"] = verdict.prefix
    if verdict.user:
        headers["X-Keydesk-User"] = quote(verdict.user, safe="@+._-")  # headers are ASCII
    return headers


def _publish(state: dict[str, Any]) -> None:
    """Bring the bcrypt gauge and the usage-flush counter up to date with the verifier."""
    verifier: Verifier = state["verifier"]
    metrics.BCRYPT_QUEUE.set(verifier.bcrypt_queue)
    flushes = verifier.usage.transactions
    if flushes > state["flushes"]:
        metrics.USAGE_FLUSHES.inc(flushes - state["flushes"])
        state["flushes"] = flushes


async def _report(state: dict[str, Any]) -> None:
    while True:
        _publish(state)
        await asyncio.sleep(1.0)
