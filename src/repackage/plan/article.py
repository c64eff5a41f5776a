"""One ``RenderPlan`` per article: every card and clip job with all decisions made.

``plan_article(story, config)`` resolves the request (templates, sizes, media
paths) and plans the cards (``plan.cards``) and the clip (``plan.clip``): each
card's template, size, filled values and fitted texts, each clip scene's
timing, values and fitted texts, its subtitles and music, and everything left
out as typed records. ``RenderPlan.to_dict()`` is exactly what ``repackage
plan`` prints; the renderers draw its jobs and decide nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ..config import Config
from ..errors import RenderError
from ..models import Skipped, Story
from ..speech.voiceover import Voiceover
from ..templating.model import Template
from .cards import CardPlan, plan_card_request
from .clip import ClipPlan, plan_clip_request

KINDS = ("cards", "clips")


@dataclass(frozen=True)
class RenderPlan:
    slug: str
    lang: str
    cards: CardPlan | None  # None: cards not asked for
    clip: ClipPlan | None  # None: no clip asked for, or it cannot be made (``failures``)
    failures: Mapping[str, str] = field(default_factory=dict)  # kind -> why it cannot be made
    clip_template: Template | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {"slug": self.slug, "lang": self.lang,
                "cards": self.cards.to_dict() if self.cards is not None else None,
                "clip": self.clip.to_dict() if self.clip is not None else None,
                "failures": dict(self.failures)}

    def skipped(self) -> list[Skipped]:
        """Everything left out on purpose, for the manifest and the review page."""
        out = []
        if self.cards is not None:
            for s in self.cards.skipped:
                message = f"{s.name} ({s.role}): {s.message}" if s.name else f"{s.template}: {s.message}"
                out.append(Skipped("cards", message, s.role))
        if self.clip is not None:
            out += [Skipped("clips", s.message, None) for s in self.clip.skipped]
        return out


def plan_article(story: Story, config: Config = Config(), kinds: tuple[str, ...] | None = None, *,
                 voice: Voiceover | None = None) -> RenderPlan:
    """The RenderPlan for ``story`` with ``config`` (``kinds``: the render jobs to plan,
    default those ``config.formats`` asks for). Bad input raises (TemplateError,
    ConfigError); a clip whose hook or outro cannot fit is recorded in ``failures``.
    ``voice``: the voice-over, already transcribed, that times the clip."""
    kinds = tuple(k for k in KINDS if k in config.formats) if kinds is None else kinds
    cards = clip = tpl = None
    failures: dict[str, str] = {}
    if "cards" in kinds:
        cards = plan_card_request(
            story, templates=config.card_templates, sizes=config.sizes,
            photo=config.photos[0] if config.photos else None, photo_credit=config.photo_credit,
            templates_dir=config.templates_dir, brand=config.brand)
    if "clips" in kinds:
        try:
            clip, tpl = plan_clip_request(
                story, template=config.clip_template, size=config.clip_size, photos=config.photos,
                music=config.music, preview=config.preview, photo_credit=config.photo_credit,
                templates_dir=config.templates_dir, brand=config.brand, voice=voice)
        except RenderError as exc:
            failures["clips"] = str(exc)
    return RenderPlan(story.slug, story.lang, cards, clip, failures, tpl)
