"""The simulator's whole world: voices, the call log, knobs and queued faults.

Everything runs on one event loop, so plain mutation is safe. Tests drive it directly
(``state.inject(...)``); a bot running as a subprocess drives it over ``/_sim/*``.
"""

from __future__ import annotations

import math
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal

from aiohttp import web

from simulator.errors import CATALOGUE, SERVER_ERROR, server_error_body, wrapped_body

#: Route names a fault can target ("*" matches every API route).
ROUTES: frozenset[str] = frozenset(
    {
        "status",
        "clone",
        "list",
        "get",
        "batch",
        "update",
        "delete",
        "preview",
        "tts",
        "tts_stream",
        "tts_timestamps",
        "*",
    }
)
CLONE_LANGUAGES = "en,de,es,fr,it"
VOICE_TYPES = ("CUSTOM", "PREDEFINED")
#: What a fault does with the request: answer it, or lose it ("reset" drops the
#: connection, "hang" never answers so the client times out).
FaultAction = Literal["respond", "reset", "hang"]


@dataclass
class SimVoice:
    voice_id: str
    name: str
    description: str | None
    language: str
    gender: str | None
    accent: str | None
    style: str | None
    created_at: datetime
    updated_at: datetime
    voice_type: str
    speech_seconds: float
    preview_ready_at: float  # time.monotonic() value

    def to_api(self) -> dict[str, Any]:
        """The API's Voice object; timestamps carry no timezone, as the real API sometimes does."""
        return {
            "voice_id": self.voice_id,
            "name": self.name,
            "description": self.description,
            "language": self.language,
            "gender": self.gender,
            "accent": self.accent,
            "style": self.style,
            "created_at": _naive_iso(self.created_at),
            "updated_at": _naive_iso(self.updated_at),
            "voice_type": self.voice_type,
        }

    def preview_ready(self, now: float | None = None) -> bool:
        return (time.monotonic() if now is None else now) >= self.preview_ready_at


@dataclass
class Fault:
    error_code: str | None
    status: int
    body: Any
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    action: FaultAction = "respond"


def _naive_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat()


def _seed_voices() -> dict[str, SimVoice]:
    seeded_at = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    seeds = [
        SimVoice(
            voice_id="00000000-0000-4000-8000-00000000a001",
            name="Ava",
            description="A warm, clear narrator.",
            language="en,de,es,fr,it,pt",
            gender="Female",
            accent="American (US)",
            style="Conversational",
            created_at=seeded_at,
            updated_at=seeded_at,
            voice_type="PREDEFINED",
            speech_seconds=30.0,
            preview_ready_at=0.0,
        ),
        SimVoice(
            voice_id="00000000-0000-4000-8000-00000000a002",
            name="Liam",
            description="A calm storyteller.",
            language="en",
            gender="Male",
            accent="British (UK)",
            style="Storytelling",
            created_at=seeded_at,
            updated_at=seeded_at,
            voice_type="PREDEFINED",
            speech_seconds=30.0,
            preview_ready_at=0.0,
        ),
    ]
    return {voice.voice_id: voice for voice in seeds}


def _check_route(route: str) -> None:
    if route not in ROUTES:
        raise ValueError(f"unknown route {route!r}; expected one of {sorted(ROUTES)}")


@dataclass
class StreamFault:
    """What the next raw speech stream does part-way: ``stall`` pauses ``seconds`` after
    ``after_seconds`` of audio; ``cut`` drops the connection there."""

    kind: Literal["stall", "cut"]
    after_seconds: float
    seconds: float = 0.0


@dataclass
class SimulatorState:
    api_key: str = "sk_test_simulator"
    version: str = "v1"
    latency_seconds: float = 0.0
    preview_delay_seconds: float = 0.0
    clone_limit: int | None = None
    tts_quota_chars: int | None = None
    preview_link_ttl_seconds: int = 3600
    voices: dict[str, SimVoice] = field(default_factory=_seed_voices)
    calls: list[tuple[str, str]] = field(default_factory=list)
    #: The transcript of every accepted text-to-speech request, in order.
    transcripts: list[str] = field(default_factory=list)
    #: ``(voice id, transcript)`` of every accepted text-to-speech request, in order.
    speech_requests: list[tuple[str, str]] = field(default_factory=list)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    dropped_clones: list[Fault] = field(default_factory=list)
    #: Raw (PCM) speech streams are paced at this multiple of real time (0: as fast as they go).
    tts_stream_pace: float = 0.0
    stream_faults: list[StreamFault] = field(default_factory=list)
    signing_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    _knobs: tuple[float, float, int | None, int | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # reset() returns to these, so a CLI-started simulator keeps its --latency etc.
        self._knobs = (
            self.latency_seconds,
            self.preview_delay_seconds,
            self.clone_limit,
            self.tts_quota_chars,
        )

    # --- voices -------------------------------------------------------------------------
    def add_custom_voice(
        self,
        *,
        name: str,
        description: str | None,
        gender: str | None,
        accent: str | None,
        style: str | None,
        speech_seconds: float,
    ) -> SimVoice:
        now = datetime.now(UTC)
        voice = SimVoice(
            voice_id=str(uuid.uuid4()),
            name=name,
            description=description,
            language=CLONE_LANGUAGES,
            gender=gender,
            accent=accent,
            style=style,
            created_at=now,
            updated_at=now,
            voice_type="CUSTOM",
            speech_seconds=speech_seconds,
            preview_ready_at=time.monotonic() + self.preview_delay_seconds,
        )
        self.voices[voice.voice_id] = voice
        return voice

    def custom_voice_count(self) -> int:
        return sum(1 for voice in self.voices.values() if voice.voice_type == "CUSTOM")

    # --- faults -------------------------------------------------------------------------
    def inject(
        self,
        route: str,
        error_code: str,
        *,
        times: int = 1,
        status: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Answer the next ``times`` requests to ``route`` with the documented error body."""
        _check_route(route)
        if status is None:
            spec = CATALOGUE.get(error_code)
            if spec is None:
                raise ValueError(f"unknown error code {error_code!r}: pass status= as well")
            status = spec.status
        body: dict[str, Any]
        if error_code == SERVER_ERROR:
            body = server_error_body()  # method and url are filled in per request
        else:
            body = wrapped_body(error_code, extra=extra)
        self._queue(route, Fault(error_code, status, body, times))

    def inject_raw(
        self,
        route: str,
        status: int,
        body: str | bytes | dict[str, Any] | list[Any],
        *,
        times: int = 1,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer with exactly this body: proxy HTML, FastAPI list detail, string detail..."""
        _check_route(route)
        fault = Fault(None, status, body, times, dict(headers or {}), content_type)
        self._queue(route, fault)

    def rate_limit(
        self, route: str, *, times: int = 1, retry_after_ms: int = 200, header: bool = False
    ) -> None:
        _check_route(route)
        body = wrapped_body(
            "RATE_LIMIT_EXCEEDED", extra={"retry_after_ms": retry_after_ms, "limit": 60}
        )
        headers = {"Retry-After": str(math.ceil(retry_after_ms / 1000))} if header else {}
        self._queue(route, Fault("RATE_LIMIT_EXCEEDED", 429, body, times, headers))

    def drop_clone_response(
        self, times: int = 1, *, mode: Literal["reset", "hang"] = "reset"
    ) -> None:
        """The next clones create their voice, then lose the response."""
        self.dropped_clones.append(Fault(None, 0, None, times, action=mode))

    def timeout(self, route: str, *, times: int = 1) -> None:
        """The next requests to ``route`` hang without doing anything."""
        _check_route(route)
        self._queue(route, Fault(None, 0, None, times, action="hang"))

    def stall_stream(self, after_seconds: float, seconds: float) -> None:
        """The next raw speech stream stops sending for ``seconds`` part-way."""
        self.stream_faults.append(StreamFault("stall", after_seconds, seconds))

    def cut_stream(self, after_seconds: float) -> None:
        """The next raw speech stream breaks off part-way (the connection drops)."""
        self.stream_faults.append(StreamFault("cut", after_seconds))

    def clear_faults(self) -> None:
        self.faults.clear()
        self.dropped_clones.clear()
        self.stream_faults.clear()

    def take_fault(self, route: str) -> Fault | None:
        """Consume one use of the first fault queued for ``route`` (or for "*")."""
        for key in (route, "*"):
            queue = self.faults.get(key)
            if queue:
                return _consume(queue)
        return None

    def take_dropped_clone(self) -> Fault | None:
        return _consume(self.dropped_clones) if self.dropped_clones else None

    def _queue(self, route: str, fault: Fault) -> None:
        if fault.times < 1:
            raise ValueError("times must be at least 1")
        self.faults.setdefault(route, []).append(fault)

    # --- bookkeeping --------------------------------------------------------------------
    def count(self, method: str, path_prefix: str) -> int:
        method = method.upper()
        return sum(1 for m, path in self.calls if m == method and path.startswith(path_prefix))

    def reset(self) -> None:
        """Back to the start state; api_key, version and the signing key stay."""
        self.voices = _seed_voices()
        self.calls.clear()
        self.transcripts.clear()
        self.speech_requests.clear()
        self.clear_faults()
        (
            self.latency_seconds,
            self.preview_delay_seconds,
            self.clone_limit,
            self.tts_quota_chars,
        ) = self._knobs


def _consume(queue: list[Fault]) -> Fault:
    fault = queue[0]
    fault.times -= 1
    if fault.times <= 0:
        queue.pop(0)
    return fault


#: Where :func:`simulator.app.create_app` keeps the state (control routes read it too).
STATE_KEY: Final = web.AppKey("simulator_state", SimulatorState)
