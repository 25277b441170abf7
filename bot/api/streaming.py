"""Chunked text-to-speech. When the quota runs out mid-stream the API keeps status 200 and
sends ``--ERROR:QUOTA_EXCEEDED--`` in-band: it is found even when split across chunks, and
never reaches the listener."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import AsyncExitStack
from typing import Any

import aiohttp

from bot.api.errors import ApiQuotaExhausted
from bot.api.transport import Transport

#: Sent in-band with status 200 when the quota runs out in the middle of a stream.
QUOTA_MARKER = b"--ERROR:QUOTA_EXCEEDED--"


async def stream_speech(transport: Transport, body: dict[str, Any]) -> AsyncGenerator[bytes, None]:
    """Audio chunks as they arrive; only opening the stream is retried: once bytes went out,
    a failure is final."""
    timeout = transport.config.timeout_seconds
    # No total timeout for a stream: only each read (and the connect) is bounded.
    stream_timeout = aiohttp.ClientTimeout(total=None, sock_connect=timeout, sock_read=timeout)
    async with AsyncExitStack() as stack:

        async def open_stream() -> aiohttp.ClientResponse:
            return await stack.enter_async_context(
                transport.exchange(
                    "tts_stream",
                    "POST",
                    transport.base_url + "/text_to_speech/streaming",
                    headers=transport.headers(auth=True),
                    json_body=body,
                    client_timeout=stream_timeout,
                )
            )

        response = await transport.retrying("tts_stream")(open_stream)
        scanner = MarkerScanner(QUOTA_MARKER)
        async for chunk in response.content.iter_any():
            safe = scanner.feed(chunk)
            if safe:
                yield safe
            if scanner.found:
                raise quota_marker_error()
        rest = scanner.flush()
        if rest:
            yield rest


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


def quota_marker_error() -> ApiQuotaExhausted:
    return ApiQuotaExhausted(
        status=200, api_code="QUOTA_EXCEEDED", api_message="quota exceeded mid-stream"
    )
