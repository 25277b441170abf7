"""A consent records the language and version of the statement the member was shown."""

from __future__ import annotations

from bot.cloning.clone import scoped_key
from bot.cloning.clone_intent import CloneIntent, SourceRef
from bot.cloning.consent import CONSENT_STATEMENT_VERSION
from bot.facade import VoiceBot
from bot.i18n import messages_for
from bot.models import CloneOptions
from tests.core.conftest import ALICE
from tests.core.test_lifecycle import fixture_fetcher


async def _consent_row(voicebot: VoiceBot, key: str) -> dict[str, object]:
    rows = (await voicebot.store.export_rows())["consents"]
    (row,) = [row for row in rows if row["idempotency_key"] == key]
    return row


def own_intent(item: str) -> CloneIntent:
    return CloneIntent(SourceRef("message", item, ALICE.user_id, message_id="5"), CloneOptions())


async def test_a_german_prompt_records_a_german_consent(voicebot: VoiceBot) -> None:
    shown = messages_for("de", "discord").consent()
    intent = own_intent("de")
    action = await voicebot.ask_consent(ALICE, intent, shown=shown)

    await voicebot.consent_given(action.token, ALICE, fixture_fetcher())

    row = await _consent_row(voicebot, scoped_key(ALICE, intent.source.key))
    assert (row["statement_language"], row["statement_version"]) == ("de", shown.version)


async def test_a_prompt_without_a_language_records_the_english_statement(
    voicebot: VoiceBot,
) -> None:
    intent = own_intent("en")
    action = await voicebot.ask_consent(ALICE, intent)

    await voicebot.consent_given(action.token, ALICE, fixture_fetcher())

    row = await _consent_row(voicebot, scoped_key(ALICE, intent.source.key))
    assert (row["statement_language"], row["statement_version"]) == (
        "en",
        CONSENT_STATEMENT_VERSION,
    )
