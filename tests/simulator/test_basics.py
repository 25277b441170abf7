"""Headers, the status check, the call log and unknown routes."""

from __future__ import annotations

import aiohttp

from simulator import RunningSimulator, SimulatorState, run_simulator


async def test_status_needs_only_the_version(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    async with http.get(f"{sim.url}/", headers={"version": "v1"}) as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok", "version": "v1"}


async def test_missing_or_unknown_version_is_version_not_found(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    key = {"x-api-key": sim.state.api_key}
    for headers in ({}, {"version": "v2"}, key, {**key, "version": "v9"}):
        async with http.get(f"{sim.url}/voices/x", headers=headers) as response:
            assert response.status == 404
            body = await response.json()
            assert body["detail"]["error_code"] == "VERSION_NOT_FOUND"
            assert body["detail"]["extra"] == {}
    async with http.get(f"{sim.url}/") as response:
        assert response.status == 404


async def test_wrong_key_is_401_and_echoes_a_truncated_key(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    wrong = "sk_abcdefghijklmnop"
    async with http.post(
        f"{sim.url}/voices", json={}, headers={"version": "v1", "x-api-key": wrong}
    ) as response:
        assert response.status == 401
        detail = (await response.json())["detail"]
    assert detail["error_code"] == "INVALID_API_KEY"
    assert "sk_abc..." in detail["message"]
    assert wrong not in detail["message"]
    async with http.post(f"{sim.url}/voices", json={}, headers={"version": "v1"}) as response:
        assert response.status == 401
        assert (await response.json())["detail"]["error_code"] == "INVALID_API_KEY"


async def test_custom_key_and_every_call_is_recorded_in_order(http: aiohttp.ClientSession) -> None:
    state = SimulatorState(api_key="sk_custom")
    async with run_simulator(state) as sim:
        headers = {"version": "v1", "x-api-key": "sk_custom"}
        async with http.get(f"{sim.url}/", headers=headers) as response:
            assert response.status == 200
        async with http.post(f"{sim.url}/voices", json={}, headers=headers) as response:
            assert response.status == 200
        async with http.get(f"{sim.url}/voices/nope", headers={"version": "v1"}) as response:
            assert response.status == 401  # rejected calls are still counted
        async with http.get(f"{sim.url}/_sim/calls") as response:
            assert response.status == 200  # control routes are not
    assert state.calls == [("GET", "/"), ("POST", "/voices"), ("GET", "/voices/nope")]
    assert state.count("get", "/voices") == 1
    assert state.count("POST", "/voices") == 1
    assert state.count("GET", "/") == 2


async def test_unknown_route_and_method_answer_like_fastapi(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    async with http.get(f"{sim.url}/nowhere", headers=headers) as response:
        assert response.status == 404
        assert await response.json() == {"detail": "Not Found"}
    async with http.patch(f"{sim.url}/voices/clone", headers=headers) as response:
        assert response.status == 405
        assert await response.json() == {"detail": "Method Not Allowed"}
    assert sim.state.calls[-2:] == [("GET", "/nowhere"), ("PATCH", "/voices/clone")]


async def test_run_simulator_url_has_no_trailing_slash(sim: RunningSimulator) -> None:
    assert sim.url.startswith("http://127.0.0.1:")
    assert not sim.url.endswith("/")
