"""The plugin registry (extractors/registry.py): entry points of the `bpo.extractors` group.

Fake plugins live in tests/plugins_fixture.py and come in through real
`importlib.metadata.EntryPoint` objects, so loading runs exactly as for an installed package.
"""

from __future__ import annotations

import functools
import logging
from importlib.metadata import EntryPoint

import pytest
from click.testing import CliRunner

from extractors import registry
from extractors.api import Classifier, Extractor, ExtractSettings
from extractors.model import Document
from pipelines import cli

FIXTURE = "tests.plugins_fixture"


def entry(name: str, attr: str, module: str = FIXTURE) -> EntryPoint:
    return EntryPoint(name=name, value=f"{module}:{attr}", group=registry.GROUP)


BROKEN = {
    # entry-point name: (target, phrase the failure's reason must hold)
    "acme.exploding.v1": ("ExplodingExtractor", "RuntimeError: licence server unreachable"),
    "acme.missing-attr.v1": ("NoSuchClass", "AttributeError"),
    "acme.misnamed.v1": ("MisnamedExtractor", "'acme.someone-else.v1'"),
    "acme.not-a-plugin.v1": ("NotAPlugin", "neither an Extractor"),
}
GOOD = {"acme.classifier.v1": "AcmeClassifier", "other.claim.v1": "OtherClaim"}


def broken_and_good() -> list[EntryPoint]:
    entries = [entry(name, target) for name, (target, _) in BROKEN.items()]
    entries.append(entry("acme.missing-module.v1", "Thing", module="tests.no_such_module"))
    entries += [entry(name, target) for name, target in GOOD.items()]
    return entries


def test_builtins_load_from_the_installed_entry_points() -> None:
    loaded = registry.load()
    assert loaded.failures == []
    plugins = {p.name: p for p in loaded.plugins}
    invoice, classifier = plugins["bpo.invoice.v1"], plugins["bpo.cue-classifier.v1"]
    assert (invoice.kind, invoice.document_type) == ("extractor", "invoice")
    assert invoice.target == "extractors.invoice:InvoiceExtractor"
    assert invoice.distribution == "bpo-toolkit"
    assert (classifier.kind, classifier.document_type) == ("classifier", None)
    assert classifier.target == "extractors.classifier:CueClassifier"
    extractor = loaded.extractor_for("invoice")
    assert extractor is not None and extractor.name == "bpo.invoice.v1"
    assert isinstance(extractor, Extractor)
    # the trained classifier serves; the cue classifier stands by for when it is not built
    assert [c.name for c in loaded.classifiers] == [
        "bpo.textcat-classifier.v1",
        "bpo.cue-classifier.v1",
    ]
    claim = loaded.extractor_for("claim")
    assert claim is not None and claim.name == "bpo.claim.v1"


def test_broken_plugins_are_logged_and_skipped_and_do_not_stop_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger=registry.__name__):
        loaded = registry.load(entries=broken_and_good())

    failures = {f.name: f for f in loaded.failures}
    assert set(failures) == {*BROKEN, "acme.missing-module.v1"}
    for name, (target, phrase) in BROKEN.items():
        assert phrase in failures[name].reason, failures[name]
        assert failures[name].target == f"{FIXTURE}:{target}"
        assert failures[name].distribution == "?"  # an EntryPoint made by hand has no dist
    assert "ModuleNotFoundError" in failures["acme.missing-module.v1"].reason
    # one warning per failure, naming the plugin
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    for name in failures:
        assert sum(name in message for message in warned) == 1, (name, warned)

    # the good ones load, including one whose name sorts after every broken one
    assert {p.name: p.kind for p in loaded.plugins} == {
        "acme.classifier.v1": "classifier",
        "other.claim.v1": "extractor",
    }
    claim = loaded.extractor_for("claim")
    assert claim is not None and claim.name == "other.claim.v1"
    assert loaded.extractor_for("invoice") is None  # the broken invoice plugins did not slip in
    [classifier] = loaded.classifiers
    assert isinstance(classifier, Classifier)
    document = Document(source="x.pdf", sha256="0", pages=())
    assert classifier.classify(document).classifier == "acme.classifier.v1"
    assert claim.extract(document, ExtractSettings()).extractor == "other.claim.v1"


@pytest.mark.parametrize(
    ("entries", "winner"),
    [
        ({"bpo.invoice.v1": "InvoiceV1", "bpo.invoice.v2": "InvoiceV2"}, "bpo.invoice.v2"),
        # v10 is later than v2 although "v10" sorts first as text (and is loaded first)
        ({"bpo.invoice.v2": "InvoiceV2", "bpo.invoice.v10": "InvoiceV10"}, "bpo.invoice.v10"),
        (
            {"bpo.invoice.v1": "InvoiceV1", "bpo.invoice.v10": "InvoiceV10"},
            "bpo.invoice.v10",
        ),
        # versions compare within one base name; between names (same distribution) the first
        # name in order serves, whatever its version
        ({"acme.invoice.v2": "AcmeInvoiceV2", "bpo.invoice.v1": "InvoiceV1"}, "acme.invoice.v2"),
    ],
    ids=["v2-over-v1", "v10-over-v2", "v10-over-v1", "acme.v2-vs-bpo.v1"],
)
@pytest.mark.parametrize("reverse", [False, True], ids=["given", "reversed"])
def test_one_extractor_per_document_type(
    entries: dict[str, str], winner: str, reverse: bool
) -> None:
    eps = [entry(name, target) for name, target in entries.items()]
    loaded = registry.load(entries=list(reversed(eps)) if reverse else eps)
    assert loaded.failures == []
    chosen = loaded.extractor_for("invoice")
    assert chosen is not None and chosen.name == winner
    # every installed extractor is listed, and which one is in use, whatever the load order
    assert sorted(p.name for p in loaded.plugins) == sorted(entries)
    assert [p.name for p in loaded.plugins if p.in_use] == [winner]


class _Dist:
    def __init__(self, name: str) -> None:
        self.name, self.version = name, "1.0"


def test_an_extractor_from_another_distribution_overrides_the_built_in() -> None:
    builtin = entry("bpo.invoice.v1", "InvoiceV1")._for(_Dist("bpo-toolkit"))  # type: ignore[attr-defined]
    plugin = entry("acme.invoice.v2", "AcmeInvoiceV2")._for(_Dist("acme-bpo"))  # type: ignore[attr-defined]
    for order in ([builtin, plugin], [plugin, builtin]):
        loaded = registry.load(entries=order)
        chosen = loaded.extractor_for("invoice")
        assert chosen is not None and chosen.name == "acme.invoice.v2"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("bpo.invoice.v1", ("bpo.invoice", 1)),
        ("bpo.invoice.v10", ("bpo.invoice", 10)),
        ("bpo.cue-classifier.v3", ("bpo.cue-classifier", 3)),
        ("acme.invoice", ("acme.invoice", 0)),  # no version
        ("acme.invoice.vnext", ("acme.invoice.vnext", 0)),
    ],
)
def test_version_key(name: str, key: tuple[str, int]) -> None:
    assert registry._version_key(name) == key


def _table_rows(output: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in output.splitlines()
        if line.startswith("│")
    ]


def wide_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Room for every cell on one line. COLUMNS alone is not enough: rich's console is made at
    import and keeps a COLUMNS it saw then (pytest-xdist's workers have COLUMNS=80)."""
    monkeypatch.setattr(cli.out, "_width", 200)


def test_cli_lists_the_built_in_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    wide_table(monkeypatch)
    result = CliRunner().invoke(cli.main, ["extractors"])
    assert result.exit_code == 0, result.output
    rows = {row[0]: row for row in _table_rows(result.output)}
    assert rows["bpo.invoice.v1"][1:5] == [
        "extractor",
        "invoice",
        "yes",
        "extractors.invoice:InvoiceExtractor",
    ]
    assert rows["bpo.cue-classifier.v1"][1:5] == [
        "classifier",
        "",
        "no",
        "extractors.classifier:CueClassifier",
    ]
    assert rows["bpo.textcat-classifier.v1"][1:5] == [
        "classifier",
        "",
        "yes",
        "extractors.classifier:TextcatClassifier",
    ]
    assert rows["bpo.invoice.v1"][5].startswith("bpo-toolkit ")
    assert "not loaded" not in result.output


def test_cli_lists_plugins_that_failed_to_load(monkeypatch: pytest.MonkeyPatch) -> None:
    # the real loader over our entry points instead of the installed ones
    monkeypatch.setattr(cli, "load", functools.partial(registry.load, entries=broken_and_good()))
    wide_table(monkeypatch)
    result = CliRunner().invoke(cli.main, ["extractors"])
    assert result.exit_code == 0, result.output
    assert {row[0] for row in _table_rows(result.output)} == set(GOOD)
    not_loaded = [line for line in result.output.splitlines() if line.startswith("not loaded")]
    assert len(not_loaded) == len(BROKEN) + 1
    for name, (target, phrase) in BROKEN.items():
        [line] = [line for line in not_loaded if f" {name} " in line]
        assert f"{FIXTURE}:{target}" in line and phrase in line
