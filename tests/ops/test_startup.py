"""What ``python -m bot`` writes before it runs: a wrong setting is one readable line and exit
78, and with ``LOG_FORMAT=json`` every line it writes is one JSON object. Run as a process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.core.test_cli import run_bot

#: A ``[`` makes Python's URL parser take the host for an IPv6 address it can't read.
BRACKET_PASSWORD = "pa[ss9Qw"
BRACKET_URL = f"postgresql://bob:{BRACKET_PASSWORD}@127.0.0.1:9/botdb"


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), **extra}


@pytest.mark.parametrize(
    "argv", [["check", "--json"], ["check"], ["migrate"], ["voices", "--user", "u1"]]
)
async def test_a_bracket_in_the_database_password_is_one_line_and_exit_78(
    tmp_path: Path, argv: list[str]
) -> None:
    env = base_env(tmp_path, DATABASE_URL=BRACKET_URL, ASYNC_API_KEY="sk_test_unused")
    code, out, err = await run_bot(env, tmp_path, *argv)
    assert code == 78, out + err
    assert "Traceback" not in out + err
    assert BRACKET_PASSWORD not in out + err and "ss9Qw" not in out + err
    printed = [line for line in (out + err).splitlines() if line.strip()]
    assert len(printed) == 1, printed
    if "--json" in argv:
        error = json.loads(out)["error"]
        assert error["code"] == "service_misconfigured"
        assert "DATABASE_URL" in error["message"] and "[ as %5B" in error["message"]
    else:
        assert err.startswith("error [service_misconfigured]: invalid configuration: DATABASE_URL")


def json_lines(text: str) -> list[dict[str, object]]:
    """Every line of ``text`` as JSON (a line that isn't one fails the test)."""
    entries = []
    for line in text.splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            pytest.fail(f"not a JSON line: {line!r}")
    return entries


@pytest.mark.parametrize(
    ("env", "argv", "fragment"),
    [
        # No platform: the bot's own start-up refusal.
        ({"ASYNC_API_KEY": "sk_x"}, [], "DISCORD_TOKEN"),
        ({"ASYNC_API_KEY": "sk_x"}, ["run"], "SLACK_BOT_TOKEN"),
        # A wrong value: refused while the settings are read, before logging is set up.
        ({"VOICES_PER_MEMBER": "lots"}, ["run"], "VOICES_PER_MEMBER"),
        ({"DATABASE_URL": BRACKET_URL}, ["check"], "DATABASE_URL"),
    ],
)
async def test_with_log_format_json_the_fatal_line_is_json_too(
    tmp_path: Path, env: dict[str, str], argv: list[str], fragment: str
) -> None:
    code, out, err = await run_bot(base_env(tmp_path, LOG_FORMAT="json", **env), tmp_path, *argv)
    assert code == 78, out + err
    entries = json_lines(out) + json_lines(err)
    assert entries, "nothing written"
    fatal = [e for e in entries if e.get("level") == "CRITICAL"]
    assert len(fatal) == 1, entries
    assert fragment in str(fatal[0]["message"])
    assert fatal[0]["code"] == "service_misconfigured"
    assert "Traceback" not in out + err
