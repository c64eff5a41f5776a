"""The review page in a real browser (Debian's Chromium, driven by Playwright).

The page is opened from the file system as an editor opens it: it must load
with no console error and no network request, play the clip, put the exact
post copy on the clipboard, show each quote in the article text, and run
nothing an article smuggles in.
"""

from __future__ import annotations

import json

import pytest

from repackage.config import Config
from repackage.pipeline import repackage

import reliability
from _browser import browser, open_page, wait_until
from _paths import SEED

# No skip when Chromium is missing: scripts/setup --dev installs it, and a
# missing browser must fail CI, not hide these tests.

HOSTILE = """\
<script>window.__pwned = 'headline'</script><img src=x onerror="window.__pwned='img'"> Le maire <b>renonce</b> au tramway

Crédit : <script>window.__pwned='credit'</script>La Gazette / Photo <img src=http://127.0.0.1:9/x.png onerror="window.__pwned='photo'">Jean Dupont AFP

Le maire de Lille, Martine Aubry, a annoncé lundi l'abandon du projet de tramway vers le nord de la ville.

« Nous ne pouvons pas <script>window.__pwned='quote'</script> payer ce tramway aujourd'hui, et je le regrette profondément », a déclaré Martine Aubry lors du conseil municipal.

« Voir <a href="javascript:window.__pwned='link'">le dossier</a> complet avant de juger, c'est la moindre des choses », a répondu Jean Dupont, chef de l'opposition.

Le projet, estimé à 300 millions d'euros, devait relier la gare au quartier de la Madeleine. Les travaux devaient commencer en 2026.
"""


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    return repackage(SEED, Config(out=out, preview=True, card_templates=("quote-classic", "headline")))


@pytest.fixture(scope="module")
def chrome():
    with browser() as b:
        yield b


def test_page_loads_from_disk_with_no_error_and_no_network(seed_run, chrome):
    page_path = seed_run.out_dir / "review.html"
    with open_page(chrome, page_path) as (page, log):
        page.wait_for_timeout(300)
        for img in page.query_selector_all("img"):  # lazy images load once in view
            img.scroll_into_view_if_needed()
        wait_until(page, "[...document.images].every(i => i.complete)")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth])")
    assert log.console_errors == [] and log.page_errors == []
    assert log.network() == []
    # every image shown is a card from the output folder, and it decoded
    assert images and all(done and width > 0 for done, width in images)
    folder = seed_run.out_dir.resolve().as_uri()
    assert all(u.startswith(folder) for u in log.requests), log.requests


def test_clip_plays_and_reports_its_duration(seed_run, chrome):
    clip = next(a for a in seed_run.assets if a.kind == "clip")
    with open_page(chrome, seed_run.out_dir / "review.html") as (page, log):
        state = page.evaluate(
            """async () => {
                const v = document.querySelector('video');
                v.muted = true;
                await v.play();
                const start = performance.now();  // until it has played a little (slow machines: up to 15 s)
                while (v.currentTime < 0.5 && !v.error && performance.now() - start < 15000) {
                    await new Promise(r => setTimeout(r, 50));
                }
                return {duration: v.duration, time: v.currentTime, paused: v.paused, error: v.error && v.error.code,
                        width: v.videoWidth, height: v.videoHeight};
            }"""
        )
    assert state["error"] is None and not state["paused"]
    assert state["time"] > 0.3  # it really advanced
    assert state["duration"] == pytest.approx(clip.duration, abs=0.1)
    assert (state["width"], state["height"]) == (clip.width, clip.height)
    assert log.console_errors == []


def test_each_copy_button_puts_the_exact_post_copy_on_the_clipboard(seed_run, chrome):
    pc = seed_run.story.post_copy
    with open_page(chrome, seed_run.out_dir / "review.html") as (page, log):
        for key, text in (("tiktok", pc.tiktok), ("instagram", pc.instagram), ("x", pc.x)):
            page.evaluate("navigator.clipboard.writeText('')")
            page.click(f'button[data-copy="copy-{key}"]')
            wait_until(page, "document.querySelector('button[data-copy=\"copy-%s\"]').textContent === 'Copied'" % key)
            assert page.evaluate("navigator.clipboard.readText()") == text
    assert log.console_errors == []


def test_clicking_a_quote_highlights_its_source_sentence(seed_run, chrome):
    story = seed_run.story
    assert story.quotes
    with open_page(chrome, seed_run.out_dir / "review.html") as (page, log):
        for i, q in enumerate(story.quotes):
            page.click(f"#q-{i}")
            lit = page.eval_on_selector_all(".sent.hl", "els => els.map(e => [e.id, e.textContent])")
            expected = {f"s-{n}" for n in q.sentence_indices}
            assert {sid for sid, _ in lit} == expected
            # the highlighted sentences hold the quote's words, verbatim
            shown = " ".join(text for _, text in lit)
            for part in q.parts:
                assert part.slice(story.article.text) in shown
            in_view = page.eval_on_selector(f"#{lit[0][0]}", "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
            assert in_view
    assert log.console_errors == []


def test_warnings_come_first(seed_run, chrome):
    with open_page(chrome, seed_run.out_dir / "review.html") as (page, _log):
        first = page.eval_on_selector("main > section", "e => e.id")
        items = page.eval_on_selector_all("#checks li", "els => els.map(e => e.textContent)")
    assert first == "checks"
    # the seed's teaser line and its repaired text are listed there
    for d in seed_run.story.article.dropped:
        assert any(d.reason in t for t in items), d


def test_an_article_carrying_scripts_runs_nothing(tmp_path, chrome):
    assert reliability.by_id("hostile-review-page").exit == 0  # a row of docs/reliability.md
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    result = repackage(article, Config(out=tmp_path / "out", formats=("review",)))
    story = result.story
    # the payloads reached the Story (so the page had something to escape)
    assert "<script>" in story.article.headline
    assert any("javascript:" in q.text for q in story.quotes) and any("<script>" in q.text for q in story.quotes)
    assert "<script>" in json.dumps(story.article.credits.raw, ensure_ascii=False)
    with open_page(chrome, result.out_dir / "review.html") as (page, log):
        page.wait_for_timeout(300)
        for i in range(len(story.quotes)):
            page.click(f"#q-{i}")
        pwned = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
        scripts = page.eval_on_selector_all("script", "els => els.length")
        handlers = page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length")
        js_links = page.eval_on_selector_all("a[href^='javascript' i]", "els => els.length")
        heading = page.inner_text("h1")
    assert pwned is None and log.dialogs == []
    assert scripts == 1 and handlers == 0 and js_links == 0
    assert heading.startswith("<script>")  # shown as text, as the article has it
    assert log.network() == [] and log.console_errors == [] and log.page_errors == []


def test_the_content_security_policy_stops_what_escaping_might_miss(seed_run, chrome, tmp_path):
    """Second line of defence: markup injected past the escaping still runs nothing."""
    page_html = (seed_run.out_dir / "review.html").read_text(encoding="utf-8")
    injected = page_html.replace(
        "<main>",
        "<main><script>window.__pwned='inline'</script><img src=nope.png onerror=\"window.__pwned='onerror'\">"
        "<img src='http://127.0.0.1:9/beacon.png'><a id=js href=\"javascript:window.__pwned='href'\">x</a>",
        1,
    )
    forged = seed_run.out_dir / "forged.html"
    forged.write_text(injected, encoding="utf-8")
    try:
        with open_page(chrome, forged) as (page, log):
            page.click("#js")
            page.wait_for_timeout(300)
            pwned = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
            # the page's own script still works under the policy
            page.click("#q-0")
            lit = page.eval_on_selector_all(".sent.hl", "els => els.length")
    finally:
        forged.unlink()
    assert pwned is None
    assert lit >= 1
    assert log.network() == []
    assert log.failed.get("http://127.0.0.1:9/beacon.png") in ("csp", "net::ERR_BLOCKED_BY_CSP")
    blocked = [e for e in log.console_errors if "Content Security Policy" in e]
    assert any("inline script" in e for e in blocked) and any("event handler" in e for e in blocked)
    assert any("JavaScript URL" in e for e in blocked)
