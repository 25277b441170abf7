"""``/my-data`` and the Home tab's "Download my data": everything the bot holds about the
member, as a JSON file in their DM with the bot (only they see it)."""

from __future__ import annotations

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.blocks import MY_DATA
from adapters.slack.context import SlackContext, SlackServices
from adapters.slack.listeners import on_click, on_command
from adapters.slack.payloads import Click, Command
from adapters.slack.replies import open_dm


def register(app: AsyncApp, services: SlackServices) -> None:
    on_command(app, services, "/my-data", send_my_data)
    on_click(app, services, MY_DATA, send_my_data)


async def send_my_data(ctx: SlackContext, _: Command | Click) -> None:
    document = await ctx.voicebot.my_data(ctx.member)
    # The bytes go from memory straight into the upload, into the member's own DM.
    dm = await open_dm(ctx.client, ctx.user_id)
    await ctx.client.files_upload_v2(
        channel=dm,
        file=document,
        filename=ctx.voicebot.my_data_file_name(ctx.member),
        title=ctx.voicebot.my_data_file_name(ctx.member),
        initial_comment=ctx.t("my-data-ready"),
    )
