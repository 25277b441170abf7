"""The Async Voice API's error bodies, in every shape the docs (and the wild) show.

4xx bodies are wrapped: ``{"detail": {"error_code", "message", "extra"}}``; 500 is flat:
``{"message", "method", "url", "detail": "<string>"}``; request validation failures look like
FastAPI's list detail. Kept apart from the app so :mod:`simulator.state` can prebuild fault bodies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

SERVER_ERROR = "SERVER_ERROR"


@dataclass(frozen=True)
class ErrorSpec:
    status: int
    message: str
    extra: dict[str, Any] = field(default_factory=dict)


#: The documented catalogue: default status, message and ``extra`` of each code.
CATALOGUE: dict[str, ErrorSpec] = {
    "RATE_LIMIT_EXCEEDED": ErrorSpec(
        429, "Rate limit exceeded. Please retry later.", {"retry_after_ms": 200, "limit": 60}
    ),
    "TOO_MANY_CONCURRENT_REQUESTS": ErrorSpec(
        429, "Too many concurrent requests.", {"limit": 5, "current": 6}
    ),
    "USAGE_LIMIT_EXCEEDED": ErrorSpec(429, "Usage limit exceeded for this account."),
    "VOICE_CLONE_LIMIT_EXCEEDED": ErrorSpec(
        429, "Voice clone limit exceeded for this account.", {"limit": 10}
    ),
    "INVALID_API_KEY": ErrorSpec(401, "Invalid API key."),
    "VERSION_NOT_FOUND": ErrorSpec(404, "API version not found."),
    "VOICE_NOT_FOUND": ErrorSpec(404, "Voice not found."),
    "VOICE_PREVIEW_NOT_FOUND": ErrorSpec(404, "Voice preview not found."),
    "INVALID_LANGUAGE": ErrorSpec(400, "Invalid language."),
    "FORMAT_NOT_RECOGNIZED": ErrorSpec(400, "Audio format not recognized."),
    "SHORT_SPEECH_DURATION": ErrorSpec(400, "The audio must contain at least 3 seconds of speech."),
    "BAD_SPEECH_QUALITY": ErrorSpec(400, "The speech quality of the audio is too low."),
    "VOICE_FIELD_UPDATE_NOT_ALLOWED": ErrorSpec(
        400, "This field cannot be updated.", {"field": "language"}
    ),
    "FILE_TOO_LARGE": ErrorSpec(413, "The file is too large. The limit is 10 MB."),
    SERVER_ERROR: ErrorSpec(500, "Internal Server Error"),
}


def wrapped_body(
    error_code: str, message: str | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The documented 4xx body; message and extra default to the catalogue's."""
    spec = CATALOGUE.get(error_code)
    return {
        "detail": {
            "error_code": error_code,
            "message": message if message is not None else (spec.message if spec else error_code),
            "extra": dict(extra) if extra is not None else dict(spec.extra if spec else {}),
        }
    }


def server_error_body(
    method: str | None = None, url: str | None = None, detail: str = "Internal Server Error"
) -> dict[str, Any]:
    return {"message": "Internal Server Error", "method": method, "url": url, "detail": detail}


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        status=status,
        text=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def error_response(
    error_code: str, message: str | None = None, extra: dict[str, Any] | None = None
) -> web.Response:
    return json_response(CATALOGUE[error_code].status, wrapped_body(error_code, message, extra))


def validation_response(
    loc: tuple[str | int, ...], msg: str, kind: str = "value_error", value: Any = None
) -> web.Response:
    """A FastAPI-style list detail; the real API answers 400 (not 422) for these."""
    detail = [{"type": kind, "loc": list(loc), "msg": msg, "input": value}]
    return json_response(400, {"detail": detail})


class ApiError(Exception):
    """Carries a finished error response out of a handler's helpers."""

    def __init__(self, response: web.Response) -> None:
        super().__init__(response.status)
        self.response = response
