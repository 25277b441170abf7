"""Error answers of the Async Voice API (or of a proxy in front of it) parsed into
:mod:`bot.api.errors`: by the API's error code first, then by HTTP status."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from bot.api.errors import (
    ApiCloneSlotsFull,
    ApiError,
    ApiFieldUpdateNotAllowed,
    ApiInvalidLanguage,
    ApiMisconfigured,
    ApiPreviewNotReady,
    ApiQuotaExhausted,
    ApiRateLimited,
    ApiRejectedAudio,
    ApiUnavailable,
    ApiVoiceNotFound,
)
from bot.observability.scrubbing import GENERIC, MAX_MESSAGE_CHARS, Scrubber

#: Builds the error from its keyword fields (status, api_code, extra, api_message...).
ErrorFactory = Callable[..., ApiError]

_TOO_LARGE: ErrorFactory = partial(ApiRejectedAudio, "too_large")
_BY_CODE: dict[str, ErrorFactory] = {
    "INVALID_API_KEY": ApiMisconfigured,
    "VERSION_NOT_FOUND": ApiMisconfigured,
    "RATE_LIMIT_EXCEEDED": ApiRateLimited,
    "TOO_MANY_CONCURRENT_REQUESTS": ApiRateLimited,
    "USAGE_LIMIT_EXCEEDED": ApiQuotaExhausted,
    "QUOTA_EXCEEDED": ApiQuotaExhausted,
    "VOICE_CLONE_LIMIT_EXCEEDED": ApiCloneSlotsFull,
    "INVALID_LANGUAGE": ApiInvalidLanguage,
    "FORMAT_NOT_RECOGNIZED": partial(ApiRejectedAudio, "format"),
    "SHORT_SPEECH_DURATION": partial(ApiRejectedAudio, "too_short"),
    "BAD_SPEECH_QUALITY": partial(ApiRejectedAudio, "bad_quality"),
    "FILE_TOO_LARGE": _TOO_LARGE,
    "VOICE_NOT_FOUND": ApiVoiceNotFound,
    "VOICE_PREVIEW_NOT_FOUND": ApiPreviewNotReady,
    "VOICE_FIELD_UPDATE_NOT_ALLOWED": ApiFieldUpdateNotAllowed,
}
KNOWN_API_CODES: frozenset[str] = frozenset(_BY_CODE)
_CODE_SHAPE = re.compile(r"[A-Z][A-Z0-9_]{2,63}")


def error_class_for(status: int | None, api_code: str | None) -> ErrorFactory:
    """What makes the error for an API answer: by code first, then by HTTP status."""
    if api_code in _BY_CODE:
        return _BY_CODE[api_code]
    if status in (401, 403):
        return ApiMisconfigured
    if status == 413:
        return _TOO_LARGE
    if status == 429:
        # An undocumented 429 is most likely a limit that clears by itself.
        return ApiRateLimited
    return ApiUnavailable


def error_from_response(
    status: int,
    body: bytes,
    *,
    retry_after_header: str | None = None,
    redactor: Scrubber = GENERIC,
) -> ApiError:
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
    return " ".join(text.split())[:MAX_MESSAGE_CHARS]


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
