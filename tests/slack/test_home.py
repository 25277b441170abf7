"""The Home tab (published on app_home_opened, refreshed after every change, its buttons
working) and the welcome posted once in the Messages tab."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

from adapters.slack import blocks
from tests.rules.platforms import SlackPlatform
from tests.slack.fake_slack import TEAM_ID, dm_of
from tests.slack.harness import ALICE, BOB, SlackHarness, all_text, find_button


async def open_tab(slack: SlackHarness, user: str, tab: str) -> None:
    await slack.event({"type": "app_home_opened", "user": user, "channel": dm_of(user), "tab": tab})
    await slack.settle()


async def home_click(slack: SlackHarness, action_id: str, value: str, user: str) -> None:
    """A button in the Home tab: a view, with neither channel nor response_url."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "AAPP",
        "token": "unused",
        "container": {"type": "view", "view_id": "V1"},
        "trigger_id": "trig.home",
        "team": {"id": TEAM_ID, "domain": "fake"},
        "view": {"id": "V1", "type": "home"},
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
    response = await slack.post(
        urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
    )
    assert response.status == 200
    await slack.settle()


def home_of(slack: SlackHarness, user: str) -> dict[str, Any]:
    return slack.fake.home_views[user][-1]


async def clone_alices_voice(slack: SlackHarness) -> None:
    platform = SlackPlatform(slack, slack.app.voice.voicebot)
    done = await platform.consent(
        "alice", await platform.offer("alice", platform.recording("alice"))
    )
    assert done.code is None, done.text


async def test_home_tab_shows_the_guide_voices_and_consents_and_is_refreshed(
    slack: SlackHarness,
) -> None:
    await open_tab(slack, ALICE, "home")
    first = home_of(slack, ALICE)
    assert first["type"] == "home"
    text = all_text(first["blocks"])
    assert "How to clone your voice" in text
    assert "You have no voices yet." in text
    assert "No consent recorded." in text
    find_button(first["blocks"], blocks.MY_DATA)
    find_button(first["blocks"], blocks.FORGET_ASK)
    assert "Settings of this workspace" not in text

    await clone_alices_voice(slack)

    # Refreshed after the clone, without opening the tab again.
    refreshed = home_of(slack, ALICE)
    [voice] = await slack.app.voice.voicebot.store.list_voices("slack", ALICE)
    assert find_button(refreshed["blocks"], blocks.VOICE_PREVIEW)["value"] == voice.voice_id
    assert find_button(refreshed["blocks"], blocks.VOICE_DELETE)["value"] == voice.voice_id
    text = all_text(refreshed["blocks"])
    assert "consent statement version 2026-11-26.1, in English" in text


async def test_home_buttons_work_and_forget_me_refreshes_it(slack: SlackHarness) -> None:
    await clone_alices_voice(slack)
    [voice] = await slack.app.voice.voicebot.store.list_voices("slack", ALICE)

    await home_click(slack, blocks.MY_DATA, "home", ALICE)
    [upload] = slack.fake.uploads_to(dm_of(ALICE))[-1:]
    document = json.loads(upload.content)
    assert [v["voice_id"] for v in document["voices"]] == [voice.voice_id]

    await home_click(slack, blocks.VOICE_DELETE, voice.voice_id, ALICE)
    assert "You have no voices yet." in all_text(home_of(slack, ALICE)["blocks"])

    await home_click(slack, blocks.FORGET_ASK, "home", ALICE)
    prompt = slack.fake.posted_in(dm_of(ALICE))[-1]
    token = str(find_button(prompt.blocks, blocks.FORGET_CONFIRM)["value"])
    await slack.click(blocks.FORGET_CONFIRM, token, user=ALICE)
    await slack.settle()
    text = all_text(home_of(slack, ALICE)["blocks"])
    assert "No consent recorded." in text


async def test_admins_also_see_the_settings(slack: SlackHarness) -> None:
    slack.fake.users[BOB] = {"is_admin": True}
    await open_tab(slack, BOB, "home")
    text = all_text(home_of(slack, BOB)["blocks"])
    assert "Settings of this workspace (admins only)" in text
    assert "clone_enabled" in text


async def test_the_welcome_is_posted_once_in_the_members_language(slack: SlackHarness) -> None:
    slack.fake.users[BOB] = {"locale": "de-DE"}
    await open_tab(slack, BOB, "messages")
    await open_tab(slack, BOB, "messages")

    [welcome] = slack.fake.posted_in(dm_of(BOB))
    text = f"{welcome.text}\n{all_text(welcome.blocks)}"
    assert "Willkommen! Ich kann deine Stimme klonen." in text
    assert "So klonst du deine Stimme" in text
    # Remembered in the database: a restart doesn't welcome again; forget-me forgets it.
    voicebot = slack.app.voice.voicebot
    assert not await voicebot.store.welcome_once("slack", BOB, voicebot.clock())
    await voicebot.forget(slack_member(BOB))
    await open_tab(slack, BOB, "messages")
    assert len(slack.fake.posted_in(dm_of(BOB))) == 2


def slack_member(user: str) -> Any:
    from bot.models import Member

    return Member("slack", user, TEAM_ID)
