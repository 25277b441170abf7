"""HTTP mode: Slack POSTs events, commands and clicks to ``/slack/events`` (aiohttp)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

from adapters.slack.app import SlackVoiceApp, build_slack_app, verify_token
from adapters.slack.context import DRAIN_SECONDS
from bot.service import VoiceBot
from bot.settings import Settings

log = logging.getLogger(__name__)

SLACK_EVENTS_PATH = "/slack/events"
SLACK_APP_KEY = web.AppKey("slack_app", SlackVoiceApp)


def create_http_app(
    app: SlackVoiceApp,
    *,
    routes: Iterable[web.AbstractRouteDef] = (),
    drain_seconds: float = DRAIN_SECONDS,
) -> web.Application:
    """An aiohttp application serving ``POST /slack/events``; add more routes (``/healthz``,
    ``/metrics``) with ``routes`` or on the returned application. Shutting it down stops
    taking requests first, then waits up to ``drain_seconds`` for the work the Slack
    listeners started."""

    async def slack_events(request: web.Request) -> web.Response:
        bolt_response = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    async def drain(_: web.Application) -> None:
        await app.aclose(drain_seconds)

    web_app = web.Application()
    web_app[SLACK_APP_KEY] = app
    web_app.router.add_post(SLACK_EVENTS_PATH, slack_events)
    web_app.add_routes(list(routes))
    web_app.on_shutdown.append(drain)
    return web_app


#: The name the issue uses.
slack_web_app = create_http_app


async def run_slack_http(
    voicebot: VoiceBot,
    settings: Settings,
    *,
    routes: Iterable[web.AbstractRouteDef] = (),
    host: str = "0.0.0.0",  # Slack must reach it
) -> None:
    """Serve Slack on ``settings.port`` until cancelled. ``voicebot`` is started and closed
    by the caller."""
    app = build_slack_app(voicebot, settings)
    await verify_token(app)
    runner = web.AppRunner(create_http_app(app, routes=routes), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, settings.port).start()
        log.info("Slack HTTP mode: listening on port %d at %s", settings.port, SLACK_EVENTS_PATH)
        await asyncio.Event().wait()
    finally:
        # Stops accepting requests, then (on_shutdown) waits for the work under way.
        await runner.cleanup()
