"""List (both cursor spellings), get, batch, update and delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiohttp
import pytest

from simulator import RunningSimulator, SimulatorState

PREDEFINED = ["00000000-0000-4000-8000-00000000a001", "00000000-0000-4000-8000-00000000a002"]


def _add(state: SimulatorState, count: int, **fields: Any) -> list[str]:
    values: dict[str, Any] = {
        "description": None,
        "gender": None,
        "accent": None,
        "style": None,
        "speech_seconds": 5.0,
    }
    values.update(fields)
    return [state.add_custom_voice(name=f"v{i}", **values).voice_id for i in range(count)]


async def _list(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str], **body: Any
) -> tuple[int, dict[str, Any]]:
    async with http.post(f"{sim.url}/voices", json=body, headers=headers) as response:
        return response.status, await response.json()


async def test_list_defaults_and_voice_shape(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    async with http.post(f"{sim.url}/voices", headers=headers) as response:  # no body at all
        assert response.status == 200
        body = await response.json()
    assert [v["voice_id"] for v in body["voices"]] == PREDEFINED
    assert body["next_cursor"] is None
    voice = body["voices"][0]
    assert set(voice) == {
        "voice_id", "name", "description", "language", "gender", "accent", "style",
        "created_at", "updated_at", "voice_type",
    }  # fmt: skip
    assert voice["voice_type"] == "PREDEFINED"
    assert "," in voice["language"]
    created = datetime.fromisoformat(voice["created_at"])
    assert created.tzinfo is None  # like the real API, sometimes


@pytest.mark.parametrize("cursor_name", ["after", "cursor"])
async def test_pagination_walks_every_voice_once_in_creation_order(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str], cursor_name: str
) -> None:
    created = _add(sim.state, 7)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        body_args: dict[str, Any] = {"limit": 3}
        if cursor is not None:
            body_args[cursor_name] = cursor
        status, body = await _list(sim, http, headers, **body_args)
        assert status == 200
        pages += 1
        seen += [v["voice_id"] for v in body["voices"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == PREDEFINED + created
    assert pages == 3


async def test_cursor_survives_deleting_the_last_seen_voice(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    created = _add(sim.state, 4)
    _, first = await _list(sim, http, headers, limit=3, my_voice=True)
    assert [v["voice_id"] for v in first["voices"]] == created[:3]
    del sim.state.voices[created[2]]
    _, second = await _list(sim, http, headers, limit=3, my_voice=True, after=first["next_cursor"])
    assert [v["voice_id"] for v in second["voices"]] == created[3:]
    assert second["next_cursor"] is None


async def test_filters(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    mine = _add(sim.state, 2, gender="Female", accent="Irish", style="Calm, Storytelling")
    _, body = await _list(sim, http, headers, my_voice=True)
    assert [v["voice_id"] for v in body["voices"]] == mine
    _, body = await _list(sim, http, headers, gender="male")
    assert [v["voice_id"] for v in body["voices"]] == [PREDEFINED[1]]
    _, body = await _list(sim, http, headers, language="pt")
    assert [v["voice_id"] for v in body["voices"]] == [PREDEFINED[0]]
    _, body = await _list(sim, http, headers, accent="irish", style="storytelling")
    assert [v["voice_id"] for v in body["voices"]] == mine
    _, body = await _list(sim, http, headers, model_id="async_flash_v1.0", limit=100)
    assert len(body["voices"]) == 4


async def test_bad_limit_and_cursor_are_400(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    for body_args in ({"limit": 0}, {"limit": 101}, {"limit": "5"}, {"after": "%%%"}):
        status, body = await _list(sim, http, headers, **body_args)
        assert status == 400
        assert isinstance(body["detail"], list)


async def test_get_and_404_with_voice_id(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    async with http.get(f"{sim.url}/voices/{PREDEFINED[0]}", headers=headers) as response:
        assert response.status == 200
        assert (await response.json())["name"] == "Ava"
    async with http.get(f"{sim.url}/voices/missing", headers=headers) as response:
        assert response.status == 404
        detail = (await response.json())["detail"]
    assert detail["error_code"] == "VOICE_NOT_FOUND"
    assert detail["extra"] == {"voice_id": "missing"}


async def test_batch_skips_unknown_ids(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    ids = [PREDEFINED[1], "nope", PREDEFINED[0]]
    async with http.post(
        f"{sim.url}/voices/batch", json={"voice_ids": ids}, headers=headers
    ) as response:
        assert response.status == 200
        assert [v["voice_id"] for v in await response.json()] == [PREDEFINED[1], PREDEFINED[0]]
    async with http.post(f"{sim.url}/voices/batch", json={}, headers=headers) as response:
        assert response.status == 400


async def test_update_allowed_fields(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    (voice_id,) = _add(sim.state, 1)
    before = sim.state.voices[voice_id].updated_at
    changes = {"name": "New", "description": "d", "gender": "Neutral", "style": "s", "accent": "a"}
    async with http.put(f"{sim.url}/voices/{voice_id}", json=changes, headers=headers) as response:
        assert response.status == 204
    voice = sim.state.voices[voice_id]
    assert (voice.name, voice.description, voice.gender, voice.style, voice.accent) == (
        "New", "d", "Neutral", "s", "a",
    )  # fmt: skip
    assert voice.updated_at >= before


@pytest.mark.parametrize(
    ("target", "body", "field"),
    [
        ("custom", {"name": "ok", "language": "de"}, "language"),
        ("custom", {"voice_type": "PREDEFINED"}, "voice_type"),
        ("predefined", {"name": "Mine now"}, "name"),
    ],
)
async def test_update_forbidden_fields_and_predefined_voices(
    sim: RunningSimulator,
    http: aiohttp.ClientSession,
    headers: dict[str, str],
    target: str,
    body: dict[str, Any],
    field: str,
) -> None:
    voice_id = _add(sim.state, 1)[0] if target == "custom" else PREDEFINED[0]
    name_before = sim.state.voices[voice_id].name
    async with http.put(f"{sim.url}/voices/{voice_id}", json=body, headers=headers) as response:
        assert response.status == 400
        detail = (await response.json())["detail"]
    assert detail["error_code"] == "VOICE_FIELD_UPDATE_NOT_ALLOWED"
    assert detail["extra"] == {"field": field}
    assert sim.state.voices[voice_id].name == name_before


async def test_update_validation_and_unknown_voice(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    (voice_id,) = _add(sim.state, 1)
    for body in ({"gender": "robot"}, {"name": ""}, {"name": 5}):
        async with http.put(f"{sim.url}/voices/{voice_id}", json=body, headers=headers) as r:
            assert r.status == 400
            assert isinstance((await r.json())["detail"], list)
    async with http.put(f"{sim.url}/voices/nope", json={"name": "x"}, headers=headers) as r:
        assert r.status == 404


async def test_delete_then_gone(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    (voice_id,) = _add(sim.state, 1)
    async with http.delete(f"{sim.url}/voices/{voice_id}", headers=headers) as response:
        assert response.status == 204
    assert voice_id not in sim.state.voices
    for target in (voice_id, PREDEFINED[0]):
        async with http.delete(f"{sim.url}/voices/{target}", headers=headers) as response:
            assert response.status == 404
            detail = (await response.json())["detail"]
            assert detail == {
                "error_code": "VOICE_NOT_FOUND",
                "message": f"Voice {target} not found.",
                "extra": {"voice_id": target},
            }
    assert PREDEFINED[0] in sim.state.voices
