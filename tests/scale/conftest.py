"""The scale tests reuse the Slack suite's fake Slack and simulator fixtures."""

from tests.slack.conftest import fake_slack, sim

__all__ = ["fake_slack", "sim"]
