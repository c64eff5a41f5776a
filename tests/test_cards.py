"""Image cards: every shipped template, hard texts, legibility, photos, files and metadata."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFilter

from repackage.render.cards import check_card_request, render_cards
from repackage.editorial.typography import plain
from repackage.errors import ConfigError, MediaError, TemplateError
from repackage.plan.cards import plan_cards
from repackage.render.image import (
    CardMeta, CardNotRendered, ascii_text, compose_card, contrast_ratio, cover_box, detect_faces, luminance,
    read_exif_text, save_card,
)
from repackage.templating.typeset import missing_glyphs
from repackage.templating import LogoLayer, check_templates, load_brand, load_template

from _story_factory import (
    ARABIC_QUOTE, EMOJI_QUOTE, arabic_story, english_story, long_quote, seed_story,
)

ROOT = Path(__file__).resolve().parent.parent
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
        assert asset.template in CARD_TEMPLATES and asset.template_version == TEMPLATES[asset.template].version
        assert asset.alt_text
        with Image.open(path) as im:
            assert im.size == (asset.width, asset.height)
            profile = ImageCms.ImageCmsProfile(ImageCms.core.profile_frombytes(im.info["icc_profile"]))
            assert "sRGB" in ImageCms.getProfileDescription(profile)
            xmp = (im.info.get("XML:com.adobe.xmp") or im.info["xmp"])
            xmp = xmp.decode("utf-8") if isinstance(xmp, bytes) else xmp
            assert "Le Devoir" in xmp  # the credit
            assert _xml_escape(asset.alt_text) in xmp
            text = read_exif_text(im.getexif())
            assert text["Artist"] == "Repackage News"  # the outlet (no photo on these cards)
            assert text["ImageDescription"] == ascii_text(asset.alt_text)
            assert text["UserComment"] == text["XPComment"] == text["XPTitle"] == asset.alt_text
    quote_alt = next(a.alt_text for a in assets if a.role == "quote:0")
    assert quote_alt.startswith("Citation d’Emmanuel Macron")


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_exif_ascii_tags_are_ascii_and_the_full_text_is_in_the_unicode_tags(tmp_path, suffix):
    """ImageDescription used to hold UTF-8 in an ASCII tag: readers showed 'Citation dâ\x80\x99...'."""
    alt = "Citation d’Emmanuel Macron\u00a0: «\u00a0Rien ne doit être exclu\u00a0» — Łódź"
    path = save_card(Image.new("RGB", (64, 64), (10, 20, 30)), tmp_path / f"card{suffix}",
                     CardMeta(alt_text=alt, creator="Kenzo Tribouillard / AFP", copyright="© Repackage News"))
    with Image.open(path) as im:
        exif = im.getexif()
        raw_description = exif[0x010E]
        text = read_exif_text(exif)
        user_comment = exif.get_ifd(0x8769)[0x9286]
    assert raw_description == "Citation d'Emmanuel Macron : \"Rien ne doit etre exclu\" - Lodz"
    assert raw_description.isascii() and "â" not in raw_description
    assert text["Copyright"] == "(c) Repackage News"
    assert user_comment.startswith(b"UNICODE\0") and user_comment[8:].decode("utf-16-le") == alt
    assert text["XPComment"] == text["XPTitle"] == alt and text["XPAuthor"] == "Kenzo Tribouillard / AFP"
    with Image.open(path) as im:  # XMP stays the full-fidelity copy
        xmp = im.info.get("XML:com.adobe.xmp") or im.info["xmp"]
    xmp = xmp.decode("utf-8") if isinstance(xmp, bytes) else xmp
    assert alt in xmp


def test_exif_of_a_text_with_no_latin_letters_keeps_it_in_the_unicode_tags(tmp_path):
    path = save_card(Image.new("RGB", (32, 32)), tmp_path / "ar.png", CardMeta(alt_text=ARABIC_QUOTE))
    with Image.open(path) as im:
        text = read_exif_text(im.getexif())
    assert text.get("ImageDescription", "").isascii()
    assert text["UserComment"] == ARABIC_QUOTE


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_files_are_named_by_template_item_and_size(tmp_path):
    assets = render_cards(seed_story(), tmp_path, templates=["caption-slide"], sizes=["1080x1080"])
    assert [a.path for a in assets] == [f"cards/caption-slide-{i}-1080x1080.png" for i in range(1, 6)]
    assert re.fullmatch(r"caption:\d", assets[0].role)


# ---------------------------------------------------------------- photo credit


def test_a_photo_credit_given_with_the_photo_is_printed_and_recorded(tmp_path):
    photo = white_photo(tmp_path)
    assets = render_cards(seed_story(), tmp_path / "out", templates=["quote-photo", "quote-classic"], photo=photo,
                          photo_credit="Jane Doe / Reuters")
    on_photo = [a for a in assets if a.template == "quote-photo"]
    assert on_photo and all(a.extra["photo_credit_from"] == "flag" for a in on_photo)
    assert all(plain(a.extra["credit"]) == "Photo : Jane Doe / Reuters · Source : Le Devoir" for a in on_photo)
    assert {a.extra["photo_credit_from"] for a in assets if a.template == "quote-classic"} == {"none"}
    with Image.open(tmp_path / "out" / on_photo[0].path) as im:
        assert read_exif_text(im.getexif())["Artist"] == "Jane Doe / Reuters"
    default = render_cards(seed_story(), tmp_path / "out2", templates=["quote-photo"], photo=photo)
    assert {a.extra["photo_credit_from"] for a in default} == {"article"}


# ---------------------------------------------------------------- bad requests: refused before drawing


def _nothing_written(out: Path) -> bool:
    return not out.exists() or not any(out.rglob("*"))


def _broken_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    for name in CARD_TEMPLATES:
        shutil.copytree(ROOT / "templates" / name, folder / name)
    toml = folder / "headline" / "template.toml"
    toml.write_text(toml.read_text().replace("max_size = 128", 'max_size = "huge"'))
    return folder


@pytest.mark.parametrize("request_, error, message", [
    (dict(templates_dir="{tmp}/no-such-templates"), TemplateError, "templates folder not found"),
    (dict(brand="{tmp}/no-such-brand.toml"), TemplateError, "file not found"),
    (dict(templates=["quote-clasic"]), TemplateError, "did you mean 'quote-classic'?"),
    (dict(templates=["clip-default"]), TemplateError, "'clip-default' is a clip template, not a card template"),
    (dict(sizes=["999x999"]), ConfigError, "no selected card template offers 999x999"),
    (dict(sizes=["1080x1350", "999x999"]), ConfigError, "no selected card template offers 999x999"),
    (dict(templates=["cover"], sizes=["1080x1350"]), ConfigError, "templates cover offer 1080x1920"),
    (dict(sizes=["big"]), ConfigError, "size must look like 1080x1350, not 'big'"),
])
def test_a_bad_card_request_is_refused_before_anything_is_drawn(tmp_path, request_, error, message):
    request_ = {k: v.format(tmp=tmp_path) if isinstance(v, str) else v for k, v in request_.items()}
    with pytest.raises(error, match=re.escape(message)):
        check_card_request(**request_)
    out = tmp_path / "out"
    with pytest.raises(error, match=re.escape(message)):
        render_cards(seed_story(), out, **request_)
    assert _nothing_written(out)


def test_a_broken_template_is_refused_even_beside_good_ones(tmp_path):
    folder = _broken_copy(tmp_path)
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as info:
        render_cards(seed_story(), out, templates_dir=folder)
    assert any("headline/template.toml: layers[2].max_size: expected a whole number, got 'huge'" in p
               for p in info.value.problems)
    assert _nothing_written(out)
    with pytest.raises(TemplateError):
        check_card_request(templates_dir=folder)
    assert render_cards(seed_story(), out, templates_dir=folder, templates=["quote-classic"])  # only what is asked


def test_an_empty_templates_folder_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(TemplateError, match="no templates in this folder"):
        check_card_request(templates_dir=tmp_path / "empty")


def test_sizes_some_templates_offer_are_fine_and_the_others_are_skipped(tmp_path):
    check_card_request(sizes=["1200x675"])  # cover does not offer it, the others do
    messages: list[str] = []
    assets = render_cards(seed_story(), tmp_path, templates=["cover", "headline"], sizes=["1200x675"],
                          progress=messages.append)
    assert [a.template for a in assets] == ["headline"]
    assert any("card template cover skipped" in m for m in messages)


# ---------------------------------------------------------------- highlight on every text layer


#: a dark bar behind light text; a light one behind the headline card's dark ink
HIGHLIGHTS = {"headline": "#FFFFFF99"}


def _highlighted_copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "hl" / name
    shutil.copytree(ROOT / "templates" / name, folder)
    toml = folder / "template.toml"
    text = toml.read_text()
    assert "[defaults.text]\n" in text
    colour = HIGHLIGHTS.get(name, "#00000066")
    toml.write_text(text.replace("[defaults.text]\n", f'[defaults.text]\nhighlight = "{colour}"\n', 1))
    return folder


@pytest.mark.parametrize("template_name", CARD_TEMPLATES)
def test_highlight_on_every_text_layer_renders_at_every_size(tmp_path, template_name):
    """highlight = "#00000066" crashed with 'Source must be non-negative' (bars at the box edge)."""
    folder = _highlighted_copy(tmp_path, template_name)
    assert [p for p in check_templates([template_name], templates_dir=folder.parent) if p.severity == "error"] == []
    template = load_template(folder)
    texts = [x for x in template.variant().layers if getattr(x, "style", None) is not None]
    assert texts and all(x.style.highlight == HIGHLIGHTS.get(template_name, "#00000066") for x in texts)
    photo = white_photo(tmp_path)
    for story in (seed_story(), english_story()):
        for with_photo in (False, True):
            plan = plan_cards(story, [template], BRAND, sizes=list(template.sizes),
                              photo=str(photo) if with_photo else None)
            for job in plan.cards:
                render = compose_card(template, job.size, job.values, photo=photo if job.uses_photo else None,
                                      lang=job.lang)
                assert_card_is_sound(render, job, story)
                for key, result in render.legibility.items():
                    assert result.ratio >= result.required, (job.name, key, result)
    assets = render_cards(seed_story(), tmp_path / "out", templates=[template_name], templates_dir=folder.parent)
    assert assets


# ---------------------------------------------------------------- logos


def _logo_of(render):
    return next(p for p in render.layers if isinstance(p.layer, LogoLayer))


def test_the_logo_switches_to_the_dark_variant_on_a_bright_photo(tmp_path):
    """The white wordmark was invisible on a bright --photo."""
    photo = white_photo(tmp_path)
    template = TEMPLATES["quote-photo"]
    for job in plan_cards(seed_story(), [template], BRAND, photo=str(photo), sizes=list(template.sizes)).cards:
        render = compose_card(template, job.size, job.values, photo=photo, lang="fr")
        logo = render.legibility["logo"]
        assert logo.ratio >= 3.0, (job.name, logo)
        if logo.variant == "dark":
            assert _logo_of(render).layer.path == BRAND.logo_dark
    top = plan_cards(seed_story(), [template], BRAND, photo=str(photo)).cards[0]
    render = compose_card(template, top.size, top.values, photo=photo, lang="fr")
    assert render.legibility["logo"].variant == "dark" and render.legibility["logo"].scrim == 0
    # where the photo is dark (or without a photo) the designer's light logo stays
    plain_render = compose_card(template, top.size, plan_cards(seed_story(), [template], BRAND).cards[0].values)
    assert plain_render.legibility["logo"].variant == "light"
    assert _logo_of(plain_render).layer.path == BRAND.logo


def test_a_logo_on_a_busy_photo_gets_a_shade(tmp_path):
    stripes = np.zeros((1200, 1600, 3), np.uint8)
    stripes[:, ::8] = 255
    stripes[:, 1::8] = 255
    stripes[:, 2::8] = 255
    stripes[:, 3::8] = 255
    photo = tmp_path / "stripes.png"
    Image.fromarray(stripes).save(photo)
    template = TEMPLATES["quote-photo"]
    job = plan_cards(seed_story(), [template], BRAND, photo=str(photo)).cards[0]
    render = compose_card(template, job.size, job.values, photo=photo, lang="fr")
    logo = render.legibility["logo"]
    assert logo.scrim > 0 and logo.ratio >= 3.0


def test_the_headline_card_keeps_its_dark_logo_on_paper():
    job = plan_cards(seed_story(), [TEMPLATES["headline"]], BRAND).cards[0]
    render = compose_card(TEMPLATES["headline"], job.size, job.values, lang="fr")
    assert render.legibility["logo"].variant == "dark" and render.legibility["logo"].scrim == 0


# ---------------------------------------------------------------- headline and cover


@pytest.mark.parametrize("template_name", ["headline", "cover"])
def test_headline_and_cover_show_the_dek_not_the_hook(template_name):
    from dataclasses import replace

    template = TEMPLATES[template_name]
    story = english_story()
    texts = lambda render: " | ".join(norm(x.text) for x in render.layouts.values())  # noqa: E731
    job = plan_cards(story, [template], BRAND).cards[0]
    shown = texts(compose_card(template, job.size, job.values, lang="en"))
    assert norm(story.article.dek) in shown and norm(story.hook.text) not in shown
    no_dek = replace(story, article=replace(story.article, dek=None))
    job = plan_cards(no_dek, [template], BRAND).cards[0]
    shown = texts(compose_card(template, job.size, job.values, lang="en"))
    assert norm(story.hook.text) not in shown and norm(story.article.headline) in shown
