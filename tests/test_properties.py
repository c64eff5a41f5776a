"""Property-based tests (hypothesis): the reader never crashes on any text or
bytes; every quote returned is the article's own characters at its span; text
fitting never leaves its box. Rows of docs/reliability.md (tests/reliability.py).
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from repackage.article import parse_article_text
from repackage.article.source import decode_bytes
from repackage.editorial.quotes import extract_quotes
from repackage.editorial.sentences import split_sentences
from repackage.errors import ArticleError, RenderError
from repackage.render.text import render_layout
from repackage.templating.typeset import TextStyle, fit_text

import reliability

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKS = ["«", "»", "“", "”", '"', "‹", "›", "„", "'", "’", "\u00a0", "\u202f"]
WORDS = ["Le", "maire", "a", "déclaré", "dit", "Martine", "Aubry", "said", "the", "mayor", "Jane", "Smith",
         "selon", "elle", "Nous", "ne", "céderons", "pas", "tramway", "lundi", "conseil", ",", ".", ":", "?", "!",
         "—", "–", "-", "…", "\n", "\n\n", "(", ")", "<b>", "é", "ß", "مرحبا", "שלום", "中文", "🎉", "\u200b", "\x00"]

pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.text(max_size=6))
newsy = st.lists(pieces, min_size=1, max_size=120).map(lambda xs: " ".join(xs))


def _read(text: str, fmt: str = "text"):
    try:
        return parse_article_text(text, fmt=fmt)
    except ArticleError as exc:  # the one error a user may see
        assert str(exc)
        return None


@FAST
@given(st.one_of(st.text(max_size=400), newsy), st.sampled_from(["text", "markdown", "html", "auto"]))
def test_reader_never_crashes_on_any_text(text, fmt):
    assert reliability.by_id("reader-never-crashes").group == "property"
    article = _read(text, fmt)
    if article is not None:
        assert article.headline and article.headline == article.headline.strip()
        assert "\x00" not in article.text


@FAST
@given(st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_an_article_error(data):
    try:
        decoded = decode_bytes(data, where="x.txt")
    except ArticleError as exc:
        assert exc.path == "x.txt"
        return
    assert isinstance(decoded.text, str) and decoded.text.strip()


@FAST
@given(newsy, newsy)
def test_every_quote_is_verbatim_at_its_span(headline, body):
    assert reliability.by_id("quotes-verbatim").group == "property"
    article = _read(headline.replace("\n", " ") + "\n\n" + body)
    assume(article is not None and article.paragraphs)
    sentences = split_sentences(article)
    for s in sentences:
        assert s.span.slice(article.text) == s.text
    for q in extract_quotes(article, sentences):
        parts = [p.slice(article.text) for p in q.parts]
        assert all(parts) and " ".join(parts) == q.text
        assert q.text in article.text or len(q.parts) > 1


STYLE = st.builds(
    TextStyle,
    font=st.sampled_from(["sans", "serif", "display", "mono"]),
    weight=st.sampled_from(["regular", "bold", "black"]),
    min_size=st.integers(8, 40),
    max_size=st.integers(41, 200),
    max_lines=st.integers(1, 12),
    align=st.sampled_from(["left", "center", "right"]),
    valign=st.sampled_from(["top", "middle", "bottom"]),
    line_height=st.sampled_from([0.9, 1.15, 1.5]),
    stroke_width=st.sampled_from([0, 3]),
    highlight=st.sampled_from([None, "#000000AA"]),
    case=st.sampled_from(["none", "upper"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(min_size=1, max_size=200), newsy), STYLE, st.integers(40, 1200), st.integers(20, 1000),
       st.sampled_from([None, "fr", "ar", "zh"]))
def test_fitted_text_never_leaves_its_box(text, style, w, h, lang):
    assert reliability.by_id("fit-stays-in-box").group == "property"
    try:
        layout = fit_text(text, w, h, style, lang=lang)
    except RenderError:
        return  # e.g. right-to-left text without the shaping library: refused, not drawn
    if not layout.fits:
        assert layout.size == style.min_size  # the caller refuses it (the card is left out)
        return
    x0, y0, x1, y1 = layout.bbox
    assert 0 <= x0 and 0 <= y0 and x1 <= w and y1 <= h, (layout.bbox, (w, h))
    image = render_layout(layout)
    assert image.size == (w, h)
    drawn = image.getchannel("A").getbbox()
    assert drawn is None or (drawn[0] >= x0 and drawn[1] >= y0 and drawn[2] <= x1 and drawn[3] <= y1)
