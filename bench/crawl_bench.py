#!/usr/bin/env python3
"""`gleaner crawl` against ../shared/portal-sim: acceptance scores and throughput.

  bench/crawl_bench.py accept     [--build build] [--articles 1000] [--seed 1]
                                  [--faults on] [--crawl-delay 0.1]
                                  [--publish 40] [--update 5]
  bench/crawl_bench.py throughput [--build build] [--articles 5000 20000]
                                  [--concurrency 64] [--per-host 64] [--scrapy]

accept: starts portal-sim with all but --publish articles visible, crawls it
(generic: one start URL, no rules), scores the store against the truth, then
publishes and corrects articles and crawls again (what cron does an hour
later). Scored, per run:
  articles found / expected (originals the truth expects, faults counted as
  the truth says), stored more than once, duplicates linked (duplicate_of to
  the original's row; mirrors merged into it by their canonical link),
  rows that are not truth articles, field matches (title, date, source:
  exact; body: character 4-gram F1 >= 0.99 after dropping optional lines),
  robots violations, gaps below the crawl delay and the smallest gap, early
  503 retries, trap requests, faults recovered; run 2: 304s, article pages
  fetched again (200) that did not change, new and corrected articles stored.
throughput: faults off, --prerender, crawl delay 0; pages/s and peak RSS of
  the crawler (extraction and storage on) per site size; with --scrapy also a
  minimal Scrapy spider (bench/crawl_scrapy_spider.py, title only,
  concurrency 64) on the same server in the same run.

Python 3 standard library only (Scrapy optional: Debian's python3-scrapy).
"""

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from portal_accuracy import body_f1, strip_optional  # noqa: E402


def start_sim(shared, articles, seed, extra):
    tmp = tempfile.mkdtemp(prefix="gleaner-crawl-bench-")
    port_file = os.path.join(tmp, "port")
    cmd = [sys.executable, os.path.join(shared, "portal-sim", "portal-sim.py"), "serve", "--port", "0",
           "--seed", str(seed), "--articles", str(articles), "--quiet", "--port-file", port_file] + extra
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(2400):
        if os.path.exists(port_file) and open(port_file).read().strip():
            return proc, "http://127.0.0.1:%s" % open(port_file).read().strip(), tmp
        time.sleep(0.05)
    proc.kill()
    sys.exit("portal-sim did not start")


def get_json(url):
    return json.load(urllib.request.urlopen(url, timeout=120))


def run_measured(cmd, stdout=None):
    """Runs cmd; returns (exit code, wall seconds, peak RSS MB, stderr text).

    The peak RSS comes from GNU time (/usr/bin/time -f %M) when present: the
    rusage of a child forked straight from this script would count the
    script's own pages, copied at fork before exec, as the child's peak."""
    err = tempfile.TemporaryFile()
    rss_file = tempfile.NamedTemporaryFile(delete=False)
    rss_file.close()
    wrapped = (["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + cmd) if os.path.exists("/usr/bin/time") else cmd
    start = time.monotonic()
    proc = subprocess.Popen(wrapped, stdout=stdout or subprocess.DEVNULL, stderr=err)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    err.seek(0)
    code = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss
    text = open(rss_file.name).read().split()
    if wrapped is not cmd and text and text[-1].isdigit():
        rss_kb = int(text[-1])
    os.unlink(rss_file.name)
    return code, wall, rss_kb / 1024.0, err.read().decode("utf-8", "replace")


def export(build, db):
    out = subprocess.run([os.path.join(build, "gleaner"), "export", "--db", db, "--format", "jsonl",
                          "--include-duplicates"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("export failed: " + out.stderr)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def summary_field(stderr, key):
    m = re.search(r"I crawl done .*\b%s=(\S+)" % key, stderr)
    return m.group(1) if m else "?"


def score(rows, truth):
    arts = truth["articles"]
    by_url = {}
    for a in arts:
        for u in [a["url"]] + a.get("pages", [])[:1] + a.get("aliases", []):
            by_url.setdefault(u.split("#")[0], a)
    matched = collections.defaultdict(list)
    extra = []
    for r in rows:
        a = by_url.get(r["url"]) or by_url.get(r.get("canonical_url") or "")
        if a is None:
            extra.append(r["url"])
        else:
            matched[a["url"]].append(r)
    res = collections.Counter()
    fields = collections.Counter()
    f1s = []
    misses = []
    for a in arts:
        expect = (a["fault"] or {}).get("expect", "article")
        got = matched.get(a["url"], [])
        if len(got) > 1:
            res["stored_more_than_once"] += 1
        if a["duplicate_of"]:
            res["duplicates_expected"] += 1
            orig = matched.get(a["duplicate_of"], [])
            if got and orig and got[0].get("duplicate_of") == orig[0].get("id"):
                res["duplicates_linked"] += 1
            elif not got and orig and a["duplicate_kind"] == "mirror":
                res["mirrors_merged_by_canonical"] += 1
            elif got and got[0].get("duplicate_of") is None:
                res["duplicates_stored_as_new"] += 1
            else:
                res["duplicates_missing"] += 1
            continue
        if expect == "no_article":
            res["no_article_expected"] += 1
            if got:
                res["no_article_but_stored"] += 1
            continue
        if expect == "article":
            res["expected"] += 1
        if not got:
            if expect == "article":
                misses.append(a["url"])
            continue
        res["found"] += 1 if expect == "article" else 0
        g = got[0]
        fields["title"] += g.get("title") == a["title"]
        fields["date"] += g.get("published") == a["date"]
        fields["source"] += (g.get("source") or None) == a["source"]
        optional = set(s.strip() for s in a.get("optional_lines") or [])
        f1 = body_f1(strip_optional(a["body"], optional), strip_optional(g.get("body") or "", optional))
        f1s.append(f1)
        fields["body_f1>=0.99"] += f1 >= 0.99
    res["rows"] = len(rows)
    res["rows_not_in_truth"] = len(extra)
    return res, fields, f1s, misses, extra


def faults_recovered(rows, truth):
    urls = set(r["url"] for r in rows) | set(r.get("canonical_url") or "" for r in rows)
    out = collections.defaultdict(lambda: [0, 0])
    for a in truth["articles"]:
        f = a["fault"]
        if not f or a["duplicate_of"]:
            continue
        out[f["kind"]][1] += 1
        if a["url"] in urls or a["canonical_url"] in urls:
            out[f["kind"]][0] += 1
    return dict(out)


def print_score(title, res, fields, f1s, misses, extra):
    print("== %s" % title)
    print("  articles found/expected   %d/%d" % (res["found"], res["expected"]))
    print("  stored more than once     %d" % res["stored_more_than_once"])
    print("  duplicates linked         %d/%d (mirrors merged by canonical %d, stored as new %d, missing %d)"
          % (res["duplicates_linked"], res["duplicates_expected"], res["mirrors_merged_by_canonical"],
             res["duplicates_stored_as_new"], res["duplicates_missing"]))
    print("  no-article faults stored  %d/%d" % (res["no_article_but_stored"], res["no_article_expected"]))
    print("  rows / not in truth       %d / %d %s" % (res["rows"], res["rows_not_in_truth"], extra[:3]))
    n = max(1, len(f1s))
    for f in ("title", "date", "source", "body_f1>=0.99"):
        print("  %-24s %.4f" % (f, fields[f] / n))
    if f1s:
        print("  body mean F1             %.4f" % (sum(f1s) / len(f1s)))
    if misses:
        print("  missing (first 5): %s" % misses[:5])


def print_stats(stats, delay):
    per_site = stats.get("per_site", {})
    below = sum(v.get("gaps_below_crawl_delay", 0) for k, v in per_site.items())
    gaps = [v["min_gap_ms"] for v in per_site.values() if v.get("min_gap_ms") is not None]
    print("  requests                  %d  by status %s" % (stats["total_requests"], stats["by_status"]))
    print("  robots violations         %d" % sum(stats["robots_disallowed_requests"].values()))
    print("  min gap per site (ms)     %s (crawl delay %.0f ms; host min gap %s ms; gaps below delay %d)"
          % (min(gaps) if gaps else None, delay * 1000, stats.get("host_min_gap_ms"), below))
    print("  max concurrent requests   %s" % stats.get("max_concurrent_requests"))
    print("  early 503 retries         %d" % stats["early_retries_503"])
    print("  trap requests             %s" % stats["trap_requests"])
    print("  conditional / 304         %d / %d" % (stats.get("conditional_requests", 0), stats.get("not_modified", 0)))
    print("  article pages fetched >1  %d" % stats["article_pages_fetched_more_than_once"])


def crawl_cmd(args, db, base, extra=()):
    return [os.path.join(args.build, "gleaner"), "crawl", "--db", db, "--delay", "0", "--no-progress",
            "--concurrency", str(args.concurrency), "--per-host", str(args.per_host)] + list(extra) + [base + "/"]


def accept(args):
    k = args.articles
    visible = k - args.publish
    extra = ["--faults", args.faults, "--crawl-delay", str(args.crawl_delay), "--visible", str(visible)]
    proc, base, tmp = start_sim(args.shared, k, args.seed, extra)
    db = os.path.join(tmp, "news.db")
    try:
        cmd = crawl_cmd(args, db, base)
        print("$ " + " ".join(cmd))
        code, wall, rss, err = run_measured(cmd)
        truth1 = get_json(base + "/__truth?absolute=1")
        stats1 = get_json(base + "/__stats?reset=1")
        rows1 = export(args.build, db)
        print("run 1: exit %d, %.1f s, peak RSS %.0f MB, summary: %s" % (
            code, wall, rss, err.strip().splitlines()[-1] if err.strip() else ""))
        print_score("run 1 vs truth (%d articles visible)" % visible, *score(rows1, truth1))
        print_stats(stats1, args.crawl_delay)
        print("  faults recovered          %s" % faults_recovered(rows1, truth1))
        print("  20 MB page / loop / pdf   %s" % {u: stats1["per_url"].get(u.replace(base, ""), 0)
                                                  for u in [base + "/s1/special/huge.html", base + "/s1/loop/a",
                                                            base + "/s1/files/report_1.pdf",
                                                            base + "/s1/files/notice_1.html"]})
        images = sum(c for u, c in stats1["per_url"].items() if "/img/" in u)
        print("  image requests            %d" % images)

        published = get_json(base + "/__publish?n=%d" % args.publish) if args.publish else {"published": []}
        updated = get_json(base + "/__update?n=%d" % args.update) if args.update else {"updated": []}
        code2, wall2, rss2, err2 = run_measured(cmd)
        truth2 = get_json(base + "/__truth?absolute=1")
        stats2 = get_json(base + "/__stats")
        rows2 = export(args.build, db)
        print("\nrun 2 (after publishing %d, correcting %d): exit %d, %.1f s, summary: %s" % (
            len(published["published"]), len(updated["updated"]), code2, wall2,
            err2.strip().splitlines()[-1] if err2.strip() else ""))
        print_score("run 2 vs truth (%d articles)" % len(truth2["articles"]), *score(rows2, truth2))
        print_stats(stats2, args.crawl_delay)
        new_paths = set(p.split("?")[0] for p in published["published"])
        upd_paths = set(p.split("?")[0] for p in updated["updated"])
        article_paths = set()
        for a in truth1["articles"]:
            for p in a["pages"]:
                article_paths.add(p.replace(base, ""))
        refetched = [u for u, st in stats2["per_url_by_status"].items()
                     if st.get("200") and u.split("?")[0] in article_paths
                     and u.split("?")[0] not in upd_paths]
        print("  old article pages fetched again with 200 (not corrected): %d %s" % (len(refetched), refetched[:5]))
        corrected = {a["url"]: a for a in truth2["articles"] if a.get("modified")}
        rows_by_url = {r["url"]: r for r in rows2}
        ok = sum(1 for u, a in corrected.items()
                 if u in rows_by_url and (rows_by_url[u].get("body") or "").rstrip().endswith(a["body"].rstrip()[-20:]))
        print("  corrected articles updated in the store: %d/%d" % (ok, len(corrected)))
        print("  new article pages fetched: %d/%d" % (
            sum(1 for p in new_paths if stats2["per_url"].get(p)), len(new_paths)))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()


def scrapy_python():
    """An interpreter that imports scrapy (Debian's is /usr/bin/python3)."""
    for py in (sys.executable, "/usr/bin/python3"):
        if subprocess.run([py, "-c", "import scrapy"], capture_output=True).returncode == 0:
            return py
    sys.exit("scrapy is not installed (apt-get install python3-scrapy)")


def throughput(args):
    for k in args.articles_list:
        proc, base, tmp = start_sim(args.shared, k, args.seed,
                                    ["--faults", "off", "--crawl-delay", "0", "--prerender"])
        try:
            db = os.path.join(tmp, "news.db")
            cmd = crawl_cmd(args, db, base)
            code, wall, rss, err = run_measured(cmd)
            stats = get_json(base + "/__stats?reset=1")
            pages = int(summary_field(err, "pages")) if summary_field(err, "pages") != "?" else 0
            rows = export(args.build, db)
            print("gleaner  K=%-6d exit %d  %6.1f s  pages %6d  %6.1f pages/s  requests %6d  articles stored %6d"
                  "  peak RSS %5.0f MB" % (k, code, wall, pages, pages / wall, stats["total_requests"],
                                           len(rows), rss))
            print("         $ " + " ".join(cmd))
            if args.scrapy:
                spider = os.path.join(HERE, "crawl_scrapy_spider.py")
                out = os.path.join(tmp, "scrapy.jsonl")
                scmd = [scrapy_python(), "-m", "scrapy", "runspider", spider, "-a", "start=" + base + "/",
                        "-o", out + ":jsonlines", "-s", "LOG_LEVEL=WARNING"]
                scode, swall, srss, serr = run_measured(scmd)
                sstats = get_json(base + "/__stats?reset=1")
                items = sum(1 for _ in open(out)) if os.path.exists(out) else 0
                spages = sstats["total_requests"]
                print("scrapy   K=%-6d exit %d  %6.1f s  pages %6d  %6.1f pages/s  items %6d  peak RSS %5.0f MB"
                      % (k, scode, swall, spages, spages / swall, items, srss))
                print("         $ " + " ".join(scmd))
                if scode != 0:
                    print(serr[-2000:])
                print("ratio    gleaner/scrapy pages/s = %.1fx" % ((pages / wall) / (spages / swall)))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["accept", "throughput"])
    ap.add_argument("--build", default="build")
    ap.add_argument("--shared", default=os.environ.get("GLEANER_SHARED", os.path.join(HERE, "..", "..", "shared")))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--articles", type=int, nargs="+", default=None)
    ap.add_argument("--faults", default="on")
    ap.add_argument("--crawl-delay", type=float, default=0.1)
    ap.add_argument("--publish", type=int, default=40)
    ap.add_argument("--update", type=int, default=5)
    ap.add_argument("--concurrency", type=int, default=None)
    ap.add_argument("--per-host", type=int, default=None)
    ap.add_argument("--scrapy", action="store_true")
    args = ap.parse_args()
    if args.mode == "accept":
        args.articles = (args.articles or [1000])[0]
        args.concurrency = args.concurrency or 16
        args.per_host = args.per_host or 2
        accept(args)
    else:
        args.articles_list = args.articles or [5000, 20000]
        args.concurrency = args.concurrency or 64
        args.per_host = args.per_host or 64
        throughput(args)


if __name__ == "__main__":
    main()
