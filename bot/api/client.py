"""The Async Voice API client: one aiohttp session, retries, concurrency cap, safe errors.

Every failure leaves as a :mod:`bot.api.errors` exception (a :class:`bot.errors.BotError`).
The API key travels only in request headers: it is never logged, and error text that echoes
it is redacted. Signed preview links are fetched without the key and never logged in full.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self, TypedDict, TypeVar, Unpack
from urllib.parse import quote

import aiohttp
from pydantic import SecretStr, ValidationError

from bot.api.errors import (
    ApiConnectionError,
    ApiErrorMixin,
    ApiQuotaExhausted,
    ApiUnavailable,
    ApiVoiceNotFound,
    Redactor,
    error_from_response,
)
from bot.api.models import (
    VALID_MARKER,
    ApiStatus,
    ClonedVoice,
    TimestampedSpeech,
    Voice,
    marked_description,
)
from bot.api.retry import RetryPolicy, build_retrying, retry_reason
from bot.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Sent in-band with status 200 when the quota runs out in the middle of a stream.
QUOTA_MARKER = b"--ERROR:QUOTA_EXCEEDED--"
DEFAULT_MODEL = "async_flash_v1.0"
#: Error bodies are only read for their code and message; a proxy page can be huge.
_ERROR_BODY_CAP = 64 * 1024
_MAX_PAGES = 1000
_BATCH_SIZE = 100


@dataclass(frozen=True)
class ApiConfig:
    base_url: str
    api_key: SecretStr
    version: str = "v1"
    max_concurrency: int = 4
    timeout_seconds: float = 60.0
    max_attempts: int = 4
    retry_max_seconds: float = 30.0
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 8.0

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        if self.max_concurrency < 1 or self.max_attempts < 1:
            raise ValueError("max_concurrency and max_attempts must be at least 1")
        if self.timeout_seconds <= 0 or self.retry_max_seconds <= 0:
            raise ValueError("timeout_seconds and retry_max_seconds must be positive")

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiConfig:
        """Raises :class:`bot.errors.ConfigurationError` when no API key is set."""
        return cls(
            base_url=settings.async_api_base_url,
            api_key=settings.require_api_key(),
            version=settings.async_api_version,
            max_concurrency=settings.api_max_concurrency,
            timeout_seconds=settings.api_timeout_seconds,
            max_attempts=settings.api_max_attempts,
            retry_max_seconds=settings.api_retry_max_seconds,
        )

    @property
    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(
            max_attempts=self.max_attempts,
            max_seconds=self.retry_max_seconds,
            backoff_base_seconds=self.backoff_base_seconds,
            backoff_max_seconds=self.backoff_max_seconds,
        )


class ApiObserver(Protocol):
    """Hooks for metrics; ``endpoint`` is a short route name such as ``clone``."""

    def on_response(self, endpoint: str, status: int, seconds: float) -> None: ...

    def on_retry(self, endpoint: str, reason: str) -> None: ...


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    body: bytes
    content_type: str


class AsyncVoiceClient:
    """Use as ``async with AsyncVoiceClient(config) as api: ...`` (or call :meth:`close`)."""

    def __init__(
        self,
        config: ApiConfig,
        *,
        session: aiohttp.ClientSession | None = None,
        observer: ApiObserver | None = None,
    ) -> None:
        self._config = config
        self._base_url = config.base_url.rstrip("/")
        self._session = session
        self._owns_session = session is None
        self._observer = observer
        # Created here, bound to the loop on first use (Python >= 3.10).
        self._semaphore = asyncio.Semaphore(config.max_concurrency)
        self._redactor = Redactor(config.api_key.get_secret_value())
        self._policy = config.retry_policy

    def __repr__(self) -> str:
        return f"AsyncVoiceClient(base_url={self._base_url!r}, version={self._config.version!r})"

    async def __aenter__(self) -> Self:
        self._ensure_session()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session if this client created it; a session passed in stays open."""
        if self._owns_session and self._session is not None:
            session, self._session = self._session, None
            await session.close()

    # --- endpoints ----------------------------------------------------------------------
    async def status(self) -> ApiStatus:
        """``GET /``: reachable, and the version is known. Needs no API key."""
        reply = await self._call("status", "GET", "/", auth=False)
        return self._parse(ApiStatus, reply, "status")

    async def clone_voice(
        self,
        audio: bytes,
        *,
        filename: str,
        content_type: str,
        name: str,
        marker: str,
        description: str | None = None,
        accent: str | None = None,
        gender: str | None = None,
        style: str | None = None,
        enhance: bool | None = None,
        transcript: str | None = None,
    ) -> ClonedVoice:
        """Clone a voice exactly once.

        ``marker`` (unique per clone request) goes into the description. When a response is
        lost after the request went out, the voice may exist anyway: before sending again, and
        before giving up, the client looks for a voice carrying the marker and adopts it.
        """
        if not VALID_MARKER.fullmatch(marker):
            raise ValueError("marker must be 1-80 characters of A-Z a-z 0-9 _ . : -")
        if not name.strip():
            raise ValueError("name must not be blank")
        fields: dict[str, str] = {
            "name": name.strip(),
            "description": marked_description(description, marker),
        }
        optional = {"accent": accent, "gender": gender, "style": style, "transcript": transcript}
        # Unset and blank fields are left out: the API treats "" as a value.
        fields.update(
            {key: value.strip() for key, value in optional.items() if value and value.strip()}
        )
        if enhance is not None:
            fields["enhance"] = "true" if enhance else "false"

        def form() -> aiohttp.FormData:
            # A FormData can be sent once only: every attempt builds its own.
            data = aiohttp.FormData()
            data.add_field("audio", audio, filename=filename, content_type=content_type)
            for key, value in fields.items():
                data.add_field(key, value)
            return data

        outcome_unknown = False

        async def attempt() -> ClonedVoice:
            nonlocal outcome_unknown
            if outcome_unknown:
                existing = await self._adoptable(marker)
                if existing is not None:
                    return existing
            try:
                reply = await self._send("clone", "POST", "/voices/clone", form=form)
            except ApiConnectionError as exc:
                outcome_unknown = outcome_unknown or exc.outcome_unknown
                raise
            return self._parse(ClonedVoice, reply, "clone")

        try:
            return await self._retrying("clone")(attempt)
        except ApiErrorMixin as exc:
            if not outcome_unknown or retry_reason(exc) is None:
                raise
            # The last attempts failed too, but one of them may have created the voice.
            try:
                existing = await self._adoptable(marker)
            except ApiErrorMixin as lookup_error:
                log.warning("Async API clone: marker lookup failed: %r", lookup_error)
                raise exc from None
            if existing is None:
                raise
            return existing

    async def _adoptable(self, marker: str) -> ClonedVoice | None:
        voice = await self.find_voice_by_marker(marker)
        if voice is None:
            return None
        log.info("Async API clone: response was lost; adopting voice %s", voice.voice_id)
        return ClonedVoice.adopt(voice)

    async def find_voice_by_marker(self, marker: str) -> Voice | None:
        """The caller's voice whose description carries ``marker``, if any."""
        matches = [voice for voice in await self.list_voices() if voice.marker == marker]
        if len(matches) > 1:
            log.warning("Async API: %d voices carry the same clone marker", len(matches))
        return matches[0] if matches else None

    async def list_voices(
        self,
        *,
        my_voice: bool = True,
        page_size: int = 100,
        gender: str | None = None,
        language: str | None = None,
        accent: str | None = None,
        style: str | None = None,
        model_id: str | None = None,
    ) -> list[Voice]:
        """Every voice matching the filters, following the cursor to the last page."""
        filters = {
            "gender": gender,
            "language": language,
            "accent": accent,
            "style": style,
            "model_id": model_id,
        }
        base: dict[str, Any] = {"limit": max(1, min(100, page_size)), "my_voice": my_voice}
        base.update({key: value for key, value in filters.items() if value})
        voices: list[Voice] = []
        cursor: str | None = None
        seen: set[str] = set()
        for _ in range(_MAX_PAGES):
            body = dict(base)
            if cursor:
                # The docs name it "after", some clients send "cursor": send both.
                body["after"] = cursor
                body["cursor"] = cursor
            data = self._json(await self._call("list", "POST", "/voices", json_body=body), "list")
            page, cursor = _voice_page(data)
            voices.extend(self._parse_voices(page, "list"))
            if not cursor:
                return voices
            if cursor in seen:
                log.warning("Async API list: the cursor repeats; stopping")
                return voices
            seen.add(cursor)
        log.warning("Async API list: more than %d pages; stopping", _MAX_PAGES)
        return voices

    async def get_voice(self, voice_id: str) -> Voice:
        reply = await self._call("get", "GET", f"/voices/{_segment(voice_id)}")
        return self._parse(Voice, reply, "get")

    async def get_voices(self, voice_ids: Sequence[str]) -> list[Voice]:
        """Several voices in as few calls as possible; unknown ids are simply missing."""
        ids = list(dict.fromkeys(voice_ids))
        voices: list[Voice] = []
        for start in range(0, len(ids), _BATCH_SIZE):
            body = {"voice_ids": ids[start : start + _BATCH_SIZE]}
            data = self._json(
                await self._call("batch", "POST", "/voices/batch", json_body=body), "batch"
            )
            page = data.get("voices") if isinstance(data, dict) else data
            voices.extend(self._parse_voices(page, "batch"))
        return voices

    async def update_voice(
        self,
        voice_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        gender: str | None = None,
        style: str | None = None,
        accent: str | None = None,
    ) -> None:
        """Change the given fields. Note: a new description replaces the clone marker."""
        fields = {
            "name": name,
            "description": description,
            "gender": gender,
            "style": style,
            "accent": accent,
        }
        body = {key: value for key, value in fields.items() if value is not None}
        if body:
            await self._call("update", "PUT", f"/voices/{_segment(voice_id)}", json_body=body)

    async def delete_voice(self, voice_id: str) -> bool:
        """True when deleted now, False when it was already gone."""
        try:
            await self._call("delete", "DELETE", f"/voices/{_segment(voice_id)}")
        except ApiVoiceNotFound:
            return False
        return True

    async def preview_url(self, voice_id: str) -> str:
        """A fresh, short-lived signed link to the voice's preview: show it, never store it.

        Raises :class:`PreviewNotReady` while the preview is still being made.
        """
        reply = await self._call("preview", "GET", f"/voices/preview/{_segment(voice_id)}")
        data = self._json(reply, "preview")
        url = (data.get("signed_url") or data.get("url")) if isinstance(data, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ApiUnavailable(status=reply.status, api_message="preview: no signed_url")
        return url

    async def fetch_preview_audio(
        self, url: str, *, max_bytes: int = 10 * 1024 * 1024
    ) -> tuple[bytes, str]:
        """Download a preview from its signed link: ``(audio, content type)``.

        The link authorises itself, so the API key is not sent (it must not leak to a CDN).
        """
        if not url.startswith(("http://", "https://")):
            raise ApiUnavailable(api_message="preview: not an http(s) link")
        reply = await self._call(
            "preview_audio", "GET", url, auth=False, absolute=True, max_bytes=max_bytes
        )
        return reply.body, reply.content_type

    async def text_to_speech(
        self,
        *,
        voice_id: str,
        transcript: str,
        **options: Unpack[SpeechOptions],
    ) -> bytes:
        body = _tts_body(voice_id, transcript, **options)
        reply = await self._call("tts", "POST", "/text_to_speech", json_body=body)
        if QUOTA_MARKER in reply.body:
            raise _quota_marker_error()
        return reply.body

    async def stream_text_to_speech(
        self,
        *,
        voice_id: str,
        transcript: str,
        **options: Unpack[SpeechOptions],
    ) -> AsyncGenerator[bytes, None]:
        """Audio chunks as they arrive. Raises :class:`ApiQuotaExhausted` if the quota runs
        out mid-stream; the in-band marker itself is never yielded.

        Only opening the stream is retried: once bytes went out, a failure is final. Close
        the iterator (``contextlib.aclosing``) if you stop early, to free the connection.
        """
        body = _tts_body(voice_id, transcript, **options)
        # No total timeout for a stream: only each read (and the connect) is bounded.
        stream_timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=self._config.timeout_seconds,
            sock_read=self._config.timeout_seconds,
        )
        async with AsyncExitStack() as stack:

            async def open_stream() -> aiohttp.ClientResponse:
                return await stack.enter_async_context(
                    self._exchange(
                        "tts_stream",
                        "POST",
                        self._base_url + "/text_to_speech/streaming",
                        headers=self._headers(auth=True),
                        json_body=body,
                        client_timeout=stream_timeout,
                    )
                )

            response = await self._retrying("tts_stream")(open_stream)
            scanner = MarkerScanner(QUOTA_MARKER)
            async for chunk in response.content.iter_any():
                safe = scanner.feed(chunk)
                if safe:
                    yield safe
                if scanner.found:
                    raise _quota_marker_error()
            rest = scanner.flush()
            if rest:
                yield rest

    async def text_to_speech_with_timestamps(
        self,
        *,
        voice_id: str,
        transcript: str,
        **options: Unpack[SpeechOptions],
    ) -> TimestampedSpeech:
        body = _tts_body(voice_id, transcript, **options)
        reply = await self._call(
            "tts_timestamps", "POST", "/text_to_speech/with_timestamps", json_body=body
        )
        return self._parse(TimestampedSpeech, reply, "tts_timestamps")

    # --- transport ----------------------------------------------------------------------
    def _ensure_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
            self._owns_session = True
        return self._session

    def _headers(self, *, auth: bool) -> dict[str, str]:
        headers = {"version": self._config.version}
        if auth:
            headers["x-api-key"] = self._config.api_key.get_secret_value()
        return headers

    def _retrying(self, endpoint: str) -> Callable[[Callable[[], Awaitable[T]]], Awaitable[T]]:
        retrying = build_retrying(self._policy, endpoint, self._notify_retry)

        async def run(fn: Callable[[], Awaitable[T]]) -> T:
            result: T = await retrying(fn)
            return result

        return run

    async def _call(
        self,
        endpoint: str,
        method: str,
        path: str,
        *,
        auth: bool = True,
        json_body: Any = None,
        absolute: bool = False,
        max_bytes: int | None = None,
    ) -> _Reply:
        """One logical call with retries."""

        async def attempt() -> _Reply:
            return await self._send(
                endpoint,
                method,
                path,
                auth=auth,
                json_body=json_body,
                absolute=absolute,
                max_bytes=max_bytes,
            )

        return await self._retrying(endpoint)(attempt)

    async def _send(
        self,
        endpoint: str,
        method: str,
        path: str,
        *,
        auth: bool = True,
        json_body: Any = None,
        form: Callable[[], aiohttp.FormData] | None = None,
        absolute: bool = False,
        max_bytes: int | None = None,
    ) -> _Reply:
        """One HTTP exchange, body read in full (or up to ``max_bytes``)."""
        async with self._exchange(
            endpoint,
            method,
            path if absolute else self._base_url + path,
            headers={} if absolute else self._headers(auth=auth),
            json_body=json_body,
            form=form() if form else None,
            client_timeout=aiohttp.ClientTimeout(total=self._config.timeout_seconds),
            api_errors=not absolute,
        ) as response:
            if max_bytes is None:
                body = await response.read()
            else:
                if response.content_length is not None and response.content_length > max_bytes:
                    raise _too_big(endpoint, response.status)
                body, truncated = await _read_capped(response, max_bytes)
                if truncated:
                    raise _too_big(endpoint, response.status)
            return _Reply(response.status, body, response.content_type)

    @asynccontextmanager
    async def _exchange(
        self,
        endpoint: str,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str],
        client_timeout: aiohttp.ClientTimeout,
        json_body: Any = None,
        form: aiohttp.FormData | None = None,
        api_errors: bool = True,
    ) -> AsyncIterator[aiohttp.ClientResponse]:
        """An open response with a 2xx status, under the concurrency cap.

        Error statuses become exceptions here, and so do transport failures, including
        those raised while the caller reads the body. API calls never follow redirects:
        the key must not travel to wherever a redirect points.
        """
        session = self._ensure_session()
        async with self._semaphore:
            started = time.monotonic()
            status: int | None = None
            try:
                async with session.request(
                    method,
                    url,
                    headers=headers,
                    json=json_body,
                    data=form,
                    timeout=client_timeout,
                    allow_redirects=not api_errors,
                ) as response:
                    status = response.status
                    if not 200 <= status < 300:
                        raise await self._error(endpoint, response, api_errors=api_errors)
                    yield response
            except aiohttp.ConnectionTimeoutError as exc:
                raise ApiConnectionError("connect_timeout", outcome_unknown=False) from exc
            except TimeoutError as exc:
                raise ApiConnectionError("timeout", outcome_unknown=True) from exc
            except aiohttp.ClientConnectorError as exc:
                raise ApiConnectionError("connect_failed", outcome_unknown=False) from exc
            except aiohttp.InvalidURL:
                # Its text is the URL, which may be a signed link.
                raise ApiUnavailable(api_message=f"{endpoint}: invalid URL") from None
            except aiohttp.ClientError as exc:
                # Reset, disconnected, broken payload: the request may have been processed.
                raise ApiConnectionError("connection_lost", outcome_unknown=True) from exc
            finally:
                if status is not None:
                    self._notify_response(endpoint, status, time.monotonic() - started)

    async def _error(
        self, endpoint: str, response: aiohttp.ClientResponse, *, api_errors: bool
    ) -> ApiErrorMixin:
        body, _ = await _read_capped(response, _ERROR_BODY_CAP)
        if not api_errors:
            # Not the API (a CDN): its codes mean nothing to us, and a 403 there is an expired
            # link, not a bad key.
            return ApiUnavailable(
                status=response.status, api_message=f"{endpoint}: HTTP {response.status}"
            )
        error = error_from_response(
            response.status,
            body,
            retry_after_header=response.headers.get("Retry-After"),
            redactor=self._redactor,
        )
        log.debug("Async API %s answered %r", endpoint, error)
        return error

    # --- parsing ------------------------------------------------------------------------
    def _json(self, reply: _Reply, endpoint: str) -> Any:
        try:
            return json.loads(reply.body)
        except ValueError:
            raise ApiUnavailable(
                status=reply.status, api_message=f"{endpoint}: response is not JSON"
            ) from None

    def _parse(self, model: type[_M], reply: _Reply, endpoint: str) -> _M:
        data = self._json(reply, endpoint)
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            # The error's text quotes the input; the count is enough for the log.
            raise ApiUnavailable(
                status=reply.status,
                api_message=f"{endpoint}: unexpected response ({exc.error_count()} problems)",
            ) from None

    def _parse_voices(self, items: Any, endpoint: str) -> list[Voice]:
        if not isinstance(items, list):
            raise ApiUnavailable(api_message=f"{endpoint}: no list of voices")
        voices: list[Voice] = []
        for item in items:
            try:
                voices.append(Voice.model_validate(item))
            except ValidationError:
                # One malformed voice must not hide all the others.
                log.warning("Async API %s: skipped a malformed voice", endpoint)
        return voices

    # --- observation --------------------------------------------------------------------
    def _notify_response(self, endpoint: str, status: int, seconds: float) -> None:
        log.debug("Async API %s -> %d in %.3f s", endpoint, status, seconds)
        if self._observer is not None:
            try:
                self._observer.on_response(endpoint, status, seconds)
            except Exception:
                log.exception("API observer failed in on_response")

    def _notify_retry(self, endpoint: str, reason: str, delay: float) -> None:
        if self._observer is not None:
            try:
                self._observer.on_retry(endpoint, reason)
            except Exception:
                log.exception("API observer failed in on_retry")


_M = TypeVar("_M", ApiStatus, Voice, ClonedVoice, TimestampedSpeech)


class MarkerScanner:
    """Finds a byte marker in a stream of chunks, even split across chunk boundaries.

    ``feed`` returns the bytes that certainly don't belong to the marker; it holds back only
    a tail that could be the marker's beginning.
    """

    def __init__(self, marker: bytes) -> None:
        self._marker = marker
        self._held = b""
        self.found = False

    def feed(self, chunk: bytes) -> bytes:
        if self.found:
            return b""
        data = self._held + chunk
        index = data.find(self._marker)
        if index >= 0:
            self.found = True
            self._held = b""
            return data[:index]
        keep = _partial_marker_suffix(data, self._marker)
        self._held = data[len(data) - keep :] if keep else b""
        return data[: len(data) - keep]

    def flush(self) -> bytes:
        held, self._held = self._held, b""
        return held


def _partial_marker_suffix(data: bytes, marker: bytes) -> int:
    """Length of the longest end of ``data`` that is a proper beginning of ``marker``."""
    for length in range(min(len(data), len(marker) - 1), 0, -1):
        if data.endswith(marker[:length]):
            return length
    return 0


class SpeechOptions(TypedDict, total=False):
    """The optional parts of a text-to-speech request (see ``_tts_body`` for defaults)."""

    model_id: str
    container: str
    sample_rate: int
    bit_rate: int | None
    encoding: str | None
    language: str | None
    speed: float | None
    stability: float | None


def _tts_body(
    voice_id: str,
    transcript: str,
    *,
    model_id: str = DEFAULT_MODEL,
    container: str = "mp3",
    sample_rate: int = 44100,
    bit_rate: int | None = 128000,
    encoding: str | None = None,
    language: str | None = None,
    speed: float | None = None,
    stability: float | None = None,
) -> dict[str, Any]:
    output_format: dict[str, Any] = {"container": container, "sample_rate": sample_rate}
    if encoding:
        output_format["encoding"] = encoding
    if bit_rate is not None and container == "mp3":
        output_format["bit_rate"] = bit_rate
    body: dict[str, Any] = {
        "model_id": model_id,
        "transcript": transcript,
        "voice": {"mode": "id", "id": voice_id},
        "output_format": output_format,
    }
    if language:
        body["language"] = language
    if speed is not None:
        body["speed_control"] = speed
    if stability is not None:
        body["stability"] = stability
    return body


def _voice_page(data: Any) -> tuple[Any, str | None]:
    """``(voices, next cursor)`` from a list response; a bare array is one last page."""
    if isinstance(data, list):
        return data, None
    if not isinstance(data, dict):
        return None, None
    cursor = data.get("next_cursor", data.get("cursor"))
    return data.get("voices"), cursor if isinstance(cursor, str) and cursor else None


def _segment(voice_id: str) -> str:
    if not voice_id:
        raise ValueError("voice_id must not be empty")
    return quote(voice_id, safe="")


async def _read_capped(response: aiohttp.ClientResponse, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` bytes of the body, and whether there was more."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            return b"".join(chunks)[:cap], True
    return b"".join(chunks), False


def _too_big(endpoint: str, status: int) -> ApiUnavailable:
    return ApiUnavailable(status=status, api_message=f"{endpoint}: response larger than allowed")


def _quota_marker_error() -> ApiQuotaExhausted:
    return ApiQuotaExhausted(
        status=200, api_code="QUOTA_EXCEEDED", api_message="quota exceeded mid-stream"
    )


__all__ = [
    "DEFAULT_MODEL",
    "QUOTA_MARKER",
    "ApiConfig",
    "ApiObserver",
    "AsyncVoiceClient",
    "MarkerScanner",
]
