#!/usr/bin/env python3
"""`gleaner crawl` under faults against ../shared/portal-sim: killed, disk full, server gone.

  bench/crawl_faults.py kill     [--build build] [--articles 300] [--seed 1] [--kills 20] [--kill-seed 1]
  bench/crawl_faults.py diskfull [--method tmpfs fsize] [--tmpfs-mb 5.5] [--fsize-mb 3]
  bench/crawl_faults.py netdrop  [--drop kill stop] [--drop-at 0.5] [--timeout 10]
  bench/crawl_faults.py all      (the three, sharing one reference crawl)

One portal-sim (--faults on, --crawl-delay 0.05 by default) serves the whole
invocation. First the reference: a clean, uninterrupted crawl on a fresh
database. Then each fault on another fresh database of the same site (the
server's fault counters reset first, so transient faults fail again), then
runs without the fault until the crawl is complete (no frontier row pending
or leased; normally one run). The result must equal the reference:

  the same articles (canonical URLs; the URL an article was first reached
  by may be another alias of it, printed as information); per article the
  same title, body and published; nothing stored twice; the same
  duplicate groups (duplicate_of links as connected groups: which copy of a
  reprint was stored first may differ); PRAGMA integrity_check ok on both;
  and the score against the truth (bench/crawl_bench.py) is printed.

kill: SIGKILL at --kills moments. The moments are spread over the crawl: a
  seeded RNG draws sorted fractions of the article pages the reference
  fetched; run i is killed once the server has served that many distinct
  article pages, after a further random 0-500 ms (so kills land during
  fetches, extraction, Puts and commits alike). A run that ends by itself
  first is counted as such. integrity_check runs (read-only) after each kill.
diskfull: the disk fills mid-crawl: `tmpfs` (a tmpfs of --tmpfs-mb for the
  database, ENOSPC; needs root) and/or `fsize` (RLIMIT_FSIZE of --fsize-mb on
  the crawl; gleaner ignores SIGXFSZ, so write() fails with EFBIG). Expected:
  exit 4, an error naming the database and saying the disk is full,
  integrity_check ok; a second run while still full the same; then the
  space returns (remount bigger / no limit) and the crawl completes.
netdrop: the server is stopped once --drop-at of the reference's article
  pages were served: `kill` (SIGKILL: connections refused or reset) and/or
  `stop` (SIGSTOP: the host accepts but never answers, so requests time out;
  the crawl runs with --timeout). Expected: the run ends within its
  timeouts with its summary, exit 6 and the host named as left; a run while
  the server is still down the same; then the server is back (same seed,
  same port) and the next run completes the work.

Exit status 0 when every check held, 1 otherwise. Python 3 stdlib only.
"""

import argparse
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from crawl_bench import export, get_json, print_score, score  # noqa: E402

EXIT_STORE, EXIT_PARTIAL = 4, 6


class Sim:
    """A portal-sim server; restartable on the same port."""

    def __init__(self, args, workdir):
        self.args, self.workdir, self.port, self.proc = args, workdir, 0, None

    def start(self):
        port_file = os.path.join(self.workdir, "port")
        if os.path.exists(port_file):
            os.unlink(port_file)
        cmd = [sys.executable, os.path.join(self.args.shared, "portal-sim", "portal-sim.py"), "serve",
               "--port", str(self.port), "--seed", str(self.args.seed), "--articles", str(self.args.articles),
               "--faults", "on", "--crawl-delay", str(self.args.crawl_delay), "--quiet", "--port-file", port_file]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(2400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                self.port = int(open(port_file).read().strip())
                return
            time.sleep(0.05)
        sys.exit("portal-sim did not start")

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def reset(self):
        get_json(self.base + "/__stats?reset=1&urls=0")

    def served(self, paths):
        """Distinct article pages served so far (any status, any query)."""
        per_url = get_json(self.base + "/__stats")["per_url"]
        return len(paths & set(u.split("?")[0] for u in per_url))

    def kill(self, sig=signal.SIGKILL):
        self.proc.send_signal(sig)
        if sig == signal.SIGKILL:
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait()


def crawl_cmd(args, db, base, extra=()):
    return [os.path.join(args.build, "gleaner"), "crawl", "--db", db, "--delay", "0", "--no-progress",
            "--concurrency", "16", "--per-host", "2"] + list(extra) + [base + "/"]


def crawl(args, db, base, extra=(), preexec=None):
    """One run to its end: (exit code, seconds, stderr)."""
    start = time.monotonic()
    r = subprocess.run(crawl_cmd(args, db, base, extra), capture_output=True, text=True, preexec_fn=preexec)
    return r.returncode, time.monotonic() - start, r.stderr


def summary_line(err):
    lines = [l for l in err.splitlines() if l.startswith("I crawl done")]
    return lines[-1] if lines else "(no summary)"


def integrity(db, read_only=False):
    uri = "file:%s%s" % (db, "?mode=ro" if read_only else "")
    conn = sqlite3.connect(uri, uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def frontier_open(db):
    """Frontier rows still pending (0) or leased (1)."""
    conn = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return conn.execute("SELECT count(*) FROM frontier WHERE state IN (0, 1)").fetchone()[0]
    finally:
        conn.close()


def stored_count(db):
    if not os.path.exists(db):
        return 0
    conn = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # killed before the schema was made
        return 0
    finally:
        conn.close()


def complete(args, db, base, label, max_runs=4):
    """Runs the crawl until nothing is pending; returns the runs' exit codes."""
    codes = []
    for _ in range(max_runs):
        code, wall, err = crawl(args, db, base)
        codes.append(code)
        print("  %s run %d: exit %d, %.1f s: %s" % (label, len(codes), code, wall, summary_line(err)))
        if frontier_open(db) == 0:
            break
    return codes


class Rows:
    """A store as {canonical path: row}, URLs made relative to the server.

    Keyed by canonical URL: that is the article. The row's own URL is the
    address it was first reached by, which depends on the order of the
    crawl (an s1 mobile alias, canonical to the desktop page, may come
    first), so it is compared only as information."""

    def __init__(self, args, db, base):
        self.raw = export(args.build, db)
        rel = lambda u: (u or "").replace(base, "")
        key_of_id = {r["id"]: rel(r.get("canonical_url") or r["url"]) for r in self.raw}
        self.by_key = {}
        self.twice = []
        for r in self.raw:
            k = key_of_id[r["id"]]
            if k in self.by_key:
                self.twice.append(k)
            self.by_key[k] = {"url": rel(r["url"]), "title": r.get("title"), "body": r.get("body"),
                              "published": r.get("published"), "dup": key_of_id.get(r.get("duplicate_of"))}
        self.urls = [v["url"] for v in self.by_key.values()]
        self.urls_twice = sorted(set(u for u in self.urls if self.urls.count(u) > 1))

    def groups(self):
        """duplicate_of links as connected groups (frozensets of 2+ keys)."""
        parent = {k: k for k in self.by_key}

        def find(k):
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k
        for k, v in self.by_key.items():
            if v["dup"] in parent:
                parent[find(k)] = find(v["dup"])
        out = {}
        for k in self.by_key:
            out.setdefault(find(k), set()).add(k)
        return set(frozenset(g) for g in out.values() if len(g) > 1)


def compare(args, ref_db, db, base, truth, label):
    """Prints the differences between a store and the reference; returns their count."""
    a, b = Rows(args, ref_db, base), Rows(args, db, base)
    diffs = []
    only_ref = sorted(set(a.by_key) - set(b.by_key))
    only_new = sorted(set(b.by_key) - set(a.by_key))
    if only_ref:
        diffs.append("missing (only in the reference): %d %s" % (len(only_ref), only_ref[:3]))
    if only_new:
        diffs.append("extra (not in the reference): %d %s" % (len(only_new), only_new[:3]))
    common = set(a.by_key) & set(b.by_key)
    for field in ("title", "body", "published"):
        bad = [k for k in common if a.by_key[k][field] != b.by_key[k][field]]
        if bad:
            diffs.append("%s differs: %d %s" % (field, len(bad), sorted(bad)[:3]))
    if b.twice or b.urls_twice:
        diffs.append("stored twice: canonical %s, urls %s" % (b.twice[:3], b.urls_twice[:3]))
    ga, gb = a.groups(), b.groups()
    if ga != gb:
        diffs.append("duplicate groups differ: %d only in the reference, %d only here; e.g. %s"
                     % (len(ga - gb), len(gb - ga), [sorted(g) for g in list(ga ^ gb)[:2]]))
    res, fields, f1s, misses, extra = score(b.raw, truth)
    if res["stored_more_than_once"]:
        diffs.append("truth articles stored more than once: %d" % res["stored_more_than_once"])
    for name, path in (("reference", ref_db), (label, db)):
        check = integrity(path)
        if check != "ok":
            diffs.append("integrity_check of the %s: %s" % (name, check))
    other_url = sorted(k for k in common if a.by_key[k]["url"] != b.by_key[k]["url"])
    print("  compared with the reference: %d articles vs %d, %d duplicate groups vs %d, "
          "integrity ok on both: %s" % (len(b.by_key), len(a.by_key), len(gb), len(ga),
                                        not any(d.startswith("integrity") for d in diffs)))
    print("  stored under another of their URLs (same canonical; the alias reached first): %d %s"
          % (len(other_url), ["%s vs %s" % (a.by_key[k]["url"], b.by_key[k]["url"]) for k in other_url[:2]]))
    print("  vs truth: found %d/%d, stored more than once %d, rows %d"
          % (res["found"], res["expected"], res["stored_more_than_once"], res["rows"]))
    for d in diffs:
        print("  DIFFERENCE: " + d)
    print("  %s: %s" % (label, "equal to the clean crawl" if not diffs else "%d differences" % len(diffs)))
    return len(diffs)


def article_paths(truth, base):
    return set(p.replace(base, "") for a in truth["articles"] for p in a["pages"])


def reference(args, sim, work):
    sim.reset()
    db = os.path.join(work, "clean.db")
    print("== reference: one clean crawl, K=%d seed=%d, faults on, crawl-delay %s"
          % (args.articles, args.seed, args.crawl_delay))
    start = time.monotonic()
    codes = complete(args, db, sim.base, "clean")
    wall = time.monotonic() - start
    truth = get_json(sim.base + "/__truth?absolute=1")
    paths = article_paths(truth, sim.base)
    served = sim.served(paths)
    print("  %d run(s), exits %s, %.1f s, %d articles stored, %d article pages fetched, integrity %s"
          % (len(codes), codes, wall, stored_count(db), served, integrity(db)))
    print_score("clean crawl vs truth", *score(export(args.build, db), truth))
    return {"db": db, "wall": wall, "truth": truth, "paths": paths, "served": served}


def wait_served(sim, proc, paths, target):
    """Waits until the server served `target` article pages or proc ended."""
    while proc.poll() is None:
        if sim.served(paths) >= target:
            return True
        time.sleep(0.1)
    return False


def run_kill(args, sim, ref, work):
    print("\n== kill: SIGKILL at %d moments (kill seed %d), restarting each time" % (args.kills, args.kill_seed))
    sim.reset()
    db = os.path.join(work, "killed.db")
    rng = random.Random(args.kill_seed)
    points = sorted(rng.random() for _ in range(args.kills))
    killed = ended = bad_checks = 0
    for i, p in enumerate(points):
        target, jitter = int(p * ref["served"]), rng.uniform(0, 0.5)
        proc = subprocess.Popen(crawl_cmd(args, db, sim.base), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        start = time.monotonic()
        if wait_served(sim, proc, ref["paths"], target):
            time.sleep(jitter)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        code = proc.wait()
        ended += code >= 0
        check = integrity(db, read_only=True) if os.path.exists(db) else "no file yet"
        bad_checks += check not in ("ok", "no file yet")
        print("  run %2d: %s at %.1f s (target %d pages served, +%3d ms), %d articles stored, integrity %s"
              % (i + 1, "killed" if code < 0 else "ended by itself (exit %d)" % code, time.monotonic() - start,
                 target, jitter * 1000, stored_count(db), check))
    print("  %d runs killed, %d ended by themselves before their moment" % (killed, ended))
    codes = complete(args, db, sim.base, "final")
    print("  final runs to complete: %d (exits %s)" % (len(codes), codes))
    diffs = compare(args, ref["db"], db, sim.base, ref["truth"], "killed crawl")
    return diffs + bad_checks + (frontier_open(db) != 0)


def fsize_limit(limit):
    """RLIMIT_FSIZE for the crawl. SIGXFSZ is left alone: gleaner crawl
    ignores it itself, so its writes fail with EFBIG instead of killing it."""
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def check_full_run(db, code, err, label):
    """A run on a full disk: exit 4, a message naming the db, integrity ok."""
    errors = [l for l in err.splitlines() if l.startswith("gleaner:")]
    names = any(db in l and "full" in l for l in errors)
    check = integrity(db, read_only=True) if os.path.exists(db) else "no file"
    ok = code == EXIT_STORE and names and check == "ok"
    print("  %s: exit %d (want %d), %d articles stored, integrity %s" % (label, code, EXIT_STORE,
                                                                       stored_count(db), check))
    for l in errors:
        print("    " + l)
    if not ok:
        print("  DIFFERENCE: %s: want exit 4, an error naming %s as full, and integrity ok" % (label, db))
    return 0 if ok else 1


def run_diskfull(args, sim, ref, work, method):
    print("\n== diskfull (%s)" % method)
    sim.reset()
    if method == "tmpfs":
        mnt = os.path.join(work, "tmpfs")
        os.makedirs(mnt, exist_ok=True)
        size = "%dk" % int(args.tmpfs_mb * 1024)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt]).returncode != 0:
            print("  skipped: cannot mount a tmpfs (not root?)")
            return 0
        db, preexec, why = os.path.join(mnt, "news.db"), None, "a %s tmpfs" % size
    else:
        limit = int(args.fsize_mb * 1024 * 1024)
        db, preexec, why = os.path.join(work, "fsize.db"), fsize_limit(limit), "RLIMIT_FSIZE %d bytes" % limit
    try:
        bad = 0
        for label in ("full run", "run while still full"):
            code, wall, err = crawl(args, db, sim.base, preexec=preexec)
            print("  %s on %s: %.1f s: %s" % (label, why, wall, summary_line(err)))
            bad += check_full_run(db, code, err, label)
        if method == "tmpfs":
            subprocess.run(["mount", "-o", "remount,size=256m", mnt], check=True)
        print("  space back (%s)" % ("tmpfs remounted at 256 MB" if method == "tmpfs" else "no limit"))
        codes = complete(args, db, sim.base, "after")
        print("  runs to complete: %d (exits %s)" % (len(codes), codes))
        bad += compare(args, ref["db"], db, sim.base, ref["truth"], "crawl after a full disk")
        bad += frontier_open(db) != 0
        return bad
    finally:
        if method == "tmpfs":
            subprocess.run(["umount", mnt])


def check_down_run(code, wall, err, limit_s, label):
    left = [l for l in err.splitlines() if "crawl host_left" in l or "crawl host_skipped" in l]
    ok = code == EXIT_PARTIAL and wall <= limit_s and "I crawl done" in err and left
    print("  %s: exit %d (want %d), %.1f s (limit %.0f s): %s" % (label, code, EXIT_PARTIAL, wall, limit_s,
                                                                summary_line(err)))
    for l in left:
        print("    " + l[:220])
    if not ok:
        print("  DIFFERENCE: %s: want exit 6 within %.0f s, a summary and the host named as left" % (label, limit_s))
    return 0 if ok else 1


def run_netdrop(args, sim, ref, work, how):
    print("\n== netdrop (%s): the server is %s once %.0f%% of the article pages were served"
          % (how, "killed" if how == "kill" else "stopped (SIGSTOP)", args.drop_at * 100))
    sim.reset()
    db = os.path.join(work, "netdrop-%s.db" % how)
    extra = ["--timeout", str(args.timeout)]
    # Ends within: in-flight requests time out, then kHostDownUrls unanswered
    # URLs (per_host at a time) - three rounds of timeouts, plus a margin.
    limit_s = 3 * args.timeout + 15
    with tempfile.TemporaryFile(mode="w+") as log:  # a pipe could fill and stall the crawl
        proc = subprocess.Popen(crawl_cmd(args, db, sim.base, extra), stdout=subprocess.DEVNULL, stderr=log)
        wait_served(sim, proc, ref["paths"], int(args.drop_at * ref["served"]))
        sim.kill(signal.SIGKILL if how == "kill" else signal.SIGSTOP)
        dropped = time.monotonic()
        code = proc.wait()
        log.seek(0)
        err = log.read()
    bad = check_down_run(code, time.monotonic() - dropped, err, limit_s, "run cut off (time after the drop)")
    print("    %d articles stored, integrity %s" % (stored_count(db), integrity(db)))
    code, wall, err = crawl(args, db, sim.base, extra)
    bad += check_down_run(code, wall, err, limit_s, "run while the server is down")
    if how == "stop":
        sim.stop()
    sim.start()  # same seed, same port
    print("  server back on port %d" % sim.port)
    codes = complete(args, db, sim.base, "after")
    print("  runs to complete: %d (exits %s)" % (len(codes), codes))
    bad += compare(args, ref["db"], db, sim.base, ref["truth"], "crawl after the drop")
    return bad + (frontier_open(db) != 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["kill", "diskfull", "netdrop", "all"])
    ap.add_argument("--build", default="build")
    ap.add_argument("--shared", default=os.environ.get("GLEANER_SHARED", os.path.join(HERE, "..", "..", "shared")))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--crawl-delay", type=float, default=0.05)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--kill-seed", type=int, default=1)
    ap.add_argument("--method", nargs="+", choices=["tmpfs", "fsize"], default=["tmpfs", "fsize"])
    ap.add_argument("--tmpfs-mb", type=float, default=5.5)
    ap.add_argument("--fsize-mb", type=float, default=3)
    ap.add_argument("--drop", nargs="+", choices=["kill", "stop"], default=["kill", "stop"])
    ap.add_argument("--drop-at", type=float, default=0.5)
    ap.add_argument("--timeout", type=int, default=10)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (databases)")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="gleaner-crawl-faults-")
    sim = Sim(args, work)
    sim.start()
    bad = 0
    try:
        ref = reference(args, sim, work)
        if args.mode in ("kill", "all"):
            bad += run_kill(args, sim, ref, work)
        if args.mode in ("diskfull", "all"):
            for method in args.method:
                bad += run_diskfull(args, sim, ref, work, method)
        if args.mode in ("netdrop", "all"):
            for how in args.drop:
                bad += run_netdrop(args, sim, ref, work, how)
    finally:
        sim.stop()
        if args.keep:
            print("work folder: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\n%s: %d differences" % ("FAIL" if bad else "PASS", bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
