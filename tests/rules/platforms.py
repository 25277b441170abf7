"""One driver per platform over the real adapters, so each rule in the README's "Rules that
always hold" is written once and checked on Discord, Slack and the CLI.

A driver speaks of members as ``"alice"`` and ``"bob"`` and returns what the member saw as an
:class:`Outcome`: the text, the stable code it carries, and, for a consent prompt, the handle
to answer it."""

from __future__ import annotations

import io
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any, Protocol

from adapters.cli.output import Output
from adapters.cli.parser import build_parser
from adapters.slack import blocks
from bot.__main__ import dispatch
from bot.app.settings import Settings
from bot.facade import VoiceBot
from bot.models import Member
from simulator.server import RunningSimulator
from tests.conftest import AUDIO_FIXTURES
from tests.discord.conftest import Harness
from tests.discord.helpers import button, followups, slash_clone
from tests.discord.payloads import ALICE, BOB, GUILD_ID, STRING, option, user_message
from tests.slack.fake_slack import TEAM_ID, Message, dm_of
from tests.slack.harness import SlackHarness, all_text, dm_clip_event, find_button

CLONES = ("POST", "/voices/clone")
_keys = itertools.count(1)


@dataclass
class Outcome:
    text: str
    code: str | None = None
    #: A consent prompt: what the member answers it with.
    prompt: Any = None


class Platform(Protocol):
    name: str
    sim: RunningSimulator
    voicebot: VoiceBot

    def member(self, who: str) -> Member: ...

    def recording(self, by: str) -> Any:
        """A recording made by ``by`` (offering the same one twice is a repeat)."""

    async def offer(self, who: str, recording: Any) -> Outcome:
        """``who`` asks to clone ``recording``: a consent prompt, or a refusal."""

    async def consent(self, who: str, prompt: Outcome) -> Outcome: ...

    async def clone_named(self, who: str, name: str) -> Outcome:
        """``who`` clones their own recording under ``name``, typed the platform's way."""

    async def preview(self, who: str, voice_id: str) -> Outcome: ...

    async def forget(self, who: str) -> Outcome: ...

    async def my_data(self, who: str) -> Outcome:
        """``who`` asks for everything held about them: the document is the outcome's
        ``prompt`` (None when refused)."""

    def downloads(self) -> int: ...


# --- Discord ---------------------------------------------------------------------------------
_DISCORD_CODE = re.compile(r"-# (\w+)(?: · reference \w+)?$")
_PEOPLE = {"alice": ALICE, "bob": BOB}


def _discord_code(text: str) -> str | None:
    found = _DISCORD_CODE.search(text)
    return found.group(1) if found else None


class DiscordPlatform:
    name = "discord"

    def __init__(self, h: Harness) -> None:
        self.h = h
        self.sim = h.sim
        self.voicebot = h.voicebot

    def member(self, who: str) -> Member:
        return Member("discord", str(_PEOPLE[who].id), str(GUILD_ID))

    def recording(self, by: str) -> dict[str, Any]:
        attachment = self.h.fake.attachment("voice_message.ogg", voice=True)
        return user_message(self.h.fake, _PEOPLE[by], [attachment], in_guild=True, voice=True)

    async def offer(self, who: str, recording: dict[str, Any]) -> Outcome:
        menu = self.h.payloads.message_menu("Clone this voice", _PEOPLE[who], recording)
        await self.h.run(menu)
        reply = self.h.fake.originals[menu["token"]]
        text = str(reply.get("content") or "")
        if reply.get("components"):
            return Outcome(text, prompt=reply)
        return Outcome(text, _discord_code(text))

    async def _click(self, who: str, message: dict[str, Any], prefix: str) -> Outcome:
        click = self.h.payloads.click(button(message, prefix), _PEOPLE[who], message)
        mark = self.h.mark()
        await self.h.click(click)
        private = followups(self.h, click["token"], mark)
        text = (
            str(private[-1].content or "")
            if private
            else str(self.h.last_edit(click["token"], mark).content or "")
        )
        return Outcome(text, _discord_code(text))

    async def consent(self, who: str, prompt: Outcome) -> Outcome:
        return await self._click(who, prompt.prompt, "vc:consent:")

    async def clone_named(self, who: str, name: str) -> Outcome:
        payload = await slash_clone(self.h, _PEOPLE[who], extra=[option("name", STRING, name)])
        prompt = self.h.fake.originals[payload["token"]]
        return await self._click(who, prompt, "vc:consent:")

    async def preview(self, who: str, voice_id: str) -> Outcome:
        payload = self.h.payloads.slash(
            "voice", _PEOPLE[who], [option("voice", STRING, voice_id)], sub="preview"
        )
        await self.h.run(payload)
        text = self.h.reply_text(payload["token"])
        return Outcome(text, _discord_code(text))

    async def delete(self, who: str, voice_id: str) -> Outcome:
        payload = self.h.payloads.slash(
            "voice", _PEOPLE[who], [option("voice", STRING, voice_id)], sub="delete"
        )
        await self.h.run(payload)
        text = self.h.reply_text(payload["token"])
        return Outcome(text, _discord_code(text))

    async def forget(self, who: str) -> Outcome:
        payload = self.h.payloads.slash("forget-me", _PEOPLE[who])
        await self.h.run(payload)
        return await self._click(who, self.h.fake.originals[payload["token"]], "vc:forget:")

    async def my_data(self, who: str) -> Outcome:
        payload = self.h.payloads.slash("my-data", _PEOPLE[who])
        mark = self.h.mark()
        await self.h.run(payload)
        [deferred] = self.h.fake.find("POST", rf"/interactions/\d+/{payload['token']}/callback")
        assert deferred.json["data"]["flags"] & 64, "only the member sees it"
        edit = self.h.last_edit(payload["token"], mark)
        text = str(edit.content or "")
        if not edit.uploads:
            return Outcome(text, _discord_code(text))
        [upload] = edit.uploads
        return Outcome(text, prompt=json.loads(upload.data))

    def downloads(self) -> int:
        return self.h.fake.cdn_downloads


# --- Slack -----------------------------------------------------------------------------------
_SLACK_CODE = re.compile(r"`(\w+)(?: · reference \w+)?`")
_SLACK_IDS = {"alice": "UALICE", "bob": "UBOB"}


def _slack_outcome(texts: list[str]) -> Outcome:
    text = "\n".join(texts)
    found = _SLACK_CODE.search(text)
    return Outcome(text, found.group(1) if found else None)


def _message_text(message: dict[str, Any]) -> str:
    return f"{message.get('text')}\n{all_text(message.get('blocks') or [])}"


class SlackPlatform:
    name = "slack"

    def __init__(self, slack: SlackHarness, voicebot: VoiceBot) -> None:
        self.slack = slack
        self.sim = slack.sim
        self.voicebot = voicebot

    def member(self, who: str) -> Member:
        return Member("slack", _SLACK_IDS[who], TEAM_ID)

    def recording(self, by: str) -> dict[str, Any]:
        content = (AUDIO_FIXTURES / "slack_clip.webm").read_bytes()
        return self.slack.fake.add_file(content, user=_SLACK_IDS[by])

    async def offer(self, who: str, recording: dict[str, Any]) -> Outcome:
        before = set(self.slack.fake.messages)
        await self.slack.event(dm_clip_event(_SLACK_IDS[who], recording))
        await self.slack.settle()
        new = [m for ts, m in self.slack.fake.messages.items() if ts not in before]
        for message in new:
            try:
                consent = find_button(message.blocks, blocks.CONSENT)
            except AssertionError:
                continue
            # The message changes as it is answered: keep the button's token with it.
            return Outcome(message.text, prompt=(message, str(consent["value"])))
        return _slack_outcome([f"{m.text}\n{all_text(m.blocks)}" for m in new])

    async def consent(self, who: str, prompt: Outcome) -> Outcome:
        message: Message
        message, token = prompt.prompt
        seen = len(message.history)
        tag = await self.slack.click(
            blocks.CONSENT,
            token,
            user=_SLACK_IDS[who],
            channel=dm_of(_SLACK_IDS[who]),
            message_ts=message.ts,
        )
        await self.slack.settle()
        private = self.slack.responses_to(tag)
        if private:
            return _slack_outcome([_message_text(r) for r in private])
        updates = message.history[seen:]
        return _slack_outcome([_message_text(updates[-1])] if updates else [])

    async def clone_named(self, who: str, name: str) -> Outcome:
        """A clip in DM, then ``/clone name`` (Slack sends ``&``, ``<``, ``>`` as entities)."""
        user = _SLACK_IDS[who]
        await self.offer(who, self.recording(by=who))
        typed = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        await self.slack.command("/clone", typed, user=user, channel=dm_of(user))
        await self.slack.settle()
        prompt = self.slack.fake.posted_in(dm_of(user))[-1]
        token = str(find_button(prompt.blocks, blocks.CONSENT)["value"])
        return await self.consent(who, Outcome(prompt.text, prompt=(prompt, token)))

    async def preview(self, who: str, voice_id: str) -> Outcome:
        tag = await self.slack.click(blocks.VOICE_PREVIEW, voice_id, user=_SLACK_IDS[who])
        await self.slack.settle()
        return _slack_outcome([_message_text(r) for r in self.slack.responses_to(tag)])

    async def forget(self, who: str) -> Outcome:
        user = _SLACK_IDS[who]
        tag = await self.slack.command("/forget-me", user=user)
        await self.slack.settle()
        [prompt] = self.slack.responses_to(tag)
        token = str(find_button(prompt["blocks"], blocks.FORGET_CONFIRM)["value"])
        click = await self.slack.click(blocks.FORGET_CONFIRM, token, user=user)
        await self.slack.settle()
        return _slack_outcome([_message_text(r) for r in self.slack.responses_to(click)])

    async def my_data(self, who: str) -> Outcome:
        user = _SLACK_IDS[who]
        before = len(self.slack.fake.uploads_to(dm_of(user)))
        tag = await self.slack.command("/my-data", user=user)
        await self.slack.settle()
        uploads = self.slack.fake.uploads_to(dm_of(user))[before:]
        if not uploads:
            return _slack_outcome([_message_text(r) for r in self.slack.responses_to(tag)])
        [upload] = uploads
        return Outcome(str(upload.initial_comment), prompt=json.loads(upload.content))

    def downloads(self) -> int:
        return self.slack.fake.downloads


# --- the CLI ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class CliRecording:
    path: str
    key: str


class CliPlatform:
    """The operator's command line: ``--consent`` is the member's consent, given on their
    behalf, and the file is theirs; ``--idempotency-key`` names the recording."""

    name = "cli"

    def __init__(self, settings: Settings, sim: RunningSimulator, voicebot: VoiceBot) -> None:
        self.settings = settings
        self.sim = sim
        self.voicebot = voicebot

    def member(self, who: str) -> Member:
        return Member("cli", who)

    async def run(self, *argv: str) -> Outcome:
        args = build_parser().parse_args([*argv, "--json"])
        out, err = io.StringIO(), io.StringIO()
        await dispatch(args.command, args, self.settings, Output(True, out, err))
        answer = json.loads(out.getvalue().strip().splitlines()[-1])
        error = answer.get("error") if isinstance(answer, dict) else None
        return Outcome(json.dumps(answer), error["code"] if error else None, prompt=answer)

    def recording(self, by: str) -> CliRecording:
        return CliRecording(str(AUDIO_FIXTURES / "voice_message.ogg"), f"recording-{next(_keys)}")

    async def offer(self, who: str, recording: CliRecording) -> Outcome:
        """The command without ``--consent``: refused, and it is the prompt to consent."""
        refused = await self.run(
            "clone", recording.path, "--user", who, "--idempotency-key", recording.key
        )
        return Outcome(refused.text, refused.code, prompt=recording)

    async def consent(self, who: str, prompt: Outcome) -> Outcome:
        recording: CliRecording = prompt.prompt
        return await self.run(
            "clone",
            recording.path,
            "--user",
            who,
            "--consent",
            "--idempotency-key",
            recording.key,
        )

    async def clone_named(self, who: str, name: str) -> Outcome:
        path = str(AUDIO_FIXTURES / "voice_message.ogg")
        return await self.run("clone", path, "--user", who, "--consent", "--name", name)

    async def preview(self, who: str, voice_id: str) -> Outcome:
        return await self.run("preview", voice_id, "--user", who)

    async def delete(self, who: str, voice_id: str) -> Outcome:
        return await self.run("delete", voice_id, "--user", who)

    async def forget(self, who: str) -> Outcome:
        return await self.run("forget", "--user", who, "--yes")

    async def my_data(self, who: str) -> Outcome:
        return await self.run("export", "--user", who)

    def downloads(self) -> int:
        return 0
