from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.settings import Settings, load_settings
from bot.errors import ConfigurationError

ROOT = Path(__file__).resolve().parent.parent


def env_example_names() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_env_example_lists_exactly_the_settings() -> None:
    fields = {name.upper() for name in Settings.model_fields}
    assert env_example_names() == fields


def test_env_example_values_are_valid_defaults() -> None:
    values = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if re.match(r"^[A-Z]", line)
    )
    set_values = {k.lower(): v for k, v in values.items() if v}
    settings = load_settings(_env_file=None, **set_values)
    defaults = load_settings(_env_file=None)
    for name in set_values:
        assert getattr(settings, name) == getattr(defaults, name), name


def test_a_copy_of_env_example_is_a_valid_env(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text((ROOT / ".env.example").read_text())
    settings = load_settings(_env_file=str(env_file))
    assert settings.discord_token is None and not settings.discord_enabled
    assert settings.metrics_port is None and settings.discord_shard_count is None
    assert settings.slack_api_base_url is None and not settings.slack_enabled


def test_secrets_are_masked() -> None:
    settings = load_settings(_env_file=None, async_api_key="sk_supersecret123", discord_token="t0k")
    assert "sk_supersecret123" not in repr(settings)
    assert "t0k" not in str(settings)
    assert settings.require_api_key().get_secret_value() == "sk_supersecret123"


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"voices_per_member": 0}, "VOICES_PER_MEMBER"),
        ({"database_url": "mysql://x"}, "DATABASE_URL"),
        ({"async_api_base_url": "ftp://x"}, "ASYNC_API_BASE_URL"),
        ({"slack_mode": "carrier-pigeon"}, "SLACK_MODE"),
        ({"discord_shard_ids": "0,1"}, "DISCORD_SHARD_COUNT"),
        ({"discord_shard_count": 2, "discord_shard_ids": "0,2"}, "below"),
        ({"min_speech_seconds": 20, "max_speech_seconds": 10}, "MIN_SPEECH_SECONDS"),
    ],
)
def test_bad_values_give_one_readable_error(overrides: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(_env_file=None, **overrides)
    message = caught.value.message
    assert fragment in message
    assert "\n" not in message


def test_bad_environment_exits_78_without_traceback(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "VOICES_PER_MEMBER": "lots", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "check"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 78
    assert "VOICES_PER_MEMBER" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_no_platform_configured_exits_78(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ASYNC_API_KEY": "sk_x"}
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 78
    assert "DISCORD_TOKEN" in done.stderr
    assert "SLACK_BOT_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr
