"""HTTP mode: Slack POSTs events, commands and clicks to ``/slack/events`` (aiohttp)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

from adapters.slack.app import SlackVoiceApp
from adapters.slack.plumbing import DRAIN_SECONDS

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
