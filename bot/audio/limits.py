"""The bounds every conversion works within, from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.errors import TooLarge

if TYPE_CHECKING:
    from bot.app.settings import Settings


@dataclass(frozen=True)
class AudioLimits:
    """What a member's audio may cost us, and the shape of the sample we send to the API.

    Picklable on purpose: it travels to the conversion worker processes with every job.
    """

    max_input_bytes: int = 25 * 1024 * 1024
    min_speech_seconds: float = 3.0
    max_speech_seconds: float = 30.0
    #: The longest recording accepted. Decoding stops and rejects (``too_large``) once this much
    #: audio is decoded, or up front when the container's header already declares more.
    max_decoded_seconds: float = 900.0
    #: A backstop for inputs that are slow to decode whatever their length.
    max_decode_wall_seconds: float = 20.0
    output_format: Literal["wav", "flac"] = "wav"
    #: 24 kHz mono keeps everything a voice clone uses (speech energy sits below 8 kHz, and the
    #: common cloning models run at 22.05 or 24 kHz) while 30 s of PCM16 stays ~1.4 MB.
    sample_rate: int = 24000
    #: The API refuses files over 10 MB; keep a margin for the multipart framing.
    max_output_bytes: int = 9_900_000
    #: Address space a worker process may add to its start-up size (its memory cap), in MB.
    worker_memory_mb: int = 256
    #: A worker still busy this long after the decode wall limit is killed and replaced.
    watchdog_margin_seconds: float = 10.0
    #: Jobs a worker does before it is replaced by a fresh process.
    worker_max_jobs: int = 200
    #: How long a worker beyond the one kept warm stays without work before it exits.
    worker_idle_seconds: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> AudioLimits:
        return cls(
            max_input_bytes=settings.max_upload_bytes,
            min_speech_seconds=settings.min_speech_seconds,
            max_speech_seconds=settings.max_speech_seconds,
            max_decoded_seconds=settings.max_decoded_seconds,
            max_decode_wall_seconds=settings.max_decode_wall_seconds,
            output_format=settings.audio_output_format,
            worker_memory_mb=settings.audio_worker_memory_mb,
            watchdog_margin_seconds=settings.audio_watchdog_margin_seconds,
            worker_max_jobs=settings.audio_worker_max_jobs,
            worker_idle_seconds=settings.audio_worker_idle_seconds,
        )


def too_large(max_bytes: int) -> TooLarge:
    """The refusal of a file over ``max_bytes``, in the bot and in an audio worker alike."""
    megabytes = max_bytes / (1024 * 1024)
    return TooLarge(
        f"That file is too large (the limit is {megabytes:g} MB). Send a shorter recording: "
        "30 seconds of speech is plenty.",
        key="error-file-too-large",
        params={"megabytes": megabytes},
    )
