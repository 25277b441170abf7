"""One exception tree for everything a user can be told.

Every error carries a stable ``code`` (the external contract, see README) and a user-safe
``message``. Adapters render ``code`` and ``message`` and nothing else; unknown exceptions
become :class:`InternalError` with a short reference id that also appears in the log.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from bot.i18n import Translator


class BotError(Exception):
    """Base of every user-facing error. Subclasses set ``code`` and ``default_message``."""

    code: ClassVar[str] = "internal"
    default_message: ClassVar[str] = "Something went wrong on our side."
    #: CLI exit code; configuration errors use 78 (EX_CONFIG).
    exit_code: ClassVar[int] = 1
    #: What the member can do next (``next-step-…`` in the catalogues), named with the
    #: platform's own commands when rendered: the core's messages never name one platform's
    #: commands.
    next_step: ClassVar[str | None] = None

    #: The catalogue key of ``default_message`` (see bot/i18n); ``None`` means
    #: ``error-<code>``. A subclass with a message of its own sets its own key.
    message_key: ClassVar[str | None] = None

    def __init__(
        self,
        message: str | None = None,
        *,
        key: str | None = None,
        params: Mapping[str, Any] | None = None,
        **context: Any,
    ) -> None:
        """``message`` is the English text; ``key`` and ``params`` say how to say it in any
        language. A message without a key renders as the code's general message elsewhere."""
        self.message = message or self.default_message
        self.context = context
        self.key = key
        self.params: dict[str, Any] = dict(params or {})
        self._custom_message = message is not None and key is None
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}

    def footnote(self, messages: Translator) -> str:
        """The small print under the message: the stable code (and, for a bug, the reference
        that finds its traceback in the log). Every adapter shows this, its own way."""
        return messages("error-code-note", code=self.code)

    @classmethod
    def class_message_key(cls) -> str:
        return cls.message_key or "error-" + cls.code.replace("_", "-")

    def render_params(self, translator: Translator) -> dict[str, Any]:
        """Values for the message's placeholders; subclasses format theirs for the locale."""
        return dict(self.params)

    def render(self, translator: Translator) -> str:
        """The user message in the translator's language (the English ``message`` stays),
        followed by the next step in the platform's own commands."""
        if self._custom_message and translator.is_source:
            text = self.message
        else:
            text = translator.text(
                self.key or self.class_message_key(), **self.render_params(translator)
            )
        if self.next_step is None:
            return text
        return f"{text} {translator.text('next-step-' + self.next_step.replace('_', '-'))}"


# --- the audio the member sent -------------------------------------------------------------
class NotAudio(BotError):
    code = "not_audio"
    default_message = (
        "That file doesn't contain audio I can read. Send a voice message or an audio file "
        "(ogg, mp3, m4a, wav, flac, webm) of you speaking."
    )


class NoSpeech(BotError):
    code = "no_speech"
    default_message = (
        "I couldn't hear any speech in that recording. Record yourself talking clearly, "
        "close to the microphone, for 10 to 30 seconds."
    )


class TooShort(BotError):
    code = "too_short"
    default_message = (
        "That recording has too little speech: at least 3 seconds are needed, 10 to 30 give "
        "the best clone. Record a longer message and try again."
    )


class TooLarge(BotError):
    code = "too_large"
    default_message = (
        "That file is too large. Send a shorter recording: 30 seconds of speech is plenty."
    )


class DownloadFailed(BotError):
    code = "download_failed"
    default_message = "I couldn't download that file. Send it again in a moment."


# --- the member and the community's rules --------------------------------------------------
class ConsentRequired(BotError):
    code = "consent_required"
    default_message = (
        "I need your consent before cloning a voice. Confirm that this is your own voice and "
        "that you agree to have it cloned."
    )


class Cooldown(BotError):
    code = "cooldown"
    default_message = "You're doing that too often. Try again in a little while."

    def __init__(self, retry_after: float, message: str | None = None) -> None:
        self.retry_after = max(0.0, retry_after)
        seconds = max(1, round(self.retry_after))
        super().__init__(
            message or f"You're doing that too often. Try again in {seconds} s.",
            key=None if message else "error-cooldown",
            retry_after=self.retry_after,
        )

    def render_params(self, translator: Translator) -> dict[str, Any]:
        return {**self.params, "wait": translator.wait(self.retry_after)}


class VoiceLimitReached(BotError):
    code = "voice_limit_reached"
    default_message = "You already have the most voices allowed here: delete one of them first."
    next_step = "delete_voice"


class DisabledHere(BotError):
    code = "disabled_here"
    default_message = "The admins of this community have turned this off here."


class NotAllowed(BotError):
    code = "not_allowed"
    default_message = "You're not allowed to do that here. Ask an admin of this community."


class NotOwner(BotError):
    code = "not_owner"
    default_message = "That voice isn't yours: you can only use and manage your own voices."


class VoiceNotFound(BotError):
    code = "voice_not_found"
    default_message = "I can't find that voice among yours."
    next_step = "list_voices"


class Busy(BotError):
    code = "busy"
    default_message = "I'm busy with other clones right now. Try again in a minute."


# --- the Async Voice API -----------------------------------------------------------------
class QuotaExhausted(BotError):
    code = "quota_exhausted"
    default_message = (
        "The voice service quota for this bot is used up. An operator has to top it up; "
        "try again later."
    )


class CloneSlotsFull(BotError):
    code = "clone_slots_full"
    default_message = (
        "This bot's voice account has no free clone slots. An operator has to free some; "
        "try again later."
    )


class BadQuality(BotError):
    code = "bad_quality"
    default_message = (
        "The voice service found the recording too noisy or unclear. Record again in a quiet "
        "room, close to the microphone."
    )


class FormatRejected(BotError):
    code = "format_rejected"
    default_message = (
        "The voice service couldn't read that audio. Try another recording or another format."
    )


class InvalidLanguage(BotError):
    code = "invalid_language"
    default_message = "The voice service doesn't support that language."


class ServiceMisconfigured(BotError):
    code = "service_misconfigured"
    default_message = (
        "The bot isn't set up correctly for the voice service. Tell an operator; it isn't "
        "something you can fix."
    )


class ServiceUnavailable(BotError):
    code = "service_unavailable"
    default_message = "The voice service isn't answering right now. Try again in a few minutes."


class PreviewNotReady(ServiceUnavailable):
    """No preview yet, usually right after cloning: ask again a little later."""

    message_key = "error-preview-not-ready"
    default_message = "The preview of this voice is still being made. Try again in a moment."


class OutcomeUnknown(ServiceUnavailable):
    """The voice service got the request but its answer was lost: it may have taken effect.
    The member sees :class:`ServiceUnavailable`; the core settles what really happened."""


class FieldUpdateNotAllowed(NotAllowed):
    """The voice service refuses to change one field of a voice; ``field`` names it when
    known."""

    def __init__(self, field: str | None = None) -> None:
        self.field = field
        shown = f"the {field}" if field else "that field"
        super().__init__(
            f"The voice service doesn't allow changing {shown} of a voice.",
            key="error-field-update-not-allowed" if field else "error-field-update-not-allowed-any",
            params={"field": field} if field else None,
        )


class InternalError(BotError):
    code = "internal"
    default_message = "Something went wrong on our side."

    def __init__(self, message: str | None = None, reference: str | None = None) -> None:
        self.reference = reference or new_reference()
        super().__init__(
            message or f"Something went wrong on our side (reference {self.reference}).",
            key=None if message else "error-internal-reference",
            params={"reference": self.reference},
            reference=self.reference,
        )

    def footnote(self, messages: Translator) -> str:
        return messages("error-code-note-reference", code=self.code, reference=self.reference)


# --- not user-facing, for operators ------------------------------------------------------
class ConfigurationError(BotError):
    """Bad or missing settings. CLI exit code 78."""

    code = "service_misconfigured"
    default_message = "The bot is not configured correctly."
    exit_code = 78


ALL_ERRORS: tuple[type[BotError], ...] = (
    NotAudio,
    NoSpeech,
    TooShort,
    TooLarge,
    DownloadFailed,
    ConsentRequired,
    Cooldown,
    VoiceLimitReached,
    DisabledHere,
    NotAllowed,
    NotOwner,
    VoiceNotFound,
    Busy,
    QuotaExhausted,
    CloneSlotsFull,
    BadQuality,
    FormatRejected,
    InvalidLanguage,
    ServiceMisconfigured,
    ServiceUnavailable,
    InternalError,
)

STABLE_CODES: frozenset[str] = frozenset(cls.code for cls in ALL_ERRORS)


def new_reference() -> str:
    """A short id shown to the user and written to the log next to the traceback."""
    return secrets.token_hex(4)
