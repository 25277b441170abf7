"""One error of each family reaches the member as its message, with its code in small text."""

from __future__ import annotations

import pytest

from tests.discord.conftest import Harness, HarnessFactory
from tests.discord.helpers import consent_and_clone, press, prompt_of, slash_clone
from tests.discord.payloads import ADMIN, ALICE, ATTACHMENT, BOOLEAN, STRING, option


def final_text(h: Harness, click: dict[str, object]) -> str:
    return h.last_edit(str(click["token"])).content or ""


@pytest.mark.parametrize(
    ("fixture", "content_type", "code"),
    [
        ("login_page.html", "text/html", "not_audio"),
        ("one_second.ogg", None, "too_short"),
    ],
)
async def test_audio_problems(
    h: Harness, fixture: str, content_type: str | None, code: str
) -> None:
    click = await consent_and_clone(h, ALICE, fixture, content_type=content_type)
    text = final_text(h, click)
    assert text.endswith(f"-# {code}")
    assert "Traceback" not in text
    assert h.sim.state.count("POST", "/voices/clone") == 0


async def test_clone_slots_full(h: Harness) -> None:
    h.sim.state.inject("clone", "VOICE_CLONE_LIMIT_EXCEEDED")
    click = await consent_and_clone(h, ALICE)
    text = final_text(h, click)
    assert "no free clone slots" in text
    assert text.endswith("-# clone_slots_full")


async def test_wrong_api_key_is_service_misconfigured(make_harness: HarnessFactory) -> None:
    h = await make_harness(async_api_key="sk_wrong")
    click = await consent_and_clone(h, ALICE)
    text = final_text(h, click)
    assert "isn't set up correctly" in text
    assert text.endswith("-# service_misconfigured")
    assert "sk_wrong" not in text


async def test_cooldown_between_clones(make_harness: HarnessFactory) -> None:
    h = await make_harness(clone_cooldown_seconds=3600)
    await consent_and_clone(h, ALICE)
    click = await consent_and_clone(h, ALICE, "speech.flac")
    text = final_text(h, click)
    assert "Try again in" in text
    assert text.endswith("-# cooldown")
    assert h.sim.state.count("POST", "/voices/clone") == 1


async def test_unexpected_error_shows_a_reference(
    h: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(h.voicebot, "list_voices", broken)
    payload = h.payloads.slash("voices", ALICE)
    await h.run(payload)

    text = h.reply_text(payload["token"])
    assert "hunter2" not in text and "RuntimeError" not in text
    assert "-# internal · reference " in text
    reference = text.rsplit(" ", 1)[-1]
    assert reference in text.splitlines()[0]  # the message names it too
    assert any(reference in record.getMessage() for record in caplog.records)


async def test_command_refused_by_policy(h: Harness) -> None:
    await h.run(h.payloads.slash("clone-settings", ADMIN, [option("cloning", BOOLEAN, False)]))
    payload = await slash_clone(h, ALICE, extra=[option("name", STRING, "x")])
    text = h.reply_text(payload["token"])
    assert "turned voice cloning off" in text
    assert text.endswith("-# disabled_here")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"url_fixture": "gone.wav"}, "download_failed"),  # the CDN answers 404
        ({"size": 200 * 1024 * 1024}, "too_large"),  # refused before any download
    ],
)
async def test_download_problems(h: Harness, change: dict[str, object], code: str) -> None:
    attachment = h.fake.attachment("speech.wav")
    if "url_fixture" in change:
        attachment["url"] = h.fake.cdn_url(str(change["url_fixture"]))
    else:
        attachment["size"] = change["size"]
    payload = h.payloads.slash(
        "clone",
        ALICE,
        [option("sample", ATTACHMENT, attachment["id"])],
        resolved={"attachments": {attachment["id"]: attachment}},
    )
    await h.run(payload)
    click = await press(h, prompt_of(h, payload), "vc:consent:", ALICE)
    text = final_text(h, click)
    assert text.endswith(f"-# {code}")
    assert h.sim.state.count("POST", "/voices/clone") == 0
