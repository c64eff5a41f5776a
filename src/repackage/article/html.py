"""HTML reader: a saved web page -> Article, offline.

trafilatura finds the story in the page (dropping navigation, footers,
comments) and gives title, author, date and description; the text it keeps
goes through the same clean-up as plain text (furniture, CTAs, healing).
Photo credits come from ``<figcaption>`` and elements whose class mentions
"credit" or "copyright", which trafilatura leaves out. The language is the
page's ``<html lang>`` when declared, else detected.

:func:`html_lines` turns an HTML fragment (a ninjs ``body_html``, or a page
trafilatura cannot make sense of) into lines, one per block element.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import ArticleError
from ..models import Article, Credits
from .assemble import Line, build_article
from .cleanup import clean_inline, normalise_text
from .credits import looks_like_person, parse_credit_line
from .dates import parse_date
from .furniture import Byline, parse_byline
from .lang import normalise_tag
from .registry import ReadContext

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)

_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd", "dt")
_SKIP_TAGS = ("script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "figure", "figcaption")
_CREDIT_XPATH = (
    "//figcaption | //*[contains(@class, 'credit')] | //*[contains(@class, 'copyright')]"
    " | //figure//*[contains(@class, 'byline')]"
)


def looks_like_html(head: str, extension: str) -> bool:
    """Content starting with ``<!doctype html>`` or ``<html>``, whatever the extension."""
    return bool(_HTML_START.match(head))


def _kind(element: Any) -> str:
    tag = element.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "heading"
    if tag == "li" or any(a.tag == "li" for a in element.iterancestors()):
        return "item"
    if tag == "blockquote" or any(a.tag == "blockquote" for a in element.iterancestors()):
        return "quote"
    return "text"


def _element_lines(element: Any) -> list[str]:
    """Text of a leaf block; ``<br>`` breaks it into lines."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [t for t in (clean_inline(part) for part in element.text_content().split("\n")) if t]


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _parse_fragment(markup: str, where: str | None) -> Any:
    """lxml tree of a page or a fragment (an XML declaration is ignored: the text is decoded)."""
    import lxml.html
    from lxml.etree import ParserError

    markup = _XML_DECLARATION.sub("", markup, count=1)
    try:
        if _HTML_START.match(markup):
            return lxml.html.document_fromstring(markup)
        return lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError) as exc:
        raise ArticleError(f"could not parse the HTML ({exc})", path=where) from None


def html_lines(markup: str, where: str | None = None) -> list[Line]:
    """One line per leaf block element (p, h1-h6, blockquote, li, ...), each its own block.

    Markup without such elements gives one line per line of its text.
    """
    root = _parse_fragment(markup, where)
    for element in root.xpath("|".join(f"//{tag}" for tag in _SKIP_TAGS)):
        element.drop_tree()
    lines: list[Line] = []
    for element in root.iter(*_BLOCK_TAGS):
        if any(True for _ in element.iterdescendants(*_BLOCK_TAGS)):
            continue  # its block children are visited on their own
        kind = _kind(element)
        lines.extend(Line(text, len(lines), kind) for text in _element_lines(element))
    if not lines:  # no paragraphs at all: text in bare <div>s, or plain text named .html
        lines = [Line(text, i) for i, text in enumerate(_element_lines(root))]
    return lines


def _caption_credit(text: str) -> Credits | None:
    """The credit in a caption: the whole text, or its last segment ("... Photo : X / AFP")."""
    whole = parse_credit_line(text)
    if whole:
        return whole
    for part in reversed(re.split(r"(?<=[.!?])\s+|\s+[-–—|]\s+|\s*\((?=[^)]*\)$)", text)):
        credit = parse_credit_line(part.strip(" ()"))
        if credit:
            return credit
    return None


def page_credits(root: Any) -> list[Credits]:
    """Photo credits written in figure captions and credit elements."""
    found: list[Credits] = []
    for element in root.xpath(_CREDIT_XPATH):
        text = clean_inline(element.text_content())
        credit = _caption_credit(text) if text else None
        if credit and credit not in found:
            found.append(credit)
    return found


_BYLINE_XPATH = (
    "//*[contains(@class, 'byline') and not(ancestor-or-self::figure) and not(ancestor::figcaption)]"
    " | //*[@rel='author'] | //*[@itemprop='author']"
)


def page_byline(root: Any, author: str | None, lang: str | None = None) -> tuple[str | None, Byline | None]:
    """The writers' names, and the parsed byline when there is one.

    The page's byline element ("By Jane Doe | Reuters", "Par Jean Dupont, le
    12 février 2024") is read first; failing that, trafilatura's author,
    which it builds by cutting such a line at commas and bars ("Jane Doe;
    February"): only its parts that are names are kept.
    """
    for element in root.xpath(_BYLINE_XPATH):
        text = clean_inline(element.text_content())
        if text and (byline := parse_byline(text, lang)):
            return byline.names, byline
    if not author:
        return None, None
    if byline := parse_byline(author, lang):
        return byline.names, byline
    if ";" not in author:
        return author, None
    names = []
    for part in (p.strip() for p in author.split(";")):
        parsed = parse_byline(part, lang)
        name = parsed.names if parsed else part if looks_like_person(part) else None
        if name and name not in names:
            names.append(name)
    return (", ".join(names) or None), None


def page_language(root: Any) -> str | None:
    """Declared language: ``<html lang>``, Content-Language meta or og:locale."""
    declared = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        metas = root.xpath("//meta[@http-equiv='content-language']/@content | //meta[@property='og:locale']/@content")
        declared = metas[0] if metas else None
    return normalise_tag(declared)


def _extract(markup: str) -> dict[str, Any]:
    """trafilatura's reading of the page (title, author, date, excerpt, text)."""
    import trafilatura

    result = trafilatura.extract(
        markup,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return json.loads(result) if result else {}


def _without_code(root: Any) -> str:
    """The page's markup without script, style, noscript and template elements:
    their text is never article text (a headline must not read "alert(1)")."""
    import copy

    import lxml.html

    clean = copy.deepcopy(root)
    for element in clean.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    return lxml.html.tostring(clean, encoding="unicode")


def _first_text(root: Any, xpath: str) -> str | None:
    """Text of the first non-empty element matching ``xpath``."""
    for element in root.xpath(xpath):
        if text := clean_inline(element.text_content()):
            return text
    return None


def parse_html(text: str, ctx: ReadContext) -> Article:
    """Web page -> Article."""
    markup, notes = normalise_text(_XML_DECLARATION.sub("", text, count=1))
    root = _parse_fragment(markup, ctx.source_path)
    data = _extract(_without_code(root) if root.xpath("//script | //style | //noscript | //template") else markup)
    body = data.get("text") or ""
    lines = [Line(clean_inline(t), i) for i, t in enumerate(body.split("\n")) if t.strip()]
    headline = clean_inline(data.get("title") or "") or _first_text(root, "//h1 | //title")
    if not lines or (len(lines) == 1 and headline and lines[0].text.startswith(headline + " ")):
        # nothing, or a short page run into one line (title, byline and
        # paragraphs together): read the page's own blocks instead
        lines = html_lines(markup, ctx.source_path) or lines
    author = clean_inline(data.get("author") or "") or None
    lang = page_language(root)
    names, byline = page_byline(root, author, ctx.lang or lang)
    date = data.get("date")
    iso = parse_date(date) if date else None
    if iso is None and byline and byline.date:
        iso, date = byline.date, byline.date_text
    credits = page_credits(root)
    if byline and byline.organisation:
        credits.append(Credits(source=byline.organisation))
    draft = ctx.draft(
        "html",
        headline=headline,
        dek=clean_inline(data.get("excerpt") or data.get("description") or "") or None,
        byline=names,
        date=iso,
        date_text=date,
        lang=lang,
        credits=credits,
        notes=notes,
    )
    return build_article(lines, draft, lang=ctx.lang)
