"""Builds the bolt ``AsyncApp`` with every listener of the Slack adapter."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import aiohttp
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import admin, clone, forget, home, my_data, say, voices
from adapters.slack.background import BackgroundTasks
from adapters.slack.context import DRAIN_SECONDS, SlackServices
from adapters.slack.errors import ErrorReporter
from adapters.slack.files import SlackFiles
from adapters.slack.users import SlackUsers
from bot.app.settings import Settings
from bot.errors import ConfigurationError
from bot.facade import HttpSessions, VoiceBot

log = logging.getLogger(__name__)


class SlackVoiceApp(AsyncApp):
    """The bolt app, carrying the adapter's services so the runners (and tests) can wait for
    the work listeners started, and close it."""

    voice: SlackServices

    async def aclose(self, grace_seconds: float = DRAIN_SECONDS) -> None:
        """Wait for (then cancel) work still running, and release the HTTP session."""
        await self.voice.close(grace_seconds)


def api_base_url(settings: Settings) -> str | None:
    if settings.slack_api_base_url is None:
        return None
    # AsyncWebClient joins method names onto the base: it must end with a slash.
    return settings.slack_api_base_url.rstrip("/") + "/"


def build_slack_app(voicebot: VoiceBot, settings: Settings) -> SlackVoiceApp:
    """The Slack adapter as a bolt app, for either mode.

    Listeners only acknowledge and hand their work to tracked tasks, so bolt can run them
    before answering (``process_before_response``): Slack gets its answer within
    milliseconds, and the work is registered before it does.
    """
    if settings.slack_bot_token is None:
        raise ConfigurationError("SLACK_BOT_TOKEN is not set")
    token = settings.slack_bot_token.get_secret_value()
    secret = settings.slack_signing_secret
    if settings.slack_mode == "http" and secret is None:
        raise ConfigurationError("SLACK_MODE=http needs SLACK_SIGNING_SECRET")
    base_url = api_base_url(settings)
    client = (
        AsyncWebClient(token=token, base_url=base_url) if base_url else AsyncWebClient(token=token)
    )
    app = SlackVoiceApp(
        name="voiceclone-bot",
        client=client,
        # Socket Mode requests are not signed; bolt only checks HTTP ones.
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=True,
    )
    http = HttpSessions()
    trusted = frozenset({urlsplit(base_url).hostname or ""}) - {""} if base_url else frozenset()
    app.voice = SlackServices(
        voicebot=voicebot,
        settings=settings,
        client=client,
        users=SlackUsers(client, default=settings.default_language),
        files=SlackFiles(
            client=client,
            token=token,
            session=http,
            max_bytes=settings.max_upload_bytes,
            trusted_hosts=trusted,
        ),
        tasks=BackgroundTasks(),
        errors=ErrorReporter(voicebot.describe_error),
        http=http,
    )
    for module in (clone, voices, say, forget, admin, my_data, home):
        module.register(app, app.voice)
    return app


#: auth.test errors that mean the token itself is wrong: an operator problem, not a blip.
_REFUSED_TOKEN = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked"})


async def verify_token(app: AsyncApp) -> None:
    """Fail at start-up, with one readable line, when Slack refuses SLACK_BOT_TOKEN."""
    try:
        await app.client.auth_test()
    except SlackApiError as exc:
        error = str(exc.response.get("error", ""))
        if error in _REFUSED_TOKEN:
            raise ConfigurationError(f"Slack refused SLACK_BOT_TOKEN ({error})") from None
        log.warning("Slack auth.test failed at start-up: %s", error or "unknown error")
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as exc:
        # Slack down for a moment is no reason not to start: requests will retry.
        log.warning("Slack unreachable at start-up: %s", type(exc).__name__)
