"""/healthz and /metrics, served next to /slack/events or on METRICS_PORT."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.metrics import METRICS
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


def add_ops_routes(app: web.Application, store: Store, monitor: LoopLagMonitor) -> None:
    async def healthz(_: web.Request) -> web.Response:
        problems = []
        if not monitor.healthy():
            problems.append("event loop lagging")
        try:
            await asyncio.wait_for(store.ping(), timeout=2.0)
        except Exception as exc:  # noqa: BLE001 - whatever fails, the answer is 503
            log.warning("health check: database unreachable: %s", type(exc).__name__)
            problems.append("database unreachable")
        if problems:
            return web.json_response({"status": "unhealthy", "problems": problems}, status=503)
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
