"""The Slack adapter: slack-bolt AsyncApp, Socket Mode or HTTP mode. It only translates
between Slack and the core (:class:`bot.facade.VoiceBot`); each request builds one
:class:`adapters.slack.context.SlackContext`.

May import slack-bolt, slack-sdk, aiohttp and, of the core, only the facade, models, errors,
i18n and settings.
"""

from adapters.slack.app import SlackVoiceApp, build_slack_app, verify_token
from adapters.slack.http_mode import SLACK_EVENTS_PATH, create_http_app
from adapters.slack.socket_mode import SocketLiveness, run_slack_socket

__all__ = [
    "SLACK_EVENTS_PATH",
    "SlackVoiceApp",
    "SocketLiveness",
    "build_slack_app",
    "create_http_app",
    "run_slack_socket",
    "verify_token",
]
