"""Async Voice API failures translated into the bot's one exception tree.

Every class here subclasses a user-facing error of :mod:`bot.errors` (so adapters render its
stable ``code`` and user-safe message) and :class:`ApiErrorMixin`, which keeps what operators
need in the logs: the HTTP status, the API's error code, its ``extra`` and its raw message,
all with secrets redacted. The API key must never reach an exception, because exceptions end
up in logs and tracebacks: 401 bodies echo a truncated key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from bot.errors import (
    BadQuality,
    BotError,
    Busy,
    CloneSlotsFull,
    FormatRejected,
    InvalidLanguage,
    NotAllowed,
    QuotaExhausted,
    ServiceMisconfigured,
    ServiceUnavailable,
    TooLarge,
    TooShort,
    VoiceNotFound,
)

#: Keys start with ``sk_``; bodies may echo them truncated ("sk_abc..."). The look-behind keeps
#: words such as "task_list" intact.
_SK_TOKEN = re.compile(r"(?<![A-Za-z0-9])sk_[A-Za-z0-9_\-.]*")
#: Signed links carry their credential in the query string.
_URL_QUERY = re.compile(r"(https?://[^\s?#\"'<>]+)[?#][^\s\"'<>]*")
_MIN_KEY_PREFIX = 6
_MAX_MESSAGE_CHARS = 300
_MAX_EXTRA_ITEMS = 20
_REDACTED = "[redacted]"


class Redactor:
    """Removes secrets from text: any ``sk_`` token, the given secrets and any prefix of them
    of at least six characters (truncated echoes), and the query of any URL."""

    def __init__(self, *secrets: str) -> None:
        self._secrets = tuple(secret for secret in secrets if secret)

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"

    def text(self, text: str) -> str:
        for secret in self._secrets:
            text = _strip_secret(text, secret)
        text = _SK_TOKEN.sub(_REDACTED, text)
        return _URL_QUERY.sub(r"\1?" + _REDACTED, text)

    def value(self, value: Any, depth: int = 0) -> Any:
        """A JSON-like value with every string redacted; bounded in depth and size."""
        if isinstance(value, str):
            return self.text(value)[:_MAX_MESSAGE_CHARS]
        if value is None or isinstance(value, bool | int | float):
            return value
        if depth >= 3:
            return _REDACTED
        if isinstance(value, Mapping):
            items = list(value.items())[:_MAX_EXTRA_ITEMS]
            return {self.text(str(key)): self.value(item, depth + 1) for key, item in items}
        if isinstance(value, list | tuple):
            return [self.value(item, depth + 1) for item in value[:_MAX_EXTRA_ITEMS]]
        return self.text(type(value).__name__)


def _strip_secret(text: str, secret: str) -> str:
    """Replace every occurrence of ``secret`` or of a long enough prefix of it."""
    head = secret[: min(_MIN_KEY_PREFIX, len(secret))]
    out: list[str] = []
    start = 0
    found = text.find(head)
    while found >= 0:
        end = found + len(head)
        while end < len(text) and end - found < len(secret) and text[end] == secret[end - found]:
            end += 1
        out.append(text[start:found])
        out.append(_REDACTED)
        start = end
        found = text.find(head, start)
    out.append(text[start:])
    return "".join(out)


#: Used by the constructors as a last line of defence when no key is known.
_GENERIC = Redactor()


class ApiErrorMixin(BotError):
    """What the API said, for operators. ``str()`` stays the user-safe message.

    ``api_message`` is the API's own text (redacted, shortened): log it, never show it.
    ``retry_after`` is the wait in seconds the API asked for, if it asked.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        api_code: str | None = None,
        extra: Mapping[str, Any] | None = None,
        api_message: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(_GENERIC.text(message) if message else None)
        self.status = status
        self.api_code = api_code
        self.extra: dict[str, Any] = _GENERIC.value(dict(extra or {}))
        self.api_message = _GENERIC.text(api_message)[:_MAX_MESSAGE_CHARS] if api_message else None
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, "
            f"api_code={self.api_code!r}, api_message={self.api_message!r})"
        )


class ApiMisconfigured(ApiErrorMixin, ServiceMisconfigured):
    """Bad API key or version: an operator has to fix the settings."""


class ApiBusy(ApiErrorMixin, Busy):
    """Rate or concurrency limit still hit after the retries."""


class ApiQuotaExhausted(ApiErrorMixin, QuotaExhausted):
    pass


class ApiCloneSlotsFull(ApiErrorMixin, CloneSlotsFull):
    pass


class ApiInvalidLanguage(ApiErrorMixin, InvalidLanguage):
    pass


class ApiFormatRejected(ApiErrorMixin, FormatRejected):
    pass


class ApiTooShort(ApiErrorMixin, TooShort):
    pass


class ApiBadQuality(ApiErrorMixin, BadQuality):
    pass


class ApiTooLarge(ApiErrorMixin, TooLarge):
    pass


class ApiVoiceNotFound(ApiErrorMixin, VoiceNotFound):
    pass


class PreviewNotReady(ApiErrorMixin, ServiceUnavailable):
    """No preview yet, usually right after cloning: ask again a little later."""

    message_key = "error-preview-not-ready"
    default_message = "The preview of this voice is still being made. Try again in a moment."


class FieldUpdateNotAllowed(ApiErrorMixin, NotAllowed):
    """The API refuses to change one field of a voice (``extra.field``)."""

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        extra = kwargs.get("extra") or {}
        field = extra.get("field") if isinstance(extra, Mapping) else None
        self.field = field if isinstance(field, str) and _FIELD_NAME.fullmatch(field) else None
        shown = f"the {self.field}" if self.field else "that field"
        super().__init__(
            message or f"The voice service doesn't allow changing {shown} of a voice.", **kwargs
        )
        if not message:
            self._custom_message = False
            if self.field:
                self.key = "error-field-update-not-allowed"
                self.params = {"field": self.field}
            else:
                self.key = "error-field-update-not-allowed-any"


_FIELD_NAME = re.compile(r"[A-Za-z_]{1,40}")


class ApiUnavailable(ApiErrorMixin, ServiceUnavailable):
    """A server error, an unexpected answer or any API problem we don't know."""


class ApiConnectionError(ApiUnavailable):
    """No answer: the connection failed or timed out.

    ``outcome_unknown`` is True when the request may have reached the server (timeout or
    connection lost after sending), so a non-idempotent call may have taken effect.
    """

    def __init__(self, reason: str, *, outcome_unknown: bool) -> None:
        super().__init__(api_message=reason)
        self.reason = reason
        self.outcome_unknown = outcome_unknown


_BY_CODE: dict[str, type[ApiErrorMixin]] = {
    "INVALID_API_KEY": ApiMisconfigured,
    "VERSION_NOT_FOUND": ApiMisconfigured,
    "RATE_LIMIT_EXCEEDED": ApiBusy,
    "TOO_MANY_CONCURRENT_REQUESTS": ApiBusy,
    "USAGE_LIMIT_EXCEEDED": ApiQuotaExhausted,
    "QUOTA_EXCEEDED": ApiQuotaExhausted,
    "VOICE_CLONE_LIMIT_EXCEEDED": ApiCloneSlotsFull,
    "INVALID_LANGUAGE": ApiInvalidLanguage,
    "FORMAT_NOT_RECOGNIZED": ApiFormatRejected,
    "SHORT_SPEECH_DURATION": ApiTooShort,
    "BAD_SPEECH_QUALITY": ApiBadQuality,
    "FILE_TOO_LARGE": ApiTooLarge,
    "VOICE_NOT_FOUND": ApiVoiceNotFound,
    "VOICE_PREVIEW_NOT_FOUND": PreviewNotReady,
    "VOICE_FIELD_UPDATE_NOT_ALLOWED": FieldUpdateNotAllowed,
}
KNOWN_API_CODES: frozenset[str] = frozenset(_BY_CODE)
_CODE_SHAPE = re.compile(r"[A-Z][A-Z0-9_]{2,63}")


def error_class_for(status: int | None, api_code: str | None) -> type[ApiErrorMixin]:
    """The class for an API error: by code first, then by HTTP status."""
    if api_code in _BY_CODE:
        return _BY_CODE[api_code]
    if status in (401, 403):
        return ApiMisconfigured
    if status == 413:
        return ApiTooLarge
    if status == 429:
        # An undocumented 429 is most likely a limit that clears by itself.
        return ApiBusy
    return ApiUnavailable


def error_from_response(
    status: int,
    body: bytes,
    *,
    retry_after_header: str | None = None,
    redactor: Redactor = _GENERIC,
) -> ApiErrorMixin:
    """Parse any error body the API (or a proxy in front of it) may send."""
    api_code, api_message, extra = parse_error_body(body)
    safe_extra = redactor.value(extra)
    retry_after = _retry_after_ms(extra)
    if retry_after is None:
        retry_after = parse_retry_after(retry_after_header)
    cls = error_class_for(status, api_code)
    return cls(
        status=status,
        api_code=api_code,
        extra=safe_extra,
        api_message=redactor.text(api_message) if api_message else f"HTTP {status}",
        retry_after=retry_after,
    )


def parse_error_body(body: bytes) -> tuple[str | None, str | None, dict[str, Any]]:
    """``(error_code, message, extra)`` from every documented or tolerated body shape."""
    try:
        data: Any = json.loads(body)
    except ValueError:  # includes UnicodeDecodeError: HTML from a proxy, or nothing
        return None, _plain_text(body), {}
    if isinstance(data, list):
        return _from_list(data)
    if not isinstance(data, dict):
        return None, _short(str(data)), {}
    code = _code(data.get("error_code"))
    message = _text(data.get("message"))
    raw_extra = data.get("extra")
    extra: dict[str, Any] = raw_extra if isinstance(raw_extra, dict) else {}
    detail = data.get("detail")
    if isinstance(detail, dict):
        code = _code(detail.get("error_code")) or _code(detail.get("code")) or code
        message = _text(detail.get("message")) or _text(detail.get("msg")) or message
        if isinstance(detail.get("extra"), dict):
            extra = detail["extra"]
    elif isinstance(detail, str):
        if code is None and _CODE_SHAPE.fullmatch(detail.strip()):
            code = detail.strip()
        else:
            # The flat 500 shape: "message" says what failed, "detail" why.
            message = f"{message}: {detail}" if message else detail
    elif isinstance(detail, list):
        list_code, list_message, list_extra = _from_list(detail)
        code = code or list_code
        message = list_message or message
        extra = extra or list_extra
    return code, _short(message) if message else None, dict(extra)


def _from_list(items: list[Any]) -> tuple[str | None, str | None, dict[str, Any]]:
    """FastAPI validation errors: ``[{"loc": [...], "msg": "...", "type": "..."}]``."""
    code: str | None = None
    messages: list[str] = []
    for item in items[:10]:
        if isinstance(item, dict):
            code = code or _code(item.get("error_code"))
            text = _text(item.get("msg")) or _text(item.get("message"))
            loc = item.get("loc")
            if text and isinstance(loc, list):
                text = f"{'.'.join(str(part) for part in loc)}: {text}"
            if text:
                messages.append(text)
        elif isinstance(item, str):
            messages.append(item)
    return code, _short("; ".join(messages)) if messages else None, {}


def _code(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip().upper()
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _short(text: str) -> str:
    return " ".join(text.split())[:_MAX_MESSAGE_CHARS]


def _plain_text(body: bytes) -> str | None:
    text = body.decode("utf-8", errors="replace")
    text = re.sub(r"<[^>]*>", " ", text)
    return _short(text) or None


def _retry_after_ms(extra: Mapping[str, Any]) -> float | None:
    value = extra.get("retry_after_ms")
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value) / 1000.0
    if isinstance(value, str):
        try:
            return max(0.0, float(value) / 1000.0)
        except ValueError:
            return None
    return None


def parse_retry_after(value: str | None) -> float | None:
    """A ``Retry-After`` header in seconds (the HTTP-date form is not worth supporting)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
