"""/healthz and /metrics, served next to /slack/events or on METRICS_PORT."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.errors import BotError, InternalError, NotAllowed, ServiceUnavailable, TooLarge
from bot.observability.metrics import METRICS
from bot.ports import Store

log = logging.getLogger(__name__)

LAG_INTERVAL = 0.25
#: /healthz fails when the lag monitor hasn't ticked for this long: the loop is stuck.
STUCK_AFTER = 5.0


class LoopLagMonitor:
    """Measures how late the event loop wakes a timer; that lateness is the lag."""

    def __init__(self, interval: float = LAG_INTERVAL) -> None:
        self.interval = interval
        self.last_tick = time.monotonic()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="loop-lag-monitor")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(self.interval)
            now = time.monotonic()
            METRICS.loop_lag.observe(max(0.0, now - before - self.interval))
            self.last_tick = now

    def healthy(self) -> bool:
        return time.monotonic() - self.last_tick < STUCK_AFTER


#: What an HTTP error status means to a caller, in the contract's error shape.
_HTTP_ERRORS: dict[int, BotError] = {
    400: NotAllowed("That request is malformed."),
    401: NotAllowed("That request could not be verified."),
    403: NotAllowed("That request could not be verified."),
    404: NotAllowed("There is nothing at that address."),
    405: NotAllowed("That method is not allowed here."),
    413: TooLarge("That request is too large."),
}


def _error_for_status(status: int) -> BotError:
    if status in _HTTP_ERRORS:
        return _HTTP_ERRORS[status]
    if status >= 500:
        return ServiceUnavailable()
    return NotAllowed("That request can't be answered.")


def _error_response(status: int) -> web.Response:
    return web.json_response(_error_for_status(status).to_dict(), status=status)


def _has_error_shape(response: web.StreamResponse) -> bool:
    if not isinstance(response, web.Response) or response.content_type != "application/json":
        return False
    # Our own JSON answers carry bytes; anything else (a bolt payload) is rewritten.
    if not isinstance(response.body, bytes):
        return False
    try:
        body = json.loads(response.body)
    except ValueError:
        return False
    error = body.get("error") if isinstance(body, dict) else None
    return isinstance(error, dict) and {"code", "message"} <= error.keys()


@web.middleware
async def error_shape(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every error answer has the contract's shape: {"error": {"code", "message"}}."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return _error_response(exc.status)
    except Exception:
        error = InternalError()
        log.exception("error serving %s (reference %s)", request.path, error.reference)
        return web.json_response(error.to_dict(), status=500)
    if response.status < 400 or _has_error_shape(response):
        return response
    return _error_response(response.status)


def add_ops_routes(app: web.Application, store: Store, monitor: LoopLagMonitor) -> None:
    """``/healthz`` and ``/metrics`` on ``app``, whose errors then all take the contract's shape."""
    app.middlewares.append(error_shape)

    #: The last answer's problems: the log says when they change, not at every probe.
    last_problems: list[str] = []

    async def healthz(_: web.Request) -> web.Response:
        problems = []
        if not monitor.healthy():
            problems.append("event loop lagging")
        failure = ""
        try:
            # In this task, not wait_for's own: Sentry's asyncio integration reports what
            # escapes a task, even when the awaiting code handles it.
            async with asyncio.timeout(2.0):
                await store.ping()
        except Exception as exc:  # noqa: BLE001 - whatever fails, the answer is 503
            failure = type(exc).__name__
            problems.append("database unreachable")
        # A probe answers; it reports nothing (an unauthenticated caller could flood the
        # sinks). The outage is reported where the bot's own work meets it.
        if problems != last_problems:
            if problems:
                log.warning("health check: %s %s", ", ".join(problems), failure)
            else:
                log.info("health check: healthy again")
            last_problems[:] = problems
        if problems:
            error = ServiceUnavailable("Unhealthy: " + ", ".join(problems) + ".")
            body = {"status": "unhealthy", "problems": problems, **error.to_dict()}
            return web.json_response(body, status=503)
        return web.json_response({"status": "ok"})

    async def metrics(_: web.Request) -> web.Response:
        body = generate_latest(METRICS.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)


def create_ops_app(store: Store, monitor: LoopLagMonitor) -> web.Application:
    app = web.Application()
    add_ops_routes(app, store, monitor)
    return app
