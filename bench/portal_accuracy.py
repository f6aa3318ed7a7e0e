#!/usr/bin/env python3
"""Field-by-field accuracy of `gleaner extract` on portal-sim's articles.

  bench/portal_accuracy.py [--build build] [--articles 400] [--seed 1]
                           [--shared ../shared] [--failures N]

Starts ../shared/portal-sim (faults off) on loopback, extracts every
published article's first page with `gleaner extract --follow-pages` over
real HTTP (so charsets arrive in headers as the site sends them), and
compares each field with the simulator's ground truth:

  title, date (published), source, author     exact match, share of articles
  body                                         character 4-gram F1 (CJK
                                               characters are tokens, as
                                               score.py --tokenizer cjk)
  related                                      link precision / recall

Lines the truth calls optional (closing 来源/责任编辑 lines) are removed from
both sides before the body is scored. Python standard library only.
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

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3040-\u30ff]")
WORD = re.compile(r"\w+")


def tokens(text):
    out = []
    for word in WORD.findall(text):
        run = ""
        for ch in word:
            if CJK.match(ch):
                if run:
                    out.append(run)
                    run = ""
                out.append(ch)
            else:
                run += ch
        if run:
            out.append(run)
    return out


def shingles(text, n=4):
    t = tokens(text)
    if not t:
        return collections.Counter()
    if len(t) < n:
        return collections.Counter([tuple(t)])
    return collections.Counter(tuple(t[i:i + n]) for i in range(len(t) - n + 1))


def body_f1(truth, pred):
    a, b = shingles(truth), shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    if fp == 0 and fn == 0:
        return 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def strip_optional(body, optional):
    keep = []
    for para in body.split("\n"):
        s = para.strip(" \t\u3000\u00a0")
        if s and s not in optional:
            keep.append(s)
    return "\n".join(keep)


def start_sim(shared, articles, seed):
    tmp = tempfile.mkdtemp(prefix="gleaner-portal-")
    port_file = os.path.join(tmp, "port")
    proc = subprocess.Popen(
        [sys.executable, os.path.join(shared, "portal-sim", "portal-sim.py"), "serve", "--port", "0",
         "--seed", str(seed), "--articles", str(articles), "--faults", "off", "--crawl-delay", "0",
         "--quiet", "--port-file", port_file],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        if os.path.exists(port_file) and open(port_file).read().strip():
            return proc, int(open(port_file).read().strip())
        time.sleep(0.05)
    proc.kill()
    sys.exit("portal-sim did not start")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=os.environ.get("GLEANER_SHARED", "../shared"))
    ap.add_argument("--failures", type=int, default=0, help="print this many failures per field")
    args = ap.parse_args()

    proc, port = start_sim(args.shared, args.articles, args.seed)
    try:
        base = "http://127.0.0.1:%d" % port
        truth = json.load(urllib.request.urlopen(base + "/__truth?absolute=1"))
        articles = truth["articles"]
        urls = [a["url"] for a in articles]
        out = subprocess.run([os.path.join(args.build, "gleaner"), "extract", "--format", "jsonl",
                              "--follow-pages", "--fields", "url,title,published,source,authors,body,related",
                              *urls], capture_output=True, text=True)
        got = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()

    by_url = {g["url"]: g for g in got}
    scores = collections.defaultdict(list)
    failures = collections.defaultdict(list)
    rel_tp = rel_fp = rel_fn = 0
    for a in articles:
        g = by_url.get(a["url"])
        if g is None:
            for f in ("title", "date", "source", "author", "body"):
                scores[f].append(0.0)
            failures["missing"].append(a["url"])
            continue

        def check(field, ok, detail):
            scores[field].append(1.0 if ok else 0.0)
            if not ok:
                failures[field].append("%s  %s" % (a["url"], detail))

        check("title", g["title"] == a["title"], "%r != %r" % (g["title"], a["title"]))
        check("date", g["published"] == a["date"], "%r != %r" % (g["published"], a["date"]))
        check("source", (g["source"] or None) == a["source"], "%r != %r" % (g["source"], a["source"]))
        author = ", ".join(g["authors"]) or None
        check("author", author == a["author"], "%r != %r" % (author, a["author"]))
        optional = set(s.strip() for s in a.get("optional_lines") or [])
        f1 = body_f1(strip_optional(a["body"], optional), strip_optional(g["body"], optional))
        scores["body"].append(f1)
        if f1 < 0.99:
            failures["body"].append("%s  F1 %.3f" % (a["url"], f1))
        want = set(r["url"] for r in a["related"])
        have = set(r["url"] for r in g["related"])
        rel_tp += len(want & have)
        rel_fp += len(have - want)
        rel_fn += len(want - have)
        if want != have:
            failures["related"].append("%s  missing %d, extra %d" % (a["url"], len(want - have), len(have - want)))

    n = len(articles)
    print("portal-sim seed %d, %d articles, %d extracted (gleaner exit %d)" % (args.seed, n, len(got), out.returncode))
    print("%-8s %s" % ("field", "score"))
    for f in ("title", "date", "source", "author"):
        print("%-8s %.4f" % (f, sum(scores[f]) / n))
    print("%-8s %.4f  (mean character 4-gram F1)" % ("body", sum(scores["body"]) / n))
    rp = rel_tp / (rel_tp + rel_fp) if rel_tp + rel_fp else 1.0
    rr = rel_tp / (rel_tp + rel_fn) if rel_tp + rel_fn else 1.0
    rf = 0 if rp + rr == 0 else 2 * rp * rr / (rp + rr)
    print("%-8s %.4f  (precision %.4f, recall %.4f)" % ("related", rf, rp, rr))
    if args.failures:
        for field, items in failures.items():
            print("\n%s failures: %d" % (field, len(items)))
            for item in items[:args.failures]:
                print("  " + item)


if __name__ == "__main__":
    main()
