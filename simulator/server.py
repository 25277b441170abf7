"""Run the simulator on a real local socket for the length of an ``async with``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiohttp import web

from simulator.app import create_app
from simulator.state import SimulatorState

#: Hung requests are released on shutdown, so this only bounds a misbehaving handler.
SHUTDOWN_TIMEOUT_SECONDS = 5.0


@dataclass
class RunningSimulator:
    url: str  # e.g. "http://127.0.0.1:54321", no trailing slash
    state: SimulatorState


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


@asynccontextmanager
async def run_simulator(
    state: SimulatorState | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    public_url: str | None = None,
) -> AsyncIterator[RunningSimulator]:
    """Serve the simulator on ``host:port`` (0 picks a free port); stops on exit."""
    state = state if state is not None else SimulatorState()
    app = create_app(state, public_url=public_url)
    # No access log: its request line would carry signed preview URLs.
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT_SECONDS)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound_port = runner.addresses[0][1]
        yield RunningSimulator(url=f"http://{_url_host(host)}:{bound_port}", state=state)
    finally:
        await runner.cleanup()
