"""A Discord member reads the bot in their client's language: the consent prompt, the
progress, the result and errors; then the server's language; then English."""

from __future__ import annotations

from bot.i18n import messages_for
from tests.discord.conftest import Harness
from tests.discord.helpers import button, consent_and_clone, prompt_of, slash_clone
from tests.discord.payloads import ALICE, STRING, option

GERMAN = messages_for("de", "discord")


async def test_a_german_member_gets_german_from_prompt_to_result(h: Harness) -> None:
    h.payloads.locales[ALICE.id] = "de"

    payload = await slash_clone(h, ALICE)
    prompt = prompt_of(h, payload)
    assert GERMAN("consent-title") in prompt["content"]
    assert GERMAN.consent().text in prompt["content"]
    labels = [c["label"] for row in prompt["components"] for c in row["components"]]
    assert labels == [GERMAN("button-consent"), GERMAN("button-cancel")]
    assert button(prompt, "vc:consent:")

    click = await consent_and_clone(h, ALICE)
    edits = h.fake.find("PATCH", rf"/webhooks/\d+/{click['token']}/messages/@original$")
    contents = [str(edit.content) for edit in edits]
    assert f"⏳ {GERMAN('progress-converting')}" in contents
    assert "ist fertig" in contents[-1]
    assert "Sprachen:" in contents[-1]
    rows = await h.voicebot.store.export_rows()  # type: ignore[attr-defined]
    assert {row["statement_language"] for row in rows["consents"]} == {"de"}


async def test_a_german_member_gets_errors_in_german_with_german_commands(h: Harness) -> None:
    h.payloads.locales[ALICE.id] = "de"

    payload = h.payloads.slash("voice", ALICE, [option("voice", STRING, "nope")], sub="preview")
    await h.run(payload)

    text = h.reply_text(payload["token"])
    assert text.startswith("Diese Stimme finde ich unter deinen nicht.")
    assert "/stimmen" in text  # the command as a German client shows it
    assert text.endswith("-# voice_not_found")


async def test_the_servers_language_then_english(h: Harness) -> None:
    h.payloads.locales[ALICE.id] = "ja"  # a language we don't speak
    h.payloads.guild_locale = "fr"
    payload = h.payloads.slash("voices", ALICE)
    await h.run(payload)
    assert h.reply_text(payload["token"]) == messages_for("fr", "discord")("voices-none")

    h.payloads.guild_locale = "ko"
    payload = h.payloads.slash("voices", ALICE)
    await h.run(payload)
    assert h.reply_text(payload["token"]).startswith("You have no cloned voice yet.")
