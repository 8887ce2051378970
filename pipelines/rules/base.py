"""The rule contract, rule packs as data, and the engine that runs a pack over an extraction.

A rule is code with a stable name (`invoice.totals_add_up`) and a typed schema for its
parameters; whether it runs, how severe its findings are and its parameters are data, in a rule
pack per document type (`packs/invoice.toml`), which a client's own pack can override key by key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from extractors.model import Extraction, Issue, Severity

PACKS_DIR = Path(__file__).parent / "packs"


class Params(BaseModel):
    """Parameters of a rule; a pack that names an unknown parameter is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Finding:
    message: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """An earlier document that shares a duplicate key with this one."""

    key: str
    source: str
    sha256: str


class SeenIndex(Protocol):
    """Documents processed before: what the duplicate rules look in."""

    def check_and_record(
        self, document_type: str, sha256: str, source: str, keys: Mapping[str, str]
    ) -> list[Match]: ...


@dataclass(frozen=True)
class RuleContext:
    sha256: str = ""
    source: str = ""
    seen: SeenIndex | None = None
    today: date = field(default_factory=date.today)


P = TypeVar("P", bound=Params)
Check = Callable[[Extraction, P, RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule(Generic[P]):
    name: str
    document_type: str
    params: type[P]
    check: Check[P]
    description: str


RULES: dict[str, Rule[Any]] = {}


def rule(name: str, document_type: str, params: type[P]) -> Callable[[Check[P]], Check[P]]:
    """Register a rule under its stable name; the docstring is its description."""

    def register(check: Check[P]) -> Check[P]:
        if name in RULES:
            raise ValueError(f"rule {name} is registered twice")
        RULES[name] = Rule(name, document_type, params, check, (check.__doc__ or "").strip())
        return check

    return register


class PackError(ValueError):
    """A rule pack that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class ConfiguredRule:
    rule: Rule[Any]
    severity: Severity
    params: Params


@dataclass(frozen=True)
class RulePack:
    document_type: str
    rules: tuple[ConfiguredRule, ...]

    def run(self, extraction: Extraction, context: RuleContext) -> list[Issue]:
        issues: list[Issue] = []
        for configured in self.rules:
            for finding in configured.rule.check(extraction, configured.params, context):
                issues.append(
                    Issue(
                        configured.rule.name, configured.severity, finding.message, finding.fields
                    )
                )
        return issues

    def setting(self, rule_name: str, key: str, default: Any) -> Any:
        for configured in self.rules:
            if configured.rule.name == rule_name:
                return getattr(configured.params, key, default)
        return default


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"rule pack {path} cannot be read: {exc}") from exc


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_pack(
    document_type: str,
    overrides: Iterable[Path] = (),
    data: Iterable[tuple[str, Mapping[str, Any]]] = (),
) -> RulePack:
    """The built-in pack for a document type, with each override file merged over it in turn,
    then each override given as data (`(where it came from, {"rules": {...}})`, as a service keeps
    a client's settings)."""
    from pipelines.rules import builtin  # noqa: F401  (registers the built-in rules)

    path = PACKS_DIR / f"{document_type}.toml"
    pack = _read_toml(path) if path.exists() else {"rules": {}}
    sources = [str(path)]
    for extra in overrides:
        if extra.exists():
            pack = _merge(pack, _read_toml(extra))
            sources.append(str(extra))
    for where, override in data:
        pack = _merge(pack, override)
        sources.append(where)
    configured: list[ConfiguredRule] = []
    rules = pack.get("rules") or {}
    if not isinstance(rules, Mapping):
        raise PackError(f"'rules' in {' + '.join(sources)} is not a table of rules")
    for name, settings in rules.items():
        where = f"rule {name!r} in {' + '.join(sources)}"
        if name not in RULES:
            raise PackError(f"{where}: no such rule (known: {', '.join(sorted(RULES))})")
        if not isinstance(settings, Mapping):
            raise PackError(f"{where}: its settings are not a table")
        settings = dict(settings)
        if not settings.pop("enabled", True):
            continue
        try:
            severity = Severity(settings.pop("severity", "error"))
            params = RULES[name].params(**settings)
        except (ValueError, ValidationError) as exc:
            raise PackError(f"{where}: {exc}") from exc
        configured.append(ConfiguredRule(RULES[name], severity, params))
    return RulePack(document_type, tuple(configured))
