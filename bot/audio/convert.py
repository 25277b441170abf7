"""From whatever a member sent to the sample the clone API gets, off the event loop.

:func:`convert_sync` is the whole pipeline, pure and CPU-bound: sniff the container from the
bytes, decode the first audio stream to mono at the output rate (bounded), find the speech,
trim and cap it, normalise the level, encode WAV or FLAC. :class:`AudioConverter` runs it in a
small pool of worker processes so decoding never holds the event loop or the GIL.

A recording that breaks off (a cut download, a truncated Ogg) is not refused for that alone:
what decoded before the break goes on through the same checks, so it is accepted when it still
holds enough speech and refused as ``too_short`` or ``no_speech`` otherwise.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from bot.audio.decode import decode_mono, resample_mono
from bot.audio.encode import encode_flac, encode_ogg_opus, encode_wav
from bot.audio.limits import AudioLimits
from bot.audio.reading import too_large
from bot.audio.sniff import sniff_container
from bot.audio.speech import SpeechSample, shape_sample
from bot.audio.voice_message import VoiceMessageAudio, voice_message_sync
from bot.errors import BotError, InternalError, NotAudio, TooLarge

__all__ = [
    "AudioConverter",
    "ConvertedAudio",
    "VoiceMessageAudio",
    "convert_sync",
    "sniff_container",
]

log = logging.getLogger(__name__)

#: Decoding stops once this much more speech than will be kept has been heard: the final
#: threshold can end a little higher than the running estimate's.
_SPEECH_MARGIN_SECONDS = 5.0
_SPEECH_MARGIN_RATIO = 0.2
#: Lower rates tried, in order, when a (long) sample doesn't fit the API's file size limit.
_FALLBACK_RATES = (22050, 16000)

_T = TypeVar("_T")


@dataclass(frozen=True)
class ConvertedAudio:
    """The clone sample, ready to upload."""

    data: bytes
    content_type: str
    filename: str
    speech_seconds: float
    duration_seconds: float
    sample_rate: int
    #: The container FFmpeg read: ``"ogg"``, ``"matroska,webm"``, ``"mov,mp4,m4a,3gp,3g2,mj2"``...
    input_format: str
    sha256: str


def convert_sync(data: bytes, limits: AudioLimits) -> ConvertedAudio:
    """The whole conversion. Raises :class:`NotAudio`, :class:`bot.errors.NoSpeech`,
    :class:`bot.errors.TooShort` and :class:`TooLarge`."""
    if len(data) > limits.max_input_bytes:
        raise too_large(limits.max_input_bytes)
    container_format = sniff_container(data)
    if container_format is None:
        raise NotAudio()
    enough = limits.max_speech_seconds + max(
        _SPEECH_MARGIN_SECONDS, _SPEECH_MARGIN_RATIO * limits.max_speech_seconds
    )
    decoded = decode_mono(
        data,
        container_format,
        sample_rate=limits.sample_rate,
        limits=limits,
        enough_speech_seconds=enough,
    )
    sample = shape_sample(
        decoded.samples,
        decoded.sample_rate,
        min_speech_seconds=limits.min_speech_seconds,
        max_speech_seconds=limits.max_speech_seconds,
    )
    encoded, sample_rate = _encode_within(sample, decoded.sample_rate, limits)
    log.info(
        "converted %s: %.1f s decoded%s%s, %.1f s of speech kept, %d bytes of %s",
        decoded.input_format,
        decoded.decoded_seconds,
        " (stopped early)" if decoded.stopped_early else "",
        " (broken off)" if decoded.truncated else "",
        sample.speech_seconds,
        len(encoded),
        limits.output_format,
    )
    return ConvertedAudio(
        data=encoded,
        content_type=f"audio/{limits.output_format}",
        filename=f"sample.{limits.output_format}",
        speech_seconds=round(sample.speech_seconds, 2),
        duration_seconds=round(len(sample.samples) / decoded.sample_rate, 3),
        sample_rate=sample_rate,
        input_format=decoded.input_format,
        sha256=hashlib.sha256(encoded).hexdigest(),
    )


def _encode_within(
    sample: SpeechSample, sample_rate: int, limits: AudioLimits
) -> tuple[bytes, int]:
    """The sample encoded at the highest rate whose file fits ``max_output_bytes``."""
    encode = encode_flac if limits.output_format == "flac" else encode_wav
    rates = [sample_rate, *(rate for rate in _FALLBACK_RATES if rate < sample_rate)]
    for rate in rates:
        encoded = encode(resample_mono(sample.samples, sample_rate, rate), rate)
        if len(encoded) <= limits.max_output_bytes:
            return encoded, rate
        log.info("a %d Hz sample is %d bytes, over the limit; trying lower", rate, len(encoded))
    # Only reachable when MAX_SPEECH_SECONDS is set far above what the API takes.
    log.warning("even at %d Hz the sample is over %d bytes", rates[-1], limits.max_output_bytes)
    raise TooLarge()


# --- the worker pool ------------------------------------------------------------------------


#: Workers yield the CPU to the bot's event loop: with as many workers as cores, equal
#: priority would let conversions delay every reply and heartbeat.
_WORKER_NICENESS = 10


_WORKER_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [audio worker %(process)d] %(message)s"


def _init_worker(log_level: int) -> None:
    # Ctrl-C is the parent's to handle; workers stop when the pool shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        os.nice(_WORKER_NICENESS)
    # Straight to the inherited stdout, one write per record: a log queue back to the parent
    # would share a lock that a killed worker could leave held.
    logging.basicConfig(level=log_level, stream=sys.stdout, format=_WORKER_LOG_FORMAT)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A parent killed with SIGKILL can't shut its pool down: don't outlive it."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _warm_worker() -> None:
    """Load the codecs once so the first real conversion doesn't pay for it."""
    silence = np.zeros(4800, dtype=np.float32)
    ogg = encode_ogg_opus(silence, 48000, bit_rate=32000)
    decode_mono(ogg, "ogg", sample_rate=24000, limits=AudioLimits())
    encode_wav(silence, 24000)
    encode_flac(silence, 24000)


class AudioConverter:
    """Runs conversions in ``workers`` processes; extra callers wait their turn.

    Processes rather than threads: FFmpeg releases the GIL but the numpy and PyAV glue does
    not, and a decoder crash on a hostile file takes down a worker, not the bot. The pool uses
    the ``spawn`` start method: forking a process that runs an event loop and threads is unsafe.
    """

    def __init__(self, limits: AudioLimits, *, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._limits = limits
        self._workers = workers
        self._slots = asyncio.Semaphore(workers)
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    @property
    def limits(self) -> AudioLimits:
        return self._limits

    async def start(self) -> None:
        """Start the worker processes and load the codecs in each."""
        if self._closed:
            raise RuntimeError("the audio converter is closed")
        pool = self._ensure_pool()
        loop = asyncio.get_running_loop()
        # Submitting one job per worker at once makes the pool start every process now.
        await asyncio.gather(
            *(loop.run_in_executor(pool, _warm_worker) for _ in range(self._workers))
        )
        log.info("audio converter ready with %d worker processes", self._workers)

    async def convert(self, data: bytes) -> ConvertedAudio:
        """:func:`convert_sync` in a worker process."""
        return await self._run(convert_sync, data, self._limits)

    async def to_voice_message(self, audio: bytes) -> VoiceMessageAudio:
        """Any audio as a Discord voice message: Ogg Opus, 48 kHz mono, ~32 kbps."""
        return await self._run(voice_message_sync, audio, self._limits)

    async def close(self) -> None:
        """Stop the workers (waiting for running conversions, dropping queued ones)."""
        self._closed = True
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

    async def _run(
        self, function: Callable[[bytes, AudioLimits], _T], data: bytes, limits: AudioLimits
    ) -> _T:
        async with self._slots:
            if self._closed:
                raise RuntimeError("the audio converter is closed")
            pool = self._ensure_pool()
            try:
                return await asyncio.get_running_loop().run_in_executor(
                    pool, function, data, limits
                )
            except BotError:
                raise
            except BrokenProcessPool as exc:
                self._replace_broken(pool)
                error = InternalError()
                log.error(
                    "an audio worker died during %s (reference %s); new workers start with the "
                    "next conversion",
                    function.__name__,
                    error.reference,
                )
                raise error from exc
            except Exception as exc:
                error = InternalError()
                log.exception("%s failed (reference %s)", function.__name__, error.reference)
                raise error from exc

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(logging.getLogger("bot.audio").getEffectiveLevel(),),
            )
        return self._pool

    def _replace_broken(self, broken: ProcessPoolExecutor) -> None:
        # Several callers can see the same broken pool; only the first replaces it.
        if self._pool is broken:
            self._pool = None
            broken.shutdown(wait=False, cancel_futures=True)
