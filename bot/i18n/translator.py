"""Message catalogues (Project Fluent) and the translator adapters render with.

The core keys every text; the edge (an adapter, the CLI) picks the member's language with
:func:`bot.i18n.pick_locale` and renders with :func:`messages_for`. A key missing from a
translation falls back to English, so a member never sees a raw key.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from bot.i18n import formatting
from bot.i18n.negotiation import pick_locale
from bot.i18n.registry import LANGUAGES, SOURCE_LOCALE

log = logging.getLogger(__name__)

#: Commands the texts mention, as ``$cmd_<id>`` variables (``-`` becomes ``_``). Each is the
#: path of the command in the catalogue's ``cmd-<path>-name`` keys.
COMMAND_PATHS: dict[str, tuple[str, ...]] = {
    "clone": ("clone",),
    "voices": ("voices",),
    "voice-preview": ("voice", "preview"),
    "voice-rename": ("voice", "rename"),
    "voice-default": ("voice", "default"),
    "voice-delete": ("voice", "delete"),
    "say": ("say",),
    "forget-me": ("forget-me",),
    "clone-settings": ("clone-settings",),
    "my-data": ("my-data",),
    "help": ("help",),
    "read-on": ("read", "on"),
}
#: Slack has no ``/voice …`` commands: its buttons under ``/voices`` do the same.
_SLACK_COMMANDS = {
    "voice-preview": "/voices",
    "voice-rename": "/voices",
    "voice-default": "/voices",
    "voice-delete": "/voices",
}
#: Platforms whose command names are localised (Discord shows members the names of their
#: client's language); everywhere else commands keep their English names.
LOCALISED_COMMAND_PLATFORMS = frozenset({"discord"})


def catalogue_text(locale: str) -> str:
    """The Fluent source of one language's catalogue."""
    return (resources.files(__package__) / "catalogues" / f"{locale}.ftl").read_text("utf-8")


@cache
def _bundle(locale: str) -> FluentBundle:
    if locale not in LANGUAGES:
        raise KeyError(f"no catalogue for {locale!r}")
    # No Unicode isolation marks around placeholders: our languages are all left-to-right, and
    # the invisible marks would count against Discord's and Slack's length limits.
    bundle = FluentBundle([locale], use_isolating=False)
    bundle.add_resource(FluentResource(catalogue_text(locale)))
    return bundle


@dataclass(frozen=True, slots=True)
class ConsentText:
    """The consent statement as a member read it: record ``language`` and ``version``."""

    language: str
    version: str
    text: str


class Translator:
    """Every text in one language. ``platform`` decides how commands are named in texts."""

    def __init__(self, locale: str, platform: str | None = None) -> None:
        self.locale = locale if locale in LANGUAGES else SOURCE_LOCALE
        self.platform = platform
        self._bundle = _bundle(self.locale)
        self._source = _bundle(SOURCE_LOCALE)
        self._commands: dict[str, str] | None = None

    def __repr__(self) -> str:
        return f"Translator(locale={self.locale!r}, platform={self.platform!r})"

    @property
    def is_source(self) -> bool:
        """True for English, the language the code's own texts are written in."""
        return self.locale == SOURCE_LOCALE

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def __call__(self, key: str, **args: Any) -> str:
        return self.text(key, **args)

    def text(self, key: str, **args: Any) -> str:
        """The message ``key`` with ``args``; numbers are formatted for the language."""
        values = {**self.command_args(), **args}
        flawed: str | None = None
        for bundle in (self._bundle, self._source):
            if not bundle.has_message(key):
                continue
            message = bundle.get_message(key)
            if message.value is None:
                continue
            result, errors = bundle.format_pattern(message.value, values)
            if not errors:
                return str(result)
            # A missing value shows as "{$name}": better a gap than no answer at all.
            log.warning("message %s (%s) has problems: %s", key, bundle.locales[0], errors)
            flawed = flawed or str(result)
        if flawed is not None:
            return flawed
        raise KeyError(f"no message {key!r} in {self.locale!r} or the source language")

    # --- commands named in texts --------------------------------------------------------------
    def command(self, command_id: str) -> str:
        """How a member types ``command_id`` here: ``/voice delete``, or ``/stimme löschen`` on
        Discord in German."""
        path = COMMAND_PATHS[command_id]
        if self.platform == "slack" and command_id in _SLACK_COMMANDS:
            return _SLACK_COMMANDS[command_id]
        if self.platform in LOCALISED_COMMAND_PLATFORMS:
            parts = [
                self._raw("cmd-" + "-".join(path[: i + 1]) + "-name") for i in range(len(path))
            ]
            return "/" + " ".join(parts)
        return "/" + " ".join(path)

    def command_args(self) -> dict[str, str]:
        if self._commands is None:
            self._commands = {
                "cmd_" + command_id.replace("-", "_"): self.command(command_id)
                for command_id in COMMAND_PATHS
            }
        return self._commands

    def _raw(self, key: str) -> str:
        for bundle in (self._bundle, self._source):
            if bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is not None:
                    result, _ = bundle.format_pattern(message.value, {})
                    return str(result)
        raise KeyError(key)

    # --- formatting -------------------------------------------------------------------------
    def wait(self, seconds: float) -> str:
        """ "in 5 seconds" / "in 5 Sekunden": the phrase for "try again …"."""
        return formatting.duration_from_now(seconds, self.locale)

    def duration(self, seconds: float) -> str:
        return formatting.duration(seconds, self.locale)

    def number(self, value: float, *, max_fraction_digits: int = 2) -> str:
        return formatting.number(value, self.locale, max_fraction_digits=max_fraction_digits)

    def date_time(self, moment: datetime) -> str:
        return formatting.date_time(moment, self.locale)

    def items(self, values: list[str]) -> str:
        return formatting.items(values, self.locale)

    def languages(self, codes: Sequence[str]) -> str:
        """The languages a voice speaks ("de, en"), or the one text every platform shows while
        the service has not told us yet."""
        return ", ".join(codes) if codes else self.text("languages-not-detected")

    def on_off(self, value: bool) -> str:
        return self.text("value-on" if value else "value-off")

    # --- texts with rules of their own ------------------------------------------------------
    def consent(self) -> ConsentText:
        """The consent statement in this language, with the version to record."""
        return ConsentText(
            language=self.locale,
            version=self._raw_in_own_bundle("consent-statement-version"),
            text=self.text("consent-statement"),
        )

    def _raw_in_own_bundle(self, key: str) -> str:
        # A statement's version belongs to its own language's text: never borrow English's.
        message = self._bundle.get_message(key)
        assert message.value is not None
        result, errors = self._bundle.format_pattern(message.value, {})
        if errors:
            raise ValueError(f"{key} in {self.locale}: {errors}")
        return str(result)

    def say_label(self, owner: str, voice: str, quoted: str) -> str:
        """The line posted with /say audio. It always says "AI voice clone" in the member's
        language, and whose; English if a catalogue ever lacked it."""
        return self.text("say-label", owner=owner, voice=voice, text=quoted)

    def error(self, error: Any) -> str:
        """``error`` (a :class:`bot.errors.BotError`) in this language."""
        rendered: str = error.render(self)
        return rendered


@cache
def _translator(locale: str, platform: str | None) -> Translator:
    return Translator(locale, platform)


def messages_for(locale: str | None, platform: str | None = None) -> Translator:
    """The translator for a locale tag as platforms give it (``de``, ``es-ES``, ``pt-BR``…):
    unknown or missing tags get English."""
    return _translator(pick_locale([locale]), platform)


def translator_for(candidates: list[str | None], platform: str | None = None) -> Translator:
    """The translator for the first supported of several candidates (member, then community)."""
    return _translator(pick_locale(candidates), platform)
