"""Article -> Story: the editorial front door.

``build_story`` runs the editorial stages in order (sentences, quotes and
speakers, entities, hook, captions, hashtags, post copy and alt text) and
ends with ``check_faithfulness``, which raises ``FaithfulnessError`` if the
Story says anything its article does not. Pure and deterministic: the same
article always gives the same Story, and nothing is read or written.

The hook and captions in the Story are display text: typeset for the
article's language (``typography.display_caption``: "l’UE", no-break spaces
inside « »),
so whatever shows or posts them shows them right. Their ``sources`` keep the
provenance; the faithfulness check compares words through
``typography.plain``. Quotes stay exactly as in the article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from repackage.editorial.captions import make_hook, select_captions
from repackage.editorial.entities import extract_entities, hashtags
from repackage.editorial.faithfulness import check_faithfulness
from repackage.editorial.postcopy import build_post_copy
from repackage.editorial.quotes import quotes_and_cast
from repackage.editorial.sentences import split_sentences
from repackage.editorial.typography import display_caption
from repackage.errors import ConfigError
from repackage.models import Article, Caption, Story, is_card_quote

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})

#: Smallest limits that still make readable captions and hooks.
MIN_CAPTION_CHARS = 30
MIN_HOOK_CHARS = 20


def build_story(
    article: Article,
    *,
    n_captions: int = 5,
    max_caption_chars: int = 110,
    hook_chars: int = 60,
    n_hashtags: int = 5,
) -> Story:
    """Everything the renderers need from ``article``, checked for faithfulness.

    ``story.hook.sources == ()`` means the hook comes from the headline. The
    hook is at most ``hook_chars`` long unless no faithful shortening of the
    headline or the lead fits: then it is the whole headline (see
    ``captions.make_hook``), as a wrong hook is worse than a long one.
    Raises ``ConfigError`` for unusable limits and ``FaithfulnessError`` (a bug)
    if a caption, quote or hook is not backed by the article.
    """
    _check_limits(n_captions, max_caption_chars, hook_chars, n_hashtags)
    sentences = split_sentences(article)
    quotes, cast = quotes_and_cast(article, sentences)
    entities = extract_entities(article, sentences, quotes)
    hook = make_hook(article, sentences, quotes, entities, max_chars=hook_chars)
    shown = tuple(t for t in (hook.text, article.dek) if t)
    captions = select_captions(
        article, sentences, quotes, entities, n=n_captions, max_chars=max_caption_chars, avoid=shown
    )
    hook = Caption(display_caption(hook, article.lang), hook.sources)
    captions = tuple(Caption(display_caption(c, article.lang), c.sources) for c in captions)
    card_quotes = tuple(q for q in quotes if is_card_quote(q))
    story = Story(
        article=article,
        slug=slugify(article.headline),
        lang=article.lang,
        sentences=sentences,
        quotes=quotes,
        captions=captions,
        hook=hook,
        entities=entities,
        post_copy=build_post_copy(article, hook, captions, card_quotes, hashtags(entities, n_hashtags)),
        cast=cast,
    )
    check_faithfulness(story)
    return story


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII, lower-case, hyphenated, at most ``max_len`` characters, cut between
    words: "Guerre en Ukraine : l’OTAN divisée" -> "guerre-en-ukraine-l-otan-divisee".

    Text with no Latin letters (Arabic, CJK...) gives "story-" and a short
    stable hash of the text, so two such stories never share a folder.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    latin = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    if len(slug) > max_len:
        cut = slug[: max_len + 1]
        slug = cut[: cut.rindex("-")] if "-" in cut else slug[:max_len]
    slug = slug.strip("-")
    return slug or "story-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _check_limits(n_captions: int, max_caption_chars: int, hook_chars: int, n_hashtags: int) -> None:
    problems = []
    if n_captions < 0:
        problems.append(f"captions must be 0 or more, not {n_captions}")
    if max_caption_chars < MIN_CAPTION_CHARS:
        problems.append(f"caption length must be at least {MIN_CAPTION_CHARS} characters, not {max_caption_chars}")
    if hook_chars < MIN_HOOK_CHARS:
        problems.append(f"hook length must be at least {MIN_HOOK_CHARS} characters, not {hook_chars}")
    if n_hashtags < 0:
        problems.append(f"hashtags must be 0 or more, not {n_hashtags}")
    if problems:
        raise ConfigError("; ".join(problems))
