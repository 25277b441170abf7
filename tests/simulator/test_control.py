"""The /_sim control routes, and `python -m simulator` as a real subprocess."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from typing import Any

import aiohttp
import pytest

from simulator import RunningSimulator

from .conftest import clone_form

AVA = "00000000-0000-4000-8000-00000000a001"


async def _control(
    sim_url: str, http: aiohttp.ClientSession, method: str, path: str, body: Any = None
) -> tuple[int, Any]:
    async with http.request(method, f"{sim_url}/_sim/{path}", json=body) as response:
        return response.status, await response.json()


@pytest.mark.parametrize(
    ("fault", "status", "marker"),
    [
        ({"route": "get", "error_code": "VOICE_NOT_FOUND"}, 404, "VOICE_NOT_FOUND"),
        ({"route": "get", "kind": "error", "error_code": "SERVER_ERROR"}, 500, '"method": "GET"'),
        ({"route": "get", "status": 503, "body": "<h1>down</h1>", "content_type": "text/html"},
         503, "<h1>down</h1>"),
        ({"route": "*", "kind": "rate_limit", "retry_after_ms": 10, "header": True}, 429,
         '"retry_after_ms": 10'),
    ],
)  # fmt: skip
async def test_fault_kinds_over_http(
    sim: RunningSimulator,
    http: aiohttp.ClientSession,
    headers: dict[str, str],
    fault: dict[str, Any],
    status: int,
    marker: str,
) -> None:
    assert await _control(sim.url, http, "POST", "faults", fault) == (200, {"ok": True})
    async with http.get(f"{sim.url}/voices/{AVA}", headers=headers) as response:
        assert response.status == status
        assert marker in await response.text()
    async with http.get(f"{sim.url}/voices/{AVA}", headers=headers) as response:
        assert response.status == 200


async def test_drop_clone_and_timeout_over_http(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str], speech_wav: bytes
) -> None:
    await _control(sim.url, http, "POST", "faults", {"kind": "drop_clone", "times": 1})
    with pytest.raises(aiohttp.ClientConnectionError):
        async with http.post(
            f"{sim.url}/voices/clone", data=clone_form(speech_wav), headers=headers
        ):
            pass
    status, body = await _control(sim.url, http, "GET", "voices")
    assert status == 200
    custom = [v for v in body["voices"] if v["voice_type"] == "CUSTOM"]
    assert len(custom) == 1
    assert custom[0]["preview_ready"] is True
    assert custom[0]["speech_seconds"] >= 3

    await _control(sim.url, http, "POST", "faults", {"kind": "timeout", "route": "list"})
    with pytest.raises(asyncio.TimeoutError):
        async with http.post(
            f"{sim.url}/voices", json={}, headers=headers, timeout=aiohttp.ClientTimeout(total=0.2)
        ):
            pass


async def test_bad_fault_requests_are_400(
    sim: RunningSimulator, http: aiohttp.ClientSession
) -> None:
    for bad in (
        {"route": "nowhere", "error_code": "VOICE_NOT_FOUND"},
        {"route": "get"},
        {"kind": "explode"},
        {"kind": "drop_clone", "mode": "later"},
        {"route": "get", "error_code": "VOICE_NOT_FOUND", "times": 0},
    ):
        status, body = await _control(sim.url, http, "POST", "faults", bad)
        assert status == 400, bad
        assert "error" in body
    async with http.post(f"{sim.url}/_sim/faults", data=b"not json") as response:
        assert response.status == 400
    assert sim.state.faults == {}


async def test_calls_config_clear_and_reset(
    sim: RunningSimulator, http: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    async with http.get(f"{sim.url}/voices/{AVA}", headers=headers):
        pass
    assert await _control(sim.url, http, "GET", "calls") == (
        200,
        {"calls": [["GET", f"/voices/{AVA}"]]},
    )

    status, config = await _control(
        sim.url, http, "POST", "config", {"tts_quota_chars": 50, "preview_delay_seconds": 2}
    )
    assert status == 200
    assert config["tts_quota_chars"] == 50
    assert sim.state.preview_delay_seconds == 2.0
    assert (await _control(sim.url, http, "POST", "config", {"bogus": 1}))[0] == 400
    assert (await _control(sim.url, http, "POST", "config", {"clone_limit": "x"}))[0] == 400

    await _control(sim.url, http, "POST", "faults", {"route": "get", "error_code": "SERVER_ERROR"})
    assert await _control(sim.url, http, "DELETE", "faults") == (200, {"ok": True})
    async with http.get(f"{sim.url}/voices/{AVA}", headers=headers) as response:
        assert response.status == 200

    assert await _control(sim.url, http, "POST", "reset") == (200, {"ok": True})
    assert sim.state.calls == []
    assert sim.state.tts_quota_chars is None
    assert (await _control(sim.url, http, "GET", "config"))[1]["preview_delay_seconds"] == 0.0


async def test_module_cli_serves_until_sigterm(http: aiohttp.ClientSession) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "simulator", "--port", "0", "--api-key", "sk_cli_test",
        "--latency", "0.01", "--preview-delay", "5",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        lines: list[str] = []
        url = None
        while url is None:
            line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
            assert line, f"simulator exited early: {lines}"
            lines.append(line)
            found = re.search(r"listening on (http://\S+)", line)
            url = found.group(1) if found else None
        key_line = (await asyncio.wait_for(process.stdout.readline(), 5)).decode()
        assert f"ASYNC_API_BASE_URL={url}" in key_line
        assert "ASYNC_API_KEY=sk_cli_test" in key_line
        headers = {"x-api-key": "sk_cli_test", "version": "v1"}
        async with http.post(f"{url}/voices", json={}, headers=headers) as response:
            assert response.status == 200
        _, config = await _control(url, http, "GET", "config")
        assert config["preview_delay_seconds"] == 5.0
        assert config["latency_seconds"] == 0.01
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 10) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
