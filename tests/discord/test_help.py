"""/help: an overview only the member sees, in their language, with the command names their
client shows; admins also see theirs. A first DM that is not a recording gets it too."""

from __future__ import annotations

from bot.models import Member
from tests.discord.conftest import Harness
from tests.discord.helpers import bot_posts_in_dm
from tests.discord.payloads import ADMIN, ALICE, GUILD_ID, user_message


async def help_for(h: Harness, person: object) -> str:
    payload = h.payloads.slash("help", person)  # type: ignore[arg-type]
    await h.run(payload)
    [deferred] = h.fake.find("POST", rf"/interactions/\d+/{payload['token']}/callback")
    assert deferred.json["data"]["flags"] & 64, "only the member sees it"
    return h.reply_text(payload["token"])


async def test_help_for_a_member_in_english(h: Harness) -> None:
    text = await help_for(h, ALICE)

    assert "What I can do for you" in text
    assert "/clone" in text and "Clone this voice" in text and "direct messages" in text
    for command in ("/voices", "/say", "/my-data", "/forget-me", "/help"):
        assert command in text
    assert "Voice cloning in this server: on" in text
    assert "/say in this server: on" in text
    assert "/clone-settings" not in text


async def test_help_for_an_admin_in_german_names_commands_as_their_client_does(
    h: Harness,
) -> None:
    h.payloads.locales[ADMIN.id] = "de"
    admin = Member("discord", str(ADMIN.id), str(GUILD_ID), is_admin=True)
    await h.voicebot.update_community_settings(admin, {"say_enabled": False})

    text = await help_for(h, ADMIN)

    assert "Was ich für dich tun kann" in text
    for command in ("/klonen", "/meine-daten", "/vergiss-mich", "/hilfe"):
        assert command in text, command
    assert "Stimmenklonen auf diesem Server: an" in text
    assert "/sagen auf diesem Server: aus" in text
    assert "Für die Admins dieses Servers" in text
    assert "/klon-einstellungen" in text


async def test_help_for_a_member_in_german_without_say_or_admin_commands(h: Harness) -> None:
    h.payloads.locales[ALICE.id] = "de"
    admin = Member("discord", str(ADMIN.id), str(GUILD_ID), is_admin=True)
    await h.voicebot.update_community_settings(admin, {"say_enabled": False})

    text = await help_for(h, ALICE)

    assert "/sagen:" not in text  # not theirs to use here
    assert "/sagen auf diesem Server: aus" in text
    assert "Admins" not in text


async def test_the_first_dm_that_is_not_a_recording_gets_the_overview(h: Harness) -> None:
    mark = h.mark()
    await h.deliver(user_message(h.fake, ALICE, [], in_guild=False, content="hello"))
    await h.deliver(user_message(h.fake, ALICE, [], in_guild=False, content="hello again"))

    first, second = bot_posts_in_dm(h, ALICE, mark)
    assert "What I can do for you" in (first.content or "")
    assert "/my-data" in (first.content or "")
    assert "What I can do for you" not in (second.content or "")
    assert "voice message" in (second.content or "")
