"""Figures with their targets, printed as one table or one JSON object."""

from __future__ import annotations

import json
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: float | None
    unit: str
    #: e.g. ("<", 20.0); None for figures shown for context only.
    target: tuple[str, float] | None = None
    #: Why there is no value (e.g. "ffmpeg not installed: ratio n/a").
    note: str = ""
    #: A count: shown without decimals.
    count: bool = False
    #: The figure's stable name in the BENCH_JSON file (None: not written there).
    key: str | None = None

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        if self.value is None:
            return "n/a"
        op, bound = self.target
        return "PASS" if _COMPARE[op](self.value, bound) else "MISS"

    def shown_value(self) -> str:
        if self.value is None:
            return self.note or "n/a"
        shown = f"{self.value:.0f}" if self.count else _number(self.value)
        return f"{shown} {self.unit}".rstrip()

    def shown_target(self) -> str:
        if self.target is None:
            return ""
        op, bound = self.target
        return f"{op} {_number(bound)} {self.unit}".rstrip()

    def as_json(self) -> dict[str, Any]:
        value = None if self.value is None else round(self.value, 3)
        data: dict[str, Any] = {"name": self.name, "value": value, "unit": self.unit}
        if self.target is not None:
            data["target"] = {"op": self.target[0], "value": self.target[1]}
            data["verdict"] = self.verdict
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)

    def table(self) -> str:
        rows = [("", "figure", "value", "target", "result")]
        rows += [
            (f.section, f.name, f.shown_value(), f.shown_target(), f.verdict) for f in self.figures
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        lines = []
        for index, row in enumerate(rows):
            if index > 0 and row[0] != rows[index - 1][0]:
                lines.append("  ".join("-" * width for width in widths))
            lines.append(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
        lines.append("")
        lines.append(f"{self._summary()}")
        return "\n".join(line.rstrip() for line in lines)

    def stable_json(self) -> str:
        """``{name: {"value", "unit", "target", "pass"}}`` of every figure with a stable name."""
        figures: dict[str, dict[str, Any]] = {}
        for f in self.figures:
            if f.key is None:
                continue
            verdict = f.verdict
            figures[f.key] = {
                "value": None if f.value is None else round(f.value, 3),
                "unit": f.unit,
                "target": f.shown_target() or None,
                "pass": {"PASS": True, "MISS": False}.get(verdict),
            }
        return json.dumps(figures, indent=2)

    def as_json(self) -> str:
        sections: dict[str, list[dict[str, Any]]] = {}
        for figure in self.figures:
            sections.setdefault(figure.section, []).append(figure.as_json())
        verdicts = [f.verdict for f in self.figures if f.verdict]
        payload = {
            "context": self.context,
            "figures": sections,
            "passed": verdicts.count("PASS"),
            "missed": verdicts.count("MISS"),
        }
        return json.dumps(payload, indent=2)

    def _summary(self) -> str:
        verdicts = [f.verdict for f in self.figures if f.verdict]
        missed = [f"{f.section} {f.name}" for f in self.figures if f.verdict == "MISS"]
        text = f"{verdicts.count('PASS')} of {len(verdicts)} targets met"
        return text + (f"; missed: {', '.join(missed)}" if missed else "")


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
