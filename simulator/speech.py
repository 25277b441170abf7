"""Text to speech: plain, streaming (with the in-band quota marker) and with timestamps."""

from __future__ import annotations

import asyncio
import base64
import logging
from typing import Final

from aiohttp import web

from simulator.audio import bytes_per_sample
from simulator.audio import speak as synthesize
from simulator.errors import ApiError, error_response, json_response, validation_response
from simulator.request_handling import json_object, voice_or_404
from simulator.state import STATE_KEY, SimulatorState
from simulator.tts import LanguageInvalid, RequestInvalid, TtsRequest, parse_tts_request

log = logging.getLogger(__name__)

QUOTA_MARKER: Final = b"--ERROR:QUOTA_EXCEEDED--"
STREAM_PAUSE_SECONDS: Final = 0.005
CONTENT_TYPES: Final = {"mp3": "audio/mpeg", "wav": "audio/wav", "raw": "application/octet-stream"}


async def _tts_request(request: web.Request, endpoint: str) -> TtsRequest:
    body = await json_object(request)
    try:
        tts = parse_tts_request(body, endpoint=endpoint)
    except RequestInvalid as exc:
        raise ApiError(validation_response(exc.loc, exc.msg, "value_error", exc.value)) from exc
    except LanguageInvalid as exc:
        raise ApiError(error_response("INVALID_LANGUAGE", str(exc))) from exc
    state = request.app[STATE_KEY]
    voice_or_404(state, tts.voice_id)
    state.transcripts.append(str(body["transcript"]))
    state.speech_requests.append((tts.voice_id, str(body["transcript"])))
    return tts


def _charge_whole(state: SimulatorState, chars: int) -> None:
    """Non-streaming endpoints either fit in the quota or fail up front with 429."""
    if state.tts_quota_chars is None:
        return
    if chars > state.tts_quota_chars:
        raise ApiError(
            error_response(
                "USAGE_LIMIT_EXCEEDED",
                extra={"remaining_characters": state.tts_quota_chars, "requested": chars},
            )
        )
    state.tts_quota_chars -= chars


async def _render(tts: TtsRequest) -> bytes:
    out = tts.output
    return await asyncio.to_thread(
        synthesize,
        tts.segments,
        tts.voice_id,
        out.container,
        out.sample_rate,
        out.encoding,
        out.bit_rate,
    )


async def tts(request: web.Request) -> web.Response:
    tts = await _tts_request(request, "tts")
    _charge_whole(request.app[STATE_KEY], tts.billable_chars)
    audio = await _render(tts)
    return web.Response(body=audio, content_type=CONTENT_TYPES[tts.output.container])


async def tts_timestamps(request: web.Request) -> web.Response:
    tts = await _tts_request(request, "tts_timestamps")
    _charge_whole(request.app[STATE_KEY], tts.billable_chars)
    audio = await _render(tts)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    clock = 0.0
    for segment in tts.segments:
        if segment.word is not None:
            spoken = segment.seconds * len(segment.word) / (len(segment.word) + 1)
            words.append(segment.word)
            starts.append(round(clock * 1000))
            ends.append(round((clock + spoken) * 1000))
        clock += segment.seconds
    alignment = {
        "words": words,
        "word_start_times_milliseconds": starts,
        "word_end_times_milliseconds": ends,
    }
    return json_response(
        200, {"audio_base64": base64.b64encode(audio).decode(), "alignment": alignment}
    )


async def tts_stream(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    tts = await _tts_request(request, "tts_stream")
    chars = tts.billable_chars
    remaining = state.tts_quota_chars
    if remaining is not None and remaining <= 0:
        return error_response("USAGE_LIMIT_EXCEEDED", extra={"remaining_characters": 0})
    audio = await _render(tts)
    cut_at: int | None = None
    if remaining is not None:
        if chars > remaining:
            # the quota runs out mid-sentence: stream what it paid for, then the in-band error
            cut_at = len(audio) * remaining // chars
            if tts.output.container == "raw":
                cut_at -= cut_at % bytes_per_sample(tts.output.encoding)
            state.tts_quota_chars = 0
        else:
            state.tts_quota_chars = remaining - chars
    response = web.StreamResponse(
        status=200, headers={"Content-Type": CONTENT_TYPES[tts.output.container]}
    )
    response.enable_chunked_encoding()
    await response.prepare(request)
    payload = audio if cut_at is None else audio[:cut_at]
    live = state.tts_stream_pace > 0 or bool(state.stream_faults)
    if tts.output.container == "raw" and cut_at is None and live:
        await _stream_live(request, response, state, tts, payload)
        return response
    pieces = _chunks(payload)
    if cut_at is not None:
        # Split the marker over two writes so clients must find it across chunk boundaries.
        split = 1 + len(state.calls) % (len(QUOTA_MARKER) - 1)
        last = pieces.pop() if pieces else b""
        pieces += [last + QUOTA_MARKER[:split], QUOTA_MARKER[split:]]
    # Short pauses let pieces leave as separate TCP reads too; long streams skip them.
    pause = STREAM_PAUSE_SECONDS if len(pieces) <= 32 else 0.0
    try:
        for piece in pieces:
            await response.write(piece)
            await asyncio.sleep(pause)
        await response.write_eof()
    except ConnectionResetError:
        log.debug("streaming client went away")
    return response


LIVE_CHUNK_SECONDS: Final = 0.05


async def _stream_live(
    request: web.Request,
    response: web.StreamResponse,
    state: SimulatorState,
    tts: TtsRequest,
    payload: bytes,
) -> None:
    """Raw PCM as a live synthesiser sends it: 50 ms pieces at ``tts_stream_pace`` times real
    time, with the next queued stall or cut."""
    fault = state.stream_faults.pop(0) if state.stream_faults else None
    bytes_per_second = tts.output.sample_rate * bytes_per_sample(tts.output.encoding)
    step = max(bytes_per_sample(tts.output.encoding), int(bytes_per_second * LIVE_CHUNK_SECONDS))
    step -= step % bytes_per_sample(tts.output.encoding)
    fault_at = None if fault is None else int(fault.after_seconds * bytes_per_second)
    try:
        for start in range(0, len(payload), step):
            if fault is not None and fault_at is not None and start >= fault_at:
                if fault.kind == "cut":
                    log.debug("stream fault: cutting the stream")
                    if request.transport is not None:
                        request.transport.close()
                    return
                await asyncio.sleep(fault.seconds)
                fault = None
            await response.write(payload[start : start + step])
            if state.tts_stream_pace > 0:
                await asyncio.sleep(LIVE_CHUNK_SECONDS / state.tts_stream_pace)
        await response.write_eof()
    except ConnectionResetError:
        log.debug("streaming client went away")


def _chunks(data: bytes) -> list[bytes]:
    size = max(512, min(16 * 1024, -(-len(data) // 6)))
    return [data[i : i + size] for i in range(0, len(data), size)]
