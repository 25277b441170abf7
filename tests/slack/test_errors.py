"""Signatures, and one error of each family reaching the member, privately, as its message."""

from __future__ import annotations

import json
import time

import pytest

from bot.errors import NotAudio, QuotaExhausted
from tests.slack.conftest import audio
from tests.slack.fake_slack import dm_of
from tests.slack.harness import (
    ALICE,
    SlackHarness,
    consent,
    dm_clip_event,
    event_body,
    send_clip,
    sign,
)


async def test_bad_signature_is_refused(slack: SlackHarness) -> None:
    body = json.dumps(event_body(dm_clip_event(ALICE)))
    headers = {"Content-Type": "application/json"}
    forged = sign(body, secret="not-the-secret")
    stale = sign(body, timestamp=int(time.time()) - 600)
    for signature in (forged, stale, {}):
        response = await slack.http.post(
            "/slack/events", data=body, headers={**headers, **signature}
        )
        assert response.status == 401
    await slack.settle()
    assert slack.fake.messages == {}


async def test_url_verification_challenge(slack: SlackHarness) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    response = await slack.post(body, "application/json")
    assert response.status == 200
    assert "abc123" in await response.text()


@pytest.mark.parametrize(
    ("fixture", "message"),
    [("random.bin", NotAudio.default_message), ("one_second.ogg", "at least 3 s are needed")],
)
async def test_audio_errors(slack: SlackHarness, fixture: str, message: str) -> None:
    prompt = await send_clip(slack, slack.fake.add_file(audio(fixture), mimetype="audio/ogg"))
    await consent(slack, prompt)
    assert prompt.text.startswith(":warning: ") and message in prompt.text
    assert slack.sim.state.count("POST", "/voices/clone") == 0


async def test_community_error_when_cloning_is_off(slack: SlackHarness) -> None:
    slack.fake.users["UADMIN"] = {"is_admin": True}
    await slack.command("/clone-settings", "clone_enabled off", user="UADMIN")
    await slack.settle()

    await slack.event(dm_clip_event(ALICE, slack.fake.add_file(audio("slack_clip.webm"))))
    await slack.settle()
    (reply,) = slack.fake.posted_in(dm_of(ALICE))
    assert "turned voice cloning off" in reply.text


async def test_api_error(slack: SlackHarness) -> None:
    slack.sim.state.inject("clone", "USAGE_LIMIT_EXCEEDED")
    prompt = await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))
    await consent(slack, prompt)
    assert prompt.text == f":warning: {QuotaExhausted.default_message}"


async def test_unknown_error_shows_a_reference_not_the_exception(
    slack: SlackHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(slack.app.voice.voicebot, "list_voices", broken)
    tag = await slack.command("/voices")
    await slack.settle()
    text = slack.response_text(tag)
    assert "reference" in text and "hunter2" not in text
    reference = text.split("reference ")[1].split(")")[0]
    assert any(reference in record.getMessage() for record in caplog.records)


async def test_answers_arrive_when_the_response_url_has_expired(slack: SlackHarness) -> None:
    slack.fake.response_urls_expired = True
    await slack.command("/voices", channel="CGENERAL")
    await slack.settle()
    (ephemeral,) = slack.fake.ephemerals
    assert ephemeral["channel"] == "CGENERAL" and ephemeral["user"] == ALICE
    assert "no voices yet" in ephemeral["text"]

    # Not even an ephemeral message (the bot isn't in that channel): the DM.
    slack.fake.closed_channels.add("CCLOSED")
    await slack.command("/voices", channel="CCLOSED")
    await slack.settle()
    (dm,) = slack.fake.posted_in(dm_of(ALICE))
    assert "no voices yet" in dm.text
