"""Each Slack member from one cached users.info answer (include_locale): admin status
and language, with fallbacks."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.users import FAILURE_TTL_SECONDS, SlackUsers
from tests.slack.fake_slack import BOT_TOKEN, TEAM_ID, FakeSlack


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _locales(fake: FakeSlack, clock: Clock, token: str = BOT_TOKEN, **kwargs: object) -> SlackUsers:
    client = AsyncWebClient(token=token, base_url=fake.api_url)
    return SlackUsers(client, clock=clock, **kwargs)


async def test_a_member_with_es_es_gets_spanish(fake_slack: FakeSlack) -> None:
    fake_slack.users["U1"] = {"locale": "es-ES"}
    locales = _locales(fake_slack, Clock())
    assert await locales.slack_locale("U1", TEAM_ID) == "es-ES"
    messages = await locales.messages("U1", TEAM_ID)
    assert (messages.locale, messages.platform) == ("es", "slack")
    (call,) = fake_slack.calls_to("users.info")
    assert str(call["include_locale"]).lower() in {"1", "true"}


async def test_the_locale_is_cached_for_the_ttl(fake_slack: FakeSlack) -> None:
    fake_slack.users["U1"] = {"locale": "de-DE"}
    clock = Clock()
    locales = _locales(fake_slack, clock, ttl=600)
    assert await locales.language("U1", TEAM_ID) == "de"
    fake_slack.users["U1"] = {"locale": "fr-FR"}
    clock.now += 599
    assert await locales.language("U1", TEAM_ID) == "de"
    assert len(fake_slack.calls_to("users.info")) == 1
    clock.now += 2
    assert await locales.language("U1", TEAM_ID) == "fr"
    assert len(fake_slack.calls_to("users.info")) == 2


async def test_unknown_locales_fall_back_to_the_workspace_then_english(
    fake_slack: FakeSlack,
) -> None:
    fake_slack.users["U1"] = {"locale": "pt-BR"}
    fake_slack.users["U2"] = {}
    clock = Clock()
    plain = _locales(fake_slack, clock)
    assert await plain.language("U1", TEAM_ID) == "en"
    assert await plain.language("U2", TEAM_ID) == "en"
    with_workspace = _locales(fake_slack, clock, workspace_defaults={TEAM_ID: "it"}, default="de")
    assert await with_workspace.language("U1", TEAM_ID) == "it"
    assert await with_workspace.language("U1", "TOTHER") == "de"


async def test_without_an_answer_the_fallback_applies_and_is_asked_again_soon(
    fake_slack: FakeSlack,
) -> None:
    fake_slack.users["U1"] = {"locale": "de-DE"}
    clock = Clock()
    broken = _locales(fake_slack, clock, token="xoxb-wrong", default="fr")
    assert await broken.language("U1", TEAM_ID) == "fr"
    clock.now += FAILURE_TTL_SECONDS - 1
    assert await broken.language("U1", TEAM_ID) == "fr"
    assert len(fake_slack.calls_to("users.info")) == 1
    clock.now += 2
    await broken.language("U1", TEAM_ID)
    assert len(fake_slack.calls_to("users.info")) == 2


async def test_forget_drops_the_cached_locale(fake_slack: FakeSlack) -> None:
    fake_slack.users["U1"] = {"locale": "it-IT"}
    locales = _locales(fake_slack, Clock())
    assert await locales.language("U1", TEAM_ID) == "it"
    locales.forget("U1", TEAM_ID)
    assert await locales.language("U1", TEAM_ID) == "it"
    assert len(fake_slack.calls_to("users.info")) == 2


async def test_the_fake_only_tells_the_locale_when_asked(fake_slack: FakeSlack) -> None:
    fake_slack.users["U1"] = {"locale": "de-DE"}
    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake_slack.api_url)
    plain = await client.users_info(user="U1")
    assert "locale" not in plain["user"]
    asked = await client.users_info(user="U1", include_locale=True)
    assert asked["user"]["locale"] == "de-DE"


async def test_admin_status_and_language_come_from_one_cached_answer(
    fake_slack: FakeSlack,
) -> None:
    fake_slack.users["U1"] = {"locale": "de-DE", "is_admin": True}
    clock = Clock()
    users = _locales(fake_slack, clock, ttl=60)
    assert (await users.member("U1", TEAM_ID)).is_admin
    assert await users.language("U1", TEAM_ID) == "de"
    assert len(fake_slack.calls_to("users.info")) == 1
    # Demoted: the rights last at most the TTL.
    fake_slack.users["U1"] = {"locale": "de-DE", "is_admin": False}
    clock.now += 59
    assert (await users.member("U1", TEAM_ID)).is_admin
    clock.now += 2
    assert not (await users.member("U1", TEAM_ID)).is_admin
    assert len(fake_slack.calls_to("users.info")) == 2


async def test_without_an_answer_nobody_is_an_admin(fake_slack: FakeSlack) -> None:
    fake_slack.users["U1"] = {"is_owner": True}
    broken = _locales(fake_slack, Clock(), token="xoxb-wrong")
    assert not (await broken.member("U1", TEAM_ID)).is_admin
