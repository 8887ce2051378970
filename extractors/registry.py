"""Extractors and classifiers found through the `bpo.extractors` entry-point group.

Built-ins register through the same group as third-party plugins (see pyproject.toml), so there
is one path for both. A plugin that fails to load or does not keep the contract is logged and
skipped; it never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib.metadata import EntryPoint, entry_points

from extractors.api import Classifier, Extractor

log = logging.getLogger(__name__)

GROUP = "bpo.extractors"
BUILTIN_DISTRIBUTION = "bpo-toolkit"
# Among the built-in classifiers, the trained one serves when its model is built; the cue
# classifier otherwise (the trained one then fails to load, which `bpo extractors` shows)
BUILTIN_CLASSIFIERS = ("bpo.textcat-classifier.v1", "bpo.cue-classifier.v1")


@dataclass(frozen=True)
class Plugin:
    name: str  # versioned: bpo.invoice.v1
    kind: str  # "extractor" or "classifier"
    document_type: str | None
    target: str  # module:attr
    distribution: str
    version: str
    in_use: bool = True


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
    candidates: dict[str, list[tuple[Extractor, Plugin]]] = {}
    classifier_info: dict[str, Plugin] = {}
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
            candidates.setdefault(plugin.document_type, []).append(
                (
                    plugin,
                    Plugin(ep.name, "extractor", plugin.document_type, ep.value, dist, version),
                )
            )
        elif isinstance(plugin, Classifier):
            registry.classifiers.append(plugin)
            classifier_info[plugin.name] = Plugin(
                ep.name, "classifier", None, ep.value, dist, version
            )
        else:
            reason = "neither an Extractor (extract) nor a Classifier (classify)"
            log.warning("plugin %s skipped: %s", ep.name, reason)
            registry.failures.append(Failure(ep.name, ep.value, dist, reason))
    for doc_type, offered in candidates.items():
        chosen, chosen_info = max(offered, key=lambda pair: _preference(pair[1]))
        registry.extractors[doc_type] = chosen
        for plugin, info in offered:
            registry.plugins.append(replace(info, in_use=plugin is chosen))
            if plugin is not chosen:
                log.info(
                    "extractor %s installed but not used: %s serves %s",
                    info.name,
                    chosen_info.name,
                    doc_type,
                )
    # the classifier in use comes first: one from another distribution, else the preferred
    # built-in
    registry.classifiers.sort(key=lambda c: _classifier_rank(classifier_info[c.name]))
    for c in registry.classifiers:
        info = classifier_info[c.name]
        registry.plugins.append(replace(info, in_use=c is registry.classifiers[0]))
    registry.plugins.sort(key=lambda p: (p.kind, p.document_type or "", p.name))
    return registry


def _classifier_rank(info: Plugin) -> tuple[int, int, str]:
    builtin = info.distribution == BUILTIN_DISTRIBUTION
    order = BUILTIN_CLASSIFIERS.index(info.name) if info.name in BUILTIN_CLASSIFIERS else 99
    return (int(builtin), order, info.name)


def _preference(info: Plugin) -> tuple[int, str, int]:
    """Which of several extractors for one document type serves it: one installed from another
    distribution overrides the built-in (installing it says so); within a name, the highest
    version (bpo.invoice.v2 over bpo.invoice.v1); otherwise the first name in order."""
    base, version = _version_key(info.name)
    return (int(info.distribution != BUILTIN_DISTRIBUTION), _reverse(base), version)


def _reverse(text: str) -> str:
    # max() picks the alphabetically first base name among equals
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def _version_key(name: str) -> tuple[str, int]:
    base, _, version = name.rpartition(".v")
    return (base, int(version)) if version.isdigit() else (name, 0)
