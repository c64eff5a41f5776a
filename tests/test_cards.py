"""Image cards: every shipped template, hard texts, legibility, photos, files and metadata."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFilter

from repackage.cards import render_cards
from repackage.editorial.typography import plain
from repackage.errors import MediaError
from repackage.plan import plan_cards
from repackage.render.image import (
    CardNotRendered, compose_card, contrast_ratio, cover_box, detect_faces, luminance,
)
from repackage.render.text import missing_glyphs
from repackage.templating import load_brand, load_template

from _story_factory import (
    ARABIC_QUOTE, EMOJI_QUOTE, arabic_story, english_story, long_quote, seed_story,
)

BRAND = load_brand()
CARD_TEMPLATES = ("quote-classic", "quote-photo", "headline", "caption-slide", "cover")
TEMPLATES = {n: load_template(n, brand=BRAND) for n in CARD_TEMPLATES}

STORIES = {
    "seed": seed_story,
    "english": english_story,
    "600-char quote": lambda: english_story(long_quote(600)),
    "one-word quote": lambda: english_story("Never", speaker="Olaf Scholz"),
    "arabic": arabic_story,
    "emoji": lambda: english_story(EMOJI_QUOTE, speaker="Volodymyr Zelensky", role="Ukrainian president"),
}


def norm(text: str) -> str:
    """Text compared the way a reader reads it: plain typography, marks and spacing aside."""
    return " ".join(plain(text).replace('"', " ").replace("„", " ").split())


def white_photo(tmp_path: Path) -> Path:
    path = tmp_path / "white.jpg"
    Image.new("RGB", (1600, 1200), (255, 255, 255)).save(path, quality=95)
    return path


def assert_card_is_sound(render, job, story):
    w, h = job.size
    assert render.image.size == (w, h)
    for placed in render.layers:
        layout = placed.layout
        if layout is None:
            continue
        x0, y0, x1, y1 = layout.bbox
        bw, bh = layout.box
        assert layout.fits
        assert 0 <= x0 <= x1 <= bw and 0 <= y0 <= y1 <= bh, (placed.layer.id, layout.bbox, layout.box)
        assert 0 <= placed.x and placed.x + bw <= w and 0 <= placed.y and placed.y + bh <= h
        assert missing_glyphs(layout.text, layout.style) == set(), placed.layer.id
    if job.role.startswith("quote:"):
        quote = story.card_quotes[int(job.role.split(":")[1])]
        assert norm(render.layouts["quote"].text) == norm(quote.text)
        assert render.layouts["speaker"].text == quote.speaker


@pytest.mark.parametrize("story_name", list(STORIES))
@pytest.mark.parametrize("template_name", CARD_TEMPLATES)
def test_every_template_renders_every_story_at_every_size(template_name, story_name):
    story = STORIES[story_name]()
    template = TEMPLATES[template_name]
    plan = plan_cards(story, [template], BRAND, sizes=list(template.sizes))
    assert plan.cards, "no card planned"
    for job in plan.cards:
        render = compose_card(template, job.size, job.values, lang=job.lang)
        assert_card_is_sound(render, job, story)


def test_quote_marks_follow_the_language():
    fr = plan_cards(seed_story(), [TEMPLATES["quote-classic"]], BRAND).cards[0]
    en = plan_cards(english_story(), [TEMPLATES["quote-classic"]], BRAND).cards[0]
    fr_text = compose_card(TEMPLATES["quote-classic"], fr.size, fr.values, lang="fr").layouts["quote"].text
    en_text = compose_card(TEMPLATES["quote-classic"], en.size, en.values, lang="en").layouts["quote"].text
    assert fr_text.startswith("«\u00a0Rien") and fr_text.endswith("Europe\u00a0»")
    assert en_text.startswith("“We") and en_text.endswith("start.”")


def test_arabic_quote_is_laid_out_right_to_left():
    story = arabic_story()
    job = plan_cards(story, [TEMPLATES["quote-classic"]], BRAND).cards[0]
    render = compose_card(TEMPLATES["quote-classic"], job.size, job.values, lang="ar")
    assert all(line.rtl for line in render.layouts["quote"].lines)
    assert norm(render.layouts["quote"].text) == norm(ARABIC_QUOTE)


def test_a_quote_too_long_for_the_box_is_not_rendered_and_not_cut():
    story = english_story(long_quote(3000))
    job = plan_cards(story, [TEMPLATES["quote-classic"]], BRAND).cards[0]
    with pytest.raises(CardNotRendered) as info:
        compose_card(TEMPLATES["quote-classic"], job.size, job.values, lang="en")
    assert "quote does not fit its box" in info.value.message and "never cut" in info.value.message


def test_render_cards_skips_what_does_not_fit_and_writes_the_rest(tmp_path):
    messages: list[str] = []
    assets = render_cards(english_story(long_quote(3000)), tmp_path, templates=["quote-classic", "headline"],
                          progress=messages.append)
    assert [a.role for a in assets] == ["headline"]
    assert any("skipped (quote:0" in m and "never cut" in m for m in messages)


# ---------------------------------------------------------------- legibility


def _text_pixels_contrast(render, key: str) -> float:
    """Contrast of a text layer's colour against the final pixels around its glyphs (not under them)."""
    placed = next(p for p in render.layers if p.layout is not None and (p.layer.id == key))
    alpha = np.asarray(placed.image.getchannel("A"))
    x0, y0, x1, y1 = placed.layout.bbox
    final = np.asarray(render.image)[placed.y + y0: placed.y + y1, placed.x + x0: placed.x + x1]
    around = final[alpha[y0:y1, x0:x1] == 0]
    r, g, b = (int(placed.layout.style.color[i:i + 2], 16) for i in (1, 3, 5))
    text = float(luminance(np.array([r, g, b], np.uint8)))
    worst = float(np.percentile(luminance(around), 95 if text > 0.5 else 5))
    return contrast_ratio(text, worst)


def test_white_text_on_a_white_photo_is_made_legible(tmp_path):
    photo = white_photo(tmp_path)
    template = TEMPLATES["quote-photo"]
    shaded = []
    for job in plan_cards(seed_story(), [template], BRAND, photo=str(photo), sizes=list(template.sizes)).cards:
        render = compose_card(template, job.size, job.values, photo=photo, lang="fr")
        for key, result in render.legibility.items():
            assert result.ratio >= result.required, (job.name, key, result)
        shaded.append(render.legibility["quote"].scrim > 0)
        assert _text_pixels_contrast(render, "quote") >= 4.5, job.name
        assert _text_pixels_contrast(render, "credits") >= 4.5, job.name
    assert any(shaded)  # where the template's own scrim was not enough, a shade was added


def test_large_text_needs_3_to_1_small_text_4_5():
    job = plan_cards(seed_story(), [TEMPLATES["headline"]], BRAND).cards[0]
    render = compose_card(TEMPLATES["headline"], job.size, job.values, lang="fr")
    assert render.legibility["headline"].required == 3.0
    assert render.legibility["credits"].required == 4.5


# ---------------------------------------------------------------- photos


def test_cover_crop_keeps_faces_in_frame():
    # a wide photo, a face near the right edge: a portrait crop centred on the focal point would lose it
    face = (1500, 300, 200, 200)
    box = cover_box((1800, 1000), (1080, 1350), (0.5, 0.4), (face,))
    left, top, right, bottom = box
    assert right - left == pytest.approx(800, abs=1) and bottom - top == 1000
    assert left <= face[0] and face[0] + face[2] <= right
    # without faces: centred on the focal point, clamped inside the picture
    assert cover_box((1800, 1000), (1080, 1350), (0.5, 0.4), ()) == (500, 0, 1300, 1000)
    assert cover_box((1800, 1000), (1080, 1350), (0.0, 0.4), ())[0] == 0


def test_cover_crop_with_several_faces_keeps_them_all_when_it_can():
    faces = ((300, 400, 120, 120), (700, 380, 120, 120))
    left, top, right, bottom = cover_box((1600, 1200), (1080, 1080), (0.9, 0.1), faces)
    for x, y, w, h in faces:
        assert left <= x and x + w <= right and top <= y and y + h <= bottom


def painted_face(size=(1600, 1000), at=(1300, 380), r=130) -> Image.Image:
    """A plain drawing of a face (hair, skin, brows, eyes, nose, mouth) that OpenCV's cascade finds."""
    im = Image.new("RGB", size, (90, 110, 130))
    d = ImageDraw.Draw(im)
    cx, cy = at
    d.ellipse((cx - r * 1.05, cy - r * 1.45, cx + r * 1.05, cy + r * 0.9), fill=(60, 40, 30))
    d.ellipse((cx - r * 0.85, cy - r * 1.05, cx + r * 0.85, cy + r * 1.2), fill=(225, 185, 160))
    for side in (-1, 1):
        ex = cx + side * r * 0.36
        d.ellipse((ex - r * 0.2, cy - r * 0.52, ex + r * 0.2, cy - r * 0.4), fill=(80, 55, 45))
        d.ellipse((ex - r * 0.16, cy - r * 0.3, ex + r * 0.16, cy - r * 0.1), fill=(245, 245, 245))
        d.ellipse((ex - r * 0.08, cy - r * 0.28, ex + r * 0.08, cy - r * 0.12), fill=(40, 30, 25))
    d.polygon([(cx, cy - r * 0.1), (cx - r * 0.12, cy + r * 0.35), (cx + r * 0.12, cy + r * 0.35)], fill=(200, 150, 130))
    d.ellipse((cx - r * 0.35, cy + r * 0.55, cx + r * 0.35, cy + r * 0.75), fill=(150, 70, 70))
    return im.filter(ImageFilter.GaussianBlur(3))


def test_photo_crop_follows_a_detected_face(tmp_path):
    pytest.importorskip("cv2")
    photo = tmp_path / "face.png"
    painted_face().save(photo)
    assets = render_cards(seed_story(), tmp_path / "out", templates=["quote-photo"], photo=photo)
    crop = assets[0].extra["photo_crop"]
    left, top, right, bottom = crop["box"]
    assert crop["method"] == "faces" and crop["faces"] == 1
    assert left <= 1300 - 130 and 1300 + 130 <= right  # the face (centre 1300, radius 130) is in frame
    # centred on the focal point instead, a portrait crop of this wide photo would have cut it off
    f_left, _, f_right, _ = cover_box((1600, 1000), (1080, 1350), TEMPLATES["quote-photo"].variant().background.focal)
    assert f_right < 1300


def test_face_detection_finds_nothing_on_a_plain_picture():
    assert detect_faces(Image.new("RGB", (640, 480), (120, 140, 160))) == ()


def test_photo_is_shown_and_credited(tmp_path):
    photo = tmp_path / "photo.png"
    Image.new("RGB", (1600, 1200), (200, 30, 30)).save(photo)
    assets = render_cards(seed_story(), tmp_path / "out", templates=["quote-photo"], photo=photo)
    card = Image.open(tmp_path / "out" / assets[0].path).convert("RGB")
    top_left = np.asarray(card)[20:120, 20:120].reshape(-1, 3).mean(axis=0)
    assert top_left[0] > 120 and top_left[1] < 60  # the red photo, not the brand gradient
    assert assets[0].extra["credit"].replace("\u00a0", " ").startswith("Photo : Kenzo Tribouillard / AFP")
    assert assets[0].extra["photo_crop"]["method"] == "focal"


def test_unreadable_photo_is_a_media_error(tmp_path):
    bad = tmp_path / "photo.jpg"
    bad.write_text("not an image")
    with pytest.raises(MediaError):
        render_cards(seed_story(), tmp_path / "out", templates=["quote-photo"], photo=bad)


def test_without_photo_the_photo_template_falls_back_to_the_brand_gradient(tmp_path):
    job = plan_cards(seed_story(), [TEMPLATES["quote-photo"]], BRAND).cards[0]
    render = compose_card(TEMPLATES["quote-photo"], job.size, job.values, lang="fr")
    top = np.asarray(render.image)[5:60, 400:700].reshape(-1, 3).mean(axis=0)
    expected = np.array([int(BRAND.colors["background_2"][i:i + 2], 16) for i in (1, 3, 5)])
    assert np.abs(top - expected).max() < 40  # the gradient's start colour, under a light scrim
    assert job.values["photo_credit"] == ""


# ---------------------------------------------------------------- files


def test_render_cards_writes_every_card_with_metadata(tmp_path):
    story = seed_story()
    assets = render_cards(story, tmp_path, image_format="both")
    roles = sorted({a.role for a in assets})
    assert roles == sorted(["quote:0", "quote:1", "quote:2", "headline", "cover"]
                           + [f"caption:{i}" for i in range(5)])
    assert sum(a.role.startswith("quote:") for a in assets) == 3 * 2 * 2  # 2 templates x png + jpeg
    assert {a.mime for a in assets} == {"image/png", "image/jpeg"}
    assert not list((tmp_path / "cards").glob(".tmp-*"))
    for asset in assets:
        path = tmp_path / asset.path
        assert asset.path.startswith("cards/") and path.exists()
        assert asset.template in CARD_TEMPLATES and asset.template_version == "1.0.0"
        assert asset.alt_text
        with Image.open(path) as im:
            assert im.size == (asset.width, asset.height)
            profile = ImageCms.ImageCmsProfile(ImageCms.core.profile_frombytes(im.info["icc_profile"]))
            assert "sRGB" in ImageCms.getProfileDescription(profile)
            xmp = (im.info.get("XML:com.adobe.xmp") or im.info["xmp"])
            xmp = xmp.decode("utf-8") if isinstance(xmp, bytes) else xmp
            assert "Le Devoir" in xmp  # the credit
            assert _xml_escape(asset.alt_text) in xmp
            exif = im.getexif()
            assert _utf8(exif[0x013B]) == "Repackage News"  # Artist: the outlet (no photo on these cards)
            assert _utf8(exif[0x010E]) == asset.alt_text
    quote_alt = next(a.alt_text for a in assets if a.role == "quote:0")
    assert quote_alt.startswith("Citation d’Emmanuel Macron")


def _utf8(value: str) -> str:
    """EXIF text as written (UTF-8 bytes; Pillow hands them back decoded as Latin-1)."""
    return value.encode("latin-1").decode("utf-8")


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_files_are_named_by_template_item_and_size(tmp_path):
    assets = render_cards(seed_story(), tmp_path, templates=["caption-slide"], sizes=["1080x1080"])
    assert [a.path for a in assets] == [f"cards/caption-slide-{i}-1080x1080.png" for i in range(1, 6)]
    assert re.fullmatch(r"caption:\d", assets[0].role)
