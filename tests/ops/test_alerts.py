"""The alerting rules and the dashboard: promtool checks and unit-tests the rules, and
every metric they name is one the bot exports."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from bot.observability.metrics import METRICS
from tests.conftest import ROOT

ALERTS = ROOT / "ops" / "prometheus" / "alerts.yml"
ALERTS_TEST = ROOT / "ops" / "prometheus" / "alerts_test.yml"
DASHBOARD = ROOT / "ops" / "grafana" / "dashboard.json"

#: Prometheus's own series about a target, not the bot's.
PROMETHEUS_SERIES = {"up"}

_PROMQL_WORDS = {
    "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
    "offset", "bool", "inf", "nan",
}  # fmt: skip


def promtool() -> str:
    """promtool, from Debian's prometheus package (.ci/run installs it): in CI a missing
    promtool is a failure, locally a skip."""
    found = shutil.which("promtool")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI must run the alert tests: promtool is missing (apt-get install prometheus)"
            )
        pytest.skip("promtool is not installed (Debian: apt-get install prometheus)")
    return found


def test_promtool_checks_the_rules() -> None:
    result = subprocess.run(
        [promtool(), "check", "rules", str(ALERTS)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS: 10 rules found" in result.stdout


def test_promtool_unit_tests_pass() -> None:
    result = subprocess.run(
        [promtool(), "test", "rules", str(ALERTS_TEST)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ALERTS_TEST.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def alert_rules() -> list[dict[str, object]]:
    data = yaml.safe_load(ALERTS.read_text())
    return [rule for group in data["groups"] for rule in group["rules"]]


def test_every_alert_the_issue_asks_for_exists_and_is_unit_tested() -> None:
    names = {str(rule["alert"]) for rule in alert_rules()}
    assert {
        "VoicebotDown",
        "VoicebotCloneFailureRateHigh",
        "VoicebotApiUnavailable",
        "VoicebotReconcilerStuck",
        "VoicebotEventLoopLag",
        "VoicebotVoiceQueueStaysFull",
    } <= names
    tests = yaml.safe_load(ALERTS_TEST.read_text())["tests"]
    tested = {
        case["alertname"]
        for test in tests
        for case in test["alert_rule_test"]
        if case.get("exp_alerts")
    }
    assert tested == names, "every alert needs a unit test in which it fires"


def metric_names(expr: str) -> set[str]:
    """The series names a PromQL expression selects."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # strings
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # ranges
    # Label lists of by / without / on / ignoring / group_left / group_right.
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for found in re.finditer(r"(?<![\w.])[A-Za-z_:][A-Za-z0-9_:]*", expr):
        word = found.group(0)
        end = found.end()
        if expr[end:].lstrip().startswith("("):
            continue  # a function
        if word.lower() in _PROMQL_WORDS or re.fullmatch(r"\d+[smhdwy]?", word):
            continue
        names.add(word)
    return names


def exported_series() -> set[str]:
    """Every series name the bot's /metrics can show (it serves METRICS.registry)."""
    names: set[str] = set()
    suffixes = {
        "counter": ("_total", "_created"),
        "histogram": ("_bucket", "_count", "_sum", "_created"),
        "summary": ("_count", "_sum", "_created", ""),
        "gauge": ("",),
        "info": ("_info",),
    }
    for family in METRICS.registry.collect():
        for suffix in suffixes.get(family.type, ("",)):
            names.add(family.name + suffix)
        names.update(sample.name for sample in family.samples)
    return names


def dashboard_exprs() -> list[str]:
    data = json.loads(DASHBOARD.read_text())
    exprs = [target["expr"] for panel in data["panels"] for target in panel["targets"]]
    exprs += [str(v["definition"]).removeprefix("label_values(").rsplit(",", 1)[0]
              for v in data["templating"]["list"]]  # fmt: skip
    return exprs


def test_the_parser_finds_metric_names() -> None:
    expr = 'sum by (outcome) (rate(a_total{x="y"}[5m])) / ignoring (o) group_left sum(b) > 0.2'
    assert metric_names(expr) == {"a_total", "b"}
    exported = exported_series()
    assert "voicebot_clones_total" in exported and "voicebot_clones" not in exported
    assert "voicebot_event_loop_lag_seconds_bucket" in exported


def test_every_metric_in_an_alert_or_a_panel_is_exported_by_the_bot() -> None:
    exported = exported_series() | PROMETHEUS_SERIES
    exprs = [str(rule["expr"]) for rule in alert_rules()] + dashboard_exprs()
    named = set().union(*(metric_names(expr) for expr in exprs))
    assert named, "no metric found: the parser is broken"
    assert named - exported == set()
    # And the ones the alerts were written for are really among them.
    assert {
        "voicebot_voice_queue_length",
        "voicebot_clone_requests_overdue",
        "voicebot_api_unavailable_seconds",
        "voicebot_event_loop_lag_seconds_bucket",
        "voicebot_clones_total",
    } <= named


def test_the_dashboard_covers_every_metric_the_alerts_use() -> None:
    in_alerts = set().union(*(metric_names(str(rule["expr"])) for rule in alert_rules()))
    in_panels = set().union(*(metric_names(expr) for expr in dashboard_exprs()))
    assert in_alerts - in_panels == set()
    data = json.loads(DASHBOARD.read_text())
    ids = [panel["id"] for panel in data["panels"]]
    assert len(ids) == len(set(ids))
    assert all(panel["datasource"]["uid"] == "${DS_PROMETHEUS}" for panel in data["panels"])
