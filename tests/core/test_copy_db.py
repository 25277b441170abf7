"""Moving up: every row of an SQLite database copied into an empty PostgreSQL one."""

from __future__ import annotations

from pathlib import Path

from simulator.server import RunningSimulator
from tests.core.test_cli import SAMPLE, Cli


async def test_copy_sqlite_to_postgres_then_use_it(
    sim: RunningSimulator, tmp_path: Path, postgres_url: str
) -> None:
    sqlite_cli = Cli(sim, tmp_path)
    for user in ("u1", "u2"):
        code, _ = await sqlite_cli("clone", SAMPLE, "--user", user, "--consent", "--name", user)
        assert code == 0
    await sqlite_cli("settings", "--platform", "slack", "--community", "T1", "say_enabled=off")
    _, before = await sqlite_cli("voices", "--user", "u1")

    code, copied = await sqlite_cli("copy-db", sqlite_cli.settings.database_url, postgres_url)
    assert code == 0
    assert copied["copied"]["voices"] == 2
    code, again = await sqlite_cli("copy-db", sqlite_cli.settings.database_url, postgres_url)
    assert code == 1 and again["error"]["code"] == "not_allowed"

    pg_cli = Cli(sim, tmp_path, database_url=postgres_url)
    _, after = await pg_cli("voices", "--user", "u1")
    assert after == before
    _, shown = await pg_cli("settings", "--platform", "slack", "--community", "T1")
    assert shown["say_enabled"] is False
    # Every CLI command works unchanged on PostgreSQL.
    code, _ = await pg_cli("clone", SAMPLE, "--user", "u3", "--consent")
    assert code == 0
    code, _ = await pg_cli("rename", "u1", "renamed", "--user", "u1")
    assert code == 0
    code, preview = await pg_cli("preview", "renamed", "--user", "u1")
    assert code == 0 and preview["preview_url"]
    code, _ = await pg_cli("clone", SAMPLE, "--user", "u1", "--consent", "--name", "two")
    assert code == 0
    code, chosen = await pg_cli("default", "two", "--user", "u1")
    assert code == 0 and chosen["voice"]["default"] is True
    code, _ = await pg_cli("delete", "two", "--user", "u1")
    assert code == 0
    _, listed = await pg_cli("voices", "--user", "u1")
    assert [(v["name"], v["default"]) for v in listed["voices"]] == [("renamed", True)]
    code, _ = await pg_cli("say", "hi there", "--user", "u1", "-o", str(tmp_path / "s.mp3"))
    assert code == 0
    code, forgot = await pg_cli("forget", "--user", "u2", "--yes")
    assert code == 0 and len(forgot["deleted_voices"]) == 1
    code, _ = await pg_cli("migrate")
    assert code == 0
