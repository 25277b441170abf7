"""The commands about one member (and the operator's ``settings``): one function each, found
by name in :data:`MEMBER_COMMANDS`. Each makes one facade call and prints its result."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from adapters.cli.output import (
    EXIT_OK,
    EXIT_USAGE,
    Output,
    clone_dict,
    clone_text,
    setting_text,
    settings_dict,
    voice_dict,
    voice_line,
)
from adapters.cli.parser import parse_changes
from bot.errors import ConsentRequired, NotAllowed
from bot.facade import FileSource, VoiceBot
from bot.models import CloneOptions, Member

MemberCommand = Callable[[argparse.Namespace, VoiceBot, Member, Output], Awaitable[int]]


async def settings(
    args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output
) -> int:
    """Show or change a community's settings, as its operator (``member`` is unused)."""
    operator = Member(
        platform=args.platform, user_id="operator", community_id=args.community, is_admin=True
    )
    changes = parse_changes(args.changes)
    if changes:
        rules = await voicebot.update_community_settings(operator, changes)
    else:
        rules = await voicebot.community_settings(operator)
    shown = settings_dict(rules)
    out.result(shown, "\n".join(f"{key}: {setting_text(value)}" for key, value in shown.items()))
    return EXIT_OK


async def voices(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    found = await voicebot.list_voices(member)
    text = "\n".join(voice_line(v) for v in found) or "No voices yet."
    out.result({"voices": [voice_dict(v) for v in found]}, text)
    return EXIT_OK


async def preview(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    shown = await voicebot.preview(member, args.voice)
    out.result(
        {"voice": voice_dict(shown.voice), "preview_url": shown.url},
        f"Preview of {shown.voice.name}: {shown.url}",
    )
    return EXIT_OK


async def rename(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    voice = await voicebot.rename(member, args.voice, args.name, args.description)
    out.result({"voice": voice_dict(voice)}, f"Renamed: {voice_line(voice)}")
    return EXIT_OK


async def default(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    voice = await voicebot.make_default(member, args.voice)
    out.result({"voice": voice_dict(voice)}, f"Default voice: {voice_line(voice)}")
    return EXIT_OK


async def delete(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    voice = await voicebot.delete_voice(member, args.voice)
    out.result({"deleted": voice_dict(voice)}, f"Deleted {voice.name} ({voice.voice_id}).")
    return EXIT_OK


async def forget(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    if not args.yes:
        raise NotAllowed("Forgetting deletes every voice and record: add --yes to confirm.")
    report = await voicebot.forget(member)
    counts = report.counts
    out.result(
        {
            "deleted_voices": report.voice_ids,
            "requests": counts.requests,
            "consents": counts.consents,
            "audit_entries": counts.audit_entries,
        },
        f"Forgot member {member.user_id}: {len(report.voice_ids)} voice(s) deleted, "
        f"{counts.requests} request(s), {counts.consents} consent record(s) erased.",
    )
    return EXIT_OK


async def export(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    """The member's data on stdout (one line with ``--json``), or in the file the operator
    names."""
    document = await voicebot.my_data(member)
    if args.output is None:
        if out.as_json:
            print(json.dumps(json.loads(document), ensure_ascii=False), file=out.out)
        else:
            print(document.decode("utf-8"), file=out.out)
        return EXIT_OK
    target = Path(args.output)
    try:
        await asyncio.to_thread(target.write_bytes, document)
    except OSError as exc:
        print(f"python -m bot export: cannot write {target}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    out.result(
        {"written": str(target), "bytes": len(document)},
        f"Wrote everything held about {member.user_id} to {target}.",
    )
    return EXIT_OK


async def say(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    target = Path(args.output)
    if not await asyncio.to_thread(target.parent.is_dir):
        print(f"python -m bot say: no such folder: {target.parent}", file=sys.stderr)
        return EXIT_USAGE
    speech = await voicebot.say(member, args.text, args.voice)
    try:
        await asyncio.to_thread(target.write_bytes, speech.audio)
    except OSError as exc:
        print(f"python -m bot say: cannot write {target}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    label = speech.label(f"member {member.user_id}")
    out.result(
        {"voice": voice_dict(speech.voice), "output": args.output, "label": label},
        f"{label}\nWrote {len(speech.audio)} bytes to {args.output}",
    )
    return EXIT_OK


async def clone(args: argparse.Namespace, voicebot: VoiceBot, member: Member, out: Output) -> int:
    if not args.consent:
        raise ConsentRequired(
            "Cloning needs the member's consent: add --consent to confirm that this is their "
            "own voice and that they agree to have it cloned."
        )
    consent = voicebot.consent_now()
    path = Path(args.file)
    if not await asyncio.to_thread(path.is_file):
        print(f"python -m bot clone: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    options = CloneOptions(
        name=args.name,
        description=args.description,
        accent=args.accent,
        gender=args.gender,
        style=args.style,
        enhance=True if args.enhance else None,
        transcript=args.transcript,
    )

    async def progress(stage: str) -> None:
        out.progress(stage)

    result = await voicebot.clone(
        member,
        FileSource(path),
        idempotency_key=args.idempotency_key or f"cli:{member.user_id}:{voicebot.instance_id}",
        consent=consent,
        options=options,
        # The operator vouches with --consent that the file is the member's own recording.
        recorded_by=member.user_id,
        progress=progress,
    )
    out.result(clone_dict(result), clone_text(result))
    return EXIT_OK


MEMBER_COMMANDS: dict[str, MemberCommand] = {
    "settings": settings,
    "clone": clone,
    "voices": voices,
    "preview": preview,
    "rename": rename,
    "default": default,
    "delete": delete,
    "say": say,
    "export": export,
    "forget": forget,
}


async def run_member_command(
    command: str, args: argparse.Namespace, voicebot: VoiceBot, out: Output
) -> int:
    member = Member(platform=args.platform, user_id=getattr(args, "user", "operator"))
    return await MEMBER_COMMANDS[command](args, voicebot, member, out)
