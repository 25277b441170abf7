"""The CLI end to end against the simulator: in-process for most cases, as a real
``python -m bot`` process where process death matters."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from adapters.cli.output import Output
from adapters.cli.parser import build_parser
from bot.__main__ import dispatch
from simulator.server import RunningSimulator
from tests.conftest import AUDIO_FIXTURES
from tests.core.conftest import make_settings

SAMPLE = str(AUDIO_FIXTURES / "voice_message.ogg")


class Cli:
    def __init__(self, sim: RunningSimulator, tmp_path: Path, **overrides: Any) -> None:
        self.settings = make_settings(sim, tmp_path, **overrides)

    async def __call__(self, *argv: str) -> tuple[int, dict[str, Any]]:
        args = build_parser().parse_args([*argv, "--json"])
        out, err = io.StringIO(), io.StringIO()
        code = await dispatch(args.command, args, self.settings, Output(True, out, err))
        lines = out.getvalue().strip().splitlines()
        assert len(lines) == 1, out.getvalue()
        return code, json.loads(lines[0])


@pytest.fixture
def cli(sim: RunningSimulator, tmp_path: Path) -> Cli:
    return Cli(sim, tmp_path)


async def test_clone_then_manage_through_the_cli(cli: Cli, sim: RunningSimulator) -> None:
    code, cloned = await cli("clone", SAMPLE, "--user", "u1", "--consent", "--name", "Mine")
    assert code == 0
    assert cloned["voice"]["name"] == "Mine"
    assert cloned["preview_url"].startswith(sim.url)
    voice_id = cloned["voice"]["voice_id"]

    code, listed = await cli("voices", "--user", "u1")
    assert [v["voice_id"] for v in listed["voices"]] == [voice_id]
    code, preview = await cli("preview", "Mine", "--user", "u1")
    assert code == 0 and preview["preview_url"]
    code, renamed = await cli("rename", voice_id, "Better", "--user", "u1")
    assert renamed["voice"]["name"] == "Better"
    code, default = await cli("default", "better", "--user", "u1")
    assert default["voice"]["default"] is True
    code, refused = await cli("delete", voice_id, "--user", "u2")
    assert code == 1 and refused["error"]["code"] == "not_owner"
    code, deleted = await cli("delete", voice_id, "--user", "u1")
    assert code == 0 and deleted["deleted"]["voice_id"] == voice_id
    assert voice_id not in sim.state.voices


async def test_say_and_forget_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    await cli("clone", SAMPLE, "--user", "u1", "--consent")
    target = tmp_path / "out.mp3"
    code, said = await cli("say", "Hello there", "--user", "u1", "-o", str(target))
    assert code == 0 and target.stat().st_size > 500
    assert "AI voice clone" in said["label"]
    code, refused = await cli("forget", "--user", "u1")
    assert code == 1 and refused["error"]["code"] == "not_allowed"
    code, forgot = await cli("forget", "--user", "u1", "--yes")
    assert code == 0 and len(forgot["deleted_voices"]) == 1
    code, listed = await cli("voices", "--user", "u1")
    assert listed["voices"] == []


async def test_settings_through_the_cli(cli: Cli) -> None:
    code, shown = await cli("settings", "--platform", "discord", "--community", "g1")
    assert code == 0 and shown["clone_enabled"] is True
    code, changed = await cli(
        "settings", "--platform", "discord", "--community", "g1", "say_enabled=off"
    )
    assert changed["say_enabled"] is False
    code, bad = await cli("settings", "--platform", "discord", "--community", "g1", "x=1")
    assert code == 1 and bad["error"]["code"] == "not_allowed"


async def test_reading_settings_through_the_cli(cli: Cli) -> None:
    code, shown = await cli("settings", "--platform", "discord", "--community", "g1")
    assert code == 0
    assert (shown["read_enabled"], shown["read_channel"], shown["read_max_chars"]) == (
        True,
        None,
        300,
    )
    assert shown["read_ignore_prefixes"] == ["!", ";", "/", "."]
    code, changed = await cli(
        "settings",
        "--platform",
        "discord",
        "--community",
        "g1",
        "read_enabled=off",
        "read_channel=123456",
        "read_max_chars=120",
        "read_ignore_prefixes=- ~",
        "read_emoji=off",
        "read_announce=on_change",
        "read_member_chars_per_minute=700",
        "read_community_chars_per_minute=3000",
    )
    assert code == 0
    assert {key: value for key, value in changed.items() if key.startswith("read_")} == {
        "read_enabled": False,
        "read_channel": "123456",
        "read_max_chars": 120,
        "read_ignore_prefixes": ["-", "~"],
        "read_emoji": "off",
        "read_announce": "on_change",
        "read_member_chars_per_minute": 700,
        "read_community_chars_per_minute": 3000,
    }
    code, cleared = await cli(
        "settings", "--platform", "discord", "--community", "g1", "read_channel=no_read_channel"
    )
    assert code == 0 and cleared["read_channel"] is None
    code, bad = await cli(
        "settings", "--platform", "discord", "--community", "g1", "read_emoji=sometimes"
    )
    assert code == 1 and bad["error"]["code"] == "not_allowed"
    assert "read_emoji must be one of names, off" in bad["error"]["message"]


async def test_clone_without_consent_is_refused(cli: Cli, sim: RunningSimulator) -> None:
    code, body = await cli("clone", SAMPLE, "--user", "u1")
    assert code == 1 and body["error"]["code"] == "consent_required"
    assert sim.state.count("POST", "/voices/clone") == 0


@pytest.mark.parametrize(
    ("api_code", "code"),
    [
        ("VOICE_CLONE_LIMIT_EXCEEDED", "clone_slots_full"),
        ("USAGE_LIMIT_EXCEEDED", "quota_exhausted"),
        ("BAD_SPEECH_QUALITY", "bad_quality"),
        ("FORMAT_NOT_RECOGNIZED", "format_rejected"),
        ("INVALID_LANGUAGE", "invalid_language"),
        ("SHORT_SPEECH_DURATION", "too_short"),
        ("FILE_TOO_LARGE", "too_large"),
        ("INVALID_API_KEY", "service_misconfigured"),
        ("VERSION_NOT_FOUND", "service_misconfigured"),
        ("SERVER_ERROR", "service_unavailable"),
        ("RATE_LIMIT_EXCEEDED", "busy"),
        ("TOO_MANY_CONCURRENT_REQUESTS", "busy"),
    ],
)
async def test_every_upstream_error_reaches_the_cli_as_its_code(
    sim: RunningSimulator, tmp_path: Path, api_code: str, code: str
) -> None:
    cli = Cli(sim, tmp_path, api_max_attempts=2, api_retry_max_seconds=1)
    sim.state.inject("clone", api_code, times=10)
    exit_code, body = await cli("clone", SAMPLE, "--user", "u1", "--consent")
    assert exit_code == 1
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert "sk_" not in json.dumps(body)


async def test_duplicate_idempotency_key(cli: Cli, sim: RunningSimulator) -> None:
    args = ("clone", SAMPLE, "--user", "u1", "--consent", "--idempotency-key", "evt-1")
    _, first = await cli(*args)
    _, second = await cli(*args)
    assert first["voice"]["voice_id"] == second["voice"]["voice_id"]
    assert (first["reused"], second["reused"]) == (False, True)
    assert sim.state.count("POST", "/voices/clone") == 1


def bot_env(sim: RunningSimulator, tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "ASYNC_API_KEY": sim.state.api_key,
        "ASYNC_API_BASE_URL": sim.url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "API_TIMEOUT_SECONDS": "120",
        "PREVIEW_WAIT_SECONDS": "1",
        "AUDIO_WORKERS": "1",
    }


async def run_bot(env: dict[str, str], cwd: Path, *argv: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *argv,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_real_process_shows_progress_and_result(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    code, out, err = await run_bot(env, tmp_path, "clone", SAMPLE, "--user", "u1", "--consent")
    assert code == 0, err
    assert [line for line in err.splitlines() if line.startswith("…")] == [
        "… reading",
        "… converting",
        "… cloning",
        "… preview",
    ]
    assert "Cloned:" in out and "Preview: http" in out
    code, out, err = await run_bot(
        env, tmp_path, "clone", "/nonexistent.ogg", "--user", "u1", "--consent"
    )
    assert code == 2


async def test_killed_during_a_clone_then_reconciled_on_restart(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    env = bot_env(sim, tmp_path)
    sim.state.drop_clone_response(mode="hang")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "clone",
        SAMPLE,
        "--user",
        "u1",
        "--consent",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(600):
        if sim.state.custom_voice_count() == 1:
            break
        await asyncio.sleep(0.05)
    assert sim.state.custom_voice_count() == 1
    # The whole process group: its audio workers die with it, as in a container kill.
    os.killpg(process.pid, signal.SIGKILL)
    await process.wait()

    code, out, err = await run_bot(env, tmp_path, "voices", "--user", "u1", "--json")
    assert code == 0, err
    voices = json.loads(out)["voices"]
    assert len(voices) == 1
    assert voices[0]["voice_id"] in sim.state.voices
    assert sim.state.count("POST", "/voices/clone") == 1
    assert sim.state.custom_voice_count() == 1


async def test_check_reports_the_configuration_without_secrets(
    cli: Cli, sim: RunningSimulator
) -> None:
    code, report = await cli("check")
    assert code == 0
    assert report["api"]["status"] == "ok"
    assert report["database"] == "sqlite"
    assert report["discord"] is False and report["slack"] is False
    assert sim.state.api_key not in json.dumps(report)
    assert sim.state.count("GET", "/") == 1


async def test_check_with_the_api_down_is_an_error(tmp_path: Path) -> None:
    from bot.app.settings import load_settings

    settings = load_settings(
        _env_file=None,
        async_api_key="sk_x",
        async_api_base_url="http://127.0.0.1:9",
        database_url=f"sqlite:///{tmp_path / 'x.db'}",
        api_max_attempts=1,
    )
    args = build_parser().parse_args(["check", "--json"])
    out = io.StringIO()
    code = await dispatch("check", args, settings, Output(True, out, io.StringIO()))
    assert code == 1
    assert json.loads(out.getvalue())["error"]["code"] == "service_unavailable"


async def test_usage_errors_exit_2(cli: Cli, tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["settings", "--platform", "slack", "--community", "T1", "nonsense"]
    )
    assert await dispatch("settings", args, cli.settings, Output(True, io.StringIO())) == 2
    await cli("clone", SAMPLE, "--user", "u1", "--consent")
    args = build_parser().parse_args(
        ["say", "hi", "--user", "u1", "-o", str(tmp_path / "missing" / "x.mp3")]
    )
    assert await dispatch("say", args, cli.settings, Output(True, io.StringIO())) == 2


async def test_member_commands_without_an_api_key_exit_78(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    code, _, err = await run_bot(env, tmp_path, "voices", "--user", "u1")
    assert code == 78
    assert "ASYNC_API_KEY" in err and "Traceback" not in err
    assert not (tmp_path / "data").exists()


async def test_check_with_a_refused_key_is_a_configuration_error(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    cli = Cli(sim, tmp_path, async_api_key="sk_wrong_key_1234")
    code, body = await cli("check")
    assert code == 78
    assert body["error"]["code"] == "service_misconfigured"
    assert "sk_wrong" not in json.dumps(body)


async def test_a_bug_shows_a_reference_not_a_traceback(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.facade import VoiceBot

    async def broken(self: VoiceBot, member: object) -> list[object]:
        raise RuntimeError("a bug")

    # Nothing real can reach a bug: this is the one place a fake stands in.
    monkeypatch.setattr(VoiceBot, "list_voices", broken)
    caplog.set_level("DEBUG")
    code, body = await cli("voices", "--user", "u1")
    assert code == 1
    error = body["error"]
    assert error["code"] == "internal"
    reference = error["message"].split("reference ")[1].rstrip(").")
    assert "a bug" not in error["message"]
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)
