"""Socket Mode: one outgoing WebSocket, no public URL. With a liveness check, because the
connection has known cases of going deaf after reconnects."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from aiohttp import WSMessage
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.socket_mode.aiohttp import SocketModeClient

from adapters.slack.app import build_slack_app, verify_token
from bot.app.settings import Settings
from bot.errors import ConfigurationError
from bot.facade import VoiceBot

log = logging.getLogger(__name__)

#: The SDK pings Slack this often; a healthy connection answers each ping with a pong.
PING_INTERVAL = 10.0


class SocketLiveness:
    """Reconnects a Socket Mode connection that has gone quiet.

    The SDK's own monitor pings and reconnects, but it runs as one more task of the client:
    when that task or the receive loop dies (the "deaf after reconnect" reports), nothing
    notices. This check runs outside the client and only looks at signs of life that the
    receive loop produces: the last pong (``client.last_ping_pong_time``, the send time of the
    ping it answers) and the last message. With pings every ``PING_INTERVAL`` s, ``quiet_after``
    s without either means the receive side is dead: open a new connection.
    """

    def __init__(
        self,
        client: SocketModeClient,
        *,
        quiet_after: float,
        check_every: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._quiet_after = quiet_after
        self._check_every = check_every
        self._clock = clock
        self._last_message = clock()
        self._last_reconnect = clock()
        self.reconnects = 0
        client.on_message_listeners.append(self._saw_message)

    async def _saw_message(self, _: WSMessage) -> None:
        self._last_message = self._clock()

    def quiet_for(self) -> float:
        last_pong = self._client.last_ping_pong_time or 0.0
        return self._clock() - max(last_pong, self._last_message, self._last_reconnect)

    async def check(self) -> bool:
        """Reconnect if the connection has been quiet too long; True if it did."""
        if self._client.closed:
            return False
        quiet = self.quiet_for()
        if quiet < self._quiet_after:
            return False
        log.warning("Slack Socket Mode silent for %.0f s: reconnecting", quiet)
        self._last_reconnect = self._clock()
        self.reconnects += 1
        try:
            await self._client.connect_to_new_endpoint(force=True)
        except Exception:
            # Next round tries again; the process must not die for a failed reconnect.
            log.exception("Slack Socket Mode reconnect failed")
        return True

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._check_every)
            await self.check()


async def run_slack_socket(
    voicebot: VoiceBot,
    settings: Settings,
    *,
    ping_interval: float = PING_INTERVAL,
    quiet_after: float | None = None,
    check_every: float | None = None,
) -> None:
    """Connect to Slack over Socket Mode and serve until cancelled. ``voicebot`` is started
    and closed by the caller."""
    if settings.slack_app_token is None:
        raise ConfigurationError("Socket Mode needs SLACK_APP_TOKEN (or set SLACK_MODE=http)")
    app = build_slack_app(voicebot, settings)
    handler = AsyncSocketModeHandler(
        app, app_token=settings.slack_app_token.get_secret_value(), ping_interval=ping_interval
    )
    liveness = SocketLiveness(
        handler.client,
        quiet_after=quiet_after if quiet_after is not None else max(60.0, 6 * ping_interval),
        check_every=check_every if check_every is not None else ping_interval,
    )
    await verify_token(app)
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]  # bolt leaves it untyped
        log.info("Slack Socket Mode: connected")
        await liveness.run()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
        await app.aclose()
