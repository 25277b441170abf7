"""What a member may do where they are: the facts behind Discord's ``/help`` and the Slack
Home tab (whether cloning and /say are on here, and whether this member may use them)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import BotError
from bot.models import Member
from bot.policy.community import CommunityPolicy


@dataclass(frozen=True, slots=True)
class Overview:
    #: False in a DM: there the bot's defaults hold, and there is nobody to administer.
    in_community: bool
    clone_enabled: bool
    say_enabled: bool
    may_clone: bool
    may_say: bool
    is_admin: bool


async def overview(policy: CommunityPolicy, member: Member) -> Overview:
    rules = await policy.settings_for(member)
    may = {}
    for name, check in (("clone", policy.check_clone), ("say", policy.check_say)):
        try:
            await check(member)
            may[name] = True
        except BotError:
            may[name] = False
    return Overview(
        in_community=member.community_id is not None,
        clone_enabled=rules.clone_enabled,
        say_enabled=rules.say_enabled,
        may_clone=may["clone"],
        may_say=may["say"],
        is_admin=member.is_admin and member.community_id is not None,
    )
