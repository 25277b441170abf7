"""The command line: arguments and how results and errors are printed. The wiring (stores,
platforms) lives in ``bot.__main__``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from bot.clone import CloneResult
from bot.community import describe
from bot.errors import BotError
from bot.models import CommunitySettings, VoiceRecord

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
    languages = ", ".join(voice.languages) or "unknown"
    return (
        f"{voice.name}{default}  id={voice.voice_id}  languages: {languages}  "
        f"made {voice.created_at:%Y-%m-%d %H:%M} UTC"
    )


def clone_dict(result: CloneResult) -> dict[str, Any]:
    return {
        "voice": voice_dict(result.voice),
        "preview_url": result.preview_url,
        "reused": result.reused,
        "quality_tip": result.quality_tip,
    }


def clone_text(result: CloneResult) -> str:
    lines = [f"Cloned: {voice_line(result.voice)}"]
    if result.preview_url:
        lines.append(f"Preview: {result.preview_url}")
    else:
        lines.append("Preview: not ready yet; run `python -m bot preview` in a minute.")
    if result.reused:
        lines.append("(this request was already done: no second clone was made)")
    if result.quality_tip:
        lines.append(result.quality_tip)
    return "\n".join(lines)


def settings_dict(settings: CommunitySettings) -> dict[str, Any]:
    shown = describe(settings)
    shown["allowed_members"] = list(settings.allowed_members)
    return {"platform": settings.platform, "community": settings.community_id, **shown}


class Output:
    """Prints results on stdout (text or one JSON object) and progress/errors on stderr."""

    def __init__(self, as_json: bool, out: TextIO | None = None, err: TextIO | None = None):
        self.as_json = as_json
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def result(self, data: Mapping[str, Any], text: str) -> None:
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False), file=self.out)
        else:
            print(text, file=self.out)

    def progress(self, stage: str) -> None:
        if not self.as_json:
            print(f"… {stage}", file=self.err, flush=True)

    def error(self, error: BotError) -> int:
        if self.as_json:
            print(json.dumps(error.to_dict(), ensure_ascii=False), file=self.out)
        else:
            print(f"error [{error.code}]: {error.message}", file=self.err)
        return EXIT_CONFIG if error.exit_code == EXIT_CONFIG else EXIT_USER_ERROR
