"""convert_sync: every format people send in, every way an input can be wrong."""

from __future__ import annotations

import dataclasses
import hashlib
import struct
import time

import numpy as np
import pytest

from bot.app.settings import Settings
from bot.audio.convert import ConvertedAudio
from bot.audio.limits import AudioLimits
from bot.audio.pipeline import convert_sync
from bot.errors import BotError, NoSpeech, NotAudio, TooLarge, TooShort
from tests.audio.audio_samples import (
    encode_with_pyav,
    read_fixture,
    render,
    silent_flac,
    speech_pcm,
    wav_bytes,
    without_flac_length,
)

MP4 = "mov,mp4,m4a,3gp,3g2,mj2"
#: Speech seconds found in each fixture (espeak-ng reads ~6.9 s, ~6.2 s of it audible, of which
#: the voice-activity model calls ~90 % voice).
SPEECH_FIXTURES = [
    ("voice_message.ogg", "ogg", (9.0, 13.5)),
    ("slack_clip.webm", "matroska,webm", (4.5, 7.0)),
    ("slack_clip_aac.mp4", MP4, (4.5, 7.0)),
    ("speech.mp3", "mp3", (4.5, 7.0)),
    ("speech.m4a", MP4, (4.5, 7.0)),
    ("speech.wav", "wav", (4.5, 7.0)),
    ("speech.flac", "flac", (4.5, 7.0)),
    ("speech.aiff", "aiff", (4.5, 7.0)),
    ("video_with_sound.mp4", MP4, (4.5, 7.0)),
    ("stereo_96k.wav", "wav", (3.0, 4.5)),
]


def assert_good_sample(result: ConvertedAudio, limits: AudioLimits) -> None:
    """The sample is what the clone API should get, checked by decoding it again."""
    assert result.sha256 == hashlib.sha256(result.data).hexdigest()
    assert len(result.data) <= limits.max_output_bytes
    assert result.sample_rate == limits.sample_rate
    assert result.speech_seconds <= limits.max_speech_seconds
    rendered = render(result.data)
    if limits.output_format == "wav":
        assert (result.content_type, result.filename) == ("audio/wav", "sample.wav")
        assert (rendered.container, rendered.codec) == ("wav", "pcm_s16le")
    else:
        assert (result.content_type, result.filename) == ("audio/flac", "sample.flac")
        assert (rendered.container, rendered.codec) == ("flac", "flac")
    assert rendered.channels == 1
    assert rendered.sample_rate == limits.sample_rate
    assert rendered.duration == pytest.approx(result.duration_seconds, abs=0.01)
    assert result.speech_seconds <= rendered.duration <= limits.max_speech_seconds + 0.5
    # Normalised: speech around -20 dBFS RMS, peaks at or under -1 dBFS.
    assert rendered.peak_db <= -0.99
    assert -24.0 <= rendered.speech_rms_db() <= -16.0


@pytest.mark.parametrize(("name", "input_format", "speech_range"), SPEECH_FIXTURES)
def test_speech_in_every_format(
    name: str, input_format: str, speech_range: tuple[float, float], limits: AudioLimits
) -> None:
    result = convert_sync(read_fixture(name), limits)
    assert result.input_format == input_format
    low, high = speech_range
    assert low <= result.speech_seconds <= high
    assert_good_sample(result, limits)


@pytest.mark.parametrize(
    ("codec", "sample_format"),
    [
        ("pcm_u8", "u8"),
        ("pcm_s24le", "s32"),
        ("pcm_s32le", "s32"),
        ("pcm_f32le", "flt"),
        ("pcm_f64le", "flt"),
    ],
)
def test_wav_sample_formats(codec: str, sample_format: str, limits: AudioLimits) -> None:
    pcm, rate = speech_pcm()
    samples = (pcm / 32768.0).astype(np.float32)
    data = encode_with_pyav(
        samples, rate, container="wav", codec=codec, sample_format=sample_format
    )
    assert render(data).codec == codec
    result = convert_sync(data, limits)
    assert 4.5 <= result.speech_seconds <= 7.0
    assert_good_sample(result, limits)


def test_quiet_recording_is_brought_up(limits: AudioLimits) -> None:
    pcm, rate = speech_pcm()
    quiet = (pcm * 0.02).astype(np.int16)  # about -34 dB
    result = convert_sync(wav_bytes(quiet, rate), limits)
    assert_good_sample(result, limits)


def test_flac_output() -> None:
    limits = AudioLimits(output_format="flac")
    result = convert_sync(read_fixture("voice_message.ogg"), limits)
    assert_good_sample(result, limits)
    assert result.data[:4] == b"fLaC"


def test_other_sample_rate() -> None:
    limits = AudioLimits(sample_rate=44100)
    result = convert_sync(read_fixture("speech.mp3"), limits)
    assert_good_sample(result, limits)


def test_silence_around_the_speech_is_trimmed(limits: AudioLimits) -> None:
    pcm, rate = speech_pcm()
    padded = np.concatenate([np.zeros(rate * 5, np.int16), pcm, np.zeros(rate * 5, np.int16)])
    result = convert_sync(wav_bytes(padded, rate), limits)
    plain = convert_sync(wav_bytes(pcm, rate), limits)
    # Only the ~150 ms pads may differ (the plain file has less silence to pad with).
    assert result.duration_seconds == pytest.approx(plain.duration_seconds, abs=0.35)
    assert result.duration_seconds < len(pcm) / rate + 0.5


def test_speech_is_kept_to_the_maximum(limits: AudioLimits) -> None:
    short = dataclasses.replace(limits, max_speech_seconds=5.0, min_speech_seconds=2.0)
    result = convert_sync(read_fixture("voice_message.ogg"), short)
    assert 2.5 <= result.speech_seconds <= 5.0
    assert_good_sample(result, short)


def test_ten_minutes_are_accepted_and_kept_to_the_cap(
    ten_minutes_of_speech: bytes, limits: AudioLimits
) -> None:
    started = time.monotonic()
    result = convert_sync(ten_minutes_of_speech, limits)
    assert time.monotonic() - started < 5.0  # decoding stops once there is enough speech
    assert 20.0 <= result.speech_seconds <= limits.max_speech_seconds
    assert_good_sample(result, limits)


def test_output_over_the_size_limit_drops_the_sample_rate(limits: AudioLimits) -> None:
    # 13.6 s of 24 kHz PCM16 is ~650 KB and 22.05 kHz ~600 KB: only 16 kHz fits.
    tight = dataclasses.replace(limits, max_output_bytes=590_000)
    result = convert_sync(read_fixture("voice_message.ogg"), tight)
    assert result.sample_rate == 16000
    assert len(result.data) <= tight.max_output_bytes
    assert render(result.data).sample_rate == 16000
    with pytest.raises(TooLarge):
        convert_sync(
            read_fixture("voice_message.ogg"), dataclasses.replace(limits, max_output_bytes=1000)
        )


def test_truncated_ogg_keeps_what_decoded(limits: AudioLimits) -> None:
    """A cut download goes on when what came before the cut is enough speech."""
    whole = convert_sync(read_fixture("voice_message.ogg"), limits)
    cut = convert_sync(read_fixture("truncated.ogg"), limits)
    assert 3.0 <= cut.speech_seconds < whole.speech_seconds - 5.0
    assert_good_sample(cut, limits)
    # Cut shorter still, it is too short rather than "not audio".
    with pytest.raises(TooShort):
        convert_sync(read_fixture("voice_message.ogg")[:12_000], limits)


# --- refused inputs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", NotAudio),
        (read_fixture("login_page.html"), NotAudio),
        (read_fixture("image.png"), NotAudio),
        (read_fixture("random.bin"), NotAudio),
        (b"OggS" + read_fixture("random.bin"), NotAudio),
        (b"\x1a\x45\xdf\xa3" + read_fixture("random.bin"), NotAudio),
        (b"fLaC" + bytes(4000), NotAudio),
        (read_fixture("voice_message.ogg")[:200], NotAudio),  # headers, no audio
        (read_fixture("video_no_sound.mp4"), NotAudio),
        (read_fixture("silence.wav"), NoSpeech),
        (read_fixture("one_second.ogg"), TooShort),
    ],
    ids=[
        "empty",
        "html",
        "png",
        "random",
        "ogg-magic-then-garbage",
        "webm-magic-then-garbage",
        "flac-magic-then-zeros",
        "ogg-headers-only",
        "video-without-sound",
        "silence",
        "one-second",
    ],
)
def test_refused(data: bytes, error: type[BotError], limits: AudioLimits) -> None:
    started = time.monotonic()
    with pytest.raises(error) as caught:
        convert_sync(data, limits)
    assert time.monotonic() - started < 2.0
    assert caught.value.code == error.code
    assert caught.value.message


def test_video_without_sound_says_so(limits: AudioLimits) -> None:
    with pytest.raises(NotAudio) as caught:
        convert_sync(read_fixture("video_no_sound.mp4"), limits)
    assert "video has no sound" in caught.value.message


def test_digital_silence_is_no_speech(limits: AudioLimits) -> None:
    with pytest.raises(NoSpeech):
        convert_sync(wav_bytes(np.zeros(16000 * 8, np.int16), 16000), limits)


def test_a_steady_tone_is_no_speech(limits: AudioLimits) -> None:
    rate = 16000
    tone = (0.3 * 32767 * np.sin(2 * np.pi * 440 * np.arange(rate * 8) / rate)).astype(np.int16)
    with pytest.raises(NoSpeech) as caught:
        convert_sync(wav_bytes(tone, rate), limits)
    assert "no voice" in caught.value.message


def test_over_the_input_size_cap(limits: AudioLimits) -> None:
    data = read_fixture("speech.wav")
    with pytest.raises(TooLarge):
        convert_sync(data, dataclasses.replace(limits, max_input_bytes=len(data) - 1))


# --- inputs that would cost hours --------------------------------------------------------


def test_hour_long_file_is_refused_from_its_header(limits: AudioLimits) -> None:
    bomb = silent_flac(3600)
    assert len(bomb) < 20_000
    started = time.monotonic()
    with pytest.raises(TooLarge) as caught:
        convert_sync(bomb, limits)
    assert time.monotonic() - started < 1.0
    assert "too long" in caught.value.message


@pytest.mark.parametrize("level", [0, 3000], ids=["silence", "dc-offset"])
def test_hours_without_a_declared_length_stop_at_the_decoded_cap(
    level: int, limits: AudioLimits
) -> None:
    """Nothing in the header says how long it is: decoding stops at max_decoded_seconds."""
    bomb = without_flac_length(silent_flac(3600, level=level))
    assert len(bomb) < 20_000
    started = time.monotonic()
    with pytest.raises((TooLarge, NoSpeech)) as caught:
        convert_sync(bomb, limits)
    assert time.monotonic() - started < 3.0
    if level == 0:
        assert isinstance(caught.value, TooLarge)


def test_decoded_cap_applies_to_ordinary_files(limits: AudioLimits) -> None:
    data = without_flac_length(read_fixture("speech.flac"))
    with pytest.raises(TooLarge):
        convert_sync(data, dataclasses.replace(limits, max_decoded_seconds=3.0))


def test_wav_header_declaring_hours(limits: AudioLimits) -> None:
    """A header promising 74 hours over 4 KB of data: refused at once, whatever the reason."""
    header = (
        b"RIFF"
        + struct.pack("<I", 0xFFFFFFF0)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
        + b"data"
        + struct.pack("<I", 0xFFFFFFD0)
    )
    started = time.monotonic()
    with pytest.raises((TooLarge, NoSpeech, TooShort)):
        convert_sync(header + bytes(4096), limits)
    assert time.monotonic() - started < 1.0


def test_wall_time_limit(limits: AudioLimits, ten_minutes_of_speech: bytes) -> None:
    no_time = dataclasses.replace(limits, max_decode_wall_seconds=1e-9)
    with pytest.raises(TooLarge):
        convert_sync(ten_minutes_of_speech, no_time)


# --- settings ----------------------------------------------------------------------------


def test_limits_from_settings() -> None:
    settings = Settings(
        _env_file=None,
        max_upload_mb=10,
        min_speech_seconds=4,
        max_speech_seconds=20,
        max_decoded_seconds=600,
        max_decode_wall_seconds=5,
        audio_output_format="flac",
    )
    limits = AudioLimits.from_settings(settings)
    assert limits == AudioLimits(
        max_input_bytes=10 * 1024 * 1024,
        min_speech_seconds=4.0,
        max_speech_seconds=20.0,
        max_decoded_seconds=600.0,
        max_decode_wall_seconds=5.0,
        output_format="flac",
    )


def test_converting_is_pure(limits: AudioLimits) -> None:
    data = read_fixture("speech.m4a")
    assert convert_sync(data, limits) == convert_sync(data, limits)
    assert read_fixture("speech.m4a") == data
