"""From whatever a member sent to the sample the clone API gets: the pipeline, run in a worker.

:func:`convert_sync` is the whole pipeline, pure and CPU-bound: refuse what is plainly not
audio, let FFmpeg's prober pick the demuxer among the allowed ones, decode the first audio
stream to mono at the output rate (bounded), ask the voice-activity model whether it is a voice
and measure its quality, trim and cap the speech, normalise the level, encode WAV or FLAC.
:class:`bot.audio.convert.AudioConverter` runs it in capped, watched worker processes.

A recording that breaks off (a cut download, a truncated Ogg) is not refused for that alone:
what decoded before the break goes on through the same checks, so it is accepted when it still
holds enough speech and refused as ``too_short`` or ``no_speech`` otherwise.
"""

from __future__ import annotations

import hashlib
import logging

import numpy as np

from bot.audio import vad
from bot.audio.decode import DecodedAudio, decode_mono, resample_mono
from bot.audio.encode import encode_flac, encode_ogg_opus, encode_wav
from bot.audio.limits import AudioLimits, too_large
from bot.audio.quality import check_voice
from bot.audio.results import ConvertedAudio
from bot.audio.sniff import non_audio_kind
from bot.audio.speech import SpeechSample, shape_sample
from bot.errors import NotAudio, TooLarge

log = logging.getLogger(__name__)

#: Decoding stops once the sample's length of audio after the first speech is in, plus this:
#: the speech can start a little later in the end (a louder passage raises the threshold).
_START_MARGIN_SECONDS = 3.0
#: Lower rates tried, in order, when a (long) sample doesn't fit the API's file size limit.
_FALLBACK_RATES = (22050, 16000)


def convert_sync(data: bytes | bytearray, limits: AudioLimits) -> ConvertedAudio:
    """The whole conversion. Raises :class:`NotAudio`, :class:`bot.errors.NoSpeech`,
    :class:`bot.errors.TooShort` and :class:`TooLarge`."""
    if len(data) > limits.max_input_bytes:
        raise too_large(limits.max_input_bytes)
    kind = non_audio_kind(data)
    if kind is not None:
        log.info("refused: the bytes are %s, not audio", kind)
        raise NotAudio()
    decoded = decode_for_sample(data, limits)
    voice = check_voice(decoded.samples, decoded.sample_rate)
    sample = shape_sample(
        decoded.samples,
        decoded.sample_rate,
        min_speech_seconds=limits.min_speech_seconds,
        max_speech_seconds=limits.max_speech_seconds,
        speech_share=voice.voiced_fraction,
    )
    encoded, sample_rate = _encode_within(sample, decoded.sample_rate, limits)
    log.info(
        "converted %s: %.1f s decoded%s%s, %.1f s of speech kept (voice %.0f %%, level %.0f dBFS, "
        "SNR %.0f dB, clipped %.2f %%), %d bytes of %s",
        decoded.input_format,
        decoded.decoded_seconds,
        " (stopped early)" if decoded.stopped_early else "",
        " (broken off)" if decoded.truncated else "",
        sample.speech_seconds,
        voice.speech_share * 100,
        voice.level_db,
        voice.snr_db,
        voice.clipped_share * 100,
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
        quality_tip=voice.tip,
    )


def decode_for_sample(data: bytes | bytearray, limits: AudioLimits) -> DecodedAudio:
    """The decoding step of :func:`convert_sync` alone: the audio a sample can come from."""
    return decode_mono(
        data,
        sample_rate=limits.sample_rate,
        limits=limits,
        enough_seconds=limits.max_speech_seconds + _START_MARGIN_SECONDS,
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


def warm_worker() -> None:
    """Load the codecs once so the first real conversion doesn't pay for it."""
    silence = np.zeros(4800, dtype=np.float32)
    ogg = encode_ogg_opus(silence, 48000, bit_rate=32000)
    decode_mono(ogg, sample_rate=24000, limits=AudioLimits())
    encode_wav(silence, 24000)
    encode_flac(silence, 24000)
    vad.warm()
