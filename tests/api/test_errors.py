"""Every documented error code and body shape becomes the right exception."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot import errors as bot_errors
from bot.api import (
    ApiCloneSlotsFull,
    ApiConnectionError,
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
from bot.api.error_parsing import error_from_response, parse_error_body
from bot.api.translate import map_api_errors, user_error
from bot.observability.scrubbing import redactor

CATALOGUE: list[tuple[str, int, type[ApiError], type[bot_errors.BotError], str]] = [
    ("RATE_LIMIT_EXCEEDED", 429, ApiRateLimited, bot_errors.Busy, "busy"),
    ("TOO_MANY_CONCURRENT_REQUESTS", 429, ApiRateLimited, bot_errors.Busy, "busy"),
    ("USAGE_LIMIT_EXCEEDED", 429, ApiQuotaExhausted, bot_errors.QuotaExhausted, "quota_exhausted"),
    (
        "VOICE_CLONE_LIMIT_EXCEEDED",
        429,
        ApiCloneSlotsFull,
        bot_errors.CloneSlotsFull,
        "clone_slots_full",
    ),
    (
        "INVALID_API_KEY",
        401,
        ApiMisconfigured,
        bot_errors.ServiceMisconfigured,
        "service_misconfigured",
    ),
    (
        "VERSION_NOT_FOUND",
        404,
        ApiMisconfigured,
        bot_errors.ServiceMisconfigured,
        "service_misconfigured",
    ),
    ("VOICE_NOT_FOUND", 404, ApiVoiceNotFound, bot_errors.VoiceNotFound, "voice_not_found"),
    (
        "VOICE_PREVIEW_NOT_FOUND",
        404,
        ApiPreviewNotReady,
        bot_errors.PreviewNotReady,
        "service_unavailable",
    ),
    (
        "INVALID_LANGUAGE",
        400,
        ApiInvalidLanguage,
        bot_errors.InvalidLanguage,
        "invalid_language",
    ),
    (
        "FORMAT_NOT_RECOGNIZED",
        400,
        ApiRejectedAudio,
        bot_errors.FormatRejected,
        "format_rejected",
    ),
    ("SHORT_SPEECH_DURATION", 400, ApiRejectedAudio, bot_errors.TooShort, "too_short"),
    ("BAD_SPEECH_QUALITY", 400, ApiRejectedAudio, bot_errors.BadQuality, "bad_quality"),
    (
        "VOICE_FIELD_UPDATE_NOT_ALLOWED",
        400,
        ApiFieldUpdateNotAllowed,
        bot_errors.FieldUpdateNotAllowed,
        "not_allowed",
    ),
    ("FILE_TOO_LARGE", 413, ApiRejectedAudio, bot_errors.TooLarge, "too_large"),
]


def wrapped(code: str, message: str = "the API's words", **extra: Any) -> bytes:
    return json.dumps({"detail": {"error_code": code, "message": message, "extra": extra}}).encode()


@pytest.mark.parametrize(("api_code", "status", "cls", "shown_as", "code"), CATALOGUE)
def test_catalogue_maps_to_client_errors_then_to_bot_errors(
    api_code: str,
    status: int,
    cls: type[ApiError],
    shown_as: type[bot_errors.BotError],
    code: str,
) -> None:
    error = error_from_response(status, wrapped(api_code, field="name"))
    assert type(error) is cls
    # The client's errors know no user messages; the translation gives them.
    assert not isinstance(error, bot_errors.BotError)
    assert error.status == status
    assert error.api_code == api_code
    assert error.api_message == "the API's words"
    shown = user_error(error)
    assert type(shown) is shown_as
    assert shown.code == code
    # The user sees our message, never the API's text.
    assert "the API's words" not in str(shown)
    assert str(shown) == shown.message


def test_every_client_error_raised_in_the_port_reaches_the_core_translated() -> None:
    error = error_from_response(429, wrapped("USAGE_LIMIT_EXCEEDED"))
    with pytest.raises(bot_errors.QuotaExhausted) as caught, map_api_errors():
        raise error
    # The API's details stay chained for the log.
    assert caught.value.__cause__ is error


@pytest.mark.parametrize(
    ("api_code", "kind"),
    [
        ("FORMAT_NOT_RECOGNIZED", "format"),
        ("SHORT_SPEECH_DURATION", "too_short"),
        ("BAD_SPEECH_QUALITY", "bad_quality"),
        ("FILE_TOO_LARGE", "too_large"),
    ],
)
def test_rejected_audio_says_why(api_code: str, kind: str) -> None:
    error = error_from_response(400, wrapped(api_code))
    assert isinstance(error, ApiRejectedAudio)
    assert error.kind == kind


def test_lost_answers_are_unavailable_and_say_the_outcome_is_unknown() -> None:
    lost = user_error(ApiConnectionError("timeout", outcome_unknown=True))
    assert isinstance(lost, bot_errors.OutcomeUnknown)
    assert lost.code == "service_unavailable"
    refused = user_error(ApiConnectionError("connect_failed", outcome_unknown=False))
    assert type(refused) is bot_errors.ServiceUnavailable
    assert type(user_error(ApiError())) is bot_errors.ServiceUnavailable


def test_no_module_of_the_client_but_the_translation_imports_the_bots_errors() -> None:
    api_dir = Path(bot_errors.__file__).parent / "api"
    importers = sorted(
        path.name
        for path in api_dir.glob("*.py")
        if re.search(
            r"^from bot\.errors import|^import bot\.errors|^from bot import errors",
            path.read_text(),
            re.MULTILINE,
        )
    )
    assert importers == ["translate.py"]


def test_codes_take_precedence_over_status_and_are_case_insensitive() -> None:
    assert type(error_from_response(400, wrapped("voice_not_found"))) is ApiVoiceNotFound


def test_preview_not_ready_says_it_is_being_made() -> None:
    error = error_from_response(404, wrapped("VOICE_PREVIEW_NOT_FOUND"))
    shown = user_error(error)
    assert isinstance(shown, bot_errors.ServiceUnavailable)
    assert "still being made" in str(shown)


def test_field_update_not_allowed_names_the_field() -> None:
    error = error_from_response(400, wrapped("VOICE_FIELD_UPDATE_NOT_ALLOWED", field="language"))
    assert isinstance(error, ApiFieldUpdateNotAllowed)
    assert error.field == "language"
    assert "language" in str(user_error(error))
    odd = error_from_response(400, wrapped("VOICE_FIELD_UPDATE_NOT_ALLOWED", field="<b>x</b>"))
    assert isinstance(odd, ApiFieldUpdateNotAllowed)
    assert odd.field is None
    assert "that field" in str(user_error(odd))


def test_rate_limit_carries_retry_after_from_extra_before_header() -> None:
    error = error_from_response(
        429, wrapped("RATE_LIMIT_EXCEEDED", retry_after_ms=1500, limit=60), retry_after_header="9"
    )
    assert error.retry_after == 1.5
    assert error.extra == {"retry_after_ms": 1500, "limit": 60}
    header_only = error_from_response(429, wrapped("RATE_LIMIT_EXCEEDED"), retry_after_header="2")
    assert header_only.retry_after == 2.0
    assert error_from_response(429, wrapped("RATE_LIMIT_EXCEEDED")).retry_after is None
    bad_header = error_from_response(503, b"", retry_after_header="Wed, 21 Oct 2015 07:28:00 GMT")
    assert bad_header.retry_after is None


BODY_SHAPES: list[tuple[str, int, bytes, type[ApiError], str | None, str | None]] = [
    (
        "flat 500",
        500,
        json.dumps(
            {
                "message": "Internal Server Error",
                "method": "POST",
                "url": "/voices",
                "detail": "boom",
            }
        ).encode(),
        ApiUnavailable,
        None,
        "Internal Server Error: boom",
    ),
    (
        "detail string",
        400,
        json.dumps({"detail": "Something is off"}).encode(),
        ApiUnavailable,
        None,
        "Something is off",
    ),
    (
        "detail string holding a code",
        404,
        json.dumps({"detail": "VOICE_NOT_FOUND"}).encode(),
        ApiVoiceNotFound,
        "VOICE_NOT_FOUND",
        "HTTP 404",
    ),
    (
        "FastAPI list detail",
        422,
        json.dumps(
            {"detail": [{"loc": ["body", "name"], "msg": "Field required", "type": "missing"}]}
        ).encode(),
        ApiUnavailable,
        None,
        "body.name: Field required",
    ),
    (
        "list detail with a code",
        400,
        json.dumps({"detail": [{"error_code": "INVALID_LANGUAGE", "msg": "bad"}]}).encode(),
        ApiInvalidLanguage,
        "INVALID_LANGUAGE",
        "bad",
    ),
    (
        "code at top level",
        429,
        json.dumps(
            {"error_code": "USAGE_LIMIT_EXCEEDED", "message": "used up", "extra": {"limit": 1}}
        ).encode(),
        ApiQuotaExhausted,
        "USAGE_LIMIT_EXCEEDED",
        "used up",
    ),
    (
        "proxy HTML 502",
        502,
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        ApiUnavailable,
        None,
        "502 Bad Gateway",
    ),
    ("HTML 401", 401, b"<html>Unauthorized</html>", ApiMisconfigured, None, "Unauthorized"),
    ("HTML 403", 403, b"<html>Forbidden</html>", ApiMisconfigured, None, "Forbidden"),
    ("HTML 413", 413, b"<html>Request Entity Too Large</html>", ApiRejectedAudio, None, None),
    ("bare 429", 429, b"slow down", ApiRateLimited, None, "slow down"),
    ("empty body", 503, b"", ApiUnavailable, None, "HTTP 503"),
    ("not UTF-8", 500, b"\xff\xfe\x00garbage", ApiUnavailable, None, None),
    ("JSON scalar", 400, b"42", ApiUnavailable, None, "42"),
    ("unknown code", 400, wrapped("SOMETHING_NEW"), ApiUnavailable, "SOMETHING_NEW", None),
]


@pytest.mark.parametrize(
    ("status", "body", "cls", "api_code", "api_message"),
    [shape[1:] for shape in BODY_SHAPES],
    ids=[shape[0] for shape in BODY_SHAPES],
)
def test_every_body_shape(
    status: int,
    body: bytes,
    cls: type[ApiError],
    api_code: str | None,
    api_message: str | None,
) -> None:
    error = error_from_response(status, body)
    assert type(error) is cls
    assert error.status == status
    assert error.api_code == api_code
    if api_message is not None:
        assert error.api_message == api_message
    shown = user_error(error)
    assert shown.message == type(shown).default_message


def test_parse_error_body_keeps_extra_of_wrapped_bodies() -> None:
    code, message, extra = parse_error_body(wrapped("VOICE_NOT_FOUND", voice_id="abc"))
    assert (code, message, extra) == ("VOICE_NOT_FOUND", "the API's words", {"voice_id": "abc"})


def test_huge_messages_are_shortened() -> None:
    error = error_from_response(500, json.dumps({"message": "x" * 10_000}).encode())
    assert error.api_message is not None
    assert len(error.api_message) <= 300


KEY = "sk_live_0123456789abcdefghij"


def test_redactor_removes_key_prefixes_and_sk_tokens() -> None:
    redact = redactor(KEY)
    assert KEY not in redact.text(f"key {KEY} here")
    assert "sk_live_01" not in redact.text("Invalid API key: sk_live_01...")
    assert "sk_other" not in redact.text("sk_other_key")
    # "task_list" is a word, not a key.
    assert redact.text("task_list ok") == "task_list ok"
    assert "sig=" not in redact.text("see https://cdn.example/a.mp3?sig=abc&exp=1 now")


def test_redactor_removes_prefixes_of_keys_without_sk() -> None:
    key = "live-0123456789-secret"
    redact = redactor(key)
    assert "live-0" not in redact.text("Invalid API key: live-012345...")
    assert "live-0" not in redact.text(f"{key}{key}")
    # Short coincidences stay readable.
    assert redact.text("live-") == "live-"


def test_errors_never_carry_the_key() -> None:
    body = json.dumps(
        {
            "detail": {
                "error_code": "INVALID_API_KEY",
                "message": f"Invalid API key: {KEY[:10]}... (full: {KEY})",
                "extra": {"key": KEY, "nested": [{"k": KEY[:8]}]},
            }
        }
    ).encode()
    error = error_from_response(401, body, redactor=redactor(KEY))
    assert isinstance(error, ApiMisconfigured)
    texts = [str(error), repr(error), repr(error.args), repr(vars(error))]
    for text in texts:
        for length in range(6, len(KEY) + 1):
            assert KEY[:length] not in text
