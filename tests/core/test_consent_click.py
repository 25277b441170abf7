"""The consent click is one core call: the click is accepted once, each stage is shown once, in
order, and a platform whose progress fails still gets the clone."""

from __future__ import annotations

import pytest

from bot.errors import NotOwner
from bot.facade import VoiceBot
from tests.core.conftest import ALICE, BOB, BotFactory
from tests.core.test_consent_language import own_intent
from tests.core.test_lifecycle import fixture_fetcher


class Prompt:
    """A platform's prompt as the core sees it: what it was told, in order; ``broken`` makes
    every edit fail, as when the member deleted the message."""

    def __init__(self, *, broken: bool = False) -> None:
        self.steps: list[str] = []
        self.broken = broken

    async def accepted(self) -> None:
        await self.progress("accepted")

    async def progress(self, stage: str) -> None:
        self.steps.append(stage)
        if self.broken:
            raise ConnectionError("the prompt was deleted")


ALL_STEPS = ["accepted", "reading", "converting", "cloning", "preview"]


async def test_the_click_is_accepted_once_and_each_stage_shown_once(voicebot: VoiceBot) -> None:
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    prompt = Prompt()
    result = await voicebot.consent_given(
        action.token, ALICE, fixture_fetcher(), prompt.progress, accepted=prompt.accepted
    )
    assert result.voice.voice_id
    assert prompt.steps == ALL_STEPS


async def test_a_failing_platform_callback_never_fails_the_clone(voicebot: VoiceBot) -> None:
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    prompt = Prompt(broken=True)
    result = await voicebot.consent_given(
        action.token, ALICE, fixture_fetcher(), prompt.progress, accepted=prompt.accepted
    )
    assert result.voice.voice_id
    assert prompt.steps == ALL_STEPS


async def test_someone_elses_click_is_not_accepted(voicebot: VoiceBot) -> None:
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    prompt = Prompt()
    with pytest.raises(NotOwner):
        await voicebot.consent_given(
            action.token, BOB, fixture_fetcher(), prompt.progress, accepted=prompt.accepted
        )
    assert prompt.steps == []


async def test_a_prompt_knows_its_time_out_in_minutes(make_bot: BotFactory) -> None:
    voicebot = await make_bot(consent_ttl_seconds=899)
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    assert action.minutes_to_answer == 15
    voicebot = await make_bot(consent_ttl_seconds=30)
    action = await voicebot.ask_consent(ALICE, own_intent("en"))
    assert action.minutes_to_answer == 1
