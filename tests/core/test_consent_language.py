"""A consent records the language and version of the statement the member was shown."""

from __future__ import annotations

from bot.audio.reading import FileSource
from bot.consent import CONSENT_STATEMENT_VERSION
from bot.i18n import messages_for
from bot.models import CloneOptions
from bot.service import VoiceBot
from tests.conftest import AUDIO_FIXTURES
from tests.core.conftest import ALICE


async def _consent_row(voicebot: VoiceBot, key: str) -> dict[str, object]:
    rows = (await voicebot.store.export_rows())["consents"]
    (row,) = [row for row in rows if row["idempotency_key"] == key]
    return row


async def test_a_german_prompt_records_a_german_consent(voicebot: VoiceBot) -> None:
    shown = messages_for("de", "discord").consent()
    action = await voicebot.ask_consent(ALICE, {"kind": "test"}, CloneOptions(), shown=shown)
    taken = await voicebot.take_pending(action.token, ALICE)
    consent = voicebot.consent_for(taken)
    assert (consent.statement_language, consent.statement_version) == ("de", shown.version)
    await voicebot.clone(
        ALICE,
        FileSource(AUDIO_FIXTURES / "voice_message.ogg"),
        idempotency_key="k-de",
        consent=consent,
    )
    row = await _consent_row(voicebot, "k-de")
    assert (row["statement_language"], row["statement_version"]) == ("de", shown.version)


async def test_a_prompt_without_a_language_records_the_english_statement(
    voicebot: VoiceBot,
) -> None:
    action = await voicebot.ask_consent(ALICE, {"kind": "test"}, CloneOptions())
    consent = voicebot.consent_for(await voicebot.take_pending(action.token, ALICE))
    assert (consent.statement_language, consent.statement_version) == (
        "en",
        CONSENT_STATEMENT_VERSION,
    )
