"""Live speech as 20 ms Opus packets: PCM goes in on the event loop as the API sends it, and a
player thread pulls one packet every 20 ms without ever waiting for the API.

Where the CPU goes, and why it is arranged this way (``make bench``, section f):

- **Encoded ahead, in batches.** One encoder thread per process (:class:`_EncoderThread`)
  encodes the PCM ahead of the player: half a second at a time when the API sends faster than
  real time, or as soon as it arrives when fewer than 100 ms of packets are ready. libopus runs
  with the GIL released (PyAV's codec calls), and a frame encoded in a batch, with the caches
  warm, costs a third of one encoded alone every 20 ms by a thread that slept in between. Each
  utterance is encoded once; the player thread only takes the next packet from a deque.
- **Mono, complexity 0.** The API's speech is mono: encoding it as stereo doubled the work for
  nothing. A stereo Opus decoder (Discord's clients, discord.py's) plays a mono packet on both
  channels: the TOC byte says how many channels it carries. Complexity 0 takes about a third of
  libopus's default 10, and at 64 kbit/s speech sounds the same.
- The player never waits for the encoder beyond one batch: when it finds no packet ready but
  PCM waiting (the very first packet, or an encoder starved of CPU), it encodes that one frame
  itself, so a slow encoder is never heard as a gap.

When the API stalls and nothing is buffered :meth:`OpusFrameStream.read` returns the Opus
silence frame at once, so a stall is heard as a pause, never as a stutter followed by a burst.
At the end it returns ``b""``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

SAMPLE_RATE = 48_000
FRAME_SAMPLES = 960  # 20 ms at 48 kHz
FRAME_BYTES = FRAME_SAMPLES * 2  # mono s16le in
#: Three frames of Opus silence is what Discord expects between talk spurts; one is an underrun.
OPUS_SILENCE = b"\xf8\xff\xfe"
DEFAULT_PREBUFFER_MS = 80
BIT_RATE = 64_000
#: libopus's complexity (FFmpeg's ``compression_level``, 0-10): 0 costs a third of the
#: default 10 per frame, and speech at 64 kbit/s does not need the search that 10 buys.
COMPLEXITY = 0
#: At most this many frames (1 s) per batch: the player waits at most one batch for a packet.
MAX_BATCH_FRAMES = 50
#: The encoder waits for this much PCM (0.5 s) to encode it in one go...
BATCH_FRAMES = 25
#: ...unless fewer packets than this (100 ms) are ready: then it encodes whatever is there.
LOW_WATER_FRAMES = 5
ENCODER_THREAD_NAME = "opus-encoder"


class OpusFrameStream:
    """Thread-safe between one feeder (the event loop), the encoder thread and one reader (the
    player thread)."""

    def __init__(
        self,
        *,
        prebuffer_ms: int = DEFAULT_PREBUFFER_MS,
        on_first_packet: Callable[[], None] | None = None,
        encode_ahead: bool = True,
    ) -> None:
        #: Guards the state below; never held while encoding.
        self._lock = threading.Lock()
        #: Held while the encoder context is in use: packets leave it in the PCM's order.
        self._encoding = threading.Lock()
        self._pcm = bytearray()
        #: PCM taken out of ``_pcm`` and being encoded: neither PCM nor packets, not ended.
        self._in_flight = 0
        self._packets: deque[bytes] = deque()
        self._finished = False
        self._stopped = False
        self._encode_ahead = encode_ahead
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
        #: Frames the player had to encode itself (the encoder thread had not got there yet).
        self.encoded_by_player = 0
        self.first_packet_at: float | None = None
        self.received_bytes = 0
        #: How much speech had arrived when the first packet went out.
        self.received_at_first_packet = 0

    # --- the feeder (event loop) ----------------------------------------------------------
    def feed(self, pcm: bytes) -> None:
        with self._lock:
            self._pcm += pcm
            self.received_bytes += len(pcm)
            enough = self.received_bytes >= self._prebuffer_bytes
            whole = len(self._pcm) // FRAME_BYTES
            wake = whole >= BATCH_FRAMES or (whole and len(self._packets) < LOW_WATER_FRAMES)
        if wake and self._encode_ahead:
            _encoder_thread().submit(self)
        if enough:
            self._signal()

    def finish(self) -> None:
        with self._lock:
            self._finished = True
            tail = bool(self._pcm)
        if tail and self._encode_ahead:
            _encoder_thread().submit(self)
        self._signal()

    def fail(self, error: BaseException) -> None:
        """The stream broke: what arrived still plays (up to a frame boundary), then it ends."""
        with self._lock:
            self.error = error
        self.finish()

    def stop(self) -> None:
        """Skip: the next read ends playback. Callable from any thread."""
        with self._lock:
            self._stopped = True
            self._finished = True
            self._pcm.clear()
            self._packets.clear()
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
            return self._stopped or (
                self._finished and not self._pcm and not self._packets and not self._in_flight
            )

    # --- the encoder thread ---------------------------------------------------------------
    def encode_ahead(self) -> None:
        """Encode every whole frame buffered (and the padded tail once finished)."""
        with self._encoding:
            while True:
                chunk = self._take(MAX_BATCH_FRAMES)
                if not chunk:
                    return
                self._deliver(self._encode(chunk))

    def _deliver(self, packets: list[bytes]) -> None:
        with self._lock:
            self._in_flight = 0
            if not self._stopped:
                self._packets.extend(packets)

    def _take(self, frames: int) -> bytes:
        """Up to ``frames`` whole frames of PCM, or the last partial one padded with silence
        once the stream is finished; ``b""`` when there is nothing to encode."""
        with self._lock:
            if self._stopped:
                return b""
            size = min(len(self._pcm) // FRAME_BYTES, frames) * FRAME_BYTES
            if size:
                chunk = bytes(self._pcm[:size])
                del self._pcm[:size]
            elif self._finished and self._pcm:
                chunk = bytes(self._pcm) + bytes(FRAME_BYTES - len(self._pcm))
                self._pcm.clear()
            else:
                return b""
            self._in_flight = len(chunk)
            return chunk

    # --- the reader (player thread) -------------------------------------------------------
    def read(self) -> bytes:
        """One 20 ms Opus packet, the silence frame on underrun, or ``b""`` at the end."""
        with self._lock:
            if self._stopped:
                return b""
            if self._packets:
                packet = self._packets.popleft()
                # The encoder waits for a batch; it must not wait while the player runs dry.
                low = len(self._packets) < LOW_WATER_FRAMES and len(self._pcm) >= FRAME_BYTES
            elif not self._pcm and not self._in_flight:
                if self._finished:
                    return b""
                self.underruns += 1
                return self._sent(OPUS_SILENCE)
            else:
                packet = b""
                low = False
        if packet:
            if low and self._encode_ahead:
                _encoder_thread().submit(self)
            return self._speech(packet)
        return self._encode_here()

    def _encode_here(self) -> bytes:
        """PCM is here but not yet encoded: wait for the batch in progress (if any), or
        encode one frame in the player's thread."""
        with self._encoding:
            with self._lock:
                if self._packets:
                    return self._speech(self._packets.popleft())
            chunk = self._take(1)
            if not chunk:  # stopped meanwhile
                return b"" if self.ended else self._sent(OPUS_SILENCE)
            [packet] = self._encode(chunk)
            with self._lock:
                self._in_flight = 0
            self.encoded_by_player += 1
        if self._encode_ahead:
            _encoder_thread().submit(self)  # the rest, off the player's thread
        return self._speech(packet)

    def _speech(self, packet: bytes) -> bytes:
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

    def _encode(self, pcm: bytes) -> list[bytes]:
        """One packet per 20 ms frame of ``pcm`` (whole frames). Called with ``_encoding``."""
        # Imported here, off the event loop: the bot's own process loads PyAV and numpy only
        # once it speaks in a voice channel (workers do the rest of the audio work).
        import av
        import numpy as np

        if self._encoder is None:
            self._encoder = _new_encoder()
        # The whole batch as one frame: PyAV cuts it into the encoder's 20 ms frames itself
        # (libopus takes fixed-size frames), the same packets for less Python per frame.
        samples = np.frombuffer(pcm, dtype="<i2").reshape(1, -1)
        frames = samples.shape[1] // FRAME_SAMPLES
        frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        self._pts += frames * FRAME_SAMPLES
        packets = [bytes(packet) for packet in self._encoder.encode(frame)]
        # libopus gives one packet per 20 ms frame; should it ever hold one back, send
        # silence in its place rather than stall the player.
        return packets + [OPUS_SILENCE] * (frames - len(packets))

    def close(self) -> None:
        self.stop()
        with self._encoding:
            self._encoder = None


def _new_encoder() -> Any:
    import av

    encoder = av.CodecContext.create("libopus", "w")
    encoder.sample_rate = SAMPLE_RATE
    encoder.layout = "mono"
    encoder.format = "s16"
    encoder.bit_rate = BIT_RATE
    encoder.options = {
        "frame_duration": "20",
        "application": "audio",
        "compression_level": str(COMPLEXITY),
    }
    encoder.open()
    return encoder


class _EncoderThread:
    """One daemon thread for the whole process: encodes ahead for every stream that has PCM
    waiting, in the order they asked. One thread is enough: a second of speech costs about
    2 ms to encode in a batch."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._waiting: deque[OpusFrameStream] = deque()
        self._thread = threading.Thread(target=self._run, name=ENCODER_THREAD_NAME, daemon=True)
        self._thread.start()

    @property
    def native_id(self) -> int | None:
        return self._thread.native_id

    def submit(self, stream: OpusFrameStream) -> None:
        with self._condition:
            if stream not in self._waiting:
                self._waiting.append(stream)
                self._condition.notify()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._waiting:
                    self._condition.wait()
                stream = self._waiting.popleft()
            try:
                stream.encode_ahead()
            except Exception:  # noqa: BLE001 - the player encodes inline, or ends the stream
                with contextlib.suppress(Exception):
                    stream.fail(RuntimeError("Opus encoding failed"))


_ENCODER: _EncoderThread | None = None
_ENCODER_LOCK = threading.Lock()


def _encoder_thread() -> _EncoderThread:
    global _ENCODER
    with _ENCODER_LOCK:
        if _ENCODER is None:
            _ENCODER = _EncoderThread()
        return _ENCODER


def encoder_thread_id() -> int | None:
    """The encoder thread's native id (for measuring its CPU), once it has started."""
    return _ENCODER.native_id if _ENCODER is not None else None
