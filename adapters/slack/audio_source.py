"""A Slack file as the core's :class:`bot.ports.AudioSource`: downloaded with the bot token,
size-capped while reading, and refused when Slack answers with its login page."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlsplit

import aiohttp

from bot.errors import DownloadFailed, TooLarge

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
#: Enough of the start of a body to recognise an HTML page behind whitespace or a BOM.
SNIFF_BYTES = 512
HTML_STARTS = (b"<!doctype html", b"<html")


class SlackFilesScopeMissing(DownloadFailed):
    """Slack served its HTML login page (status 200) instead of the file."""

    default_message = (
        "I couldn't download your clip: Slack sent me a sign-in page instead of the audio, "
        "which means this app is missing the files:read permission. Ask a workspace admin to "
        "add the files:read scope and reinstall the app, then send your clip again."
    )


def looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(HTML_STARTS)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_trusted_file_host(url: str, extra_hosts: frozenset[str]) -> bool:
    """Only Slack's own hosts (or the configured fake) ever see the bot token."""
    host = host_of(url)
    return host == "slack.com" or host.endswith(".slack.com") or host in extra_hosts


class SlackFileSource:
    """One file, fetched lazily from ``url_private_download``.

    ``url`` comes from a fresh ``files.info``: Slack's file URLs are private but not meant to
    be stored, so the core only ever keeps the file id.
    """

    def __init__(
        self,
        *,
        session: Callable[[], aiohttp.ClientSession],
        url: str,
        token: str,
        declared_size: int | None,
        max_bytes: int,
        trusted_hosts: frozenset[str],
        timeout: aiohttp.ClientTimeout,
    ) -> None:
        self._session = session
        self._url = url
        self._token = token
        self._declared_size = declared_size
        self._max_bytes = max_bytes
        self._trusted_hosts = trusted_hosts
        self._timeout = timeout

    @property
    def declared_size(self) -> int | None:
        return self._declared_size

    async def stream(self) -> AsyncIterator[bytes]:
        if not is_trusted_file_host(self._url, self._trusted_hosts):
            log.warning("refusing to send the bot token to file host %s", host_of(self._url))
            raise DownloadFailed()
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            async with self._session().get(
                self._url, headers=headers, timeout=self._timeout
            ) as response:
                if response.status != 200:
                    log.warning("Slack file download answered HTTP %d", response.status)
                    raise DownloadFailed()
                async for chunk in self._checked_body(response.content):
                    yield chunk
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("Slack file download failed: %s", type(exc).__name__)
            raise DownloadFailed() from exc

    async def _checked_body(self, body: aiohttp.StreamReader) -> AsyncIterator[bytes]:
        head = b""
        sniffed = False
        total = 0
        async for chunk in body.iter_chunked(CHUNK_BYTES):
            total += len(chunk)
            if total > self._max_bytes:
                raise TooLarge()
            if sniffed:
                yield chunk
                continue
            # Hold the first bytes back until we know they aren't Slack's login page.
            head += chunk
            if len(head) >= SNIFF_BYTES:
                sniffed = True
                self._refuse_html(head)
                yield head
        if not sniffed and head:
            self._refuse_html(head)
            yield head

    @staticmethod
    def _refuse_html(head: bytes) -> None:
        if looks_like_html(head):
            raise SlackFilesScopeMissing()
