"""A recording fetched over HTTP, the same way on every platform: one set of timeouts, one
"does this label say audio" check, one way to name an audio file, size-capped streaming, and
every transport failure as ``download_failed``. The platforms say only where the file is and
which headers it needs (Slack's bot token, nothing for Discord's signed CDN links)."""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import AsyncIterator, Callable

import aiohttp

from bot.errors import DownloadFailed, TooLarge

log = logging.getLogger(__name__)

#: Generous for a 25 MB clip on a slow link, short enough that a stalled CDN fails fast.
DOWNLOAD_TIMEOUT = aiohttp.ClientTimeout(total=120, sock_connect=15, sock_read=30)
CHUNK_BYTES = 64 * 1024
#: Enough of the start of a body to recognise an HTML page behind whitespace or a BOM.
SNIFF_BYTES = 512
#: Extensions (or Slack ``filetype`` values) of containers that may hold a voice.
AUDIO_EXTENSIONS = frozenset(
    {"aac", "aif", "aiff", "amr", "flac", "m4a", "mov", "mp3", "mp4", "mpg", "oga", "ogg",
     "opus", "wav", "webm", "weba", "3gp"}
)  # fmt: skip
UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_FILE_SUFFIX = {
    "audio/mpeg": ".mp3",
    "audio/mp3": ".mp3",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/ogg": ".ogg",
    "audio/flac": ".flac",
}


def label_says_audio(content_type: str | None, name: str | None = None) -> bool:
    """Labels only skip files clearly labelled as something else (an image, a document): what
    a file really is, the core decides from its bytes. ``name`` is a file name or a bare
    extension (Slack's ``filetype``)."""
    media = (content_type or "").lower().split(";")[0].strip()
    if media.startswith(("audio/", "video/")) or media in UNTYPED:
        return True
    extension = (name or "").lower().rsplit(".", 1)[-1]
    return extension in AUDIO_EXTENSIONS


def audio_file_name(stem: str, content_type: str | None, default_suffix: str = ".mp3") -> str:
    """A safe file name for audio we post: the stem cleaned, the suffix from the content type."""
    media = (content_type or "").lower().split(";")[0].strip()
    suffix = _FILE_SUFFIX.get(media) or mimetypes.guess_extension(media) or default_suffix
    safe = re.sub(r"[^\w.-]+", "-", stem).strip("-.")[:60] or "audio"
    return f"{safe}{suffix}"


def looks_like_html(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html"))


class HttpSessions:
    """One aiohttp session for downloads, made on first use (inside the event loop)."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    def __call__(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=DOWNLOAD_TIMEOUT)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class HttpAudioSource:
    """A :class:`bot.ports.AudioSource` read lazily from ``url``. ``what`` names the file in
    the log (an id: never the URL, which may be signed). ``refuse_head`` sees the first bytes
    before any is handed on (Slack's sign-in page instead of the file)."""

    def __init__(
        self,
        session: Callable[[], aiohttp.ClientSession],
        url: str,
        *,
        what: str,
        declared_size: int | None = None,
        headers: dict[str, str] | None = None,
        max_bytes: int | None = None,
        refuse_head: Callable[[bytes], None] | None = None,
    ) -> None:
        self._session = session
        self._url = url
        self._what = what
        self._declared_size = declared_size
        self._headers = headers or {}
        self._max_bytes = max_bytes
        self._refuse_head = refuse_head

    @property
    def declared_size(self) -> int | None:
        return self._declared_size

    async def stream(self) -> AsyncIterator[bytes]:
        try:
            async with self._session().get(
                self._url, headers=self._headers, timeout=DOWNLOAD_TIMEOUT
            ) as response:
                if response.status != 200:
                    log.warning("%s download answered HTTP %d", self._what, response.status)
                    raise DownloadFailed()
                async for chunk in self._checked(response.content):
                    yield chunk
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("%s download failed: %s", self._what, type(exc).__name__)
            raise DownloadFailed() from exc

    async def _checked(self, body: aiohttp.StreamReader) -> AsyncIterator[bytes]:
        head = b""
        sniffed = self._refuse_head is None
        total = 0
        async for chunk in body.iter_chunked(CHUNK_BYTES):
            total += len(chunk)
            if self._max_bytes is not None and total > self._max_bytes:
                raise TooLarge()
            if sniffed:
                yield chunk
                continue
            head += chunk
            if len(head) >= SNIFF_BYTES:
                sniffed = True
                self._check_head(head)
                yield head
        if not sniffed and head:
            self._check_head(head)
            yield head

    def _check_head(self, head: bytes) -> None:
        if self._refuse_head is not None:
            self._refuse_head(head)
