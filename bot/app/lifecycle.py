"""The running bot's life: start the core, serve the platforms and the ops HTTP, keep the
maintenance going, and on SIGTERM or SIGINT let the work under way finish within one grace
period. What runs (which adapters) is decided by the composition root, ``bot.__main__``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiohttp import web

from bot.facade import VoiceBot
from bot.observability.health import LoopLagMonitor, add_ops_routes, create_ops_app

log = logging.getLogger(__name__)

#: With the Slack server's own last wait (adapters.slack.context.DRAIN_SECONDS), within the
#: usual 30 s a platform (Heroku, Kubernetes) waits between SIGTERM and SIGKILL.
SHUTDOWN_GRACE_SECONDS = 20

#: A platform that runs until cancelled (Discord's gateway, Slack Socket Mode).
Runner = Callable[[VoiceBot], Coroutine[Any, Any, None]]
#: Builds the Slack HTTP mode application for a started core; its shutdown (on_shutdown)
#: waits for the Slack work it started.
HttpAppFactory = Callable[[VoiceBot], Awaitable[web.Application]]


async def run_bot(
    voicebot: VoiceBot,
    *,
    runners: list[Runner],
    http_app: HttpAppFactory | None = None,
    port: int = 8080,
    metrics_port: int | None = None,
) -> int:
    """Run until a runner fails or a signal arrives; closes ``voicebot`` at the end."""
    monitor = LoopLagMonitor()
    monitor.start()
    site_runner: web.AppRunner | None = None
    #: Work to let finish on shutdown, all within one grace period.
    finishing: list[Callable[[], Coroutine[Any, Any, None]]] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await voicebot.start()
        if http_app is not None:
            web_app = await http_app(voicebot)
            add_ops_routes(web_app, voicebot.store, monitor)
            site_runner = await serve(web_app, port)
            # First: the server stops taking requests (Slack redelivers what it can't hand
            # us), then the Slack work under way (clones, uploads) finishes.
            finishing.append(site_runner.cleanup)
        elif metrics_port:
            site_runner = await serve(create_ops_app(voicebot.store, monitor), metrics_port)
        finishing.append(voicebot.drain)
        tasks = [asyncio.create_task(r(voicebot)) for r in runners]
        tasks.append(asyncio.create_task(voicebot.maintain(), name="maintenance"))
        waiter = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([*tasks, waiter], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not waiter and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        log.info("shutting down: letting the work under way finish")
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE_SECONDS):
                for finish in finishing:
                    await finish()
        except TimeoutError:
            log.warning("work still running after %d s: parked", SHUTDOWN_GRACE_SECONDS)
        for task in [*tasks, waiter]:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        if site_runner is not None and site_runner.server is not None:
            await site_runner.cleanup()
        await monitor.stop()
        await voicebot.close()
    return 0


async def serve(app: web.Application, port: int) -> web.AppRunner:
    # Open connections get a few seconds to finish on shutdown, not aiohttp's default minute.
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", port).start()
    log.info("listening on port %d", port)
    return runner
