"""The core's facade: everything an adapter or the CLI can ask of the bot."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.api.client import AsyncVoiceClient
from bot.api.config import ApiConfig
from bot.api.translate import TranslatedVoiceApi
from bot.app.leases import new_instance_id
from bot.app.settings import Settings
from bot.audio.convert import AudioConverter
from bot.audio.http_source import (
    HttpAudioSource,
    HttpSessions,
    audio_file_name,
    label_says_audio,
    looks_like_html,
)
from bot.audio.limits import AudioLimits
from bot.audio.opus_stream import OPUS_SILENCE, OpusFrameStream
from bot.audio.reading import FileSource
from bot.audio.results import VoiceMessageAudio
from bot.clock import Clock, utcnow
from bot.cloning.clone import CloneResult, CloneService, check_own_recording
from bot.cloning.clone_intent import AudioFetcher, CloneIntent, SourceRef
from bot.cloning.consent import (
    CONSENT_STATEMENT,
    CONSENT_STATEMENT_LANGUAGE,
    CONSENT_STATEMENT_VERSION,
)
from bot.cloning.progress import Accepted, Progress, StageReporter
from bot.errors import BotError, InternalError, NotAllowed
from bot.i18n import ConsentText
from bot.members.forget import ForgetReport, forget_member
from bot.members.my_data import (
    claim_export,
    consent_records,
    export_bytes,
    export_file_name,
    export_member,
)
from bot.members.prompts import ConsentExpired, PendingActions
from bot.models import (
    CloneOptions,
    CommunitySettings,
    Consent,
    Member,
    PendingAction,
    RecentClip,
    VoiceRecord,
)
from bot.observability.logs import enter_request, in_request, request_context, start_logging
from bot.observability.metrics import METRICS
from bot.policy.community import CommunityPolicy, describe
from bot.policy.overview import Overview, overview
from bot.ports import AudioSource, Store, VoiceApi
from bot.reading.rules import ChatMessage
from bot.reading.service import Incoming, ReadingService, ReadOutcome, ReadStatus
from bot.speech.say import SayService, Speech
from bot.speech.voice_queue import (
    Notify,
    Queued,
    Utterance,
    VoiceChannelQueue,
    VoiceOutput,
    VoiceQueues,
)
from bot.voices.library import VoiceService, clean_clone_options
from bot.voices.preview import Preview

log = logging.getLogger(__name__)

__all__ = [
    "METRICS",
    "OPUS_SILENCE",
    "ApiConfig",
    "AsyncVoiceClient",
    "AudioSource",
    "ChatMessage",
    "CloneIntent",
    "CloneResult",
    "FileSource",
    "ForgetReport",
    "HttpAudioSource",
    "HttpSessions",
    "Incoming",
    "OpusFrameStream",
    "Overview",
    "Preview",
    "Progress",
    "ReadOutcome",
    "ReadStatus",
    "SourceRef",
    "Speech",
    "Store",
    "TranslatedVoiceApi",
    "Utterance",
    "VoiceBot",
    "VoiceChannelQueue",
    "audio_file_name",
    "build_voice_bot",
    "describe",
    "enter_request",
    "label_says_audio",
    "looks_like_html",
    "request_context",
    "start_logging",
]


class VoiceBot:
    consent_statement = CONSENT_STATEMENT

    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        api: VoiceApi,
        converter: AudioConverter,
        clock: Clock = utcnow,
        instance_id: str | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.api = api
        self.converter = converter
        self.clock = clock
        self.instance_id = instance_id or new_instance_id()
        self.policy = CommunityPolicy(settings, store, clock)
        self.pending = PendingActions(store, clock, settings.consent_ttl_seconds)
        self.voices = VoiceService(store, api, clock, settings.preview_wait_seconds)
        self.cloning = CloneService(
            settings=settings,
            store=store,
            api=api,
            converter=converter,
            policy=self.policy,
            clock=clock,
            instance_id=self.instance_id,
        )
        self.speaking = SayService(
            settings=settings,
            store=store,
            api=api,
            policy=self.policy,
            voices=self.voices,
            clock=clock,
        )
        #: Voice-channel queues, one per community (bot/speech/voice_queue.py).
        self.voice = VoiceQueues(settings)
        #: Members' messages read aloud in their voice (bot/reading).
        self.reading = ReadingService(
            store=store,
            policy=self.policy,
            voices=self.voices,
            speaking=self.speaking,
            clock=clock,
        )

    async def start(self, *, warm_audio: bool = True) -> None:
        """``warm_audio=False`` for short commands that convert nothing: the audio workers
        then start on first use."""
        if warm_audio:
            await self.converter.start()
        await self._tidy_up()

    async def maintain(self, interval: float = 60.0) -> None:
        """Runs while the bot runs: settles clones whose outcome was left unknown (a timeout,
        a dead instance's lease running out) and drops expired buttons and old deliveries."""
        while True:
            await asyncio.sleep(interval)
            try:
                await self._tidy_up()
            except Exception:  # maintenance must outlive a bad moment
                log.warning("maintenance round failed; trying again later", exc_info=True)

    async def _tidy_up(self) -> None:
        await self.store.purge_expired(self.clock())
        settled = await self.cloning.reconcile()
        if settled:
            log.info("reconciled %d interrupted clone request(s)", settled)

    async def drain(self) -> None:
        """On shutdown: turn new clones away and wait for those under way to finish. Bound it
        with a timeout; whatever is still running then is parked, and the next start
        reconciles it."""
        self.cloning.accepting = False
        await self.cloning.admission.wait_idle()

    async def close(self) -> None:
        await self.voice.close()
        await self.converter.close()
        await self.api.close()
        await self.store.close()

    # --- consent and confirmations ------------------------------------------------------
    # Each click is one core call: the core checks the action's kind, owner and expiry, and
    # does the rest. An expired, reused or foreign button gets the same answer everywhere.
    @in_request("consent")
    async def ask_consent(
        self, member: Member, intent: CloneIntent, *, shown: ConsentText | None = None
    ) -> PendingAction:
        """Refuses at once what could never be cloned (someone else's recording, bad
        options, cloning off here), else stores the intent for the consent click.
        ``shown``: the consent statement the prompt shows (language and version), recorded
        when the member consents; English when not given."""
        check_own_recording(member, intent.source.recorded_by)
        clean_clone_options(intent.options)
        await self.policy.check_clone(member)
        payload = intent.to_payload()
        if shown is not None:
            payload["statement"] = {"language": shown.language, "version": shown.version}
        return await self.pending.create(member, "clone", payload)

    @in_request("consent")
    async def consent_given(
        self,
        token: str,
        member: Member,
        fetch: AudioFetcher,
        progress: Progress | None = None,
        *,
        accepted: Accepted | None = None,
    ) -> CloneResult:
        """The member consented: record it and clone the recording the prompt was about.
        ``fetch`` gets the audio for the stored source reference (fresh URLs). ``accepted`` is
        called once the click is taken (the prompt is then the member's answer), ``progress``
        once per stage; neither can fail the clone."""
        action = await self.pending.take(token, member, kind="clone")
        try:
            intent = CloneIntent.from_payload(action.payload)
        except ValueError:
            raise ConsentExpired() from None
        check_own_recording(member, intent.source.recorded_by)
        stages = StageReporter(progress, accepted)
        await stages.accept()
        await stages("reading")
        progress = stages
        source = await fetch(intent.source)
        return await self.cloning.clone(
            member,
            source,
            idempotency_key=intent.source.key,
            consent=self.consent_for(action),
            options=intent.options,
            recorded_by=intent.source.recorded_by,
            progress=progress,
        )

    @in_request("confirm")
    async def ask_forget(self, member: Member) -> PendingAction:
        return await self.pending.create(member, "forget", {})

    @in_request("forget")
    async def forget_confirmed(self, token: str, member: Member) -> ForgetReport:
        await self.pending.take(token, member, kind="forget")
        return await self.forget(member)

    @in_request("cancel")
    async def cancel(self, token: str, member: Member) -> None:
        """Any prompt's Cancel: the prompt can't be answered any more."""
        await self.pending.take(token, member)

    def consent_now(self) -> Consent:
        """Consent given now, under the current English statement (the CLI's ``--consent``)."""
        return Consent(
            statement_version=CONSENT_STATEMENT_VERSION,
            given_at=self.clock(),
            statement_language=CONSENT_STATEMENT_LANGUAGE,
        )

    def consent_for(self, action: PendingAction) -> Consent:
        """The consent a click on ``action``'s prompt gives: to the statement it showed."""
        shown = action.payload.get("statement")
        if isinstance(shown, dict) and shown.get("language") and shown.get("version"):
            return Consent(
                statement_version=str(shown["version"]),
                given_at=self.clock(),
                statement_language=str(shown["language"]),
            )
        return self.consent_now()

    # --- cloning and voices ---------------------------------------------------------------
    @in_request("clone")
    async def clone(
        self,
        member: Member,
        source: AudioSource,
        *,
        idempotency_key: str,
        consent: Consent | None,
        recorded_by: str,
        options: CloneOptions | None = None,
        progress: Progress | None = None,
    ) -> CloneResult:
        return await self.cloning.clone(
            member,
            source,
            idempotency_key=idempotency_key,
            consent=consent,
            options=options or CloneOptions(),
            recorded_by=recorded_by,
            progress=progress,
        )

    @in_request("voices")
    async def list_voices(self, member: Member) -> list[VoiceRecord]:
        return await self.voices.list(member)

    @in_request("preview")
    async def preview(self, member: Member, voice_ref: str | None) -> Preview:
        return await self.voices.preview(member, voice_ref)

    @in_request("rename")
    async def rename(
        self, member: Member, voice_ref: str, name: str, description: str | None = None
    ) -> VoiceRecord:
        return await self.voices.rename(member, voice_ref, name, description)

    @in_request("default")
    async def make_default(self, member: Member, voice_ref: str) -> VoiceRecord:
        return await self.voices.make_default(member, voice_ref)

    @in_request("delete")
    async def delete_voice(self, member: Member, voice_ref: str) -> VoiceRecord:
        return await self.voices.delete(member, voice_ref)

    @in_request("say")
    async def say(self, member: Member, text: str, voice_ref: str | None = None) -> Speech:
        return await self.speaking.say(member, text, voice_ref)

    @in_request("say")
    async def say_in_voice(
        self,
        member: Member,
        text: str,
        voice_ref: str | None,
        queue: VoiceChannelQueue,
        *,
        notify: Notify | None = None,
        requested_at: float | None = None,
    ) -> Queued:
        """``/say`` into a voice channel: the same checks as :meth:`say`, then the speech
        waits its turn in ``queue`` (``busy`` when full) and streams when it plays."""
        # Reading never makes /say busy: waiting read messages give way.
        await queue.make_room_for_say(0.0)
        queue.check_room(0.0)
        live = await self.speaking.say_live(member, text, voice_ref)
        try:
            utterance = Utterance(live, notify)
            if requested_at is not None:
                utterance.requested_at = requested_at
            await queue.make_room_for_say(utterance.seconds)
            queued = queue.add(utterance)
        except BaseException:
            await asyncio.shield(live.cancel())
            raise
        self.reading.spoke(member)
        return queued

    # --- reading messages aloud (/read) ----------------------------------------------------
    @in_request("read")
    async def read_on(
        self, member: Member, voice_ref: str | None, locale: str, *, can_read_messages: bool
    ) -> VoiceRecord:
        """``/read on``: the member's messages are read in ``voice_ref`` (their default when
        None). ``can_read_messages``: the platform delivers message text to the bot."""
        return await self.reading.turn_on(
            member, voice_ref, locale, can_read_messages=can_read_messages
        )

    @in_request("read")
    async def read_off(self, member: Member) -> bool:
        """``/read off``: stops at once; their waiting messages go. False if it was off."""
        queue = self.voice.get(member.community_id) if member.community_id else None
        return await self.reading.turn_off(member, queue)

    @in_request("read")
    async def read_status(self, member: Member) -> ReadStatus:
        return await self.reading.status(member)

    async def read_message(
        self, member: Member, incoming: Incoming, queue: VoiceChannelQueue
    ) -> ReadOutcome:
        """A chat message arrived where the bot is in a voice channel: read it when the
        rules allow (bot/reading/service.py)."""
        return await self.reading.read(member, incoming, queue)

    async def reader_left(self, member: Member) -> int:
        """The member left the bot's voice channel: their waiting read messages go."""
        queue = self.voice.get(member.community_id) if member.community_id else None
        return await self.reading.left_channel(member, queue)

    async def forget_voice_queue(self, member: Member) -> int:
        """Hook for ``/forget-me``: the member's speech leaves every voice queue."""
        return await self.voice.forget_member(member.platform, member.user_id)

    # --- voice channels and voice messages, for the Discord adapter ------------------------
    # Adapters call these rather than reaching into ``voice`` or ``converter``.
    def voice_queue(self, community_id: str) -> VoiceChannelQueue | None:
        """The community's voice queue, while the bot has one there."""
        return self.voice.get(community_id)

    def open_voice_queue(self, community_id: str, output: VoiceOutput) -> VoiceChannelQueue:
        """The community's voice queue, created on first use; it plays through ``output``."""
        return self.voice.open(community_id, output)

    def check_can_join_voice(
        self, community_id: str, channel_id: str, *, speaking_in: str | None
    ) -> None:
        """``busy`` when the bot speaks for others in ``speaking_in``, another channel."""
        self.voice.check_can_join(community_id, channel_id, speaking_in=speaking_in)

    async def to_voice_message(self, audio: bytes) -> VoiceMessageAudio:
        """Speech as a native voice message (Ogg Opus with its duration and waveform)."""
        return await self.converter.to_voice_message(audio)

    # --- /forget-me ---------------------------------------------------------------------------
    @in_request("forget")
    async def forget(self, member: Member) -> ForgetReport:
        # Nothing of theirs is spoken any more, then everything about them is erased (their
        # reading switch too: the readers row goes with their other rows).
        await self.forget_voice_queue(member)
        self.reading.forget(member)
        return await forget_member(self.store, self.api, member, self.cloning.reclaim)

    # --- my data -----------------------------------------------------------------------------
    @in_request("my-data")
    async def my_data(self, member: Member) -> bytes:
        """Everything held about the member, as JSON (made here, in memory; never written to
        disk). One per member per minute on each chat platform: ``cooldown`` otherwise."""
        now = self.clock()
        await claim_export(self.store, member, now)
        return export_bytes(await export_member(self.store, member, now))

    async def consents(self, member: Member) -> list[dict[str, Any]]:
        """The member's consent records (``given_at``, ``statement_version``,
        ``statement_language``...), oldest request key first."""
        return await consent_records(self.store, member)

    def my_data_file_name(self, member: Member) -> str:
        return export_file_name(member, self.clock())

    async def welcome_once(self, member: Member) -> bool:
        """True the first time the bot welcomes this member (until they use forget-me)."""
        return await self.store.welcome_once(member.platform, member.user_id, self.clock())

    @in_request("help")
    async def overview(self, member: Member) -> Overview:
        """What the member may do where they are (``/help``, the Slack Home tab)."""
        return await overview(self.policy, member)

    # --- community settings ---------------------------------------------------------------
    @in_request("settings")
    async def community_settings(self, member: Member) -> CommunitySettings:
        if not member.is_admin:
            raise NotAllowed(
                "Only admins of this community can see and change its settings.",
                key="error-settings-view-admins-only",
            )
        return await self.policy.settings_for(member)

    @in_request("settings")
    async def update_community_settings(
        self, member: Member, changes: Mapping[str, Any]
    ) -> CommunitySettings:
        return await self.policy.update(member, changes)

    # --- platform deliveries --------------------------------------------------------------
    async def first_delivery(self, platform: str, kind: str, item_id: str) -> bool:
        """True the first time the platform delivers this event or message; False for a
        redelivery (Slack retries, a Discord gateway resume replaying a message)."""
        return await self.store.mark_seen(f"{platform}:{kind}:{item_id}", self.clock())

    async def remember_clip(self, member: Member, file_id: str, channel_id: str | None) -> None:
        await self.store.remember_clip(
            RecentClip(member.platform, member.user_id, file_id, channel_id, self.clock())
        )

    async def latest_clip(self, member: Member) -> RecentClip | None:
        since = self.clock() - timedelta(minutes=self.settings.slack_clip_recent_minutes)
        return await self.store.latest_clip(member.platform, member.user_id, since)

    def describe_error(self, exc: BaseException) -> BotError:
        if isinstance(exc, BotError):
            return exc
        error = InternalError()
        log.error("unexpected error (reference %s)", error.reference, exc_info=exc)
        return error


async def build_voice_bot(
    settings: Settings,
    store: Store,
    *,
    api: VoiceApi | None = None,
    clock: Clock = utcnow,
) -> VoiceBot:
    """Wire the core from settings; the caller owns ``store`` and gets it closed by ``close``."""
    if api is None:
        settings.require_api_key()
        client = AsyncVoiceClient(ApiConfig.from_settings(settings), observer=METRICS)
        api = TranslatedVoiceApi(client)
    converter = AudioConverter(AudioLimits.from_settings(settings), workers=settings.audio_workers)
    bot = VoiceBot(settings=settings, store=store, api=api, converter=converter, clock=clock)
    METRICS.queue_depth.set_function(lambda: bot.cloning.admission.waiting)
    METRICS.active_clones.set_function(lambda: bot.cloning.admission.active)
    METRICS.voice_queue_length.set_function(lambda: bot.voice.total_length)
    return bot
