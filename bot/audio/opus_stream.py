"""Live speech as 20 ms Opus packets: PCM goes in on the event loop as the API sends it, and a
player thread pulls one packet every 20 ms without ever waiting.

The player (discord.py's, or any other that paces itself) calls :meth:`OpusFrameStream.read`
from its own thread. It encodes the next 960 samples with PyAV's libopus (about 0.3 ms, off
the event loop) and returns the packet. When the API stalls and nothing is buffered it returns
the Opus silence frame at once, so a stall is heard as a pause, never as a stutter followed by
a burst. At the end it returns ``b""``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

SAMPLE_RATE = 48_000
FRAME_SAMPLES = 960  # 20 ms at 48 kHz
FRAME_BYTES = FRAME_SAMPLES * 2  # mono s16le in
#: Three frames of Opus silence is what Discord expects between talk spurts; one is an underrun.
OPUS_SILENCE = b"\xf8\xff\xfe"
DEFAULT_PREBUFFER_MS = 80
BIT_RATE = 64_000


class OpusFrameStream:
    """Thread-safe between one feeder (the event loop) and one reader (the player thread)."""

    def __init__(
        self,
        *,
        prebuffer_ms: int = DEFAULT_PREBUFFER_MS,
        on_first_packet: Callable[[], None] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._pcm = bytearray()
        self._finished = False
        self._stopped = False
        self.error: BaseException | None = None
        self._prebuffer_bytes = max(1, prebuffer_ms * SAMPLE_RATE // 1000) * 2
        self._ready = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._encoder: Any = None
        self._pts = 0
        self._on_first_packet = on_first_packet
        #: Counters a test or a metric can read after (or while) playing.
        self.packets = 0
        self.speech_packets = 0
        self.underruns = 0
        self.first_packet_at: float | None = None
        self.received_bytes = 0
        #: How much speech had arrived when the first packet went out.
        self.received_at_first_packet = 0

    # --- the feeder (event loop) ----------------------------------------------------------
    def feed(self, pcm: bytes) -> None:
        with self._lock:
            self._pcm += pcm
            self.received_bytes += len(pcm)
            enough = len(self._pcm) >= self._prebuffer_bytes
        if enough:
            self._signal()

    def finish(self) -> None:
        with self._lock:
            self._finished = True
        self._signal()

    def fail(self, error: BaseException) -> None:
        """The stream broke: what arrived still plays (up to a frame boundary), then it ends."""
        with self._lock:
            self.error = error
            self._finished = True
        self._signal()

    def stop(self) -> None:
        """Skip: the next read ends playback. Callable from any thread."""
        with self._lock:
            self._stopped = True
            self._finished = True
        self._signal()

    def _signal(self) -> None:
        """Wake :meth:`prebuffered` (an asyncio.Event: set it on its own loop)."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._ready.set()
            return
        with contextlib.suppress(RuntimeError):  # that loop has closed: nobody waits
            self._loop.call_soon_threadsafe(self._ready.set)

    async def prebuffered(self) -> None:
        """Wait until enough is buffered to start playing smoothly (or the stream ended)."""
        await self._ready.wait()

    @property
    def ended(self) -> bool:
        with self._lock:
            return self._stopped or (self._finished and not self._pcm)

    # --- the reader (player thread) -------------------------------------------------------
    def read(self) -> bytes:
        """One 20 ms Opus packet, the silence frame on underrun, or ``b""`` at the end."""
        with self._lock:
            if self._stopped:
                return b""
            if len(self._pcm) >= FRAME_BYTES:
                chunk = bytes(self._pcm[:FRAME_BYTES])
                del self._pcm[:FRAME_BYTES]
            elif self._finished and self._pcm:
                chunk = bytes(self._pcm) + bytes(FRAME_BYTES - len(self._pcm))
                self._pcm.clear()
            elif self._finished:
                return b""
            else:
                chunk = b""
        if not chunk:
            self.underruns += 1
            return self._sent(OPUS_SILENCE)
        packet = self._encode(chunk)
        self.speech_packets += 1
        return self._sent(packet)

    def _sent(self, packet: bytes) -> bytes:
        self.packets += 1
        if self.first_packet_at is None:
            self.first_packet_at = time.perf_counter()
            self.received_at_first_packet = self.received_bytes
            if self._on_first_packet is not None:
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._on_first_packet)
        return packet

    def _encode(self, chunk: bytes) -> bytes:
        # Imported here, in the player's thread: the bot's own process loads PyAV and numpy
        # only once it speaks in a voice channel (workers do the rest of the audio work).
        import av
        import numpy as np

        if self._encoder is None:
            self._encoder = _new_encoder()
        mono = np.frombuffer(chunk, dtype="<i2")
        frame = av.AudioFrame.from_ndarray(
            np.repeat(mono, 2).reshape(1, -1), format="s16", layout="stereo"
        )
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        self._pts += FRAME_SAMPLES
        packets = self._encoder.encode(frame)
        # libopus gives one packet per 20 ms frame; should it ever hold one back, send silence
        # in its place rather than stall the player.
        return bytes(packets[0]) if packets else OPUS_SILENCE

    def close(self) -> None:
        self.stop()
        self._encoder = None


def _new_encoder() -> Any:
    import av

    encoder = av.CodecContext.create("libopus", "w")
    encoder.sample_rate = SAMPLE_RATE
    encoder.layout = "stereo"
    encoder.format = "s16"
    encoder.bit_rate = BIT_RATE
    encoder.options = {"frame_duration": "20", "application": "audio"}
    encoder.open()
    return encoder
