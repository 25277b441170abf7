"""The composition root: ``python -m bot <command>``. Builds the store, the core and the
platform adapters from settings, and runs them."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.api.client import ApiConfig, AsyncVoiceClient
from bot.audio.reading import FileSource
from bot.cli import (
    EXIT_OK,
    EXIT_USAGE,
    Output,
    UsageError,
    build_parser,
    clone_dict,
    clone_text,
    parse_changes,
    settings_dict,
    voice_dict,
    voice_line,
)
from bot.clock import utcnow
from bot.consent import CONSENT_STATEMENT_VERSION
from bot.errors import (
    BotError,
    ConfigurationError,
    ConsentRequired,
    InternalError,
    NotAllowed,
    ServiceMisconfigured,
)
from bot.models import CloneOptions, Consent, Member
from bot.observability import setup_observability
from bot.ops_http import LoopLagMonitor, add_ops_routes, create_ops_app
from bot.ports import Store
from bot.service import VoiceBot, build_voice_bot
from bot.settings import Settings, load_settings
from storage import open_store

log = logging.getLogger("bot")

#: With the Slack server's own last wait (adapters.slack.context.DRAIN_SECONDS), within the
#: usual 30 s a platform (Heroku, Kubernetes) waits between SIGTERM and SIGKILL.
SHUTDOWN_GRACE_SECONDS = 20


def configure_logging(settings: Settings, *, command: str) -> None:
    """The bot logs to stdout; CLI commands keep stdout for their result and log to stderr,
    warnings only unless LOG_LEVEL=DEBUG."""
    running = command == "run"
    quiet = not running and settings.log_level != "DEBUG"
    logging.basicConfig(
        level="WARNING" if quiet else settings.log_level,
        stream=sys.stdout if running else sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("aiohttp.access",):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    out = Output(getattr(args, "json", False))
    try:
        settings = load_settings()
        configure_logging(settings, command=command)
        return asyncio.run(dispatch(command, args, settings, out))
    except BotError as exc:
        return out.error(exc)
    except KeyboardInterrupt:
        return 130


async def dispatch(command: str, args: argparse.Namespace, settings: Settings, out: Output) -> int:
    setup_observability(settings, command=command)  # in the loop: Sentry's asyncio hook
    try:
        return await _dispatch(command, args, settings, out)
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


async def _dispatch(command: str, args: argparse.Namespace, settings: Settings, out: Output) -> int:
    if command == "copy-db":
        return await copy_db(args.from_url, args.to_url, out)
    if command == "sync-commands":
        return await sync_commands(settings, args.guild, out)
    if command == "run":
        return await run(settings)
    if command not in {"migrate", "check"}:
        settings.require_api_key()
    store = await open_store(settings.database_url, pool_size=settings.database_pool_size)
    if command == "migrate":
        await store.close()
        out.result({"migrated": True}, "Database is up to date.")
        return EXIT_OK
    if command == "check":
        return await check(settings, store, out)
    try:
        voicebot = await build_voice_bot(settings, store)
    except BaseException:
        await store.close()
        raise
    try:
        await voicebot.start(warm_audio=command == "clone")
        return await member_command(command, args, voicebot, out)
    finally:
        await voicebot.close()


async def member_command(
    command: str, args: argparse.Namespace, voicebot: VoiceBot, out: Output
) -> int:
    if command == "settings":
        operator = Member(
            platform=args.platform, user_id="operator", community_id=args.community, is_admin=True
        )
        changes = parse_changes(args.changes)
        if changes:
            rules = await voicebot.update_community_settings(operator, changes)
        else:
            rules = await voicebot.community_settings(operator)
        shown = settings_dict(rules)
        out.result(shown, "\n".join(f"{key}: {value}" for key, value in shown.items()))
        return EXIT_OK

    member = Member(platform=args.platform, user_id=args.user)
    if command == "clone":
        return await clone(args, voicebot, member, out)
    if command == "voices":
        voices = await voicebot.list_voices(member)
        text = "\n".join(voice_line(v) for v in voices) or "No voices yet."
        out.result({"voices": [voice_dict(v) for v in voices]}, text)
    elif command == "preview":
        preview = await voicebot.preview(member, args.voice)
        out.result(
            {"voice": voice_dict(preview.voice), "preview_url": preview.url},
            f"Preview of {preview.voice.name}: {preview.url}",
        )
    elif command == "rename":
        voice = await voicebot.rename(member, args.voice, args.name, args.description)
        out.result({"voice": voice_dict(voice)}, f"Renamed: {voice_line(voice)}")
    elif command == "default":
        voice = await voicebot.make_default(member, args.voice)
        out.result({"voice": voice_dict(voice)}, f"Default voice: {voice_line(voice)}")
    elif command == "delete":
        voice = await voicebot.delete_voice(member, args.voice)
        out.result({"deleted": voice_dict(voice)}, f"Deleted {voice.name} ({voice.voice_id}).")
    elif command == "say":
        target = Path(args.output)
        if not await asyncio.to_thread(target.parent.is_dir):
            print(f"python -m bot say: no such folder: {target.parent}", file=sys.stderr)
            return EXIT_USAGE
        speech = await voicebot.say(member, args.text, args.voice)
        try:
            await asyncio.to_thread(target.write_bytes, speech.audio)
        except OSError as exc:
            print(f"python -m bot say: cannot write {target}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
        label = speech.label(f"member {member.user_id}")
        out.result(
            {"voice": voice_dict(speech.voice), "output": args.output, "label": label},
            f"{label}\nWrote {len(speech.audio)} bytes to {args.output}",
        )
    elif command == "forget":
        if not args.yes:
            raise NotAllowed("Forgetting deletes every voice and record: add --yes to confirm.")
        report = await voicebot.forget(member)
        counts = report.counts
        out.result(
            {
                "deleted_voices": report.voice_ids,
                "requests": counts.requests,
                "consents": counts.consents,
                "audit_entries": counts.audit_entries,
            },
            f"Forgot member {member.user_id}: {len(report.voice_ids)} voice(s) deleted, "
            f"{counts.requests} request(s), {counts.consents} consent record(s) erased.",
        )
    return EXIT_OK


async def clone(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    consent = (
        Consent(statement_version=CONSENT_STATEMENT_VERSION, given_at=utcnow())
        if args.consent
        else None
    )
    if consent is None:
        raise ConsentRequired(
            "Cloning needs the member's consent: add --consent to confirm that this is their "
            "own voice and that they agree to have it cloned."
        )
    path = Path(args.file)
    if not await asyncio.to_thread(path.is_file):
        print(f"python -m bot clone: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    options = CloneOptions(
        name=args.name,
        description=args.description,
        accent=args.accent,
        gender=args.gender,
        style=args.style,
        enhance=True if args.enhance else None,
        transcript=args.transcript,
    )

    async def progress(stage: str) -> None:
        out.progress(stage)

    result = await voicebot.clone(
        member,
        FileSource(path),
        idempotency_key=args.idempotency_key or f"cli:{member.user_id}:{voicebot.instance_id}",
        consent=consent,
        options=options,
        progress=progress,
    )
    out.result(clone_dict(result), clone_text(result))
    return EXIT_OK


async def check(settings: Settings, store: Store, out: Output) -> int:
    try:
        key = settings.require_api_key()
        async with AsyncVoiceClient(ApiConfig.from_settings(settings)) as api:
            status = await api.status()
            # The status check needs no key: listing the account's own voices proves it works.
            own_voices = len(await api.list_voices(my_voice=True))
    except ServiceMisconfigured as exc:
        refused = f"the Async Voice API refused the settings: {exc.message}"
        raise ConfigurationError(refused) from None
    finally:
        await store.close()
    masked = key.get_secret_value()[:3] + "…"
    report = {
        "api": {
            "base_url": settings.async_api_base_url,
            "status": status.status,
            "key": f"{masked} (accepted; {own_voices} cloned voice(s) in the account)",
        },
        "database": settings.database_url.split("://", 1)[0],
        "discord": settings.discord_enabled,
        "slack": settings.slack_mode if settings.slack_enabled else False,
        "metrics_port": settings.metrics_port,
    }
    text = "\n".join(f"{k}: {v}" for k, v in report.items())
    out.result(report, text)
    return EXIT_OK


async def copy_db(from_url: str, to_url: str, out: Output) -> int:
    source = await open_store(from_url)
    try:
        target = await open_store(to_url)
        try:
            if not await target.is_empty():
                raise NotAllowed(
                    "The target database is not empty: copy-db only fills an empty one."
                )
            rows = await source.export_rows()
            await target.import_rows(rows)
        finally:
            await target.close()
    finally:
        await source.close()
    counts = {table: len(items) for table, items in rows.items()}
    text = "\n".join(f"{table}: {n} row(s)" for table, n in counts.items())
    out.result({"copied": counts}, f"Copied:\n{text}")
    return EXIT_OK


async def sync_commands(settings: Settings, guild: int | None, out: Output) -> int:
    if settings.discord_token is None:
        raise ConfigurationError("DISCORD_TOKEN is not set: set it to sync Discord commands")
    from adapters.discord import sync_commands as sync

    count = await sync(settings, guild)
    where = f"server {guild}" if guild else "every server (global; may take up to an hour)"
    out.result({"synced": count, "guild": guild}, f"Synced {count} command(s) to {where}.")
    return EXIT_OK


async def run(settings: Settings) -> int:
    runners: list[Callable[[VoiceBot], Coroutine[Any, Any, None]]] = []
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
        if slack_http:
            from adapters.slack import build_slack_app, create_http_app, verify_token

            slack_app = build_slack_app(voicebot, settings)
            await verify_token(slack_app)
            web_app = create_http_app(slack_app, drain_seconds=SHUTDOWN_GRACE_SECONDS)
            add_ops_routes(web_app, store, monitor)
            site_runner = await _serve(web_app, settings.port)
            # First: the server stops taking requests (Slack redelivers what it can't hand
            # us), then the Slack work under way (clones, uploads) finishes.
            finishing.append(site_runner.cleanup)
        elif settings.metrics_port:
            site_runner = await _serve(create_ops_app(store, monitor), settings.metrics_port)
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
        if site_runner is not None and site_runner.server is not None:
            await site_runner.cleanup()
        await monitor.stop()
        await voicebot.close()
    return EXIT_OK


async def _serve(app: web.Application, port: int) -> web.AppRunner:
    # Open connections get a few seconds to finish on shutdown, not aiohttp's default minute.
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", port).start()
    log.info("listening on port %d", port)
    return runner


if __name__ == "__main__":
    sys.exit(main())
