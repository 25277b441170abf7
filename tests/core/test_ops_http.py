"""/healthz and /metrics, served by the real aiohttp app."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient, TestServer

from bot.facade import VoiceBot
from bot.observability.health import LoopLagMonitor, create_ops_app
from tests.core.conftest import clone_fixture


def sample(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" (\S+)"
    found = re.search("^" + pattern + "$", text, flags=re.MULTILINE)
    return float(found.group(1)) if found else 0.0


async def test_metrics_move_after_a_clone_and_health_is_ok(voicebot: VoiceBot) -> None:
    monitor = LoopLagMonitor(interval=0.01)
    monitor.start()
    async with TestClient(TestServer(create_ops_app(voicebot.store, monitor))) as client:
        before = await (await client.get("/metrics")).text()
        await clone_fixture(voicebot)
        response = await client.get("/metrics")
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        after = await response.text()
        name = "voicebot_clones_total"
        assert sample(after, name, outcome="ok") == sample(before, name, outcome="ok") + 1
        api = 'voicebot_api_request_seconds_count{endpoint="clone",status="200"}'
        assert api.split("{")[0] in after
        assert "voicebot_event_loop_lag_seconds_count" in after
        assert "voicebot_clone_queue_depth" in after
        assert not re.search(r'\{[^}]*"111"', after)  # no user id in any label

        health = await client.get("/healthz")
        assert health.status == 200
        assert (await health.json())["status"] == "ok"
        missing = await client.get("/nope")
        assert missing.status == 404
        assert (await missing.json())["error"]["code"] == "not_allowed"

        await voicebot.store.close()
        unhealthy = await client.get("/healthz")
        assert unhealthy.status == 503
        body = await unhealthy.json()
        assert body["error"]["code"] == "service_unavailable"
        assert "database unreachable" in body["error"]["message"]
    await monitor.stop()
