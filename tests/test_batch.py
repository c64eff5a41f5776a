"""Batch runs: sources, exit codes, summary, ledger, skip, supersede, lock, --force."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from repackage.batch import BatchLock, Ledger, collect_sources, run_batch
from repackage.batch.runner import clean_leftovers
from repackage.cli import main
from repackage.config import Config
from repackage.errors import ArticleError

from _paths import ENGLISH, ROOT, SEED

FAST = ("--formats", "cards,review", "--card-template", "headline", "--quiet")
FAST_CFG = dict(formats=("cards", "review"), card_templates=("headline",), quiet=True)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _articles(tmp_path: Path, broken: bool = True) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    shutil.copy(ENGLISH, src / ENGLISH.name)
    if broken:
        (src / "broken.txt").write_bytes(b"")  # an empty file: no story
    return src


def _files(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _article_dirs(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_batch_with_a_broken_article(tmp_path):
    src = _articles(tmp_path)
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    res = run("batch", str(src), "-o", str(out), "--json", str(report), "--workers", "2", *FAST)
    assert res.exit_code == 1, res.output  # some failed
    # The summary table names every article and the failure.
    assert "rendered" in res.stdout and "failed" in res.stdout and "broken.txt" in res.stdout
    assert "2 rendered" in res.stdout and "1 failed" in res.stdout
    assert "broken.txt" in res.stderr and "empty" in res.stderr  # the failure is shown even with --quiet
    data = json.loads(report.read_text())
    assert data["schema"] == "repackage.batch-report" and data["exit_code"] == 1
    assert data["counts"] == {"rendered": 2, "skipped": 0, "partial": 0, "failed": 1}
    by_name = {Path(a["source"]).name: a for a in data["articles"]}
    assert by_name["broken.txt"]["status"] == "failed" and "empty" in by_name["broken.txt"]["error"]
    for name in (SEED.name, ENGLISH.name):
        a = by_name[name]
        folder = Path(a["out_dir"])
        manifest = json.loads((folder / "manifest.json").read_text())
        assert [x["role"] for x in manifest["assets"]] == ["headline"] * a["outputs"] and a["outputs"] >= 1
        assert (folder / manifest["assets"][0]["path"]).is_file()
        assert manifest["batch"]["source_key"] == str((src / name).resolve())
    # Ledger rows: content hash, versions, status, outputs, error, timings.
    with Ledger(out / "ledger.sqlite") as ledger:
        rows = {Path(r.source).name: r for r in ledger.rows()}
    assert set(rows) == {SEED.name, ENGLISH.name, "broken.txt"}
    seed = rows[SEED.name]
    import hashlib

    assert seed.content_sha == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert seed.status == "done" and seed.error is None and seed.tool_version
    assert seed.outputs and all((Path(seed.out_dir) / o).is_file() for o in seed.outputs)
    assert {"story", "cards", "publish"} <= set(seed.timings) and seed.seconds > 0
    assert rows["broken.txt"].status == "failed" and "empty" in rows["broken.txt"].error
    assert not (out / ".batch" / "jobs").exists() or not any((out / ".batch" / "jobs").iterdir())
    assert not [p for p in out.iterdir() if p.name.startswith((".tmp-", ".old-"))]


def test_rerun_skips_unchanged_and_retries_failed(tmp_path):
    src = _articles(tmp_path)
    out = tmp_path / "out"
    cfg = Config(out=out, **FAST_CFG)
    first = run_batch([str(src)], cfg, workers=0)
    assert first.exit_code == 1
    before = {d.name: _files(d) for d in _article_dirs(out)}
    second = run_batch([str(src)], cfg, workers=0)
    statuses = {Path(a.source).name: a.status for a in second.articles}
    assert statuses == {SEED.name: "skipped", ENGLISH.name: "skipped", "broken.txt": "failed"}
    assert {d.name: _files(d) for d in _article_dirs(out)} == before  # nothing touched
    # Fixing the broken article renders it alone; everything succeeds.
    shutil.copy(ENGLISH, src / "broken.txt")
    (src / "broken.txt").write_text(ENGLISH.read_text().replace("Riverton council approves", "Riverton councillors approve", 1))
    third = run_batch([str(src)], cfg, workers=0)
    assert third.exit_code == 0
    assert [a.status for a in third.articles].count("skipped") == 2
    with Ledger(out / "ledger.sqlite") as ledger:
        assert {r.renders for r in ledger.rows() if Path(r.source).name != "broken.txt"} == {1}


def test_unchanged_batch_via_cli_exits_0_and_says_skipped(tmp_path):
    src = _articles(tmp_path, broken=False)
    out = tmp_path / "out"
    assert run("batch", str(src), "-o", str(out), "--workers", "1", *FAST).exit_code == 0
    res = run("batch", str(src / "*.txt"), "-o", str(out), "--json", "-", *FAST)
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["counts"]["skipped"] == 2 and data["counts"]["rendered"] == 0
    assert "2 skipped" in res.stderr  # the table goes to stderr when the report takes stdout


def test_edited_article_rerenders_and_supersedes(tmp_path):
    src = _articles(tmp_path, broken=False)
    out = tmp_path / "out"
    cfg = Config(out=out, **FAST_CFG)
    run_batch([str(src)], cfg, workers=0)
    art = src / ENGLISH.name
    old_sha = json.loads(next(d for d in _article_dirs(out) if "riverton" in d.name).joinpath("manifest.json")
                         .read_text())["article"]["sha256"]
    folders_before = [d.name for d in _article_dirs(out)]
    # A correction in the body: same headline, same folder, new content.
    text = art.read_text()
    assert text.count("automatically") == 1
    art.write_text(text.replace("automatically", "by itself"))  # a few words of one paragraph
    report = run_batch([str(src)], cfg, workers=0)
    statuses = {Path(a.source).name: a for a in report.articles}
    assert statuses[SEED.name].status == "skipped"
    eng = statuses[ENGLISH.name]
    assert eng.status == "rendered" and eng.superseded == "content changed"
    assert [d.name for d in _article_dirs(out)] == folders_before  # replaced in place, no "-2" copy
    manifest = json.loads((Path(eng.out_dir) / "manifest.json").read_text())
    sup = manifest["supersedes"]
    assert sup["previous_sha256"] == old_sha != manifest["article"]["sha256"]
    assert sup["reason"] == "content changed" and sup["renders"] == 2 and sup["at"] and sup["previous_rendered"]
    assert sup["changes"] == {"paragraphs": {"changed": 1, "added": 0, "removed": 0}}  # what changed
    assert "by itself" in (Path(eng.out_dir) / "story.json").read_text()
    with Ledger(out / "ledger.sqlite") as ledger:
        hist = ledger.history(str(art.resolve()))
        row = ledger.get(str(art.resolve()))
    assert len(hist) == 1 and hist[0]["content_sha"] == old_sha and hist[0]["reason"] == "content changed"
    assert row.renders == 2 and row.content_sha == manifest["article"]["sha256"]


def test_corrected_headline_moves_the_folder_and_removes_the_old_one(tmp_path):
    src = _articles(tmp_path, broken=False)
    out = tmp_path / "out"
    cfg = Config(out=out, **FAST_CFG)
    run_batch([str(src)], cfg, workers=0)
    art = src / ENGLISH.name
    old = next(d for d in _article_dirs(out) if d.name.startswith("riverton"))
    art.write_text(art.read_text().replace("Riverton council approves", "Riverton councillors approve", 1))
    report = run_batch([str(src)], cfg, workers=0)
    eng = next(a for a in report.articles if a.source.endswith(ENGLISH.name))
    assert Path(eng.out_dir).name.startswith("riverton-councillors-approve") and not old.exists()
    manifest = json.loads((Path(eng.out_dir) / "manifest.json").read_text())
    assert manifest["supersedes"]["previous_folder"] == old.name
    assert manifest["supersedes"]["changes"]["headline"]["to"].startswith("Riverton councillors approve")


def test_force_rerenders_everything_and_template_change_too(tmp_path):
    src = _articles(tmp_path, broken=False)
    out = tmp_path / "out"
    cfg = Config(out=out, **FAST_CFG)
    run_batch([str(src)], cfg, workers=0)
    forced = run_batch([str(src)], cfg, workers=0, force=True)
    assert [a.status for a in forced.articles] == ["rendered", "rendered"]
    assert {a.superseded for a in forced.articles} == {"forced"}
    # Another template set is another render key: everything renders again.
    tpl = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", tpl)
    cfg2 = Config(out=out, templates_dir=tpl, **FAST_CFG)
    moved = run_batch([str(src)], cfg2, workers=0)
    assert [a.status for a in moved.articles] == ["rendered", "rendered"]
    again = run_batch([str(src)], cfg2, workers=0)
    assert [a.status for a in again.articles] == ["skipped", "skipped"]
    toml = tpl / "headline" / "template.toml"
    toml.write_text(toml.read_text() + "\n# a designer's edit\n")
    edited = run_batch([str(src)], cfg2, workers=0)
    assert [a.status for a in edited.articles] == ["rendered", "rendered"]
    assert {a.superseded for a in edited.articles} == {"templates, settings or tool version changed"}


def test_second_run_on_same_out_is_refused(tmp_path):
    src = _articles(tmp_path, broken=False)
    out = tmp_path / "out"
    with BatchLock(out):
        res = run("batch", str(src), "-o", str(out), *FAST)
    assert res.exit_code == 2
    err = res.stderr.strip()
    assert len(err.splitlines()) == 1 and str(out) in err and "another batch run is using this output folder" in err
    assert not _article_dirs(out)
    # Once released, a run goes ahead.
    assert run("batch", str(src), "-o", str(out), "--workers", "0", *FAST).exit_code == 0


@pytest.mark.parametrize("args, problem", [
    (("nope.txt",), "nope.txt: no such file, folder or feed"),
    (("*.nothing",), "no file matches this pattern"),
])
def test_bad_sources_are_usage_errors(tmp_path, args, problem):
    res = run("batch", *[str(tmp_path / a) for a in args], "-o", str(tmp_path / "out"), *FAST)
    assert res.exit_code == 2 and problem in res.stderr and "Traceback" not in res.output
    assert not _article_dirs(tmp_path / "out") if (tmp_path / "out").exists() else True


def test_bad_template_is_usage_error_before_anything(tmp_path):
    src = _articles(tmp_path, broken=False)
    res = run("batch", str(src), "-o", str(tmp_path / "out"), "--formats", "cards", "--card-template", "nope", "-q")
    assert res.exit_code == 2 and "nope" in res.stderr
    assert not _article_dirs(tmp_path / "out")


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Desk</title><link>https://example.invalid/</link><description>d</description>
<item><guid>https://example.invalid/a1</guid><title>Council approves new tram line for the east of the city</title>
<description><![CDATA[<p>The city council approved a new tram line on Tuesday, after two years of debate.</p>
<p>"This line will change the daily life of forty thousand people," said the mayor, Anne Martin.</p>
<p>Work is due to start next spring and last three years.</p>]]></description></item>
<item><guid>https://example.invalid/a2</guid><title>Harbour ferry service resumes after the storm</title>
<description><![CDATA[<p>The harbour ferry resumed service on Monday after a week-long interruption caused by the storm.</p>
<p>The operator said all crossings would run on the normal timetable from Wednesday.</p>]]></description></item>
</channel></rss>
"""


def test_sources_files_folders_globs_feeds_and_ninjs(tmp_path):
    src = _articles(tmp_path, broken=False)
    feed = tmp_path / "desk.rss"
    feed.write_text(RSS)
    (src / "README.md").write_text("# not an article\n")
    (src / ".hidden.txt").write_text("draft\n")
    ninjs = ROOT / "tests" / "data" / "articles" / "municipales-fr.ninjs.json"
    out = tmp_path / "out"
    items = collect_sources([str(src), str(src / "*.txt"), str(feed), str(ninjs)], out / ".batch" / "feeds",
                            exclude=out)
    keys = [i.key for i in items]
    assert keys[:2] == [str((src / SEED.name).resolve()), str((src / ENGLISH.name).resolve())]  # sorted by name
    assert len(items) == 5  # the glob repeats the folder's files: each article once; README and hidden left out
    assert keys[2:4] == ["feed:https://example.invalid/a1", "feed:https://example.invalid/a2"]
    assert items[2].path.read_text().startswith("Council approves new tram line")
    assert items[4].path == ninjs.resolve()
    with pytest.raises(ArticleError, match="no such file"):
        collect_sources([str(tmp_path / "missing.rss")], out)
    bad = tmp_path / "bad.rss"
    bad.write_text("<rss><channel></channel></rss>")
    with pytest.raises(ArticleError, match="feed"):
        collect_sources([str(bad)], out)


def test_feed_batch_renders_each_entry_and_skips_it_next_time(tmp_path):
    feed = tmp_path / "desk.rss"
    feed.write_text(RSS)
    out = tmp_path / "out"
    cfg = Config(out=out, formats=("review",), quiet=True)
    report = run_batch([str(feed)], cfg, workers=0)
    assert [a.status for a in report.articles] == ["rendered", "rendered"], report.articles
    heads = sorted(json.loads((Path(a.out_dir) / "story.json").read_text())["article"]["headline"]
                   for a in report.articles)
    assert heads == ["Council approves new tram line for the east of the city",
                     "Harbour ferry service resumes after the storm"]
    # The feed again, one entry corrected: only that one renders.
    feed.write_text(RSS.replace("last three years", "last four years"))
    again = run_batch([str(feed)], cfg, workers=0)
    assert [a.status for a in again.articles] == ["rendered", "skipped"]
    assert again.articles[0].superseded == "content changed"


def test_clean_leftovers_removes_staging_and_job_folders(tmp_path):
    out = tmp_path / "out"
    (out / ".tmp-story-abc" / "cards").mkdir(parents=True)
    (out / ".tmp-story-abc" / "cards" / "x.png").write_bytes(b"half")
    (out / ".batch" / "jobs" / "story-cards-1").mkdir(parents=True)
    (out / "kept").mkdir()
    clean_leftovers(out)
    assert sorted(p.name for p in out.iterdir()) == [".batch", "kept"]
    assert not any((out / ".batch" / "jobs").iterdir())


def test_ledger_is_sqlite_in_wal_mode(tmp_path):
    out = tmp_path / "out"
    run_batch([str(SEED)], Config(out=out, formats=(), quiet=True), workers=0)
    db = sqlite3.connect(out / "ledger.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    cols = {r[1] for r in db.execute("PRAGMA table_info(articles)")}
    assert {"content_sha", "render_key", "templates_sha", "tool_version", "status", "outputs", "error",
            "timings", "seconds"} <= cols


def test_folders_published_but_not_yet_in_the_ledger_are_not_redone(tmp_path):
    """A kill between an article's rename into place and its ledger write:
    the next run recognises the folder from its manifest instead of redoing it."""
    src = _articles(tmp_path, broken=False)
    out = tmp_path / "out"
    cfg = Config(out=out, **FAST_CFG)
    run_batch([str(src)], cfg, workers=0)
    before = {d.name: _files(d) for d in _article_dirs(out)}
    db = sqlite3.connect(out / "ledger.sqlite")
    with db:
        db.execute("DELETE FROM articles WHERE source LIKE ?", (f"%{SEED.name}",))
    db.close()
    report = run_batch([str(src)], cfg, workers=0)
    assert [a.status for a in report.articles] == ["skipped", "skipped"]
    assert {d.name: _files(d) for d in _article_dirs(out)} == before
    with Ledger(out / "ledger.sqlite") as ledger:
        assert ledger.get(str((src / SEED.name).resolve())).status == "done"
    # But a different render key (other settings) is not taken for done.
    other = run_batch([str(src)], Config(out=out, formats=("review",), quiet=True), workers=0)
    assert [a.status for a in other.articles] == ["rendered", "rendered"]


def test_opening_the_ledger_while_the_runner_writes_is_not_locked(tmp_path):
    """The watch test read the ledger while the watcher wrote, and failed 1 run in 3
    with "database is locked": opening a ledger wrote its schema in a deferred
    transaction, and SQLite refuses a read-to-write upgrade at once (no busy wait)
    when another connection committed in between. An open ledger must write nothing."""
    import threading
    import time

    path = tmp_path / "ledger.sqlite"
    Ledger(path).close()
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO runs (run_id, started, executor) VALUES ('r', 'now', 'local')")

    def commit_later():
        time.sleep(0.5)
        writer.execute("COMMIT")

    thread = threading.Thread(target=commit_later)
    thread.start()
    try:
        with Ledger(path) as reader:  # opened while the writer holds the write lock, then commits
            assert reader.get("anything") is None
            thread.join()
            assert reader.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1  # sees the commit
    finally:
        thread.join()
        writer.close()
