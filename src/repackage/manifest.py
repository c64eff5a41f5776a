"""``manifest.json`` (versioned) and the self-contained review page.

The manifest is what the platform team's scheduler reads: every file made for
one article, with its kind, size, template, alt text and checksum, plus the
post copy and what failed. The review page is what an editor opens: one HTML
file with no outside resources (inline CSS, relative links to the assets in
the same folder) showing the copy, each caption next to the sentences it comes
from, each quote with its speaker and confidence, and every card and clip.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from repackage import __version__
from repackage.fsutil import sha256_file, write_text
from repackage.models import Asset, Story, to_dict

if TYPE_CHECKING:  # pragma: no cover
    from repackage.config import Config
    from repackage.pipeline import Failure, Skipped

MANIFEST_SCHEMA = "repackage.manifest"
MANIFEST_VERSION = 1


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
    failures: Iterable["Failure"],
    *,
    source_path: Path | None = None,
    skipped: Iterable["Skipped"] = (),
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
            {"text": q.text, "speaker": q.speaker, "role": q.role, "confidence": q.confidence, "on_cards": q.attributed}
            for q in story.quotes
        ],
        "assets": entries,
        "failures": [{"stage": f.stage, "message": f.message} for f in failures],
        "skipped": [{"stage": k.stage, "message": k.message} for k in skipped],
    }


def write_outputs(
    story: Story,
    out_dir: Path,
    assets: list[Asset],
    failures: list["Failure"],
    config: "Config",
    *,
    source_path: Path | None = None,
    skipped: Iterable["Skipped"] = (),
) -> None:
    """Write story.json, copy.txt, review.html and manifest.json into ``out_dir``."""
    from repackage.pipeline import story_json

    write_text(out_dir / "story.json", story_json(story))
    write_text(out_dir / "copy.txt", copy_text(story))
    manifest = build_manifest(story, out_dir, assets, failures, source_path=source_path, skipped=skipped)
    if "review" in config.formats:
        write_text(out_dir / "review.html", review_html(story, manifest))
    else:
        manifest.pop("review")
    write_text(out_dir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------- review page

_CSS = """
:root{--ink:#14181f;--muted:#5b6573;--line:#d9dee5;--bg:#f6f7f9;--ok:#17703a;--warn:#a35a00;--bad:#b3261e;--accent:#1d4e89}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:var(--muted)}
main{padding:24px 32px;max-width:1400px}section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 20px}
h2{font-size:17px;margin:0 0 12px}table{border-collapse:collapse;width:100%}td,th{border-top:1px solid var(--line);padding:8px;vertical-align:top;text-align:left}
th{font-weight:600;color:var(--muted);font-size:13px}.muted{color:var(--muted)}.src{color:var(--muted);font-size:13px}
.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}.ok{background:#e3f4e8;color:var(--ok)}.warn{background:#fdf0dc;color:var(--warn)}.bad{background:#fbe4e2;color:var(--bad)}
pre{white-space:pre-wrap;font:inherit;margin:0;background:var(--bg);padding:10px;border-radius:6px}
.copy{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.copy button{float:right;font-size:12px}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px}
figure{margin:0}figure img,figure video{width:100%;border:1px solid var(--line);border-radius:6px;background:#000}
figcaption{font-size:12px;color:var(--muted);margin-top:4px;word-break:break-word}
"""

_JS = """
document.querySelectorAll('button[data-copy]').forEach(function(b){b.addEventListener('click',function(){
var t=document.getElementById(b.dataset.copy).innerText;navigator.clipboard.writeText(t).then(function(){b.textContent='Copied';setTimeout(function(){b.textContent='Copy'},1200)});});});
"""


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def review_html(story: Story, manifest: dict[str, Any]) -> str:
    art = story.article
    sent = story.sentences
    parts: list[str] = []
    status = (
        '<span class="tag bad">some outputs failed</span>'
        if manifest["failures"]
        else '<span class="tag ok">all outputs made</span>'
    )
    credit = art.credits
    credit_line = " · ".join(
        x
        for x in (
            f"Source : {credit.source}" if credit.source else "",
            f"Photo : {credit.photo_credit()}" if credit.photo_credit() else "",
        )
        if x
    )
    parts.append(
        f"<header><h1>{_e(art.headline)}</h1><p>{_e(story.lang)} · {_e(art.date or art.date_text or 'no date')}"
        f" · {_e(credit_line or 'no credits found')} · faithfulness checked · {status}</p></header><main>"
    )
    if manifest["failures"]:
        rows = "".join(f"<li><b>{_e(f['stage'])}</b>: {_e(f['message'])}</li>" for f in manifest["failures"])
        parts.append(f'<section><h2>Failed outputs</h2><ul class="bad">{rows}</ul></section>')
    if manifest.get("skipped"):
        rows = "".join(f"<li><b>{_e(k['stage'])}</b>: {_e(k['message'])}</li>" for k in manifest["skipped"])
        parts.append(f"<section><h2>Left out on purpose</h2><ul>{rows}</ul></section>")

    # Post copy, with copy buttons.
    pc = story.post_copy
    boxes = []
    for key, label, text in (("tiktok", "TikTok", pc.tiktok), ("instagram", "Instagram", pc.instagram), ("x", "X", pc.x)):
        boxes.append(
            f'<div><h3>{label} <span class="muted">({len(text)} chars)</span>'
            f'<button data-copy="copy-{key}">Copy</button></h3><pre id="copy-{key}">{_e(text)}</pre></div>'
        )
    parts.append(f'<section><h2>Post copy</h2><div class="copy">{"".join(boxes)}</div></section>')

    # Captions next to their source sentences.
    rows = [f"<tr><td><b>hook</b></td><td>{_e(story.hook.text)}</td><td class='src'>{_sources(story.hook.sources, sent) or 'from the headline'}</td></tr>"]
    for i, c in enumerate(story.captions):
        rows.append(f"<tr><td>{i + 1}</td><td>{_e(c.text)}</td><td class='src'>{_sources(c.sources, sent)}</td></tr>")
    parts.append(
        "<section><h2>Captions</h2><table><tr><th>#</th><th>caption</th><th>source sentences</th></tr>"
        + "".join(rows)
        + "</table></section>"
    )

    # Quotes: speaker, role, confidence; unattributed flagged.
    rows = []
    for i, q in enumerate(story.quotes):
        if q.attributed:
            tag = f'<span class="tag {"ok" if q.confidence >= 0.75 else "warn"}">{q.confidence:.2f}</span>'
            who = f"<b>{_e(q.speaker)}</b>" + (f"<br><span class='muted'>{_e(q.role)}</span>" if q.role else "")
        else:
            tag = '<span class="tag bad">no speaker: not on cards</span>'
            who = "—"
        rows.append(
            f"<tr><td>{i}</td><td>{_e(q.text)}</td><td>{who}</td><td>{tag}</td>"
            f"<td class='src'>{_e(q.attribution or '')}<br>chars {q.span.start}–{q.span.end}</td></tr>"
        )
    parts.append(
        "<section><h2>Quotes</h2><table><tr><th>#</th><th>quote (verbatim)</th><th>speaker</th>"
        "<th>confidence</th><th>attribution</th></tr>" + ("".join(rows) or "<tr><td colspan=5>no direct quotes</td></tr>") + "</table></section>"
    )

    # Assets.
    figs = []
    for a in manifest["assets"]:
        path = _e(a["path"])
        label = " · ".join(
            _e(x)
            for x in (
                a.get("role") or a.get("kind"),
                f"{a['width']}×{a['height']}" if a.get("width") else None,
                a.get("template"),
                f"{a['duration']:.1f} s" if a.get("duration") else None,
            )
            if x
        )
        alt = _e(a.get("alt_text") or "")
        mime = a.get("mime", "")
        if mime.startswith("image/"):
            media = f'<a href="{path}"><img src="{path}" alt="{alt}" loading="lazy"></a>'
        elif mime.startswith("video/"):
            media = f'<video src="{path}" controls preload="metadata"></video>'
        else:
            media = f'<a href="{path}">{path}</a>'
        figs.append(f"<figure>{media}<figcaption>{label}<br>{alt}</figcaption></figure>")
    if figs:
        parts.append(f'<section><h2>Cards and clips</h2><div class="gallery">{"".join(figs)}</div></section>')

    # What the reader left out or repaired.
    notes = [f"<li><b>{_e(d.reason)}</b>: {_e(d.text)}</li>" for d in art.dropped]
    notes += [f"<li><b>healed</b>: {_e(h)}</li>" for h in art.healed]
    if notes:
        parts.append(f"<section><h2>Left out of the story or repaired</h2><ul>{''.join(notes)}</ul></section>")
    parts.append("</main>")
    return (
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<title>Review: {}</title><style>{}</style></head><body>{}<script>{}</script></body></html>\n"
    ).format(_e(story.lang), _e(art.headline), _CSS, "".join(parts), _JS)


def _sources(indices: Iterable[int], sentences) -> str:
    out = []
    for i in indices:
        if 0 <= i < len(sentences):
            out.append(f"[{i}] {_e(sentences[i].text)}")
    return "<br>".join(out)
