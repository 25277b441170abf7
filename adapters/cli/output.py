"""How the command line prints: results on stdout (text or one JSON object), progress and
errors on stderr, and the exit codes."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from bot.errors import BotError
from bot.facade import CloneResult, describe
from bot.i18n import SOURCE_LOCALE, Translator, messages_for
from bot.models import CommunitySettings, VoiceRecord

#: The line a failed command ends with (never reported: what it says was, if it needs to be).
fatal_log = logging.getLogger("bot.exit")

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_CONFIG = 78


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
