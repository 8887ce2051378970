"""A client's (tenant's) settings: review SLA, confidence threshold, rule-pack overrides, webhook.

They are kept as JSON on the client's row and checked here, so a bad setting is refused when it is
saved, not found by a worker halfway through a document.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extractors.model import FIELDS
from pipelines.rules.base import PackError, load_pack
from pipelines.run import Settings as PipelineSettings

DOCUMENT_TYPES = tuple(FIELDS)


class ClientSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sla_hours: float | None = Field(
        None, gt=0, description="Hours a reviewer has for a document; default: the service's."
    )
    min_confidence: float | None = Field(
        None,
        ge=0,
        le=1,
        description="A field read with less confidence sends the document to review "
        "(each type's `field_confidence` rule).",
    )
    rule_overrides: dict[str, dict[str, dict[str, Any]]] = Field(
        default_factory=dict,
        description="Per document type, rule name → settings, merged over the built-in pack "
        '(`{"invoice": {"invoice.due_after_issue": {"enabled": false}}}`).',
    )
    webhook_url: str | None = Field(
        None, description="Called with a signed POST when one of the client's documents is done."
    )
    webhook_secret: str | None = Field(
        None, description="HMAC-SHA256 key of the webhook's signature.", min_length=16
    )

    @field_validator("webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("the webhook URL must start with http:// or https://")
        return value

    @field_validator("rule_overrides")
    @classmethod
    def _known_types(
        cls, value: dict[str, dict[str, dict[str, Any]]]
    ) -> dict[str, dict[str, dict[str, Any]]]:
        for doc_type in value:
            if doc_type not in DOCUMENT_TYPES:
                raise ValueError(
                    f"no document type {doc_type!r} (known: {', '.join(DOCUMENT_TYPES)})"
                )
        return value

    def pack_data(self) -> tuple[tuple[str, dict[str, Any]], ...]:
        data: list[tuple[str, dict[str, Any]]] = []
        for doc_type in DOCUMENT_TYPES:
            rules: dict[str, Any] = {}
            if self.min_confidence is not None:
                rules[f"{doc_type}.field_confidence"] = {"min_confidence": self.min_confidence}
            for name, settings in self.rule_overrides.get(doc_type, {}).items():
                rules[name] = {**rules.get(name, {}), **settings}
            if rules:
                data.append((doc_type, {"rules": rules}))
        return tuple(data)

    def pipeline_settings(self) -> PipelineSettings:
        return PipelineSettings(rule_pack_data=self.pack_data())

    def check_packs(self) -> None:
        """Raise PackError when an override names an unknown rule or a bad parameter."""
        for doc_type, pack in self.pack_data():
            load_pack(doc_type, (), [(f"the client's settings for {doc_type}", pack)])

    def cache_key(self) -> str:
        return json.dumps(self.pack_data(), sort_keys=True)


__all__ = ["DOCUMENT_TYPES", "ClientSettings", "PackError"]
