"""ninjs reader: IPTC News in JSON, versions 1.x and 2.x.

Fields read (1.x name / 2.x name):

- headline: ``headline`` / ``headlines[]`` (role "main" first);
- body: ``body_html`` or ``body_xhtml`` / ``bodies[]`` with an HTML content
  type, else ``body_text`` / a plain-text body;
- dek: ``description_text``, ``description_html`` / ``descriptions[]``;
- byline: ``byline`` / ``by`` ("Von Christian Hollmann, dpa" -> "Christian
  Hollmann", and "dpa" as source);
- date: ``versioncreated`` (else ``firstcreated``) -> ISO date;
- language: ``language``;
- credits: ``copyrightholder`` is the source; the first picture in
  ``associations`` gives photographer and agency from its ``by``/``byline``
  ("Karl Melander/TT"), its ``copyrightholder`` otherwise.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import ArticleError
from ..models import Article, Credits
from .assemble import Line, build_article
from .cleanup import clean_inline, normalise_text
from .credits import photo_credit
from .dates import parse_date
from .furniture import parse_byline
from .html import html_lines
from .lang import normalise_tag
from .registry import ReadContext
from .text import text_lines

NOT_NINJS_MESSAGE = "not a ninjs article: expected a JSON object with a headline and body_text or body_html"
_NINJS_KEYS = re.compile(r'"(?:headlines?|body_text|body_html|bodies)"\s*:')


def looks_like_ninjs(head: str, extension: str) -> bool:
    """JSON with ninjs keys in a file that is not named ``.json``."""
    return extension != ".json" and head.lstrip().startswith("{") and bool(_NINJS_KEYS.search(head))


def _load(text: str, where: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", path=where) from None
    if not isinstance(data, dict):
        raise ArticleError(NOT_NINJS_MESSAGE, path=where)
    return data


def _string(value: Any) -> str | None:
    return (clean_inline(value) or None) if isinstance(value, str) else None


def _by_role(items: Any, preferred: tuple[str, ...]) -> list[dict[str, Any]]:
    """Dict items of a ninjs 2 list, those with a preferred role first."""
    entries = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    return sorted(entries, key=lambda i: 0 if i.get("role") in preferred else 1)


def _headline(data: dict[str, Any]) -> str | None:
    if headline := _string(data.get("headline")):
        return headline
    for item in _by_role(data.get("headlines"), ("main", "headline")):
        if value := _string(item.get("value")):
            return value
    return None


def _body_lines(data: dict[str, Any], where: str | None) -> list[Line] | None:
    """Lines of the richest body (HTML first); None when the item has no body at all."""
    for key in ("body_html", "body_xhtml"):
        if isinstance(data.get(key), str) and data[key].strip():
            return html_lines(data[key], where)
    bodies = _by_role(data.get("bodies"), ("main", "text", "html", "html5"))
    for item in bodies:
        if "html" in str(item.get("contenttype", "")) and isinstance(item.get("value"), str):
            return html_lines(item["value"], where)
    plain = data.get("body_text")
    if not isinstance(plain, str):
        plain = next((i.get("value") for i in bodies if "plain" in str(i.get("contenttype", "text/plain"))), None)
    if isinstance(plain, str):
        return text_lines(normalise_text(plain)[0])
    return None


def _dek(data: dict[str, Any], where: str | None) -> str | None:
    if dek := _string(data.get("description_text")):
        return dek
    if isinstance(data.get("description_html"), str):
        return " ".join(line.text for line in html_lines(data["description_html"], where)) or None
    for item in _by_role(data.get("descriptions"), ("summary", "description", "abstract")):
        value = item.get("value")
        if isinstance(value, str):
            html = "html" in str(item.get("contenttype", ""))
            return (" ".join(line.text for line in html_lines(value, where)) if html else _string(value)) or None
    return None


def _associations(data: dict[str, Any]) -> list[dict[str, Any]]:
    assoc = data.get("associations")
    values = assoc.values() if isinstance(assoc, dict) else assoc if isinstance(assoc, list) else []
    return [a for a in values if isinstance(a, dict)]


def _credits(data: dict[str, Any], byline_org: str | None) -> list[Credits]:
    found: list[Credits] = []
    source = _string(data.get("copyrightholder")) or byline_org
    if source:
        found.append(Credits(source=source, raw=(source,)))
    for assoc in _associations(data):
        if assoc.get("type") not in ("picture", "graphic", None):
            continue
        by = _string(assoc.get("by")) or _string(assoc.get("byline"))
        holder = _string(assoc.get("copyrightholder"))
        photographer, agency = photo_credit(by) if by else (None, None)
        if photographer or agency or holder:
            raw = tuple(v for v in (by, holder) if v)
            found.append(Credits(photographer=photographer, agency=agency or holder, raw=raw))
            break
    return found


def parse_ninjs(text: str, ctx: ReadContext) -> Article:
    """ninjs JSON -> Article."""
    data = _load(text, ctx.source_path)
    headline, lines = _headline(data), _body_lines(data, ctx.source_path)
    if not headline or lines is None:
        raise ArticleError(NOT_NINJS_MESSAGE, path=ctx.source_path)
    by = _string(data.get("byline")) or _string(data.get("by"))
    byline = parse_byline(by, ctx.lang or normalise_tag(_string(data.get("language")))) if by else None
    when = _string(data.get("versioncreated")) or _string(data.get("firstcreated"))
    date = parse_date(when) if when else None
    if date is None and byline and byline.date:
        date, when = byline.date, byline.date_text  # "Par Jean Dupont, le 12 février 2024"
    draft = ctx.draft(
        "ninjs",
        headline=headline,
        dek=_dek(data, ctx.source_path),
        byline=byline.names if byline else by,
        date=date,
        date_text=when,
        lang=normalise_tag(_string(data.get("language"))),
        credits=_credits(data, byline.organisation if byline else None),
    )
    return build_article(lines, draft, lang=ctx.lang)
