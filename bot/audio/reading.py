"""Reading a member's audio with a size cap, whatever it comes from."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path

from bot.audio.limits import too_large
from bot.errors import BotError, DownloadFailed, NotAudio
from bot.ports import AudioSource

log = logging.getLogger(__name__)

CHUNK_BYTES = 256 * 1024


async def read_capped(source: AudioSource, max_bytes: int) -> bytearray:
    """All of ``source``'s bytes, or :class:`TooLarge` as soon as they can't fit ``max_bytes``.

    The declared size is checked before anything is read, and the real size while reading, so
    a source that lies about its size costs at most ``max_bytes`` plus one chunk. The bytes
    gather in one growing buffer: never a list of chunks *and* their joined copy at once.
    """
    declared = source.declared_size
    if declared is not None and declared > max_bytes:
        raise too_large(max_bytes)

    data = bytearray()
    total = 0
    stream = source.stream()
    try:
        async for chunk in stream:
            total += len(chunk)
            if total > max_bytes:
                raise too_large(max_bytes)
            data += chunk
    except BotError:
        raise
    except Exception as exc:
        log.warning("reading the audio failed: %s", type(exc).__name__)
        raise DownloadFailed() from exc
    finally:
        # Stop the producer now (an HTTP body, a file) rather than when it is collected.
        aclose = getattr(stream, "aclose", None)
        if aclose is not None:
            await aclose()

    if total == 0:
        raise NotAudio(
            "That file is empty. Send a voice message or an audio file of you speaking.",
            key="error-file-empty",
        )
    return data


class BytesSource:
    """Audio already in memory (tests, the CLI, an adapter that got the bytes another way)."""

    def __init__(self, data: bytes, *, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._data = data
        self._chunk_bytes = chunk_bytes

    @property
    def declared_size(self) -> int | None:
        return len(self._data)

    async def stream(self) -> AsyncIterator[bytes]:
        view = memoryview(self._data)
        for start in range(0, len(view), self._chunk_bytes):
            yield bytes(view[start : start + self._chunk_bytes])


class FileSource:
    """A local file, read in chunks on a worker thread so the event loop never waits on disk."""

    def __init__(self, path: str | os.PathLike[str], *, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._path = Path(path)
        self._chunk_bytes = chunk_bytes

    @property
    def declared_size(self) -> int | None:
        try:
            return self._path.stat().st_size
        except OSError:
            # Unreadable files fail in stream(), where read_capped turns it into DownloadFailed.
            return None

    async def stream(self) -> AsyncIterator[bytes]:
        handle = await asyncio.to_thread(self._path.open, "rb")
        try:
            while chunk := await asyncio.to_thread(handle.read, self._chunk_bytes):
                yield chunk
        finally:
            handle.close()
