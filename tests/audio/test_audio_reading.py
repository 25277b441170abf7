"""read_capped and the two AudioSource implementations."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.audio.reading import BytesSource, FileSource, read_capped
from bot.errors import DownloadFailed, NotAudio, TooLarge
from bot.ports import AudioSource
from tests.audio.audio_samples import FIXTURES, read_fixture


class RecordingSource:
    """A source that counts what was pulled from it and whether it was closed."""

    def __init__(
        self,
        chunks: list[bytes] | None = None,
        *,
        declared: int | None = None,
        endless: bytes | None = None,
        fail_after: int | None = None,
        error: BaseException | None = None,
    ) -> None:
        self._chunks = chunks or []
        self._declared = declared
        self._endless = endless
        self._fail_after = fail_after
        self._error = error
        self.stream_calls = 0
        self.pulled = 0
        self.closed = False

    @property
    def declared_size(self) -> int | None:
        return self._declared

    async def stream(self) -> AsyncIterator[bytes]:
        self.stream_calls += 1
        try:
            for chunk in self._chunks:
                if self._fail_after is not None and self.pulled >= self._fail_after:
                    assert self._error is not None
                    raise self._error
                self.pulled += 1
                yield chunk
            while self._endless is not None:
                self.pulled += 1
                yield self._endless
        finally:
            self.closed = True


def test_sources_implement_the_port() -> None:
    sources: list[AudioSource] = [BytesSource(b"x"), FileSource(FIXTURES / "speech.wav")]
    assert [source.declared_size for source in sources] == [
        1,
        (FIXTURES / "speech.wav").stat().st_size,
    ]


async def test_reads_everything_under_the_cap() -> None:
    source = RecordingSource([b"abc", b"def"], declared=6)
    assert await read_capped(source, 6) == b"abcdef"
    assert source.closed


async def test_declared_size_over_the_cap_reads_nothing() -> None:
    source = RecordingSource([b"abc"], declared=1_000_001)
    with pytest.raises(TooLarge) as caught:
        await read_capped(source, 1_000_000)
    assert caught.value.code == "too_large"
    assert source.stream_calls == 0
    assert source.pulled == 0


async def test_real_size_over_the_cap_stops_reading() -> None:
    """A source that lies (or says nothing) about its size is cut off at the cap."""
    source = RecordingSource(declared=None, endless=b"\0" * 1000)
    with pytest.raises(TooLarge):
        await read_capped(source, 10_000)
    assert source.pulled == 11  # the chunk that crossed the cap, and not one more
    assert source.closed


async def test_lying_declared_size_is_checked_while_reading() -> None:
    source = RecordingSource([b"\0" * 600, b"\0" * 600], declared=10)
    with pytest.raises(TooLarge):
        await read_capped(source, 1000)


async def test_empty_is_not_audio() -> None:
    with pytest.raises(NotAudio) as caught:
        await read_capped(RecordingSource([], declared=0), 1000)
    assert caught.value.code == "not_audio"
    assert "empty" in caught.value.message
    with pytest.raises(NotAudio):
        await read_capped(BytesSource(b""), 1000)


async def test_stream_errors_become_download_failed() -> None:
    cause = ConnectionResetError("peer went away")
    source = RecordingSource([b"a", b"b"], fail_after=1, error=cause)
    with pytest.raises(DownloadFailed) as caught:
        await read_capped(source, 1000)
    assert caught.value.code == "download_failed"
    assert caught.value.__cause__ is cause
    assert source.closed


async def test_bot_errors_from_the_stream_pass_through() -> None:
    own = DownloadFailed("The link to that file expired. Send it again.")
    source = RecordingSource([b"a"], fail_after=0, error=own)
    with pytest.raises(DownloadFailed) as caught:
        await read_capped(source, 1000)
    assert caught.value is own


async def test_bytes_source_streams_in_chunks() -> None:
    data = bytes(range(256)) * 40
    assert await read_capped(BytesSource(data, chunk_bytes=1000), len(data)) == data
    with pytest.raises(TooLarge):
        await read_capped(BytesSource(data), len(data) - 1)


async def test_file_source_reads_a_file() -> None:
    source = FileSource(FIXTURES / "voice_message.ogg", chunk_bytes=4096)
    assert await read_capped(source, 25 * 1024 * 1024) == read_fixture("voice_message.ogg")


async def test_file_source_declares_its_size_before_reading() -> None:
    source = FileSource(FIXTURES / "stereo_96k.wav")
    with pytest.raises(TooLarge):
        await read_capped(source, 1024)


async def test_missing_file_is_download_failed() -> None:
    source = FileSource(FIXTURES / "no-such-file.ogg")
    assert source.declared_size is None
    with pytest.raises(DownloadFailed) as caught:
        await read_capped(source, 1000)
    assert isinstance(caught.value.__cause__, FileNotFoundError)
