"""The consent click is one core call: the click is accepted once, each stage is shown once, in
order, and a platform whose progress fails still gets the clone."""

from __future__ import annotations

import pytest

from bot.errors import NotOwner
from bot.facade import VoiceBot
from tests.core.conftest import ALICE, BOB, BotFactory
from tests.core.test_consent_language import own_intent
from tests.core.test_lifecycle import fixture_fetcher


async def test_the_click_is_accepted_once_and_each_stage_shown_once(voicebot: VoiceBot) -> None:
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    steps: list[str] = []

    async def accepted() -> None:
        steps.append("accepted")

    async def progress(stage: str) -> None:
        steps.append(stage)

    result = await voicebot.consent_given(
        action.token, ALICE, fixture_fetcher(), progress, accepted=accepted
    )

    assert result.voice.voice_id
    assert steps == ["accepted", "reading", "converting", "cloning", "preview"]


async def test_a_failing_platform_callback_never_fails_the_clone(voicebot: VoiceBot) -> None:
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    calls: list[str] = []

    async def accepted() -> None:
        calls.append("accepted")
        raise ConnectionError("the prompt was deleted")

    async def progress(stage: str) -> None:
        calls.append(stage)
        raise ConnectionError("the prompt was deleted")

    result = await voicebot.consent_given(
        action.token, ALICE, fixture_fetcher(), progress, accepted=accepted
    )

    assert result.voice.voice_id
    assert calls == ["accepted", "reading", "converting", "cloning", "preview"]


async def test_someone_elses_click_is_not_accepted(voicebot: VoiceBot) -> None:
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    steps: list[str] = []

    async def accepted() -> None:
        steps.append("accepted")

    async def progress(stage: str) -> None:
        steps.append(stage)

    with pytest.raises(NotOwner):
        await voicebot.consent_given(
            action.token, BOB, fixture_fetcher(), progress, accepted=accepted
        )
    assert steps == []


async def test_a_prompt_knows_its_time_out_in_minutes(make_bot: BotFactory) -> None:
    voicebot = await make_bot(consent_ttl_seconds=899)
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    assert action.minutes_to_answer == 15
    voicebot = await make_bot(consent_ttl_seconds=30)
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    assert action.minutes_to_answer == 1
