"""The command line's arguments: every command, its options, and ``--lang``."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from bot.i18n import LANGUAGES, Translator, messages_for


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

    _operator_commands(command)
    _member_commands(command)
    return parser


AddCommand = Callable[..., argparse.ArgumentParser]


def _operator_commands(command: AddCommand) -> None:
    command("run", "run every configured platform (the default)")
    command("check", "validate settings, migrate the database, call the API status check")
    command("migrate", "apply database migrations and exit")

    p = command("settings", "show or change a community's settings (operators)")
    p.add_argument("--platform", required=True, choices=["discord", "slack"])
    p.add_argument("--community", required=True, help="Discord server id or Slack team id")
    p.add_argument("changes", nargs="*", metavar="KEY=VALUE", help="e.g. clone_enabled=off")
    p = command("sync-commands", "register the Discord slash commands")
    p.add_argument("--guild", type=int, help="only this server (instant), default: global")
    p = command("copy-db", "copy every row of one database into an empty other one")
    p.add_argument("from_url")
    p.add_argument("to_url")


def _member_commands(command: AddCommand) -> None:
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
    p = command("export", "everything held about a member, as JSON (their 'My data')", user=True)
    p.add_argument("-o", "--output", help="write it to this file (default: standard output)")


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
