"""The downmix to mono keeps the level of one channel: more channels are not louder (issue 17).

The surround fixtures (tests/fixtures/audio/make_format_fixtures.sh) carry the same speech in
most channels; their channels are decoded here with PyAV alone, not with the code under test.
"""

from __future__ import annotations

import io

import av
import numpy as np
import numpy.typing as npt
import pytest

from bot.audio.decode import decode_mono
from bot.audio.limits import AudioLimits
from bot.audio.pipeline import convert_sync
from tests.audio.audio_samples import Rendered, read_fixture, speech_pcm, wav_bytes

RATE = 24000


def channels_of(data: bytes) -> tuple[list[str], npt.NDArray[np.float64], int]:
    """Each channel's samples (rows), with the channel names and the rate."""
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.audio[0]
        names = [channel.name for channel in stream.codec_context.layout.channels]
        rate = stream.codec_context.sample_rate
        # Interleaved: PyAV's to_ndarray crashes on 8 planes.
        packed = av.AudioResampler(format="flt")
        blocks = [
            out.to_ndarray().reshape(-1)
            for frame in container.decode(stream)
            for out in packed.resample(frame)
        ]
    interleaved = np.concatenate(blocks).astype(np.float64)
    return names, interleaved.reshape(-1, len(names)).T, rate


def speech_db(samples: npt.NDArray[np.float64], rate: int) -> float:
    return Rendered("", "", rate, 1, samples).speech_rms_db()


def mono_of(data: bytes) -> npt.NDArray[np.float64]:
    decoded = decode_mono(data, sample_rate=RATE, limits=AudioLimits())
    return decoded.samples.astype(np.float64)


@pytest.mark.parametrize(
    ("name", "layout"),
    [("speech_surround51.m4a", "5.1"), ("speech_surround71.ogg", "7.1")],
)
def test_a_surround_recording_is_as_loud_as_its_centre_channel(name: str, layout: str) -> None:
    data = read_fixture(f"formats/{name}")
    names, channels, rate = channels_of(data)
    assert len(names) == av.AudioLayout(layout).nb_channels
    centre = channels[names.index("FC")]
    mono = mono_of(data)
    # The weights add up to 1: within a couple of dB of the centre (the 5.1 fixture's back
    # channels are half as loud), never the sum (+9 dB for the 5.1, +13 dB for the 7.1).
    assert speech_db(mono, RATE) == pytest.approx(speech_db(centre, rate), abs=2.0)
    # And no louder than the loudest channel anywhere: nothing to clip that wasn't clipped.
    assert np.abs(mono).max() <= np.abs(channels).max() * 1.02


def test_the_same_voice_in_both_stereo_channels_keeps_its_level() -> None:
    pcm, rate = speech_pcm()
    mono = mono_of(wav_bytes(pcm, rate))
    stereo = mono_of(wav_bytes(np.repeat(pcm, 2), rate, channels=2))
    assert speech_db(stereo, RATE) == pytest.approx(speech_db(mono, RATE), abs=0.1)
    assert np.abs(stereo).max() == pytest.approx(np.abs(mono).max(), rel=0.01)


@pytest.mark.parametrize("name", ["speech_surround51.m4a", "speech_surround71.ogg"])
def test_surround_speech_is_cloned_without_a_tip(name: str) -> None:
    """The 5.1 was refused as clipped and the 7.1 (peaks at -8 dBFS) got the clipping tip."""
    result = convert_sync(read_fixture(f"formats/{name}"), AudioLimits())
    assert result.quality_tip is None
    assert result.speech_seconds >= 4.0
