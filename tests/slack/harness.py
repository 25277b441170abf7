"""Drive the real Slack app over HTTP the way Slack does: signed events, commands and clicks."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient

from adapters.slack import SLACK_EVENTS_PATH, SlackVoiceApp, blocks
from simulator.server import RunningSimulator
from tests.slack.fake_slack import TEAM_ID, FakeSlack, Message, dm_of

SIGNING_SECRET = "test-signing-secret"
ALICE = "UALICE"
BOB = "UBOB"
CHANNEL = "CGENERAL"

_ids = itertools.count(1)


def sign(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """Slack's v0 request signature: HMAC-SHA256 over ``v0:{timestamp}:{body}``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def event_body(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "unused-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "AAPP",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
    }


def dm_clip_event(user: str, *files: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "message",
        "subtype": "file_share",
        "user": user,
        "channel": dm_of(user),
        "channel_type": "im",
        "text": "",
        "ts": f"1700000100.{next(_ids):06d}",
        "files": list(files),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def eventually(check: Callable[[], bool], within: float = 15.0) -> None:
    """Wait until ``check()`` holds: what it watches changes in another task or process."""
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110 - nothing to await on across a process boundary
            await asyncio.sleep(0.02)


def find_button(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    for block in blocks:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no {action_id} button in {blocks}")


def all_text(blocks: list[dict[str, Any]]) -> str:
    """Every text of a message's blocks, for assertions."""
    parts: list[str] = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(str(text.get("text")))
        for element in block.get("elements") or []:
            if isinstance(element.get("text"), str):
                parts.append(element["text"])
    return "\n".join(parts)


@dataclass
class SlackHarness:
    app: SlackVoiceApp
    http: TestClient[Any, Any]
    fake: FakeSlack
    sim: RunningSimulator

    async def post(self, body: str, content_type: str, **headers: str) -> ClientResponse:
        return await self.http.post(
            SLACK_EVENTS_PATH,
            data=body.encode(),
            headers={"Content-Type": content_type, **sign(body), **headers},
        )

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> ClientResponse:
        body = json.dumps(event_body(event, event_id=event_id))
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "timeout"}
        response = await self.post(body, "application/json", **headers)
        assert response.status == 200, await response.text()
        return response

    async def command(
        self, name: str, text: str = "", *, user: str = ALICE, channel: str = CHANNEL
    ) -> str:
        """Runs a slash command; returns its response_url tag (see ``responses_to``)."""
        url = self.fake.response_url("cmd")
        body = urlencode(
            {
                "token": "unused",
                "team_id": TEAM_ID,
                "team_domain": "fake",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": name,
                "text": text,
                "api_app_id": "AAPP",
                "response_url": url,
                "trigger_id": f"trig.{next(_ids)}",
            }
        )
        response = await self.post(body, "application/x-www-form-urlencoded")
        assert response.status == 200, await response.text()
        return url.rsplit("/", 1)[1]

    async def click(
        self,
        action_id: str,
        value: str,
        *,
        user: str = ALICE,
        channel: str | None = None,
        message_ts: str | None = None,
    ) -> str:
        """Clicks a button; returns the click's response_url tag."""
        url = self.fake.response_url("click")
        channel = channel or dm_of(user)
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": "AAPP",
            "token": "unused",
            "container": {
                "type": "message",
                "message_ts": message_ts or "1700000000.000000",
                "channel_id": channel,
                "is_ephemeral": message_ts is None,
            },
            "trigger_id": f"trig.{next(_ids)}",
            "team": {"id": TEAM_ID, "domain": "fake"},
            "channel": {"id": channel, "name": "directmessage"},
            "message": {"ts": message_ts or "1700000000.000000", "type": "message"},
            "response_url": url,
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b",
                    "value": value,
                    "type": "button",
                    "action_ts": str(time.time()),
                }
            ],
        }
        body = urlencode({"payload": json.dumps(payload)})
        response = await self.post(body, "application/x-www-form-urlencoded")
        assert response.status == 200, await response.text()
        return url.rsplit("/", 1)[1]

    async def settle(self) -> None:
        """Until the work the listeners started has finished."""
        await self.app.voice.tasks.wait_idle()

    def responses_to(self, tag: str) -> list[dict[str, Any]]:
        return [r for r in self.fake.responses if r["url_tag"] == tag]

    def response_text(self, tag: str) -> str:
        return "\n".join(
            str(r.get("text")) + "\n" + all_text(r.get("blocks") or [])
            for r in self.responses_to(tag)
        )


async def send_clip(slack: SlackHarness, file: dict[str, Any], user: str = ALICE) -> Message:
    """A member sends a clip in DM; returns the consent prompt the bot posted there."""
    before = set(slack.fake.messages)
    await slack.event(dm_clip_event(user, file))
    await slack.settle()
    new = [m for ts, m in slack.fake.messages.items() if ts not in before]
    assert len(new) == 1, [m.text for m in new]
    assert new[0].channel == dm_of(user)
    return new[0]


def consent_token(prompt: Message) -> str:
    return str(find_button(prompt.blocks, blocks.CONSENT)["value"])


async def consent(slack: SlackHarness, prompt: Message, user: str = ALICE) -> str:
    tag = await slack.click(
        blocks.CONSENT, consent_token(prompt), user=user, channel=prompt.channel,
        message_ts=prompt.ts,
    )  # fmt: skip
    await slack.settle()
    return tag
