"""Decoding untrusted bytes to mono float32 at one sample rate, within hard bounds.

Decoding is where a hostile or broken file costs us: a few kilobytes can declare or expand to
hours of audio. Every bound is checked while decoding, packet by packet, so a bad file is
refused after at most ``max_decoded_seconds`` of decoded audio or ``max_decode_wall_seconds``.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import deque
from dataclasses import dataclass

import av
import av.container
import numpy as np

from bot.audio.limits import AudioLimits
from bot.audio.probe import open_audio
from bot.audio.speech import Samples, SpeechMeter
from bot.errors import NotAudio, TooLarge

log = logging.getLogger(__name__)

#: Containers whose header states the duration (rather than FFmpeg guessing it from the bit
#: rate, as for MP3 or ADTS): a declared duration over the limit is refused before decoding.
_HEADER_DURATION_FORMATS = frozenset(
    {
        "wav", "w64", "flac", "aiff", "caf", "ogg", "au", "mov,mp4,m4a,3gp,3g2,mj2",
        "matroska,webm", "asf", "wv", "tta", "ape", "mpc8", "dsf",
    }
)  # fmt: skip
#: Undecodable packets tolerated (a damaged stretch) before the rest of the file is given up.
_MAX_BAD_PACKETS = 50
#: While nothing audible has been heard, keep only this much audio (leading silence is trimmed
#: anyway, and this bounds memory for hours of silence).
_SILENT_PREFIX_SECONDS = 1.0
#: Decoded frames are measured and buffered in blocks of about this length.
_BATCH_SECONDS = 1.0
#: How often to re-estimate where the speech starts, once enough audio is in.
_SPEECH_CHECK_SECONDS = 1.0

_DECODE_ERRORS = (av.FFmpegError, ValueError, UnicodeDecodeError)


@dataclass(frozen=True)
class DecodedAudio:
    samples: Samples
    sample_rate: int
    #: FFmpeg's name for the container, e.g. ``"ogg"`` or ``"mov,mp4,m4a,3gp,3g2,mj2"``.
    input_format: str
    decoded_seconds: float
    #: Stopped on purpose once enough audio after the start of the speech was decoded.
    stopped_early: bool
    #: The file ended in a damaged or missing stretch; ``samples`` holds what came before it.
    truncated: bool


def too_long(max_seconds: float) -> TooLarge:
    minutes = max_seconds / 60.0
    return TooLarge(
        f"That recording is too long (the limit is {minutes:g} minutes). Send a shorter one: "
        "30 seconds of speech is plenty.",
        key="error-recording-too-long",
        params={"minutes": minutes},
    )


def decode_mono(
    data: bytes | bytearray,
    *,
    sample_rate: int,
    limits: AudioLimits,
    enough_seconds: float | None = None,
) -> DecodedAudio:
    """Decode the first audio stream of ``data`` to mono float32 at ``sample_rate``.

    FFmpeg's prober picks the demuxer (among the allowed ones). With ``enough_seconds``, decoding
    stops once that much audio after the first speech is in: a clone sample never holds more.
    A file that breaks off after some audio
    (a cut download) keeps what decoded before the break; whether that is enough speech is the
    caller's call. Raises :class:`NotAudio` and :class:`TooLarge`; :class:`MemoryError` (the
    worker's memory cap) passes through.
    """
    started = time.monotonic()
    container = open_audio(data)
    container_format = container.format.name
    with container:
        if not container.streams.audio:
            if container.streams.video:
                raise NotAudio(
                    "That video has no sound. Send a video or audio file in which you speak.",
                    key="error-video-no-sound",
                )
            raise NotAudio()
        stream = container.streams.audio[0]
        _refuse_declared_length(container, stream, container_format, limits.max_decoded_seconds)
        decoding = _Decoding(sample_rate, limits, started, enough_seconds)
        decoding.run(container, stream)
        input_format = container.format.name

    samples = decoding.samples()
    if len(samples) == 0:
        raise NotAudio()
    return DecodedAudio(
        samples=samples,
        sample_rate=sample_rate,
        input_format=input_format,
        decoded_seconds=decoding.decoded_seconds,
        stopped_early=decoding.stopped_early,
        truncated=decoding.truncated,
    )


def _refuse_declared_length(
    container: av.container.InputContainer,
    stream: av.AudioStream,
    container_format: str,
    max_seconds: float,
) -> None:
    if container_format not in _HEADER_DURATION_FORMATS:
        return
    declared: float | None = None
    if stream.duration is not None and stream.time_base is not None:
        declared = float(stream.duration * stream.time_base)
    elif container.duration is not None:
        declared = container.duration / av.time_base
    if declared is not None and declared > max_seconds:
        log.info("refused: the %s header declares %.0f s of audio", container_format, declared)
        raise too_long(max_seconds)


class _Decoding:
    """One pass over the packets of one audio stream, with its bounds and buffers.

    The Python work per packet is kept to the least (Opus sends 50 packets a second): frames go
    into a FIFO, and everything else (bounds, downmix and resampling, measuring the speech) is
    done once per block of about ``_BATCH_SECONDS``.
    """

    def __init__(
        self,
        sample_rate: int,
        limits: AudioLimits,
        started: float,
        enough_seconds: float | None,
    ) -> None:
        self._rate = sample_rate
        self._limits = limits
        self._deadline = started + limits.max_decode_wall_seconds
        self._enough = enough_seconds
        self._chunks: deque[Samples] = deque()
        self._buffered = 0
        self._since_check = 0
        self._meter = SpeechMeter(sample_rate)
        self._mixer: _MonoMixer | None = None
        self._fifo = av.AudioFifo()
        #: Samples (at the input rate) that make a block, for the current input shape.
        self._block = 0
        self._input_shape: tuple[str, str, int] | None = None
        self._input_samples = 0
        self.decoded_seconds = 0.0
        self.stopped_early = False
        self.truncated = False

    def run(self, container: av.container.InputContainer, stream: av.AudioStream) -> None:
        bad_packets = 0
        try:
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except MemoryError:
                    raise
                except av.FFmpegError as exc:
                    bad_packets += 1
                    log.debug("skipped an undecodable packet: %s", exc)
                    if bad_packets > _MAX_BAD_PACKETS:
                        self._mark_truncated("too many undecodable packets")
                        break
                    continue
                for frame in frames:
                    # Timestamps of damaged or cut files are often wrong, and only the order
                    # matters here (the FIFO would refuse a gap).
                    frame.pts = None
                    shape = (frame.format.name, frame.layout.name, frame.sample_rate)
                    if shape != self._input_shape and not self._new_input(frame, shape):
                        continue
                    self._fifo.write(frame)
                    if self._fifo.samples >= self._block:
                        self._take_block()
                if time.monotonic() > self._deadline:
                    log.info(
                        "refused: decoding took over %.1f s", self._limits.max_decode_wall_seconds
                    )
                    raise TooLarge()
                if self._heard_enough():
                    self.stopped_early = True
                    break
            self._take_block()
            self._end_input()
        except MemoryError:
            raise
        except _DECODE_ERRORS as exc:
            if self._buffered + self._fifo.samples == 0:
                raise NotAudio() from exc
            self._keep_what_decoded()
            self._mark_truncated(f"{type(exc).__name__}: {exc}")

    def samples(self) -> Samples:
        if not self._chunks:
            return np.empty(0, dtype=np.float32)
        return np.concatenate(tuple(self._chunks))

    def _mark_truncated(self, why: str) -> None:
        self.truncated = True
        log.info(
            "the audio breaks off after %.1f s (%s); keeping what decoded",
            self.decoded_seconds,
            why,
        )

    def _keep_what_decoded(self) -> None:
        try:
            self._take_block()
            self._end_input()
        except _DECODE_ERRORS as exc:
            log.debug("the resampler's tail is lost: %s", exc)

    def _new_input(self, frame: av.AudioFrame, shape: tuple[str, str, int]) -> bool:
        """Chained Ogg streams and some MP3s change rate or layout midway: what came before
        goes through the mixer made for it, the rest through a new one. False for a frame
        with nothing to take (no rate, no channels)."""
        if frame.sample_rate <= 0 or frame.layout.nb_channels <= 0 or frame.samples <= 0:
            return False
        self._take_block()
        self._end_input()
        self._mixer = _MonoMixer(frame, self._rate)
        self._fifo = av.AudioFifo()
        self._block = max(1, round(_BATCH_SECONDS * frame.sample_rate))
        self._input_shape = shape
        return True

    def _take_block(self) -> None:
        """Everything in the FIFO, bounded, downmixed, resampled and measured as one block."""
        count = self._fifo.samples
        if count == 0 or self._mixer is None or self._input_shape is None:
            return
        self.decoded_seconds += count / self._input_shape[2]
        if self.decoded_seconds > self._limits.max_decoded_seconds:
            log.info("refused: over %.0f s of decoded audio", self._limits.max_decoded_seconds)
            raise too_long(self._limits.max_decoded_seconds)
        self._add(self._mixer.mix(self._fifo.read()))

    def _end_input(self) -> None:
        if self._mixer is not None:
            self._add(self._mixer.mix(None))
        self._mixer = None
        self._input_shape = None

    def _add(self, block: Samples) -> None:
        """Measured once per block: per-frame numpy calls would cost more than decoding."""
        if len(block) == 0:
            return
        self._meter.feed(block)
        self._chunks.append(block)
        self._buffered += len(block)
        self._since_check += len(block)
        if not self._meter.heard_anything:
            self._drop_silent_prefix()

    def _drop_silent_prefix(self) -> None:
        keep = _SILENT_PREFIX_SECONDS * self._rate
        while len(self._chunks) > 1 and self._buffered - len(self._chunks[0]) >= keep:
            self._buffered -= len(self._chunks.popleft())

    def _heard_enough(self) -> bool:
        if self._enough is None or self._since_check < _SPEECH_CHECK_SECONDS * self._rate:
            return False
        # Less audio than wanted can't hold enough after the speech starts: no need to look yet.
        if self._buffered < self._enough * self._rate:
            return False
        self._since_check = 0
        return self._meter.seconds_since_speech() >= self._enough


class _MonoMixer:
    """FFmpeg's downmix to mono and resampler to float32 at one rate, for one input shape.

    The downmix matrix is normalised (``rematrix_maxval=1``, what the ffmpeg command line does
    for integer output): the channel weights add up to 1, so speech as loud in every channel
    comes out as loud as in one, and the mix can't go over full scale where no channel does.
    The float default sums instead: a 5.1 recording came out ~3.4 times louder, and clipped.
    """

    def __init__(self, frame: av.AudioFrame, rate: int) -> None:
        graph = av.filter.Graph()
        source = graph.add(
            "abuffer",
            sample_rate=str(frame.sample_rate),
            sample_fmt=frame.format.name,
            channel_layout=frame.layout.name,
            time_base=f"1/{frame.sample_rate}",
        )
        steps = [
            source,
            graph.add("aresample", f"{rate}:rematrix_maxval=1"),
            graph.add("aformat", f"sample_fmts=flt:channel_layouts=mono:sample_rates={rate}"),
            graph.add("abuffersink"),
        ]
        for upstream, downstream in itertools.pairwise(steps):
            upstream.link_to(downstream)
        graph.configure()
        self._graph = graph

    def mix(self, frame: av.AudioFrame | None) -> Samples:
        """The mono samples ``frame`` gives (None: the resampler's tail, at the end)."""
        self._graph.push(frame)
        parts: list[Samples] = []
        while True:
            try:
                out = self._graph.pull()
            except (av.BlockingIOError, av.EOFError):
                break
            assert isinstance(out, av.AudioFrame)
            # A view of the frame's plane (to_ndarray copies through vstack).
            parts.append(
                np.frombuffer(memoryview(out.planes[0]), dtype=np.float32, count=out.samples)
            )
        if len(parts) == 1:
            return parts[0]
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.float32)


def resample_mono(samples: Samples, from_rate: int, to_rate: int) -> Samples:
    """Mono float32 at another sample rate (FFmpeg's resampler, not a numpy approximation)."""
    if from_rate == to_rate or len(samples) == 0:
        return samples
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
    frame.sample_rate = from_rate
    resampler = av.AudioResampler(format="flt", layout="mono", rate=to_rate)
    parts = [out.to_ndarray()[0] for out in resampler.resample(frame)]
    parts += [out.to_ndarray()[0] for out in resampler.resample(None)]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.float32)
