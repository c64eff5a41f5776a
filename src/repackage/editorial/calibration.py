"""What an attribution's confidence means: a probability, measured.

Every attributed quote carries its *evidence*: where the cue was found and how
its phrase was resolved, as ``"<cue>/<resolution>"`` (``"after/name"`` for
``« ... », a déclaré Emmanuel Macron``, ``"after/pronoun-continuing"`` for
``« ... », ajoute-t-il`` right after the same speaker's quote). The
confidence of a quote is the share of quotes with that evidence whose speaker
was right on the annotated development set (``shared/eval-dev``), smoothed
towards one half so that evidence seen a few times cannot claim certainty:
each label shrunk towards the pooled rate of its cue and of its resolution
(the lower of the two); a cue's pool is shrunk towards one half, a
resolution's towards the whole table's rate.

The one table lives in ``calibration.json`` beside this module, written by
``scripts/calibrate`` (which re-runs the attribution on the development set
and counts); the card gate (``models.CARD_MIN_CONFIDENCE``), the manifest and
the review page all read the probability it gives.

Cue kinds: ``incise`` (inside the marks), ``after`` (right after the quote),
``before`` (earlier in its sentence: "X a déclaré :", "selon X,"), ``colon``
(the sentence before ends with ":"), ``dash`` (a "— Name" line after a block
quote), ``sentence-end`` (a speech verb closing the quote's sentence after
other words), ``continuation`` (the previous sentence's quote, same speaker),
``previous`` (a speech verb in the sentence before), ``first-person`` (the
person subject of the sentence before, for a quote in the first person),
``inside`` (the attribution written inside the marks: « A, confiait Hamon. B »).
``colon`` also covers a clause presenting the quote with a colon and no speech
verb ("Lionel Messi a posté sur Instagram : « ... »"): its subject.

Resolution kinds: ``name`` (full name written), ``surname``, ``description``
(someone unnamed: "la procureure de Grasse", "des témoins", "un lycéen"), ``new-name`` (a
name the article gives nowhere else), ``misspelt`` (a surname one letter off
a known one), ``role`` ("le chancelier allemand": exactly one person fits),
``organisation``, ``spokesperson`` ("a spokeswoman for X": X), ``document``
("Cornyn's statement added": Cornyn),
``role-salient`` (a definite role nobody in the article holds, "le candidat
d'En marche !", taken as the person the text is about: never explicit),
``organisation-salient`` (a bare "l'association", "the company": the
organisation that spoke last; never explicit),
``pronoun-continuing`` (the previous quote's speaker going on),
``pronoun-near`` / ``pronoun-recent`` / ``pronoun-far`` (the latest subject
or topic that fits, in this sentence / the two before / further),
``pronoun-organisation``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("calibration.json")

#: Resolutions that name the speaker in the attribution (a name, a role the
#: article gives, an organisation) or tie a pronoun to the one fitting subject
#: of the sentences just before: what a card may rest on. A name met nowhere
#: else ("new-name") and a pronoun reaching further back ("pronoun-far") may
#: be right, but never put words on a card.
EXPLICIT = frozenset(
    "name surname misspelt role description organisation spokesperson document "
    "pronoun-continuing pronoun-near pronoun-recent pronoun-organisation".split()
)


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[int, int]]:
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: (int(v[0]), int(v[1])) for k, v in data.get("evidence", {}).items()}


#: Weight, in observations, of the parent estimate an evidence label is shrunk towards.
PRIOR_WEIGHT = 2.0


def probability(evidence: str) -> float:
    """The calibrated probability that a quote with ``evidence`` has the right speaker.

    Each label's count is shrunk towards its resolution's pooled rate (itself
    shrunk towards one half), so a label seen once borrows from its kind:
    ``(right + w * parent) / (seen + w)``, where the parent is the lower of
    the cue's and the resolution's pooled rates: a weak cue ("first-person")
    stays weak whatever resolved its phrase.
    """
    table = _table()
    cue, _, resolution = evidence.partition("/")
    parent = min(_pooled(table, 0, cue), _pooled(table, 2, resolution))
    right, seen = table.get(evidence, (0, 0))
    return round((right + PRIOR_WEIGHT * parent) / (seen + PRIOR_WEIGHT), 2)


def _pooled(table: dict[str, tuple[int, int]], part: int, value: str) -> float:
    """Rate of all labels sharing this cue (``part`` 0) or resolution (2)."""
    right = seen = every_right = every_seen = 0
    for key, (r, n) in table.items():
        every_right, every_seen = every_right + r, every_seen + n
        if key.partition("/")[part] == value:
            right, seen = right + r, seen + n
    # A kind of cue says how the article wrote the attribution: one seen rarely
    # proves little (towards one half). A way of resolving a phrase is checked
    # by the same cast of people whatever the cue: towards the table's rate.
    prior = 0.5 if part == 0 else (every_right + 1) / (every_seen + 2)
    return (right + PRIOR_WEIGHT * prior) / (seen + PRIOR_WEIGHT)


def explicit(evidence: str | None) -> bool:
    """Does ``evidence`` name the speaker (or continue the one just named)?"""
    return bool(evidence) and evidence.partition("/")[2] in EXPLICIT
