"""Writing the framework: a library file becomes one FrameworkVersion (DOMAIN.md §2, §7).

A version is loaded whole or not at all, and never changed afterwards: new wording is loaded as
a new version with its own URN, beside the old one (ADR 0005).
"""

import os
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction

from ecm.audit.services import audit_record
from ecm.framework.loader import FrameworkDocument, FrameworkFileError, framework_file_parse
from ecm.framework.models import (
    FrameworkVersion,
    Grade,
    GradeScale,
    Judgement,
    JudgementSet,
    KeyJudgement,
    Outcome,
)
from ecm.framework.selectors import framework_version_counts

LIBRARY_DIR = Path(__file__).parent / "library"
BUNDLED_REASON = "Framework library bundled with ECM Assess"

ALREADY_LOADED_DIFFERENT = (
    'the framework version "{urn}" is already loaded (from {source}) with different content; '
    "load it as a new version with a new urn/version"
)
ALREADY_LOADED = (
    'The framework version "{urn}" is already loaded with the same content; nothing was changed.'
)


def _description(item: dict) -> str:
    """The models keep one description; a cited source is kept in it, on its own line."""
    parts = [item.get("description", "").strip()]
    if item.get("source"):
        parts.append(f"Source: {item['source']}")
    return "\n\n".join(part for part in parts if part)


def _already_loaded(doc: FrameworkDocument) -> FrameworkVersion | None:
    existing = FrameworkVersion.objects.filter(urn=doc.urn).first()
    if existing is None:
        return None
    if existing.source_sha256 != doc.sha256:
        reason = ALREADY_LOADED_DIFFERENT.format(urn=doc.urn, source=existing.source_name)
        raise FrameworkFileError([doc.error(("urn",), reason)])
    existing.already_loaded = True
    return existing


def _store(doc: FrameworkDocument) -> FrameworkVersion:
    data = doc.data
    version = FrameworkVersion.objects.create(
        urn=data["urn"],
        version=data["version"],
        title=data["title"],
        description=_description(data),
        effective_from=date.fromisoformat(data["effective_from"]),
        source_name=doc.name[:300],
        source_sha256=doc.sha256,
    )
    outcomes = {}
    for item in data["outcomes"]:
        outcome = Outcome.objects.create(
            version=version,
            urn=item["urn"],
            code=item["code"],
            title=item["title"],
            kind=item["kind"],
            description=_description(item),
            order=item["order"],
        )
        outcomes[outcome.code] = outcome
        KeyJudgement.objects.bulk_create(
            KeyJudgement(
                outcome=outcome,
                urn=kj["urn"],
                code=kj["code"],
                title=kj["title"],
                description=kj.get("description", ""),
                topics=kj.get("topics", []),
                order=order,
            )
            for order, kj in enumerate(item["key_judgements"], start=1)
        )
    scales = {}
    for item in data["grade_scales"]:
        scale = GradeScale.objects.create(
            version=version,
            urn=item["urn"],
            code=item["code"],
            title=item["title"],
            description=_description(item),
        )
        scales[scale.code] = scale
        Grade.objects.bulk_create(
            Grade(
                scale=scale,
                value=grade["value"],
                label=grade["label"],
                wording=grade["wording"],
                descriptor=grade["descriptor"].strip(),
            )
            for grade in item["grades"]
        )
    for item in data["judgement_sets"]:
        judgement_set = JudgementSet.objects.create(
            version=version,
            urn=item["urn"],
            code=item["code"],
            title=item["title"],
            regime=item["regime"],
            years=sorted(item["years"]),
            description=_description(item),
        )
        Judgement.objects.bulk_create(
            Judgement(
                judgement_set=judgement_set,
                urn=j["urn"],
                code=j["code"],
                title=j["title"],
                scale=scales[j["scale"]],
                outcome=outcomes[j["outcome"]] if "outcome" in j else None,
                order=order,
            )
            for order, j in enumerate(item["judgements"], start=1)
        )
    return version


def framework_version_load(
    *, path: str | os.PathLike, actor=None, reason: str = ""
) -> FrameworkVersion:
    """Load one framework library file as a new FrameworkVersion, all or nothing.

    Rules (DOMAIN.md §2, §7; ADR 0005): the file must pass every check of `loader` (else
    FrameworkFileError, and nothing is written); a URN already loaded from the same bytes is a
    no-op (the existing version comes back with `already_loaded = True`); a URN already loaded
    with other content is refused, since a loaded version never changes. Writes the audit entry
    "framework.loaded".
    """
    doc = framework_file_parse(path)
    existing = _already_loaded(doc)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            version = _store(doc)
            audit_record(
                actor=actor,
                verb="framework.loaded",
                target=version,
                after={
                    "urn": version.urn,
                    "version": version.version,
                    "source": doc.path,
                    "sha256": doc.sha256,
                    "counts": framework_version_counts(version=version),
                },
                reason=reason,
            )
    except IntegrityError:
        # Someone loaded the same URN a moment ago: answer as if we had arrived second.
        existing = _already_loaded(doc)
        if existing is None:
            raise
        return existing
    version.already_loaded = False
    return version


def framework_load_bundled(*, actor=None) -> list[FrameworkVersion]:
    """Load every file of ecm/framework/library/ not loaded yet (idempotent).

    Each file is its own all-or-nothing load; a bundled file whose URN is loaded with other
    content raises FrameworkFileError (its URN and version should have been changed).
    """
    return [
        framework_version_load(path=path, actor=actor, reason=BUNDLED_REASON)
        for path in sorted(LIBRARY_DIR.glob("*.yaml"))
    ]
