"""The command line's entry: run one command, and turn every error into its exit code and
one printed line. Member commands are in :mod:`adapters.cli.member_commands`, the operator's in
:mod:`adapters.cli.operator_commands`, arguments in :mod:`adapters.cli.parser`, printing in
:mod:`adapters.cli.output`."""

from __future__ import annotations

import argparse
import logging
import sys

from adapters.cli.member_commands import MEMBER_COMMANDS, run_member_command
from adapters.cli.operator_commands import Wiring, check, copy_db, sync_commands
from adapters.cli.output import EXIT_OK, EXIT_USAGE, Output
from adapters.cli.parser import UsageError
from bot.app.settings import Settings
from bot.errors import BotError, InternalError
from bot.facade import build_voice_bot, start_logging

log = logging.getLogger(__name__)


def configure_logging(*, command: str, log_format: str, log_level: str = "INFO") -> None:
    """The bot logs to stdout; CLI commands keep stdout for their result and log to stderr,
    warnings only unless LOG_LEVEL=DEBUG. Called once before the settings are read (with
    ``LOG_FORMAT`` from the environment) and again after."""
    running = command == "run"
    quiet = not running and log_level != "DEBUG"
    start_logging(
        log_format,
        stream=sys.stdout if running else sys.stderr,
        level="WARNING" if quiet else log_level,
    )
    for noisy in ("aiohttp.access",):
        logging.getLogger(noisy).setLevel(logging.WARNING)


async def dispatch(
    command: str, args: argparse.Namespace, settings: Settings, out: Output, wiring: Wiring
) -> int:
    """Run ``command``; every error ends as its exit code and one printed line."""
    try:
        return await _dispatch(command, args, settings, out, wiring)
    except BotError as exc:
        return out.error(exc)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        # A bug: the user gets a reference, the traceback goes to the log (LOG_LEVEL=DEBUG
        # shows it on the command line; the running bot logs it at ERROR).
        error = InternalError()
        level = logging.ERROR if command == "run" else logging.DEBUG
        log.log(level, "unexpected error (reference %s)", error.reference, exc_info=exc)
        return out.error(error)


async def _dispatch(
    command: str, args: argparse.Namespace, settings: Settings, out: Output, wiring: Wiring
) -> int:
    if command == "copy-db":
        return await copy_db(args.from_url, args.to_url, out, wiring.open_store)
    if command == "sync-commands":
        return await sync_commands(settings, args.guild, out, wiring)
    if command == "run":
        return await wiring.run(settings)
    if command not in {"migrate", "check"}:
        settings.require_api_key()
    store = await wiring.open_store(settings.database_url, pool_size=settings.database_pool_size)
    if command == "migrate":
        await store.close()
        out.result({"migrated": True}, "Database is up to date.")
        return EXIT_OK
    if command == "check":
        return await check(settings, store, out)
    if command not in MEMBER_COMMANDS:
        await store.close()
        raise UsageError(f"python -m bot: unknown command {command!r}")
    try:
        voicebot = await build_voice_bot(settings, store)
    except BaseException:
        await store.close()
        raise
    try:
        await voicebot.start(warm_audio=command == "clone")
        return await run_member_command(command, args, voicebot, out)
    finally:
        await voicebot.close()
