"""A Slack member reads the bot in their own language: the prompt, the progress, the result
and the errors, from ``users.info``'s locale; unknown locales fall back to English."""

from __future__ import annotations

from adapters.slack import blocks
from bot.i18n import messages_for
from tests.slack.conftest import audio
from tests.slack.fake_slack import dm_of
from tests.slack.harness import ALICE, SlackHarness, all_text, consent, find_button, send_clip

SPANISH = messages_for("es", "slack")


async def test_a_spanish_member_gets_spanish_from_prompt_to_result(slack: SlackHarness) -> None:
    slack.fake.users[ALICE] = {"locale": "es-ES"}

    prompt = await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))

    assert SPANISH("consent-title-slack") in prompt.text
    button = find_button(prompt.blocks, blocks.CONSENT)
    assert button["text"]["text"] == SPANISH("button-consent")
    assert SPANISH.consent().text.split(".")[0] in all_text(prompt.blocks)

    await consent(slack, prompt)

    history = "\n".join(str(version.get("text")) for version in prompt.history)
    assert SPANISH("progress-converting-clip") in history
    assert "está lista" in prompt.text
    assert "Idiomas:" in all_text(prompt.blocks) and "Úsala con" in all_text(prompt.blocks)
    rows = await slack.app.voice.voicebot.store.export_rows()  # type: ignore[attr-defined]
    [consent_row] = rows["consents"]
    assert consent_row["statement_language"] == "es"
    assert consent_row["statement_version"] == SPANISH.consent().version


async def test_a_spanish_member_gets_errors_in_spanish(slack: SlackHarness) -> None:
    slack.fake.users[ALICE] = {"locale": "es-ES"}

    tag = await slack.command("/say", "Hola")
    await slack.settle()

    text = slack.response_text(tag)
    assert "Todavía no tienes ninguna voz" in text
    assert "voice_not_found" in text  # the stable code stays as it is


async def test_an_unknown_locale_falls_back_to_english(slack: SlackHarness) -> None:
    slack.fake.users[ALICE] = {"locale": "pt-BR"}

    prompt = await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))

    assert "Clone your voice from this clip?" in prompt.text
    assert prompt.channel == dm_of(ALICE)


async def test_the_operators_default_language_comes_before_english(
    make_slack: object,
) -> None:
    slack: SlackHarness = await make_slack(default_language="de")  # type: ignore[operator]
    slack.fake.users[ALICE] = {"locale": "ja-JP"}

    prompt = await send_clip(slack, slack.fake.add_file(audio("slack_clip.webm")))

    assert messages_for("de", "slack")("consent-title-slack") in prompt.text


async def test_one_users_info_call_gives_both_admin_status_and_language(
    slack: SlackHarness,
) -> None:
    slack.fake.users[ALICE] = {"locale": "es-ES"}

    tag = await slack.command("/voices")
    await slack.settle()

    assert SPANISH("voices-none-slack") in slack.response_text(tag)
    assert len(slack.fake.calls_to("users.info")) == 1
