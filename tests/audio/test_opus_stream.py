"""Encoding a voice channel's speech: a batch of PCM becomes one Opus packet per 20 ms frame,
in order, and decodes back to the same sound."""

from __future__ import annotations

import av
import numpy as np

from bot.audio.opus_stream import FRAME_SAMPLES, SAMPLE_RATE, OpusFrameStream


def tone(frames: int) -> np.ndarray:
    t = np.arange(frames * FRAME_SAMPLES) / SAMPLE_RATE
    return (np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2")


def decode(packets: list[bytes]) -> np.ndarray:
    decoder = av.CodecContext.create("libopus", "r")
    decoder.sample_rate = SAMPLE_RATE
    decoder.layout = "mono"
    pcm = []
    for data in packets:
        for frame in decoder.decode(av.Packet(data)):
            pcm.append(frame.to_ndarray().reshape(-1).astype(np.float32))
    return np.concatenate(pcm)


async def test_a_batch_is_one_packet_per_frame_and_sounds_the_same() -> None:
    stream = OpusFrameStream(encode_ahead=False)
    pcm = tone(50)
    first = stream._encode(pcm[: 30 * FRAME_SAMPLES].tobytes())
    second = stream._encode(pcm[30 * FRAME_SAMPLES :].tobytes())  # the next batch goes on
    assert (len(first), len(second)) == (30, 20)
    decoded = decode(first + second)
    assert len(decoded) == 50 * FRAME_SAMPLES
    # libopus delays its output a little: compare after lining the two up.
    reference = pcm.astype(np.float32) / 32768
    best = max(
        float(np.corrcoef(decoded[shift : shift + 24000], reference[:24000])[0, 1])
        for shift in range(0, 480, 8)
    )
    assert best > 0.95
