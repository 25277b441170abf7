"""The core use-case: turn a recording a member sent into a cloned voice, exactly once."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.app.leases import is_orphan
from bot.app.settings import Settings
from bot.audio.convert import AudioConverter
from bot.audio.reading import read_capped
from bot.audio.results import ConvertedAudio
from bot.clock import Clock
from bot.cloning.progress import Progress, StageReporter
from bot.errors import (
    ALL_ERRORS,
    BotError,
    Busy,
    ConsentRequired,
    Cooldown,
    InternalError,
    NotOwner,
    OutcomeUnknown,
    ServiceUnavailable,
)
from bot.models import (
    CloneOptions,
    CloneRequestRecord,
    Consent,
    Member,
    MemberLimits,
    NewCloneRequest,
    RemoteVoice,
    RequestState,
    VoiceRecord,
)
from bot.observability.metrics import METRICS
from bot.policy.admission import Admission
from bot.policy.community import CommunityPolicy
from bot.ports import AudioSource, Store, VoiceApi
from bot.voices.library import clean_clone_options
from bot.voices.preview import Preview, fetch_preview

log = logging.getLogger(__name__)


#: How long a clone may run before another instance may take it over. Longer than any clone:
#: the lease starts when the request is created and is renewed when the API call starts,
#: which is bounded by its retries. On the same host a dead process is noticed at once.
CLONE_LEASE = timedelta(minutes=10)
_UNDER_WAY = frozenset({RequestState.PENDING, RequestState.RUNNING})
_ERROR_BY_CODE: dict[str, type[BotError]] = {cls.code: cls for cls in ALL_ERRORS}


class Restarting(ServiceUnavailable):
    message_key = "error-restarting"
    default_message = "The bot is restarting. Give your consent again in a minute."


@dataclass(frozen=True, slots=True)
class CloneResult:
    voice: VoiceRecord
    preview_url: str | None
    preview_audio: bytes | None
    preview_content_type: str | None
    #: True when this was a repeat of an earlier request (same idempotency key).
    reused: bool = False
    #: One short tip for a better clone when the recording was weak (noisy, quiet, clipped).
    quality_tip: str | None = None


class NotYourRecording(NotOwner):
    message_key = "error-not-own-recording"
    default_message = "You can only clone your own voice: that recording was sent by someone else."


def scoped_key(member: Member, key: str) -> str:
    """Repeat keys belong to one member of one community on one platform: the same recording
    repeated by the same member is cloned once, and nothing found under a key is ever
    someone else's."""
    return f"{member.platform}:{member.community_id or '-'}:{member.user_id}:{key}"


def check_own_recording(member: Member, recorded_by: str) -> None:
    if recorded_by != member.user_id:
        raise NotYourRecording()


def error_for_code(code: str | None) -> BotError:
    """The error a stored request failed with, to answer its repeats with the same message."""
    cls = _ERROR_BY_CODE.get(code or "", InternalError)
    return Cooldown(0.0) if cls is Cooldown else cls()


def default_voice_name(now: datetime) -> str:
    return f"My voice {now:%Y-%m-%d %H:%M}"


class CloneService:
    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        api: VoiceApi,
        converter: AudioConverter,
        policy: CommunityPolicy,
        clock: Clock,
        instance_id: str,
    ) -> None:
        self._settings = settings
        self._store = store
        self._api = api
        self._converter = converter
        self._policy = policy
        self._clock = clock
        self._instance_id = instance_id
        self.admission = Admission(
            settings.max_concurrent_clones,
            settings.clone_queue_size,
            settings.clone_queue_wait_seconds,
        )
        #: False once shutting down: clones under way finish, new ones are turned away.
        self.accepting = True

    async def clone(
        self,
        member: Member,
        source: AudioSource,
        *,
        idempotency_key: str,
        consent: Consent | None,
        options: CloneOptions,
        recorded_by: str,
        progress: Progress | None = None,
    ) -> CloneResult:
        """``idempotency_key`` names the recording (the core scopes it to the member);
        ``recorded_by`` is who recorded it, as the platform says."""
        if consent is None:
            raise ConsentRequired()
        check_own_recording(member, recorded_by)
        if not self.accepting:
            raise Restarting()
        options = clean_clone_options(options)
        rules = await self._policy.check_clone(member)
        limits = MemberLimits(rules.voices_per_member, rules.cooldown_seconds)
        request = NewCloneRequest(
            idempotency_key=scoped_key(member, idempotency_key),
            member=member,
            marker=secrets.token_hex(8),
            options=options,
            consent=consent,
            owner=self._instance_id,
            lease_until=self._clock() + CLONE_LEASE,
        )
        try:
            # A few rounds at most: a repeat whose first attempt was refused before the API
            # (and so left no row), or whose process died (an orphan, reclaimed here), goes
            # through on its own.
            for _ in range(3):
                outcome = await self._store.begin_clone(request, limits, self._clock())
                if outcome.created:
                    result = await self._run(member, source, request, StageReporter.wrap(progress))
                    break
                if await self.reclaim(outcome.request):
                    continue
                repeated = await self._result_of(outcome.request, member)
                if repeated is not None:
                    return repeated
            else:
                raise Busy(
                    "Your earlier request for this recording is still being handled.",
                    key="error-request-in-progress",
                )
        except BotError as exc:
            METRICS.clones.labels(outcome=exc.code).inc()
            raise
        METRICS.clones.labels(outcome="ok").inc()
        return result

    async def _run(
        self,
        member: Member,
        source: AudioSource,
        request: NewCloneRequest,
        progress: Progress | None,
    ) -> CloneResult:
        key = request.idempotency_key
        api_called = False
        try:
            async with self.admission.slot():
                await report_progress(progress, "reading")
                data = await read_capped(source, self._settings.max_upload_bytes)
                await report_progress(progress, "converting")
                with METRICS.conversion_seconds.time():
                    converted = await self._converter.convert(data)
                del data
                now = self._clock()
                await self._store.mark_running(
                    key,
                    owner=self._instance_id,
                    lease_until=now + CLONE_LEASE,
                    sample_sha256=converted.sha256,
                    speech_seconds=converted.speech_seconds,
                    now=now,
                )
                await report_progress(progress, "cloning")
                opts = request.options
                api_called = True
                cloned = await self._clone_at_api(
                    request, converted, name=opts.name or default_voice_name(now)
                )
                now = self._clock()
                voice = await self._complete_or_undo(
                    key,
                    VoiceRecord(
                        voice_id=cloned.voice_id,
                        platform=member.platform,
                        user_id=member.user_id,
                        community_id=member.community_id,
                        name=cloned.name or opts.name or default_voice_name(now),
                        description=opts.description,
                        languages=cloned.languages,
                        sample_sha256=converted.sha256,
                        speech_seconds=converted.speech_seconds,
                        is_default=False,
                        created_at=now,
                        updated_at=now,
                    ),
                    now,
                )
        except asyncio.CancelledError:
            # Shutting down: a request that reached the API stays ``running`` for the
            # reconciler; one that did not leaves nothing behind, nothing was spent.
            if not api_called:
                await asyncio.shield(self._store.discard_clone(key))
            raise
        except BotError as exc:
            if not api_called:
                # Refused before any API call (bad file, busy...): no row is left behind.
                if isinstance(exc, Busy):
                    METRICS.rejections.inc()
                await self._store.discard_clone(key)
            elif isinstance(exc, ServiceUnavailable):
                # The outcome is unknown: leave it to the reconciler, which asks the API.
                await self._settle_unknown(key)
            else:
                await self._store.fail_clone(key, exc.code, self._clock())
            raise
        except Exception as exc:
            reference = InternalError().reference
            log.exception("clone %s failed (reference %s)", key, reference)
            if api_called:
                await self._settle_unknown(key)
            else:
                await self._store.discard_clone(key)
            raise InternalError(reference=reference) from exc
        await report_progress(progress, "preview")
        preview = await fetch_preview(
            self._api, voice, wait_seconds=self._settings.preview_wait_seconds, required=False
        )
        return dataclasses.replace(
            _result(preview, reused=False), quality_tip=converted.quality_tip
        )

    async def _clone_at_api(
        self, request: NewCloneRequest, converted: ConvertedAudio, *, name: str
    ) -> RemoteVoice:
        """Send the clone. When its answer is lost the voice may exist anyway: look for it by
        the request's marker (as the reconciler does) before sending again, so that one
        request never makes two voices."""
        opts = request.options
        sends = self._settings.api_max_attempts
        for send in range(1, sends + 1):
            try:
                return await self._api.clone_voice(
                    converted.data,
                    filename=converted.filename,
                    content_type=converted.content_type,
                    name=name,
                    marker=request.marker,
                    description=opts.description,
                    accent=opts.accent,
                    gender=opts.gender,
                    style=opts.style,
                    enhance=opts.enhance,
                    transcript=opts.transcript,
                )
            except OutcomeUnknown:
                # A failed look-up raises: the request then stays for the reconciler, and is
                # never sent again blindly.
                found = await self._find_cloned(request.marker)
                if found is not None:
                    log.info(
                        "request %s: the answer was lost; adopting voice %s",
                        request.idempotency_key,
                        found.voice_id,
                    )
                    return found
                if send == sends:
                    raise
                log.info("request %s never reached the API; sending it again", request.marker)
        raise AssertionError("unreachable: the last send returns or raises")

    async def _find_cloned(self, marker: str) -> RemoteVoice | None:
        """The voice a clone request made, found by its marker; None when it made none."""
        found = await self._api.find_voices_by_marker(marker)
        if len(found) > 1:
            log.warning("%d voices carry the same clone marker; taking the first", len(found))
        return found[0] if found else None

    async def _complete_or_undo(self, key: str, voice: VoiceRecord, now: datetime) -> VoiceRecord:
        try:
            return await self._store.complete_clone(key, voice, now)
        except LookupError:
            # The member erased their data (forget-me) while this clone ran: a voice nobody
            # accounts for must not stay at the API.
            await self._api.delete_voice(voice.voice_id)
            raise ConsentRequired(
                "Your data was erased while this clone was running, so its voice was deleted too.",
                key="error-erased-during-clone",
            ) from None

    async def _settle_unknown(self, key: str) -> None:
        """The API may or may not have made the voice: look once; if it can't be told, the
        request stays ``running`` and the reconciler settles it later."""
        request = await self._store.get_clone_request(key)
        if request is None:
            return
        try:
            await self._reconcile_one(request)
        except BotError as exc:
            log.warning("clone %s left for the reconciler: %s", key, exc.code)

    async def _result_of(self, request: CloneRequestRecord, member: Member) -> CloneResult | None:
        """The answer to a repeated request: wait for the first one, then give its result;
        None when the first was refused before reaching the API (its row is gone) or its
        process died while we waited (the caller reclaims it)."""
        if (request.platform, request.user_id) != (member.platform, member.user_id):
            # Keys are scoped to the member, so this is a bug: never hand over the voice.
            raise NotYourRecording()
        deadline = asyncio.get_running_loop().time() + 180
        while request.state in _UNDER_WAY:
            if asyncio.get_running_loop().time() > deadline:
                raise ServiceUnavailable(
                    "Your first request is still being processed.",
                    key="error-first-request-processing",
                )
            await asyncio.sleep(0.2)
            found = await self._store.get_clone_request(request.idempotency_key)
            if found is None:
                return None
            if found.state in _UNDER_WAY and is_orphan(found, self._instance_id, self._clock()):
                return None
            request = found
        if request.state is RequestState.FAILED or request.voice_id is None:
            raise error_for_code(request.error_code)
        voice = await self._store.get_voice(request.voice_id)
        if voice is None or (voice.platform, voice.user_id) != (member.platform, member.user_id):
            raise error_for_code("voice_not_found")
        preview = await fetch_preview(
            self._api, voice, wait_seconds=self._settings.preview_wait_seconds, required=False
        )
        return _result(preview, reused=True)

    # --- reconciliation ---------------------------------------------------------------
    async def reclaim(self, request: CloneRequestRecord) -> bool:
        """Take back a request whose process died (:func:`bot.app.leases.is_orphan`): one that
        never reached the API is removed (nothing was spent); one that did is settled by
        asking the API. False when a live process still works on it.

        Repeats, forget-me and the reconciler all come through here, so a dead process holds
        nothing up for longer than it takes to notice that it is dead."""
        now = self._clock()
        if request.state not in _UNDER_WAY or not is_orphan(request, self._instance_id, now):
            return False
        key = request.idempotency_key
        if request.state is RequestState.PENDING:
            # Whoever wins, the dead process's row is gone (or already replaced).
            if await self._store.reclaim_pending(key, expected_owner=request.owner):
                log.info("request %s: its process died before the API call; removed", key)
            return True
        claimed = await self._store.claim_request(
            key,
            expected_owner=request.owner,
            new_owner=self._instance_id,
            lease_until=now + CLONE_LEASE,
        )
        if not claimed:
            return False  # another instance got it first and settles it
        found = await self._store.get_clone_request(key)
        if found is not None and found.state is RequestState.RUNNING:
            await self._reconcile_one(found)
        return True

    async def reconcile(self) -> int:
        """Settle requests a dead process left behind; returns how many were settled."""
        settled = 0
        unsettled = 0  # orphans this round could not settle: the stuck-reconciler alert
        for request in await self._store.list_running_requests():
            try:
                settled += await self.reclaim(request)
            except BotError as exc:
                unsettled += 1
                log.warning("could not reconcile %s yet: %s", request.idempotency_key, exc.code)
        METRICS.requests_overdue.set(unsettled)
        return settled

    async def _reconcile_one(self, request: CloneRequestRecord) -> None:
        voice = await self._find_cloned(request.marker)
        now = self._clock()
        if voice is None:
            await self._store.fail_clone(request.idempotency_key, "service_unavailable", now)
            log.info("request %s never reached the API: failed", request.idempotency_key)
            return
        await self._store.complete_clone(
            request.idempotency_key,
            VoiceRecord(
                voice_id=voice.voice_id,
                platform=request.platform,
                user_id=request.user_id,
                community_id=request.community_id,
                name=voice.name or request.options.name or "My voice",
                description=request.options.description,
                languages=voice.languages,
                sample_sha256=request.sample_sha256 or "",
                speech_seconds=request.speech_seconds or 0.0,
                is_default=False,
                created_at=now,
                updated_at=now,
            ),
            now,
        )
        log.info("request %s adopted voice %s", request.idempotency_key, voice.voice_id)


async def report_progress(progress: Progress | None, stage: str) -> None:
    await StageReporter.wrap(progress)(stage)


def _result(preview: Preview, *, reused: bool) -> CloneResult:
    return CloneResult(
        voice=preview.voice,
        preview_url=preview.url,
        preview_audio=preview.audio,
        preview_content_type=preview.content_type,
        reused=reused,
    )
