"""Slack files: which ones may be voice clips, finding them again by id, and reading one as the
core's :class:`bot.ports.AudioSource` (downloaded with the bot token, size-capped while
reading, refused when Slack answers with its login page)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api_errors import slack_error
from bot.errors import DownloadFailed, TooLarge

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
#: Enough of the start of a body to recognise an HTML page behind whitespace or a BOM.
SNIFF_BYTES = 512
HTML_STARTS = (b"<!doctype html", b"<html")


class SlackFilesScopeMissing(DownloadFailed):
    """Slack served its HTML login page (status 200) instead of the file."""

    message_key = "error-slack-sign-in-page"
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


@dataclass
class HttpSessionHolder:
    """One aiohttp session for file downloads, created on first use (inside the event loop)."""

    _session: aiohttp.ClientSession | None = field(default=None, init=False)

    def __call__(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


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


#: Slack's ``filetype`` values of containers that may hold a voice. The MIME type of a clip is
#: unreliable (``video/mp4`` for AAC audio, ``.webm`` names on MP4 bytes): the core sniffs the
#: bytes; this only keeps screenshots and documents from reaching the consent prompt.
AUDIO_FILETYPES = frozenset(
    {"aac", "aif", "aiff", "amr", "flac", "m4a", "mov", "mp3", "mp4", "mpg", "oga", "ogg",
     "opus", "wav", "webm", "weba", "3gp"}
)  # fmt: skip
UNTYPED_MIMETYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def needs_file_info(file: Mapping[str, Any]) -> bool:
    """Some deliveries carry only the id (``file_access: check_file_info``)."""
    return file.get("file_access") == "check_file_info" or not file.get("url_private_download")


def may_be_audio(file: Mapping[str, Any]) -> bool:
    if file.get("subtype") == "slack_audio":
        return True
    mimetype = str(file.get("mimetype") or "").lower()
    if mimetype.startswith(("audio/", "video/")) or mimetype in UNTYPED_MIMETYPES:
        return True
    return str(file.get("filetype") or "").lower() in AUDIO_FILETYPES


class SlackFiles:
    def __init__(
        self,
        *,
        client: AsyncWebClient,
        token: str,
        session: Callable[[], aiohttp.ClientSession],
        max_bytes: int,
        trusted_hosts: frozenset[str],
        timeout: aiohttp.ClientTimeout,
    ) -> None:
        self._client = client
        self._token = token
        self._session = session
        self._max_bytes = max_bytes
        self._trusted_hosts = trusted_hosts
        self._timeout = timeout

    async def info(self, file_id: str) -> dict[str, Any]:
        try:
            response = await self._client.files_info(file=file_id)
        except SlackApiError as exc:
            error = slack_error(exc)
            log.warning("files.info failed: %s", error)
            if error == "missing_scope":
                raise SlackFilesScopeMissing() from exc
            if error in {"file_not_found", "file_deleted"}:
                raise DownloadFailed(
                    "I can't find that clip any more: it may have been deleted. "
                    "Send it to me again.",
                    key="error-slack-clip-gone",
                ) from exc
            raise DownloadFailed() from exc
        file = response.get("file")
        if not isinstance(file, dict):
            raise DownloadFailed()
        return file

    async def complete(self, file: Mapping[str, Any]) -> dict[str, Any]:
        """The file with its URLs, asking ``files.info`` when the event left them out."""
        if needs_file_info(file):
            return await self.info(str(file["id"]))
        return dict(file)

    def source(self, file: Mapping[str, Any]) -> SlackFileSource:
        url = file.get("url_private_download") or file.get("url_private")
        if not url:
            raise DownloadFailed()
        size = file.get("size")
        return SlackFileSource(
            session=self._session,
            url=str(url),
            token=self._token,
            declared_size=int(size) if isinstance(size, int | float) else None,
            max_bytes=self._max_bytes,
            trusted_hosts=self._trusted_hosts,
            timeout=self._timeout,
        )
