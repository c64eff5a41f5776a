"""Batch runs: many articles, a ledger, local processes or a Dask cluster, watch.

The narrow interface the CLI (and a newsroom's own scheduler) uses:

- ``run_batch(sources, config, workers=, scheduler=, force=) -> BatchReport``
- ``watch(folder, config, ...)``: render new or changed articles as they arrive
- ``Ledger``: read what was rendered, when, from what

It builds on the pipeline's steps (``prepare``/``render_job``/``publish``)
and nothing else of the package's internals.
"""

from repackage.batch.ledger import BatchLock, BatchLockedError, Ledger, LedgerRow
from repackage.batch.runner import ArticleReport, BatchReport, run_batch
from repackage.batch.sources import SourceItem, collect_sources

__all__ = [
    "ArticleReport", "BatchLock", "BatchLockedError", "BatchReport", "Ledger", "LedgerRow", "SourceItem",
    "collect_sources", "run_batch",
]
