"""``manifest.json`` (versioned), ``story.json`` and ``copy.txt``, and writing them
with the review page (:mod:`repackage.output.review`).

The manifest is what the platform team's scheduler reads: every file made for
one article, with its kind, size, template, alt text and checksum, plus the
post copy and what failed.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from repackage import __version__
from repackage.fsutil import sha256_file, write_text
from repackage.models import Asset, Failure, Skipped, Story, card_refusal, to_dict
from repackage.output.review import review_html

if TYPE_CHECKING:  # pragma: no cover
    from repackage.config import Config

MANIFEST_SCHEMA = "repackage.manifest"
MANIFEST_VERSION = 1
#: JSON Schema (draft 2020-12) of manifest.json, shipped inside the package.
MANIFEST_SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "manifest.schema.json"


def manifest_schema() -> dict[str, Any]:
    """The JSON Schema every ``manifest.json`` validates against."""
    return json.loads(MANIFEST_SCHEMA_PATH.read_text(encoding="utf-8"))


def story_json(story: Story) -> str:
    """The Story as ``story.json`` (and ``repackage story --json``) writes it."""
    return json.dumps(to_dict(story), ensure_ascii=False, indent=2) + "\n"


def copy_text(story: Story) -> str:
    """Post copy as plain text an editor can paste from."""
    pc = story.post_copy
    lines = [
        f"# {story.article.headline}",
        "",
        "## TikTok",
        pc.tiktok,
        "",
        "## Instagram",
        pc.instagram,
        "",
        "## X",
        pc.x,
        "",
        "## Hashtags",
        " ".join(pc.hashtags),
        "",
        "## Captions",
        f"hook: {story.hook.text}",
        *[f"{i + 1}. {c.text}" for i, c in enumerate(story.captions)],
        "",
        "## Alt text",
        *[f"{a.target}: {a.text}" for a in pc.alt_texts],
        "",
    ]
    return "\n".join(lines)


def build_manifest(
    story: Story,
    out_dir: Path,
    assets: Iterable[Asset],
    failures: Iterable[Failure],
    *,
    source_path: Path | None = None,
    skipped: Iterable[Skipped] = (),
    footage: dict[str, Any] | None = None,
) -> dict[str, Any]:
    art = story.article
    entries = []
    for a in assets:
        entry = {k: v for k, v in to_dict(a).items() if v not in (None, {}, ())}
        f = out_dir / a.path
        if f.is_file():
            entry["bytes"] = f.stat().st_size
            entry["sha256"] = sha256_file(f)
        entries.append(entry)
    source: dict[str, Any] = {"headline": art.headline, "lang": story.lang, "slug": story.slug}
    if source_path is not None and source_path.is_file():
        source["path"] = str(source_path)
        source["sha256"] = sha256_file(source_path)
    if art.date:
        source["date"] = art.date
    credits = {k: v for k, v in to_dict(art.credits).items() if v and k != "raw"}
    return {
        "schema": MANIFEST_SCHEMA,
        "version": MANIFEST_VERSION,
        "tool": {"name": "repackage", "version": __version__},
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "article": source,
        "credits": credits,
        "story": "story.json",
        "review": "review.html",
        "copy": "copy.txt",
        "post_copy": {
            "tiktok": story.post_copy.tiktok,
            "instagram": story.post_copy.instagram,
            "x": story.post_copy.x,
            "hashtags": list(story.post_copy.hashtags),
        },
        "captions": [{"text": c.text, "sources": list(c.sources)} for c in story.captions],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "role": q.role, "confidence": q.confidence,
             "evidence": q.evidence, "on_cards": why is None, "left_off": why}
            for q, why in zip(story.quotes, quotes_left_off(story, entries, skipped))
        ],
        "assets": entries,
        "failures": [{"stage": f.stage, "message": f.message} for f in failures],
        "skipped": [
            {"stage": k.stage, "message": k.message, **({"role": k.role} if getattr(k, "role", None) else {})}
            for k in skipped
        ],
        **({"footage": footage} if footage is not None else {}),
    }


def quotes_left_off(story: Story, assets: Iterable[dict[str, Any]], skipped: Iterable[Skipped] = ()) -> list[str | None]:
    """For each quote of the Story, why no card shows it (None: a card does).

    A quote is on cards only when a card with its role was written. The
    reasons, in the order they are decided: those of ``models.card_refusal``
    (``unattributed``, ``low confidence``, ``speaker not named in the
    attribution``, ``fragment``), then for a
    card-worthy quote with no card: ``did not fit: ...`` (its card was left
    out), ``no cards made``, ``no quote card template`` or ``no card made``.
    """
    assets = list(assets)
    on_card = {a.get("role") for a in assets if a.get("kind") == "card"}
    any_card = any(a.get("kind") == "card" for a in assets)
    left_out: dict[str, str] = {}
    for k in skipped:
        role = getattr(k, "role", None)
        if role and k.stage == "cards":
            left_out.setdefault(role, k.message)
    card_index = {id(q): i for i, q in enumerate(story.card_quotes)}
    out: list[str | None] = []
    for q in story.quotes:
        refusal = card_refusal(q)
        if refusal is not None:
            out.append(refusal)
        else:
            role = f"quote:{card_index[id(q)]}"
            if role in on_card:
                out.append(None)
            elif role in left_out:
                out.append(f"did not fit: {left_out[role]}")
            else:
                any_quote_card = any(str(r).startswith("quote:") for r in on_card)
                out.append("no card made" if any_quote_card else "no quote card template" if any_card else "no cards made")
    return out


def write_outputs(
    story: Story,
    out_dir: Path,
    assets: list[Asset],
    failures: list[Failure],
    config: "Config",
    *,
    source_path: Path | None = None,
    skipped: Iterable[Skipped] = (),
    footage: dict[str, Any] | None = None,
) -> None:
    """Write story.json, copy.txt, review.html and manifest.json into ``out_dir``.

    ``footage``: the footage job's report (``FootagePlan.to_dict`` without the
    jobs), listed in the manifest and on the review page."""
    write_text(out_dir / "story.json", story_json(story))
    write_text(out_dir / "copy.txt", copy_text(story))
    manifest = build_manifest(story, out_dir, assets, failures, source_path=source_path, skipped=skipped,
                              footage=footage)
    if "review" in config.formats:
        write_text(out_dir / "review.html", review_html(story, manifest))
    else:
        manifest.pop("review")
    write_text(out_dir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
