"""manifest.json and the review page an editor opens."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

import repackage as repackage_pkg
from repackage.config import Config
from repackage.output.manifest import build_manifest
from repackage.models import Asset
from repackage.pipeline import Failure, Skipped, load_story, repackage

from _paths import SEED


def test_manifest_lists_assets_with_checksums(tmp_path):
    story = load_story(SEED)
    (tmp_path / "cards").mkdir()
    png = tmp_path / "cards" / "x.png"
    png.write_bytes(b"not really a png")
    asset = Asset(kind="card", path="cards/x.png", mime="image/png", width=1080, height=1350, alt_text="alt")
    m = build_manifest(story, tmp_path, [asset], [Failure("clips", "ffmpeg exploded")], source_path=SEED)
    (entry,) = m["assets"]
    assert entry["sha256"] == hashlib.sha256(b"not really a png").hexdigest()
    assert entry["bytes"] == len(b"not really a png")
    assert entry["width"] == 1080 and entry["alt_text"] == "alt"
    assert m["failures"] == [{"stage": "clips", "message": "ffmpeg exploded"}]
    assert m["article"]["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    json.dumps(m)  # serialisable


def test_review_page_is_self_contained_and_shows_provenance(tmp_path):
    result = repackage(SEED, Config(out=tmp_path, formats=("review",)))
    page = (result.out_dir / "review.html").read_text(encoding="utf-8")
    # no outside resources: every src/href is relative
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert not re.match(r"^[a-z]+:", url), url
    story = result.story
    import html

    text = html.unescape(page)
    for c in story.captions:
        assert c.text in text
        for i in c.sources:  # each caption shows the sentences it comes from
            assert story.sentences[i].text in text
    for q in story.card_quotes:
        assert q.speaker in text
    for d in story.article.dropped:
        assert d.text in text


def test_manifest_schema_ships_in_the_package_and_catches_broken_manifests(tmp_path):
    from repackage.output.manifest import MANIFEST_SCHEMA_PATH, manifest_schema

    from _schema import manifest_problems

    assert MANIFEST_SCHEMA_PATH.is_relative_to(Path(repackage_pkg.__file__).parent)
    assert manifest_schema()["properties"]["version"] == {"const": 1}
    story = load_story(SEED)
    good = build_manifest(story, tmp_path, [], [], source_path=SEED)
    assert manifest_problems(good) == []
    broken = [
        ({**good, "version": 2}, "version"),
        ({**good, "quotes": [{**good["quotes"][0], "on_cards": True, "left_off": "unattributed"}]}, "quotes/0"),
        ({**good, "quotes": [{**good["quotes"][0], "on_cards": False, "left_off": None}]}, "quotes/0"),
        ({**good, "assets": [{"kind": "card", "path": "../../etc/passwd", "mime": "image/png"}]}, "assets/0/path"),
        ({**good, "assets": [{"kind": "card", "path": "/etc/passwd", "mime": "image/png"}]}, "assets/0/path"),
        ({**good, "surprise": 1}, "(top)"),
    ]
    for data, where in broken:
        problems = manifest_problems(data)
        assert problems and all(p.startswith(where) for p in problems), (where, problems)


def test_every_manifest_written_in_the_tests_is_checked(tmp_path, monkeypatch):
    """The suite-wide hook (conftest.py) really refuses a manifest breaking the schema."""
    import repackage.output.manifest as m

    real = m.build_manifest
    monkeypatch.setattr(m, "build_manifest", lambda *a, **k: {**real(*a, **k), "version": 99})
    with pytest.raises(AssertionError, match="breaks its schema"):
        repackage(SEED, Config(out=tmp_path, formats=("review",)))


UNATTRIBUTED = """Le conseil vote le budget

Le conseil municipal de Lille a voté lundi soir le budget de l'année prochaine, après quatre heures de débat.

« Ce budget est une trahison pour les habitants des quartiers populaires », pouvait-on lire sur une banderole à l'entrée.

La maire de Lille, Martine Aubry, a défendu le texte devant les élus.

« Nous tenons nos engagements sans augmenter les impôts locaux », a déclaré Martine Aubry.
"""


def test_a_quote_is_on_cards_only_when_a_card_shows_it(tmp_path):
    article = tmp_path / "budget.txt"
    article.write_text(UNATTRIBUTED, encoding="utf-8")
    result = repackage(article, Config(out=tmp_path / "out", formats=("cards", "review"),
                                       card_templates=("quote-classic",), sizes=("1080x1350",)))
    story = result.story
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    shown = {a.role for a in result.assets}
    for q, entry in zip(story.quotes, manifest["quotes"]):
        index = next((i for i, c in enumerate(story.card_quotes) if c is q), None)
        assert entry["on_cards"] == (index is not None and f"quote:{index}" in shown)
        assert (entry["left_off"] is None) == entry["on_cards"]
    reasons = [e["left_off"] for e in manifest["quotes"]]
    assert "unattributed" in reasons and None in reasons
    # Without cards no quote is on a card, whatever its speaker.
    only_review = repackage(article, Config(out=tmp_path / "out2", formats=("review",)))
    entries = json.loads(only_review.manifest_path.read_text(encoding="utf-8"))["quotes"]
    assert not any(e["on_cards"] for e in entries)
    assert {e["left_off"] for e in entries} == {"unattributed", "no cards made"}
    # With cards but no quote template: said so.
    headline_only = build_manifest(story, tmp_path, [Asset(kind="card", path="cards/h.png", mime="image/png", role="headline")], [])
    assert "no quote card template" in [e["left_off"] for e in headline_only["quotes"]]


def test_review_page_puts_every_kind_of_warning_first(tmp_path):
    from repackage.output.review import review_checks, review_html

    story = load_story(SEED)
    card = Asset(kind="card", path="cards/q.png", mime="image/png", role="quote:0", extra={
        "contrast": {"quote": {"ratio": 4.6, "required": 4.5, "scrim": 0.35}, "logo": {"ratio": 9.0, "required": 3.0, "scrim": 0.0}},
        "photo_credit_from": "flag", "credit": "Photo : Jane Roe / Reuters", "photo_crop": {"box": [0, 0, 1, 1]},
    })
    clip = Asset(kind="clip", path="clips/c.mp4", mime="video/mp4", role="clip", duration=30.0, extra={
        "legibility": {"caption:1": {"caption": {"ratio": 3.2, "required": 3.0, "scrim": 0.5}}},
        "unsafe_text": ["hook: layer 2 (headline) box (10, 40, 1000, 200)"],
        "notes": ["shortened scenes to stay under 40 s"],
        "photo_credit_from": "none",
    })
    skipped = [Skipped("cards", "quote-classic-2 (quote:2): the quote does not fit", "quote:2")]
    m = build_manifest(story, tmp_path, [card, clip], [Failure("clips", "ffmpeg exploded")], skipped=skipped)
    checks = [text for _, text in review_checks(story, m)]
    joined = "\n".join(checks)
    assert checks[0] == "clips failed: ffmpeg exploded"
    assert "quote 2 not on cards: did not fit: quote-classic-2 (quote:2): the quote does not fit" in joined
    assert "quote 1 not on cards: no card made" in joined  # quote cards were made, not for it
    assert "cards/q.png: contrast raised for quote with a scrim (opacity 0.35), 4.6:1 for 4.5:1 required" in checks
    assert not any("for logo" in c for c in checks)  # contrast reached without help: nothing to say
    assert "clips/c.mp4 caption:1: contrast raised for caption" in joined
    assert "clips/c.mp4: outside the TikTok/Reels safe zone: hook: layer 2" in joined
    assert "photo credit from --photo-credit: Photo : Jane Roe / Reuters" in checks
    assert any(c.startswith("text repaired: re-joined") for c in checks)
    assert any(c.startswith("left out of the story (teaser)") for c in checks)
    page = review_html(story, m)
    assert page.index('id="checks"') < page.index("Post copy") < page.index('id="article"')
