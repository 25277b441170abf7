"""The scale tests reuse the Slack suite's fake Slack; the simulator is tests/conftest.py's."""

from tests.slack.conftest import fake_slack

__all__ = ["fake_slack"]
