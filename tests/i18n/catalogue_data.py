"""The catalogues as Fluent syntax trees, and sample values for their placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fluent.syntax import FluentParser, ast, visitor

from bot.i18n import LANGUAGES, SOURCE_LOCALE, catalogue_text

TRANSLATIONS = tuple(code for code in LANGUAGES if code != SOURCE_LOCALE)


@dataclass
class Usage(visitor.Visitor):
    """What one message uses: its variables (and which ones choose a plural form), the
    messages it references, and its select expressions."""

    variables: set[str] = field(default_factory=set)
    numeric: set[str] = field(default_factory=set)
    references: set[str] = field(default_factory=set)
    selects: list[ast.SelectExpression] = field(default_factory=list)

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_MessageReference(self, node: ast.MessageReference) -> None:
        self.references.add(node.id.name)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        self.selects.append(node)
        if isinstance(node.selector, ast.VariableReference):
            self.numeric.add(node.selector.id.name)
        self.generic_visit(node)

    def visit_FunctionReference(self, node: ast.FunctionReference) -> None:
        if node.id.name == "NUMBER":
            for argument in node.arguments.positional:
                if isinstance(argument, ast.VariableReference):
                    self.numeric.add(argument.id.name)
        self.generic_visit(node)


@cache
def resource(locale: str) -> ast.Resource:
    return FluentParser().parse(catalogue_text(locale))


@cache
def messages(locale: str) -> dict[str, ast.Message]:
    return {e.id.name: e for e in resource(locale).body if isinstance(e, ast.Message)}


def usage(message: ast.Message) -> Usage:
    found = Usage()
    found.visit(message)
    return found


def text_elements(message: ast.Message) -> str:
    """The literal text of a message (every variant), without placeholders."""
    parts: list[str] = []

    class Texts(visitor.Visitor):
        def visit_TextElement(self, node: ast.TextElement) -> None:
            parts.append(node.value)

    Texts().visit(message)
    return " ".join(parts)


#: Numbers chosen to hit every CLDR plural category of our languages (1 "one", 2 "other",
#: 1000000 "many" in es/fr/it).
PLURAL_SAMPLES = (0, 1, 2, 5, 21, 1_000_000)

#: Placeholders filled with the longest realistic values (for the length limits).
LONG_VALUES: dict[str, Any] = {
    "name": "**" + "N" * 80 + "**",
    "voice": "**" + "V" * 80 + "** ⭐ (" + "en, de, es, fr, it" + ")",
    "owner": "O" * 32,
    "text": "T" * 300,
    "url": "https://example.com/" + "u" * 200,
    "languages": "en, de, es, fr, it, pt, nl, pl",
    "reference": "0123abcd",
    "code": "service_misconfigured",
    "wait": "dans 59 minutes",
    "field": "F" * 40,
    "known": "clone_enabled, say_enabled, required_role, allowed_members, voices_per_member, "
    "cooldown_seconds, max_say_chars, read_enabled, read_channel, read_max_chars, "
    "read_ignore_prefixes, read_emoji, read_announce, read_member_chars_per_minute, "
    "read_community_chars_per_minute",
    "value": "'" + "v" * 40 + "'",
}


def sample_args(message: ast.Message, number: float = 5) -> dict[str, Any]:
    found = usage(message)
    args: dict[str, Any] = {}
    for name in found.variables:
        if name.startswith("cmd_"):
            continue
        args[name] = number if name in found.numeric else LONG_VALUES.get(name, "x" * 20)
    return args


WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
