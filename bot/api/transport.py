"""HTTP to the Async Voice API: one aiohttp session, the headers, the concurrency cap,
retries with backoff, and every aiohttp or timeout failure mapped to :mod:`bot.api.errors`.

The API key travels only in request headers: it is never logged, and error text that echoes
it is redacted. Absolute links (signed preview links) are fetched without the key, never
following a redirect with it, and never logged in full.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp

from bot.api.config import ApiConfig, ApiObserver
from bot.api.error_parsing import error_from_response
from bot.api.errors import ApiConnectionError, ApiError, ApiUnavailable
from bot.api.retry import build_retrying
from bot.observability.scrubbing import redactor

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Error bodies are only read for their code and message; a proxy page can be huge.
_ERROR_BODY_CAP = 64 * 1024


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes
    content_type: str


class Transport:
    """Sends requests; owns the session unless one was passed in."""

    def __init__(
        self,
        config: ApiConfig,
        *,
        session: aiohttp.ClientSession | None = None,
        observer: ApiObserver | None = None,
    ) -> None:
        self.config = config
        self.base_url = config.base_url.rstrip("/")
        self._session = session
        self._owns_session = session is None
        self._observer = observer
        # Created here, bound to the loop on first use (Python >= 3.10).
        self._semaphore = asyncio.Semaphore(config.max_concurrency)
        self._redactor = redactor(config.api_key.get_secret_value())
        self._policy = config.retry_policy

    def ensure_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
            self._owns_session = True
        return self._session

    async def close(self) -> None:
        """Close the session if this transport created it; a session passed in stays open."""
        if self._owns_session and self._session is not None:
            session, self._session = self._session, None
            await session.close()

    def headers(self, *, auth: bool) -> dict[str, str]:
        headers = {"version": self.config.version}
        if auth:
            headers["x-api-key"] = self.config.api_key.get_secret_value()
        return headers

    def retrying(
        self, endpoint: str, *, idempotent: bool = True
    ) -> Callable[[Callable[[], Awaitable[T]]], Awaitable[T]]:
        """Runs one logical call under the retry policy, reporting each retry."""
        retrying = build_retrying(self._policy, endpoint, self._notify_retry, idempotent=idempotent)

        async def run(fn: Callable[[], Awaitable[T]]) -> T:
            result: T = await retrying(fn)
            return result

        return run

    async def call(
        self,
        endpoint: str,
        method: str,
        path: str,
        *,
        auth: bool = True,
        json_body: Any = None,
        absolute: bool = False,
        max_bytes: int | None = None,
    ) -> Reply:
        """One logical call with retries."""

        async def attempt() -> Reply:
            return await self.send(
                endpoint,
                method,
                path,
                auth=auth,
                json_body=json_body,
                absolute=absolute,
                max_bytes=max_bytes,
            )

        return await self.retrying(endpoint)(attempt)

    async def send(
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
    ) -> Reply:
        """One HTTP exchange, body read in full (or up to ``max_bytes``)."""
        async with self.exchange(
            endpoint,
            method,
            path if absolute else self.base_url + path,
            headers={} if absolute else self.headers(auth=auth),
            json_body=json_body,
            form=form() if form else None,
            client_timeout=aiohttp.ClientTimeout(total=self.config.timeout_seconds),
            api_errors=not absolute,
        ) as response:
            if max_bytes is None:
                body = await response.read()
            else:
                if response.content_length is not None and response.content_length > max_bytes:
                    raise _too_big(endpoint, response.status)
                body, truncated = await read_capped(response, max_bytes)
                if truncated:
                    raise _too_big(endpoint, response.status)
            return Reply(response.status, body, response.content_type)

    @asynccontextmanager
    async def exchange(
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
        session = self.ensure_session()
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
    ) -> ApiError:
        body, _ = await read_capped(response, _ERROR_BODY_CAP)
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


async def read_capped(response: aiohttp.ClientResponse, cap: int) -> tuple[bytes, bool]:
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
