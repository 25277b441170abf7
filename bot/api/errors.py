"""What can go wrong talking to the Async Voice API, in the API's own terms.

These are the client's errors, not the bot's: they carry what operators need (HTTP status,
the API's error code, its ``extra`` and raw message, all redacted) and no user message. The
core meets them only through :mod:`bot.api.translate`, which turns each into the user-facing
error of :mod:`bot.errors` in one place (as httpx maps httpcore's errors at its transport).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from bot.observability.scrubbing import GENERIC, MAX_MESSAGE_CHARS


class ApiError(Exception):
    """Base of every client failure. ``str()`` is an operator summary, already redacted:
    log it, never show it to a member. ``retry_after`` is the wait in seconds the API asked
    for, if it asked."""

    def __init__(
        self,
        *,
        status: int | None = None,
        api_code: str | None = None,
        extra: Mapping[str, Any] | None = None,
        api_message: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.api_code = api_code
        self.extra: dict[str, Any] = GENERIC.value(dict(extra or {}))
        self.api_message = GENERIC.text(api_message)[:MAX_MESSAGE_CHARS] if api_message else None
        self.retry_after = retry_after
        super().__init__(self._summary())

    def _summary(self) -> str:
        parts = [f"HTTP {self.status}" if self.status is not None else "no response"]
        if self.api_code:
            parts.append(self.api_code)
        if self.api_message:
            parts.append(self.api_message)
        return ": ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, api_code={self.api_code!r}, "
            f"api_message={self.api_message!r})"
        )


class ApiMisconfigured(ApiError):
    """Bad API key or version: an operator has to fix the settings."""


class ApiRateLimited(ApiError):
    """Rate or concurrency limit still hit after the retries."""


class ApiQuotaExhausted(ApiError):
    """The account's usage quota is spent (also sent in-band in the middle of a stream)."""


class ApiCloneSlotsFull(ApiError):
    """The account has no free clone slot."""


class ApiVoiceNotFound(ApiError):
    pass


class ApiPreviewNotReady(ApiError):
    """No preview yet, usually right after cloning: ask again a little later."""


class ApiInvalidLanguage(ApiError):
    pass


AudioProblem = Literal["too_short", "bad_quality", "format", "too_large"]


class ApiRejectedAudio(ApiError):
    """The API refused the audio sent for cloning; ``kind`` says why."""

    def __init__(self, kind: AudioProblem, **kwargs: Any) -> None:
        self.kind: AudioProblem = kind
        super().__init__(**kwargs)


class ApiFieldUpdateNotAllowed(ApiError):
    """The API refuses to change one field of a voice; ``field`` names it when the API said
    which (and the name looks like one)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        field = self.extra.get("field")
        self.field = field if isinstance(field, str) and _FIELD_NAME.fullmatch(field) else None


_FIELD_NAME = re.compile(r"[A-Za-z_]{1,40}")


class ApiUnavailable(ApiError):
    """A server error, an unexpected answer or any API problem we don't know."""


class ApiConnectionError(ApiUnavailable):
    """No answer: the connection failed or timed out.

    ``outcome_unknown`` is True when the request may have reached the server (timeout or
    connection lost after sending), so a non-idempotent call may have taken effect.
    """

    def __init__(self, reason: str, *, outcome_unknown: bool) -> None:
        self.reason = reason
        self.outcome_unknown = outcome_unknown
        super().__init__(api_message=reason)
