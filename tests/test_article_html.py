"""HTML reader: a saved news page -> the story, its metadata and its photo credit."""

from __future__ import annotations

from pathlib import Path

import pytest

from repackage.article import parse_article_text, read_article
from repackage.models import Article

PAGE = Path(__file__).parent / "data" / "articles" / "tram-council-en.html"


@pytest.fixture(scope="module")
def page() -> Article:
    return read_article(PAGE)


def test_page_metadata(page: Article) -> None:
    assert page.source_format == "html"
    assert page.headline == "Council approves Riverside tram extension after marathon vote"
    assert page.dek == "Councillors backed the £84m line by 31 votes to 19 after an eight-hour debate."
    assert page.byline == "Priya Natarajan"
    assert page.date == "2024-03-14"
    assert page.lang == "en"  # from <html lang="en-GB">


def test_photo_credit_comes_from_the_figure_caption(page: Article) -> None:
    assert (page.credits.photographer, page.credits.agency) == ("Tom Hale", "Reuters")
    assert page.credits.photo_credit() == "Tom Hale / Reuters"


def test_story_paragraphs_in_order_and_verbatim(page: Article) -> None:
    assert page.paragraphs == (
        "Harbour City councillors have approved a 4.2-mile extension of the tram network to the Riverside "
        "estate, ending two years of argument over the route.",
        "The £84m scheme was backed by 31 votes to 19 on Thursday night after a debate that lasted more than eight hours.",
        "Council leader Maria Okafor said the decision was \"the most important thing this chamber will do for a "
        "generation\". She added: \"Riverside has waited long enough for a proper connection to the city centre.\"",
        "Opposition councillor Dev Sharma said residents had not been told how the line would be paid for if "
        "government funding fell short.",
        "Construction is expected to start next spring, with the first trams running to Riverside in 2027.",
    )


@pytest.mark.parametrize(
    "furniture",
    ["Most read", "Harbour bridge closed", "All rights reserved", "Advertisement", "A tram leaves the Quayside depot", "Sport"],
)
def test_page_furniture_stays_out(page: Article, furniture: str) -> None:
    assert furniture not in page.text


def test_read_more_and_newsletter_lines_are_dropped(page: Article) -> None:
    reasons = {d.text: d.reason for d in page.dropped}
    assert reasons["Read more: How the tram network grew from one line to five"] == "read-also"
    assert page.cta == "Sign up for our morning newsletter to get the latest council news."
    assert reasons[page.cta] == "call-to-action"


def test_html_is_sniffed_whatever_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_bytes(PAGE.read_bytes())
    a = read_article(path)
    assert a.source_format == "html"
    assert a.headline == "Council approves Riverside tram extension after marathon vote"


def test_fragment_without_doctype() -> None:
    a = parse_article_text(
        "<h1>Pont fermé à Nantes</h1><p>Le pont Anne-de-Bretagne sera fermé <b>trois semaines</b> pour travaux.</p>"
        "<blockquote><p>« Nous n’avons pas le choix », a dit l’adjointe.</p></blockquote>",
        fmt="html",
    )
    assert a.headline == "Pont fermé à Nantes"
    assert a.paragraphs == (
        "Le pont Anne-de-Bretagne sera fermé trois semaines pour travaux.",
        "« Nous n’avons pas le choix », a dit l’adjointe.",
    )
    assert a.lang == "fr"


def test_xhtml_with_xml_declaration_and_declared_language() -> None:
    a = parse_article_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" lang="de">'
        "<head><title>Neue Brücke</title></head><body><p>Der Bürgermeister sagte am Montag, dass die neue Brücke "
        "im Sommer fertig sein werde.</p></body></html>",
        fmt="auto",
    )
    assert (a.source_format, a.headline, a.lang) == ("html", "Neue Brücke", "de")
    assert a.paragraphs == ("Der Bürgermeister sagte am Montag, dass die neue Brücke im Sommer fertig sein werde.",)


@pytest.mark.parametrize(
    ("line", "byline", "date", "source"),
    [
        ("By Sarah Lee, February 12, 2024", "Sarah Lee", "2024-02-12", None),
        ("By Sarah Lee | Reuters", "Sarah Lee", None, "Reuters"),
        ("Par Marie Dupont, le 12 février 2024", "Marie Dupont", "2024-02-12", None),
        ("Par Marie Dupont (AFP)", "Marie Dupont", None, "AFP"),
    ],
)
def test_byline_element_is_parsed_not_cut_at_its_commas(
    line: str, byline: str, date: str | None, source: str | None
) -> None:
    page = PAGE.read_text(encoding="utf-8")
    page = page.replace('<meta name="author" content="Priya Natarajan">', "")
    page = page.replace('<meta property="article:published_time" content="2024-03-14T21:40:00+00:00">', "")
    page = page.replace('<time datetime="2024-03-14T21:40:00+00:00">Thursday, March 14, 2024</time>', "")
    page = page.replace("By Priya Natarajan, Local Democracy Reporter", line)
    a = parse_article_text(page, fmt="html")
    assert (a.byline, a.date, a.credits.source) == (byline, date, source)
    assert not any("Lee" in p or "Dupont" in p for p in a.paragraphs)


def test_short_page_run_into_one_line_keeps_its_byline_out_of_the_text() -> None:
    a = parse_article_text(
        "<html><head><title>Council backs budget</title></head><body><article><h1>Council backs budget</h1>"
        "<p class='byline'>By Sarah Lee, February 12, 2024</p><p>The council approved the budget on Monday.</p>"
        "<p>The mayor said it protects public services.</p></article></body></html>",
        fmt="html",
    )
    assert (a.byline, a.date) == ("Sarah Lee", "2024-02-12")
    assert a.paragraphs == (
        "The council approved the budget on Monday.",
        "The mayor said it protects public services.",
    )
