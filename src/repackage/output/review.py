"""The self-contained review page (``review.html``) an editor opens before posting.

One HTML file with no outside resources (inline CSS, relative links to the
assets in the same folder) showing the copy, each caption next to the
sentences it comes from, each quote with its speaker and confidence, every
card and clip, and the checks to make (:func:`review_checks`).

The page is opened from the file system by an editor, and carries text from
an article nobody vetted: every value is HTML-escaped, and a
Content-Security-Policy lets only the page's own inline script and style run
(by hash) and only files beside it load, so a headline carrying <script>,
onerror= or javascript: can neither run nor reach the network.
"""

from __future__ import annotations

import html
from typing import Any, Iterable

from repackage.models import CARD_MIN_CONFIDENCE, Story


_CSS = """
:root{--ink:#14181f;--muted:#5b6573;--line:#d9dee5;--bg:#f6f7f9;--ok:#17703a;--warn:#a35a00;--bad:#b3261e;--accent:#1d4e89}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:var(--muted)}
main{padding:24px 32px;max-width:1400px}section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 20px}
h2{font-size:17px;margin:0 0 12px}table{border-collapse:collapse;width:100%}td,th{border-top:1px solid var(--line);padding:8px;vertical-align:top;text-align:left}
th{font-weight:600;color:var(--muted);font-size:13px}.muted{color:var(--muted)}.src{color:var(--muted);font-size:13px}
.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}.ok{background:#e3f4e8;color:var(--ok)}.warn{background:#fdf0dc;color:var(--warn)}.bad{background:#fbe4e2;color:var(--bad)}.info{background:#e4ecf6;color:var(--accent)}
#checks{border-left:4px solid var(--warn)}#checks ul{margin:0;padding-left:0;list-style:none}#checks li{padding:3px 0}
pre{white-space:pre-wrap;font:inherit;margin:0;background:var(--bg);padding:10px;border-radius:6px}
.copy{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.copy button{float:right;font-size:12px}
a.quote{color:inherit;text-decoration:underline dotted var(--accent)}
#article p{margin:0 0 10px}.sent{border-radius:3px}.sent.hl{background:#ffe58a;outline:2px solid #e0b400}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px}
figure{margin:0}figure img,figure video{width:100%;border:1px solid var(--line);border-radius:6px;background:#000}
figcaption{font-size:12px;color:var(--muted);margin-top:4px;word-break:break-word}
"""

_JS = """
document.querySelectorAll('button[data-copy]').forEach(function(b){b.addEventListener('click',function(){
var t=document.getElementById(b.dataset.copy).textContent;navigator.clipboard.writeText(t).then(function(){b.textContent='Copied';setTimeout(function(){b.textContent='Copy'},1200)});});});
document.querySelectorAll('a[data-sents]').forEach(function(a){a.addEventListener('click',function(ev){
ev.preventDefault();document.querySelectorAll('.sent.hl').forEach(function(s){s.classList.remove('hl')});
var first=null;a.dataset.sents.split(' ').forEach(function(i){var s=document.getElementById('s-'+i);if(s){s.classList.add('hl');first=first||s}});
if(first){first.scrollIntoView({block:'center'})}});});
"""


def _csp_hash(text: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


#: Only the page's own script and style, only files beside the page; nothing else.
CSP = (
    f"default-src 'none'; script-src {_csp_hash(_JS)}; style-src {_csp_hash(_CSS)}; "
    "img-src 'self'; media-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'"
)


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def review_checks(story: Story, manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """What an editor must look at before posting, as (severity, text) pairs:
    failed outputs, quotes left off cards and why, contrast raised behind
    text, text outside the apps' safe zone, where the photo credit comes from,
    and what the reader repaired or left out of the text."""
    out: list[tuple[str, str]] = []
    for f in manifest["failures"]:
        out.append(("bad", f"{f['stage']} failed: {f['message']}"))
    for i, (q, m) in enumerate(zip(story.quotes, manifest["quotes"])):
        why = m.get("left_off")
        if why:
            who = f" ({q.speaker}, confidence {q.confidence:.2f})" if q.speaker else ""
            out.append(("warn", f"quote {i} not on cards: {why}{who}: «{_short(q.text)}»"))
    for k in manifest.get("skipped", ()):
        if not str(k.get("role", "")).startswith("quote:"):
            out.append(("warn", f"{k['stage']} left out: {k['message']}"))
    for q in (manifest.get("footage") or {}).get("quotes", ()):
        if not q["found"]:
            out.append(("warn", f"{q['role']} ({q['speaker']}) not found in the footage (score {q['score']:.2f}, "
                                f"{q['threshold']:.2f} needed): no clip cut: «{_short(q['text'])}»"))
    credits: dict[str, str] = {}
    for a in manifest["assets"]:
        extra = a.get("extra") or {}
        contrast = extra.get("contrast") or {}
        for slot, c in contrast.items():
            if c.get("scrim"):
                out.append(("info", f"{a['path']}: contrast raised for {slot} with a scrim (opacity {c['scrim']:.2f}), "
                                    f"{c['ratio']:.1f}:1 for {c['required']:g}:1 required"))
        for scene, slots in (extra.get("legibility") or {}).items():
            for slot, c in slots.items():
                if c.get("scrim"):
                    out.append(("info", f"{a['path']} {scene}: contrast raised for {slot} with a scrim "
                                        f"(opacity {c['scrim']:.2f}), {c['ratio']:.1f}:1 for {c['required']:g}:1 required"))
        for note in extra.get("unsafe_text") or ():
            out.append(("warn", f"{a['path']}: outside the TikTok/Reels safe zone: {note}"))
        for note in extra.get("notes") or ():
            if not str(note).startswith(("left out", "no quote scene")):
                out.append(("info", f"{a['path']}: {note}"))
        vo = extra.get("voiceover")
        if vo:
            align = vo.get("alignment", {})
            follows = ("scenes follow what it reads" if vo.get("timing") == "sentences"
                       else "it reads none of the scenes: scenes shared out evenly")
            out.append(("warn" if align.get("matched", 0) < 0.5 else "info",
                        f"{a['path']}: timed by the voice-over {vo.get('file')} ({vo.get('duration', 0):.1f} s, "
                        f"{vo.get('engine')} {vo.get('model')}): {align.get('matched', 0):.0%} of its "
                        f"{vo.get('words')} words found in the article, recogniser confidence "
                        f"{align.get('confidence', 0):.2f}; {follows}"))
        src = extra.get("photo_credit_from")
        if src in ("flag", "article"):
            credits.setdefault(src, extra.get("credit") or "")
        elif "photo_crop" in extra:
            credits.setdefault("none", "")
    labels = {"flag": "from --photo-credit", "article": "from the article's credit line"}
    for src, credit in credits.items():
        if src == "none":
            out.append(("warn", "photo shown with no photo credit: pass --photo-credit"))
        else:
            out.append(("info", f"photo credit {labels[src]}" + (f": {credit}" if credit else "")))
    for h in story.article.healed:
        out.append(("info", f"text repaired: {h}"))
    for d in story.article.dropped:
        out.append(("info", f"left out of the story ({d.reason}): {_short(d.text)}"))
    return out


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _quote_sentences(story: Story, q) -> list[int]:
    if q.sentence_indices:
        return list(q.sentence_indices)
    return [s.index for s in story.sentences if any(s.span.start < p.end and p.start < s.span.end for p in q.parts)]


def _article_html(story: Story) -> str:
    """The article text, each sentence a ``<span id="s-N">`` that quotes and captions point at."""
    art = story.article
    by_par: dict[int, list] = {}
    for s in story.sentences:
        by_par.setdefault(s.paragraph, []).append(s)
    paras = []
    for p, span in enumerate(art.paragraph_spans()):
        text = art.text
        pos, bits = span.start, []
        for s in sorted(by_par.get(p, ()), key=lambda s: s.span.start):
            if s.span.start < pos or s.span.end > span.end:
                continue
            bits.append(_e(text[pos : s.span.start]))
            bits.append(f'<span class="sent" id="s-{s.index}" title="sentence {s.index}">{_e(s.text)}</span>')
            pos = s.span.end
        bits.append(_e(text[pos : span.end]))
        paras.append(f"<p>{''.join(bits)}</p>")
    return "".join(paras)


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

    # Warnings first: what the editor must check before posting.
    checks = review_checks(story, manifest)
    if checks:
        label = {"bad": "failed", "warn": "check", "info": "note"}
        rows = "".join(f'<li><span class="tag {sev}">{label[sev]}</span> {_e(text)}</li>' for sev, text in checks)
        parts.append(f'<section id="checks"><h2>Check before posting ({len(checks)})</h2><ul>{rows}</ul></section>')
    else:
        parts.append('<section id="checks"><h2>Check before posting</h2><p class="muted">nothing to check</p></section>')

    # Post copy, with copy buttons.
    pc = story.post_copy
    boxes = []
    for key, label, text in (("tiktok", "TikTok", pc.tiktok), ("instagram", "Instagram", pc.instagram), ("x", "X", pc.x)):
        boxes.append(
            f'<div><h3>{label} <span class="muted">({len(text)} chars)</span>'
            f'<button type="button" data-copy="copy-{key}">Copy</button></h3><pre id="copy-{key}">{_e(text)}</pre></div>'
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

    # Quotes: speaker, role, confidence, whether a card shows it; click one to see it in the article.
    rows = []
    for i, (q, m) in enumerate(zip(story.quotes, manifest["quotes"])):
        if q.attributed:
            tag = (
                f'<span class="tag {"ok" if q.confidence >= CARD_MIN_CONFIDENCE else "warn"}" '
                f'title="calibrated: the share of quotes with this evidence whose speaker was right">'
                f"{q.confidence:.2f}</span><br><span class='muted'>{_e(q.evidence or '')}</span>"
            )
            who = f"<b>{_e(q.speaker)}</b>" + (f"<br><span class='muted'>{_e(q.role)}</span>" if q.role else "")
        else:
            tag = '<span class="tag bad">no speaker</span>'
            who = "—"
        cards = '<span class="tag ok">on cards</span>' if m["on_cards"] else f'<span class="tag warn">not on cards: {_e(m["left_off"])}</span>'
        sents = _quote_sentences(story, q)
        quote = (
            f'<a class="quote" id="q-{i}" href="#s-{sents[0]}" data-sents="{" ".join(map(str, sents))}">{_e(q.text)}</a>'
            if sents else _e(q.text)
        )
        rows.append(
            f"<tr><td>{i}</td><td>{quote}</td><td>{who}</td><td>{tag}<br>{cards}</td>"
            f"<td class='src'>{_e(q.attribution or '')}<br>chars {q.span.start}–{q.span.end}</td></tr>"
        )
    parts.append(
        "<section><h2>Quotes</h2><p class='muted'>Click a quote to see it in the article.</p><table><tr><th>#</th><th>quote (verbatim)</th><th>speaker</th>"
        "<th>confidence</th><th>attribution</th></tr>" + ("".join(rows) or "<tr><td colspan=5>no direct quotes</td></tr>") + "</table></section>"
    )

    if manifest.get("footage"):
        parts.append(footage_section(manifest["footage"]))

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

    # The article as the tool read it, sentence by sentence.
    parts.append(f'<section id="article"><h2>Article text</h2>{_article_html(story)}</section>')
    parts.append("</main>")
    return (
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<title>Review: {}</title><style>{}</style></head><body>{}<script>{}</script></body></html>\n"
    ).format(_e(story.lang), _e(CSP), _e(art.headline), _CSS, "".join(parts), _JS)


def footage_section(report: dict[str, Any]) -> str:
    """The review page's table of card quotes looked for in the footage: score, found or not, the cut."""
    rows = []
    for q in report["quotes"]:
        score = f'<span class="tag {"ok" if q["found"] else "warn"}">{q["score"]:.2f}</span>'
        if q["found"] and q.get("clip"):
            state = f'<a href="{_e(q["clip"])}">clip</a> · {q["start"]:.2f}–{q["end"]:.2f} s'
        elif q["found"]:
            state = '<span class="tag bad">found, clip failed</span>'
        else:
            state = '<span class="tag warn">not found: no clip cut</span>'
        rows.append(f"<tr><td>{_e(q['role'])}</td><td>{_e(q['text'])}</td><td>{_e(q['speaker'])}</td>"
                    f"<td>{score}</td><td>{state}</td><td class='src'>{_e(q.get('heard') or '')}</td></tr>")
    return (
        f"<section id='footage'><h2>Quotes in the footage ({_e(report['source'])})</h2>"
        f"<p class='muted'>Score: how closely the words heard match the quote (1 = word for word); "
        f"found at {report['threshold']:.2f} or more. Heard by {_e(report['engine'])} "
        f"({_e(report['language'])}).</p><table><tr><th>#</th><th>quote (verbatim)</th><th>speaker</th>"
        "<th>score</th><th>clip</th><th>heard in the footage (best stretch)</th></tr>"
        + ("".join(rows) or "<tr><td colspan=6>no quote for cards</td></tr>") + "</table></section>"
    )


def _sources(indices: Iterable[int], sentences) -> str:
    out = []
    for i in indices:
        if 0 <= i < len(sentences):
            out.append(f'<a href="#s-{i}">[{i}]</a> {_e(sentences[i].text)}')
    return "<br>".join(out)
