"""The in-band quota marker is found across any chunk boundaries and never passed on."""

from __future__ import annotations

import itertools

import pytest

from bot.api import QUOTA_MARKER
from bot.api.streaming import MarkerScanner

AUDIO = bytes(range(256)) * 3


def run(chunks: list[bytes]) -> tuple[bytes, bool]:
    scanner = MarkerScanner(QUOTA_MARKER)
    out = b"".join(scanner.feed(chunk) for chunk in chunks)
    if not scanner.found:
        out += scanner.flush()
    return out, scanner.found


@pytest.mark.parametrize("cut", range(1, len(QUOTA_MARKER)))
def test_marker_split_in_two(cut: int) -> None:
    stream = AUDIO + QUOTA_MARKER + b"trailing"
    split = len(AUDIO) + cut
    out, found = run([stream[:split], stream[split:]])
    assert found
    assert out == AUDIO


def test_marker_split_across_many_tiny_chunks() -> None:
    stream = AUDIO + QUOTA_MARKER
    out, found = run([stream[i : i + 1] for i in range(len(stream))])
    assert found
    assert out == AUDIO


def test_every_three_way_split_of_the_marker() -> None:
    stream = b"abc" + QUOTA_MARKER
    for first, second in itertools.combinations(range(1, len(stream)), 2):
        out, found = run([stream[:first], stream[first:second], stream[second:]])
        assert found
        assert out == b"abc"


def test_a_partial_marker_that_never_completes_is_audio() -> None:
    partial = QUOTA_MARKER[:10]
    out, found = run([AUDIO + partial, b"more audio"])
    assert not found
    assert out == AUDIO + partial + b"more audio"
    out, found = run([AUDIO, partial])
    assert not found
    assert out == AUDIO + partial


def test_only_a_possible_marker_start_is_held_back() -> None:
    scanner = MarkerScanner(QUOTA_MARKER)
    assert scanner.feed(b"audio--ER") == b"audio"
    assert scanner.feed(b"audio") == b"--ERaudio"
