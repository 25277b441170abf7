"""The composition root: ``python -m bot <command>``. Chooses the store and the platform
adapters from the settings and starts them; the commands live in the CLI adapter
(:mod:`adapters.cli`), the running bot's life in :mod:`bot.app.lifecycle`. The only module of
``bot/`` that imports ``adapters/`` and ``storage/``."""

from __future__ import annotations

import argparse
import asyncio
import sys

from aiohttp import web

from adapters.cli import commands as cli
from adapters.cli.commands import configure_logging
from adapters.cli.operator_commands import Wiring
from adapters.cli.output import Output
from adapters.cli.parser import build_parser, cli_messages
from bot.app.lifecycle import SHUTDOWN_GRACE_SECONDS, HttpAppFactory, Runner, run_bot
from bot.app.settings import Settings, load_settings
from bot.errors import BotError, ConfigurationError
from bot.facade import VoiceBot, build_voice_bot
from bot.heap import keep_large_buffers_apart
from bot.observability.logs import log_format_from_environment
from bot.observability.setup import setup_observability
from storage import open_store


def main(argv: list[str] | None = None) -> int:
    keep_large_buffers_apart()  # uploads come and go: their memory goes back when they do
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    out = Output(getattr(args, "json", False), messages=cli_messages(args))
    # Logging first, in LOG_FORMAT as the environment gives it: whatever is written before the
    # settings are read (or the line saying they can't be) is already in that format.
    log_format = log_format_from_environment()
    configure_logging(command=command, log_format=log_format)
    out.log_json = log_format == "json"
    try:
        settings = load_settings()
        configure_logging(
            command=command, log_format=settings.log_format, log_level=settings.log_level
        )
        out.log_json = settings.log_format == "json"
        return asyncio.run(dispatch(command, args, settings, out))
    except BotError as exc:
        return out.error(exc)
    except KeyboardInterrupt:
        return 130


async def dispatch(command: str, args: argparse.Namespace, settings: Settings, out: Output) -> int:
    setup_observability(settings, command=command)  # in the loop: Sentry's asyncio hook
    return await cli.dispatch(command, args, settings, out, WIRING)


async def run(settings: Settings) -> int:
    """Every configured platform, until a signal."""
    runners: list[Runner] = []
    if settings.discord_enabled:
        from adapters.discord import run_discord

        runners.append(lambda vb: run_discord(vb, settings))
    problem = settings.slack_problem()
    if problem:
        raise ConfigurationError(problem)
    slack_http = settings.slack_enabled and settings.slack_mode == "http"
    if settings.slack_enabled and not slack_http:
        from adapters.slack import run_slack_socket

        runners.append(lambda vb: run_slack_socket(vb, settings))
    if not runners and not slack_http:
        raise ConfigurationError(
            "no platform is configured: set DISCORD_TOKEN for Discord, or SLACK_BOT_TOKEN with "
            "SLACK_APP_TOKEN (Socket Mode) or with SLACK_SIGNING_SECRET and SLACK_MODE=http"
        )
    settings.require_api_key()
    store = await open_store(settings.database_url, pool_size=settings.database_pool_size)
    voicebot = await build_voice_bot(settings, store)
    return await run_bot(
        voicebot,
        runners=runners,
        http_app=_slack_http_app(settings) if slack_http else None,
        port=settings.port,
        metrics_port=settings.metrics_port,
    )


def _slack_http_app(settings: Settings) -> HttpAppFactory:
    async def build(voicebot: VoiceBot) -> web.Application:
        from adapters.slack import build_slack_app, create_http_app, verify_token

        slack_app = build_slack_app(voicebot, settings)
        await verify_token(slack_app)
        return create_http_app(slack_app, drain_seconds=SHUTDOWN_GRACE_SECONDS)

    return build


async def sync_discord(settings: Settings, guild: int | None) -> int:
    from adapters.discord import sync_commands

    return await sync_commands(settings, guild)


WIRING = Wiring(open_store=open_store, run=run, sync_discord=sync_discord)

if __name__ == "__main__":
    sys.exit(main())
