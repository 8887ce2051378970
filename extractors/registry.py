"""Extractors and classifiers found through the `bpo.extractors` entry-point group.

Built-ins register through the same group as third-party plugins (see pyproject.toml), so there
is one path for both. A plugin that fails to load or does not keep the contract is logged and
skipped; it never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points

from extractors.api import Classifier, Extractor

log = logging.getLogger(__name__)

GROUP = "bpo.extractors"


@dataclass(frozen=True)
class Plugin:
    name: str  # versioned: bpo.invoice.v1
    kind: str  # "extractor" or "classifier"
    document_type: str | None
    target: str  # module:attr
    distribution: str
    version: str


@dataclass(frozen=True)
class Failure:
    name: str
    target: str
    distribution: str
    reason: str


@dataclass
class Registry:
    extractors: dict[str, Extractor] = field(default_factory=dict)  # by document type
    classifiers: list[Classifier] = field(default_factory=list)
    plugins: list[Plugin] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def extractor_for(self, document_type: str) -> Extractor | None:
        return self.extractors.get(document_type)


def load(entries: Iterable[EntryPoint] | None = None) -> Registry:
    """Load every plugin of the group; `entries` lets tests bring their own."""
    registry = Registry()
    found = list(entries if entries is not None else entry_points(group=GROUP))
    for ep in sorted(found, key=lambda e: e.name):
        dist = ep.dist.name if ep.dist else "?"
        version = ep.dist.version if ep.dist else "?"
        try:
            factory: Callable[[], object] = ep.load()
            plugin = factory()
        except Exception as exc:  # a broken plugin must not stop the others
            log.warning("plugin %s (%s from %s) failed to load: %s", ep.name, ep.value, dist, exc)
            registry.failures.append(
                Failure(ep.name, ep.value, dist, f"{type(exc).__name__}: {exc}")
            )
            continue
        name = getattr(plugin, "name", None)
        if name != ep.name:
            reason = f"plugin says its name is {name!r}, the entry point calls it {ep.name!r}"
            log.warning("plugin %s skipped: %s", ep.name, reason)
            registry.failures.append(Failure(ep.name, ep.value, dist, reason))
            continue
        if isinstance(plugin, Extractor):
            doc_type = plugin.document_type
            if doc_type in registry.extractors:
                # the later version of a name wins: bpo.invoice.v2 over bpo.invoice.v1
                current = registry.extractors[doc_type].name
                if _version_key(current) >= _version_key(plugin.name):
                    log.info("plugin %s not used: %s serves %s", ep.name, current, doc_type)
                    continue
                # `plugins` lists what is in use, whichever of the two was loaded first
                registry.plugins = [p for p in registry.plugins if p.name != current]
                log.info("plugin %s not used: %s serves %s", current, ep.name, doc_type)
            registry.extractors[doc_type] = plugin
            registry.plugins.append(Plugin(ep.name, "extractor", doc_type, ep.value, dist, version))
        elif isinstance(plugin, Classifier):
            registry.classifiers.append(plugin)
            registry.plugins.append(Plugin(ep.name, "classifier", None, ep.value, dist, version))
        else:
            reason = "neither an Extractor (extract) nor a Classifier (classify)"
            log.warning("plugin %s skipped: %s", ep.name, reason)
            registry.failures.append(Failure(ep.name, ep.value, dist, reason))
    return registry


def _version_key(name: str) -> tuple[str, int]:
    base, _, version = name.rpartition(".v")
    return (base, int(version)) if version.isdigit() else (name, 0)
