"""Raw Discord gateway payloads (INTERACTION_CREATE, MESSAGE_CREATE) shaped as Discord sends
them, for feeding the real discord.py client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.discord.fake_discord import APPLICATION_ID, FakeDiscord, now_iso

GUILD_ID = 1200000000000000001
GUILD_CHANNEL_ID = 1200000000000000002
MANAGE_GUILD = 1 << 5
#: What an ordinary member has: view channels, send messages, use application commands.
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 31)
ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD

# Option types of application commands.
SUB_COMMAND = 1
STRING = 3
INTEGER = 4
BOOLEAN = 5
ROLE = 8
NUMBER = 10
ATTACHMENT = 11


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    roles: tuple[int, ...] = ()
    permissions: int = MEMBER_PERMISSIONS

    def user(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.name.title(),
            "avatar": None,
            "flags": 0,
        }

    def member(self) -> dict[str, Any]:
        return {
            "user": self.user(),
            "roles": [str(r) for r in self.roles],
            "joined_at": now_iso(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(self.permissions),
        }


ALICE = Person(1000000000000000001, "alice")
BOB = Person(1000000000000000002, "bob")
ADMIN = Person(1000000000000000003, "admin", permissions=ADMIN_PERMISSIONS)


def dm_channel_id(person: Person) -> int:
    return person.id + 500


def option(name: str, kind: int, value: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, "value": value}


@dataclass
class Interactions:
    fake: FakeDiscord
    tokens: list[str] = field(default_factory=list)
    #: Each person's Discord client language (``interaction.locale``), by person id.
    locales: dict[int, str] = field(default_factory=dict)
    #: The server's language (``interaction.guild_locale``).
    guild_locale: str = "en-US"

    def _base(
        self,
        kind: int,
        data: dict[str, Any],
        person: Person,
        *,
        in_guild: bool,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        interaction_id = self.fake.snowflake()
        token = f"itoken{interaction_id}"
        self.tokens.append(token)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APPLICATION_ID),
            "type": kind,
            "token": token,
            "version": 1,
            "data": data,
            "locale": self.locales.get(person.id, "en-US"),
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": str(MEMBER_PERMISSIONS | (1 << 15)),
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
        }
        if in_guild:
            payload.update(
                guild_id=str(GUILD_ID),
                guild_locale=self.guild_locale,
                context=0,
                member=person.member(),
                channel_id=str(GUILD_CHANNEL_ID),
                channel={
                    "id": str(GUILD_CHANNEL_ID),
                    "type": 0,
                    "name": "general",
                    "position": 0,
                    "guild_id": str(GUILD_ID),
                    "permission_overwrites": [],
                    "nsfw": False,
                    "parent_id": None,
                },
            )
        else:
            payload.update(
                context=1,
                user=person.user(),
                channel_id=str(dm_channel_id(person)),
                channel={
                    "id": str(dm_channel_id(person)),
                    "type": 1,
                    "recipients": [person.user()],
                },
            )
        if message is not None:
            payload["message"] = message
        return payload

    def slash(
        self,
        name: str,
        person: Person,
        options: list[dict[str, Any]] | None = None,
        *,
        sub: str | None = None,
        resolved: dict[str, Any] | None = None,
        in_guild: bool = True,
        autocomplete: bool = False,
    ) -> dict[str, Any]:
        opts = options or []
        if sub is not None:
            opts = [{"name": sub, "type": SUB_COMMAND, "options": opts}]
        data: dict[str, Any] = {
            "id": str(self.fake.snowflake()),
            "name": name,
            "type": 1,
            "options": opts,
        }
        if resolved:
            data["resolved"] = resolved
        return self._base(4 if autocomplete else 2, data, person, in_guild=in_guild)

    def message_menu(
        self, name: str, person: Person, target: dict[str, Any], *, in_guild: bool = True
    ) -> dict[str, Any]:
        data = {
            "id": str(self.fake.snowflake()),
            "name": name,
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        }
        return self._base(2, data, person, in_guild=in_guild)

    def click(
        self, custom_id: str, person: Person, message: dict[str, Any], *, in_guild: bool = True
    ) -> dict[str, Any]:
        data = {"custom_id": custom_id, "component_type": 2}
        return self._base(3, data, person, in_guild=in_guild, message=message)


def user_message(
    fake: FakeDiscord,
    author: Person,
    attachments: list[dict[str, Any]],
    *,
    in_guild: bool,
    voice: bool = False,
    content: str = "",
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "id": str(fake.snowflake()),
        "channel_id": str(GUILD_CHANNEL_ID if in_guild else dm_channel_id(author)),
        "author": author.user(),
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments,
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 8192 if voice else 0,
        "components": [],
    }
    if in_guild:
        message["guild_id"] = str(GUILD_ID)
        member = author.member()
        member.pop("user")
        message["member"] = member
    fake.messages[int(message["id"])] = message
    return message
