"""The command line: arguments, the commands, and how results and errors are printed. The
stores and the platforms come from the composition root (``bot.__main__``) as a
:class:`Wiring`, so that this module imports neither."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO

from bot.app.settings import Settings
from bot.errors import (
    BotError,
    ConfigurationError,
    ConsentRequired,
    InternalError,
    NotAllowed,
    ServiceMisconfigured,
)
from bot.facade import (
    ApiConfig,
    AsyncVoiceClient,
    CloneResult,
    FileSource,
    Store,
    TranslatedVoiceApi,
    VoiceBot,
    build_voice_bot,
    describe,
    start_logging,
)
from bot.i18n import LANGUAGES, SOURCE_LOCALE, Translator, messages_for
from bot.models import CloneOptions, CommunitySettings, Member, VoiceRecord

log = logging.getLogger(__name__)
#: The line a failed command ends with (never reported: what it says was, if it needs to be).
fatal_log = logging.getLogger("bot.exit")

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_CONFIG = 78


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="A voice-clone bot for Discord and Slack."
    )
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str, *, user: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print one JSON object")
        p.add_argument(
            "--lang",
            choices=sorted(LANGUAGES),
            help="language of messages and errors (default: English)",
        )
        if user:
            p.add_argument("--user", required=True, help="the member's id")
            p.add_argument(
                "--platform", default="cli", help="whose voices: cli (default), discord, slack"
            )
        return p

    command("run", "run every configured platform (the default)")
    command("check", "validate settings, migrate the database, call the API status check")
    command("migrate", "apply database migrations and exit")

    p = command("clone", "clone a voice from an audio file", user=True)
    p.add_argument("file")
    p.add_argument(
        "--consent",
        action="store_true",
        help="confirm this is the member's own voice and they agree to clone it",
    )
    for option in ("name", "description", "accent", "gender", "style", "transcript"):
        p.add_argument(f"--{option}")
    p.add_argument("--enhance", action="store_true", help="remove background noise first")
    p.add_argument("--idempotency-key", help="repeat-safe key (default: a new one)")

    command("voices", "list a member's voices", user=True)
    for name, help_text in (
        ("preview", "print a fresh preview link of a voice"),
        ("delete", "delete a voice"),
        ("default", "make a voice the member's default"),
    ):
        command(name, help_text, user=True).add_argument("voice", help="voice id or name")
    p = command("rename", "rename a voice", user=True)
    p.add_argument("voice")
    p.add_argument("name")
    p.add_argument("--description")
    p = command("say", "speak a text with a member's voice", user=True)
    p.add_argument("text")
    p.add_argument("--voice", help="voice id or name (default: the member's default voice)")
    p.add_argument("-o", "--output", required=True, help="where to write the mp3")
    p = command("forget", "delete every voice and every record of a member", user=True)
    p.add_argument("--yes", action="store_true", help="confirm")
    p = command("settings", "show or change a community's settings (operators)")
    p.add_argument("--platform", required=True, choices=["discord", "slack"])
    p.add_argument("--community", required=True, help="Discord server id or Slack team id")
    p.add_argument("changes", nargs="*", metavar="KEY=VALUE", help="e.g. clone_enabled=off")
    p = command("sync-commands", "register the Discord slash commands")
    p.add_argument("--guild", type=int, help="only this server (instant), default: global")
    p = command("copy-db", "copy every row of one database into an empty other one")
    p.add_argument("from_url")
    p.add_argument("to_url")
    return parser


def cli_messages(args: argparse.Namespace) -> Translator | None:
    """The translator ``--lang`` asks for; None (plain English) without it."""
    lang = getattr(args, "lang", None)
    return messages_for(lang, "cli") if lang else None


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


def parse_changes(items: Sequence[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"python -m bot settings: expected KEY=VALUE, got {item!r}")
        changes[key] = value
    return changes


# --- output -------------------------------------------------------------------------------
def voice_dict(voice: VoiceRecord) -> dict[str, Any]:
    return {
        "voice_id": voice.voice_id,
        "name": voice.name,
        "description": voice.description,
        "languages": list(voice.languages),
        "default": voice.is_default,
        "speech_seconds": round(voice.speech_seconds, 1),
        "created_at": voice.created_at.isoformat(),
    }


def voice_line(voice: VoiceRecord) -> str:
    default = " (default)" if voice.is_default else ""
    languages = messages_for(SOURCE_LOCALE, "cli").languages(voice.languages)
    return (
        f"{voice.name}{default}  id={voice.voice_id}  languages: {languages}  "
        f"made {voice.created_at:%Y-%m-%d %H:%M} UTC"
    )


def clone_dict(result: CloneResult) -> dict[str, Any]:
    return {
        "voice": voice_dict(result.voice),
        "preview_url": result.preview_url,
        "reused": result.reused,
        "quality_tip": quality_tip(result),
    }


def clone_text(result: CloneResult) -> str:
    lines = [f"Cloned: {voice_line(result.voice)}"]
    if result.preview_url:
        lines.append(f"Preview: {result.preview_url}")
    else:
        lines.append("Preview: not ready yet; run `python -m bot preview` in a minute.")
    if result.reused:
        lines.append("(this request was already done: no second clone was made)")
    tip = quality_tip(result)
    if tip:
        lines.append(tip)
    return "\n".join(lines)


def quality_tip(result: CloneResult) -> str | None:
    """The recording's tip in English (the CLI's results stay English)."""
    return messages_for(SOURCE_LOCALE)(result.quality_tip) if result.quality_tip else None


def settings_dict(settings: CommunitySettings) -> dict[str, Any]:
    shown = describe(settings)
    shown["allowed_members"] = list(settings.allowed_members)
    shown["read_ignore_prefixes"] = list(settings.read_ignore_prefixes)
    return {"platform": settings.platform, "community": settings.community_id, **shown}


def setting_text(value: Any) -> str:
    """A setting as an operator types it back: lists space-separated, nothing as ``none``."""
    if isinstance(value, list):
        return " ".join(str(item) for item in value) or "none"
    return "none" if value is None else str(value)


class Output:
    """Prints results on stdout (text or one JSON object) and progress/errors on stderr."""

    def __init__(
        self,
        as_json: bool,
        out: TextIO | None = None,
        err: TextIO | None = None,
        messages: Translator | None = None,
    ):
        self.as_json = as_json
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        #: Set by ``--lang``: errors and progress in that language (results stay English).
        self.messages = messages
        #: ``LOG_FORMAT=json``: the error line goes out as a JSON log line.
        self.log_json = False

    def result(self, data: Mapping[str, Any], text: str) -> None:
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False), file=self.out)
        else:
            print(text, file=self.out)

    def progress(self, stage: str) -> None:
        if not self.as_json:
            shown = stage
            if self.messages is not None and self.messages.has(f"progress-{stage}"):
                shown = self.messages(f"progress-{stage}")
            print(f"… {shown}", file=self.err, flush=True)

    def error(self, error: BotError) -> int:
        message = error.message if self.messages is None else error.render(self.messages)
        if self.as_json:
            shown = {"error": {**error.to_dict()["error"], "message": message}}
            print(json.dumps(shown, ensure_ascii=False), file=self.out)
        elif self.log_json:
            # LOG_FORMAT=json: the last line is a log line like the others, one JSON object.
            fatal_log.critical(message, extra={"code": error.code})
        else:
            print(f"error [{error.code}]: {message}", file=self.err)
        return EXIT_CONFIG if error.exit_code == EXIT_CONFIG else EXIT_USER_ERROR


# --- the commands ---------------------------------------------------------------------------
class OpenStore(Protocol):
    def __call__(self, database_url: str, *, pool_size: int = ...) -> Awaitable[Store]: ...


@dataclass(frozen=True, slots=True)
class Wiring:
    """What the composition root hands the commands: stores and platforms."""

    #: Opens (and migrates) the store a database URL names.
    open_store: OpenStore
    #: ``run``: every configured platform until a signal.
    run: Callable[[Settings], Awaitable[int]]
    #: Registers the Discord commands (in one server, or globally); returns how many.
    sync_discord: Callable[[Settings, int | None], Awaitable[int]]


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
        out.result(
            shown, "\n".join(f"{key}: {setting_text(value)}" for key, value in shown.items())
        )
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
        return await say(args, voicebot, member, out)
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


async def say(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
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
    return EXIT_OK


async def clone(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    if not args.consent:
        raise ConsentRequired(
            "Cloning needs the member's consent: add --consent to confirm that this is their "
            "own voice and that they agree to have it cloned."
        )
    consent = voicebot.consent_now()
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
        # The operator vouches with --consent that the file is the member's own recording.
        recorded_by=member.user_id,
        progress=progress,
    )
    out.result(clone_dict(result), clone_text(result))
    return EXIT_OK


async def check(settings: Settings, store: Store, out: Output) -> int:
    try:
        key = settings.require_api_key()
        async with AsyncVoiceClient(ApiConfig.from_settings(settings)) as client:
            api = TranslatedVoiceApi(client)
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


async def copy_db(from_url: str, to_url: str, out: Output, open_store: OpenStore) -> int:
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


async def sync_commands(settings: Settings, guild: int | None, out: Output, wiring: Wiring) -> int:
    if settings.discord_token is None:
        raise ConfigurationError("DISCORD_TOKEN is not set: set it to sync Discord commands")
    count = await wiring.sync_discord(settings, guild)
    where = f"server {guild}" if guild else "every server (global; may take up to an hour)"
    out.result({"synced": count, "guild": guild}, f"Synced {count} command(s) to {where}.")
    return EXIT_OK
