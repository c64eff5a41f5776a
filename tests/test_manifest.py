"""manifest.json and the review page an editor opens."""

from __future__ import annotations

import hashlib
import json
import re

from repackage.config import Config
from repackage.manifest import build_manifest
from repackage.models import Asset
from repackage.pipeline import Failure, load_story, repackage

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
