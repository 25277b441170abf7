"""Converting members' audio off the event loop, in capped and watched worker processes.

:class:`AudioConverter` is what the core uses. The work itself (:mod:`bot.audio.pipeline`,
numpy, PyAV, the voice-activity model) only ever runs, and is only ever imported, in the worker
processes: jobs are named, not pickled as functions, so the bot's own process stays small.
"""

from __future__ import annotations

import logging

from bot.audio.limits import AudioLimits
from bot.audio.results import ConvertedAudio, VoiceMessageAudio
from bot.audio.sniff import non_audio_kind
from bot.audio.workers import Job, WorkerConfig, WorkerPool

__all__ = [
    "AudioConverter",
    "ConvertedAudio",
    "VoiceMessageAudio",
    "non_audio_kind",
]

log = logging.getLogger(__name__)

_CONVERT = Job("bot.audio.pipeline", "convert_sync")
_VOICE_MESSAGE = Job("bot.audio.voice_message", "voice_message_sync")
_WARM = Job("bot.audio.pipeline", "warm_worker")


class AudioConverter:
    """Runs conversions in ``workers`` processes; extra callers wait their turn.

    Processes rather than threads: FFmpeg releases the GIL but the numpy and PyAV glue does
    not, and a decoder crash on a hostile file takes down a worker, not the bot. The workers
    (:mod:`bot.audio.workers`) are memory-capped, killed when they run past the decode wall
    limit plus a margin, recycled after some jobs, and started when work arrives (one is kept
    warm). The ``spawn`` start method: forking a process that runs an event loop and threads
    is unsafe.
    """

    def __init__(self, limits: AudioLimits, *, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._limits = limits
        self._pool = WorkerPool(
            WorkerConfig(
                workers=workers,
                memory_mb=limits.worker_memory_mb,
                job_seconds=limits.max_decode_wall_seconds + limits.watchdog_margin_seconds,
                max_jobs=limits.worker_max_jobs,
                keep_warm=1,
                idle_seconds=limits.worker_idle_seconds,
            ),
            warm=_WARM,
        )

    @property
    def limits(self) -> AudioLimits:
        return self._limits

    @property
    def pool(self) -> WorkerPool:
        return self._pool

    async def start(self) -> None:
        """Start the worker kept warm; the others start when work arrives."""
        await self._pool.start()
        log.info("audio converter ready (up to %d worker processes)", self._pool.config.workers)

    async def convert(self, data: bytes | bytearray) -> ConvertedAudio:
        """:func:`bot.audio.pipeline.convert_sync` in a worker process."""
        converted: ConvertedAudio = await self._pool.run(_CONVERT, data, self._limits)
        return converted

    async def to_voice_message(self, audio: bytes) -> VoiceMessageAudio:
        """Any audio as a Discord voice message: Ogg Opus, 48 kHz mono, ~32 kbps."""
        voice: VoiceMessageAudio = await self._pool.run(_VOICE_MESSAGE, audio, self._limits)
        return voice

    async def close(self) -> None:
        """Stop the workers (conversions still running are cut short)."""
        await self._pool.close()
