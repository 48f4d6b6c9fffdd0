#!/usr/bin/env python3
"""Turn the benchmark's raw results into docs/performance.md and docs/performance-qps.png.

    report.py --meta META.json --runs RUNS.jsonl [--memory MEMORY.jsonl] --out DIR [--work DIR]

RUNS holds one JSON object per dnsperf run (dnsperf_stats.py); every figure in the report is the median over
the rounds, QPS also with its range. The plot is drawn by gnuplot from the same medians.
"""
import argparse
import json
import os
import re
import statistics
import subprocess

NAMES = {"petrel": "Petrel", "unbound": "Unbound", "pdns": "PowerDNS Recursor"}
ORDER = ["petrel", "unbound", "pdns"]
WORKLOADS = ["hit", "miss", "mixed"]
WL_TEXT = {"hit": "cache hit", "miss": "cache miss", "mixed": "mixed 90/10"}


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, digits=0):
    if x is None:
        return "–"
    return f"{x:,.{digits}f}"


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "–"


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--meta", required=True)
    ap.add_argument("--runs", required=True)
    ap.add_argument("--memory")
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", default=None)
    a = ap.parse_args()
    meta = json.load(open(a.meta))
    runs = load(a.runs)
    mem = load(a.memory) if a.memory and os.path.exists(a.memory) else []
    work = a.work or a.out

    threads = sorted({r["threads"] for r in runs})
    resolvers = [r for r in ORDER if any(x["resolver"] == r for x in runs)]

    # (threads, workload, resolver) -> summary
    agg = {}
    for t in threads:
        for w in WORKLOADS:
            for res in resolvers:
                rs = [r for r in runs if r["threads"] == t and r["workload"] == w and r["resolver"] == res]
                if not rs:
                    continue
                qps = [r["qps"] for r in rs]
                agg[t, w, res] = {
                    "n": len(rs),
                    "qps": med(qps), "qps_min": min(qps), "qps_max": max(qps),
                    "p50": med([r["p50_ms"] for r in rs]), "p99": med([r["p99_ms"] for r in rs]),
                    "lost": sum(r["lost"] for r in rs), "sent": sum(r["sent"] for r in rs),
                    "servfail": sum(r["rcodes"].get("SERVFAIL", 0) for r in rs),
                    "cpu_pct": med([100 * r["cpu_s"] / r["runtime"] if r.get("runtime") else None for r in rs]),
                    "qpcpu": med([r["completed"] / r["cpu_s"] if r.get("cpu_s") else None for r in rs]),
                }

    loads = meta.get("loads") or [0]
    v = meta["versions"]
    L = []
    L.append("# Performance: Petrel, Unbound and PowerDNS Recursor\n")
    L.append("Made by `scripts/bench` (the how and why: `Benchmarks/resolvers/README.md`). Rerun it for new figures; "
             "this file and the plot are overwritten.\n")
    L.append(f"- **Date**: {meta['date']}")
    L.append(f"- **Commit**: `{meta['commit']}`")
    L.append(f"- **Machine**: {meta['nproc']} CPUs ({meta['cpu']}), {meta['mem_gib']} GiB, {meta['kernel']}; a shared "
             "VM on which other builds ran at the same time")
    L.append(f"- **Load average** (1 min) at the start of each run: median {statistics.median(loads):.2f}, "
             f"min {min(loads):.2f}, max {max(loads):.2f}; at the end `{meta['load_end']}`")
    L.append(f"- **Command**: `{meta['command']}`" + (" (quick run: shorter runs, fewer RRsets)" if meta["quick"] else ""))
    L.append(f"- **Versions**: Unbound {v['unbound']}, PowerDNS {v['pdns']}, {v['nsd']}, dnsperf {v['dnsperf']}\n")

    L.append("## Setup\n")
    L.append("- Authoritative lab on loopback, one `nsd` per zone: `.` on 127.54.0.1, `bench.` on 127.54.0.2, "
             "`hit.bench.` (10,000 names × A/AAAA/MX) on 127.54.0.3, `miss.bench.` (`*.miss.bench. A`) on 127.54.0.4; "
             "every resolver gets the same root hints (`a.root.bench. 127.54.0.1`).")
    L.append("- Resolvers: Petrel on 127.54.1.1, Unbound on 127.54.1.2, PowerDNS Recursor on 127.54.1.3. Same worker "
             "thread count, no DNSSEC validation (Unbound `module-config: \"iterator\"`, PowerDNS `dnssec=off`, Petrel "
             "does not validate), caches large enough that nothing is evicted (Petrel 2,000,000 RRsets + 1,000,000 packets; "
             "PowerDNS `max-cache-entries=2000000`, `max-packetcache-entries=1000000`; Unbound `rrset-cache-size: 2g`, "
             "`msg-cache-size: 1g`), quiet logging, queries to 127.0.0.0/8 allowed. QNAME minimisation is each one's "
             "default: on in all three. Petrel runs without its sandbox (`sandbox: []`); PowerDNS with "
             "`pdns-distributes-queries=no` and `reuseport=yes`, Unbound with `so-reuseport: yes`, so that every worker "
             "thread reads its own socket. The configurations are in `Benchmarks/resolvers/conf/`.")
    L.append("- 1 thread: the resolver is pinned to CPU 0 (`taskset -c 0`), dnsperf and the nsd servers to CPU 1. "
             "2 threads: nothing is pinned (the machine has only 2 CPUs), so resolver, dnsperf and nsd share them. "
             + (f"nsd, the resolvers and dnsperf run at `nice -n {meta['nice']}`, so that the other work on this shared "
                "machine weighs less." if meta.get("nice") else ""))
    L.append(f"- Load: `dnsperf -c {meta['clients']} -q {meta['outstanding']} -t {meta['timeout']} -l {meta['duration']} -v`, "
             "i.e. as fast as the resolver answers with "
             f"{meta['outstanding']} queries in flight. Each round starts a fresh resolver, warms it with one pass over the "
             f"30,000 hit queries, then runs *hit* (the 30,000 queries, shuffled, repeated), *miss* (fresh unique names "
             "`q<random><n>.miss.bench. A`, made for each run, each one iterated to 127.54.0.4) and *mixed* (90 % hit "
             f"queries, 10 % fresh misses). {meta['rounds']} round(s); the resolvers take turns (each round starts with the "
             "next one). Latency percentiles come from dnsperf's per-query output (`-v`); at saturation they mostly show "
             "the queue that the in-flight limit builds.")
    L.append("- *QPS* is dnsperf's completed queries per second, the median over the rounds (range in brackets); p50/p99 "
             "are medians of the per-run percentiles; *lost* adds up every round (timeouts after "
             f"{meta['timeout']} s, queries still in flight at the end of a run included); *q/CPU-s* is completed queries "
             "per CPU second the resolver process used (user + system, from `/proc/PID/stat`), which depends far less on "
             "the other load on the machine than QPS does; *CPU %* is that CPU time over the run's wall time (100 % = one "
             "core). In the 1-thread runs a resolver well below 100 % was not the bottleneck: the load generator (dnsperf, "
             "sharing CPU 1 with nsd) or the other work on the machine was, and q/CPU-s compares the resolvers better "
             "than QPS.\n")

    L.append("## Throughput and latency\n")
    for t in threads:
        L.append(f"### {t} thread{'s' if t > 1 else ''}" + (" (pinned: resolver on CPU 0, load on CPU 1)" if t == 1 else " (not pinned)") + "\n")
        L.append("| workload | resolver | QPS | (min–max) | p50 ms | p99 ms | lost / sent | SERVFAIL | CPU % | q/CPU-s |")
        L.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for w in WORKLOADS:
            for res in resolvers:
                s = agg.get((t, w, res))
                if not s:
                    continue
                L.append(f"| {WL_TEXT[w]} | {NAMES[res]} | **{fmt(s['qps'])}** | {fmt(s['qps_min'])}–{fmt(s['qps_max'])} "
                         f"| {fmt(s['p50'], 2)} | {fmt(s['p99'], 2)} | {s['lost']:,} / {s['sent']:,} | {s['servfail']:,} "
                         f"| {fmt(s['cpu_pct'])} | {fmt(s['qpcpu'])} |")
        L.append("")

    L.append("### Petrel against the others (median QPS and p99)\n")
    if "petrel" in resolvers:
        L.append("| threads | workload | QPS Petrel/Unbound | QPS Petrel/PowerDNS | p99 Petrel/Unbound | p99 Petrel/PowerDNS | q/CPU-s Petrel/Unbound | q/CPU-s Petrel/PowerDNS |")
        L.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for t in threads:
            for w in WORKLOADS:
                p = agg.get((t, w, "petrel"), {})
                u = agg.get((t, w, "unbound"), {})
                d = agg.get((t, w, "pdns"), {})
                L.append(f"| {t} | {WL_TEXT[w]} | {ratio(p.get('qps'), u.get('qps'))} | {ratio(p.get('qps'), d.get('qps'))} "
                         f"| {ratio(p.get('p99'), u.get('p99'))} | {ratio(p.get('p99'), d.get('p99'))} "
                         f"| {ratio(p.get('qpcpu'), u.get('qpcpu'))} | {ratio(p.get('qpcpu'), d.get('qpcpu'))} |")
        L.append("\nAbove 1× Petrel is faster for QPS and q/CPU-s; below 1× it is better for p99.\n")
    else:
        L.append("Petrel was not part of this run (`--resolvers`), so there are no ratios.\n")

    L.append("![Median QPS and queries per CPU second, per workload and resolver](performance-qps.png)\n")

    if mem:
        L.append("## Resident memory\n")
        L.append(f"A fresh resolver (1 thread, pinned as above) answers one query per zone, then is sent distinct names under "
                 f"`miss.bench.` with `dnsperf -n 1 -Q {meta['mem_rate']}` (one pass over a file of fresh names, at most "
                 f"{meta['mem_rate']:,} queries per second, time-bounded with `-l`); VmRSS is read from `/proc/PID/status` "
                 "2 s after each step. Each name adds one A RRset to the record cache, and for all three also a cached "
                 "answer (Unbound's message cache, the packet caches of PowerDNS and Petrel): *bytes per RRset* is "
                 "(VmRSS − VmRSS at start) / NOERROR answers, and so includes both.\n")
        counts = sorted({m["target"] for m in mem})
        head = "| resolver | VmRSS at start | " + " | ".join(f"VmRSS at {c:,}" for c in counts) + " | " + \
               " | ".join(f"bytes/RRset at {c:,}" for c in counts) + " | lost |"
        L.append(head)
        L.append("| --- | ---: | " + " | ".join("---:" for _ in counts) + " | " + " | ".join("---:" for _ in counts) + " | ---: |")
        for res in [r for r in ORDER if any(m["resolver"] == r for m in mem)]:
            ms = {m["target"]: m for m in mem if m["resolver"] == res}
            base = next(iter(ms.values()))["base_kib"]
            def cell(c):
                if c not in ms:
                    return "–"
                m = ms[c]
                short = "" if m["noerror_total"] >= 0.99 * c else f" (only {m['noerror_total']:,} answered)"
                return f"{m['rss_kib'] / 1024:,.1f} MiB{short}"
            cells = [cell(c) for c in counts]
            per = [f"{(ms[c]['rss_kib'] - base) * 1024 / ms[c]['noerror_total']:,.0f}" if c in ms and ms[c]["noerror_total"] else "–"
                   for c in counts]
            lost = sum(m["lost"] for m in ms.values())
            L.append(f"| {NAMES[res]} | {base / 1024:,.1f} MiB | " + " | ".join(cells) + " | " + " | ".join(per) + f" | {lost:,} |")
        L.append("")

    profiles = sorted(f for f in os.listdir(a.out) if f.startswith("performance-profile-") and f.endswith(".txt"))
    if profiles:
        L.append("## Profiles of petreld\n")
        L.append("Made separately with `scripts/bench --profile WORKLOAD` (`perf record -e cpu-clock -g`, 1 thread, "
                 "pinned as above): " + ", ".join(f"[`{f}`]({f})" for f in profiles) + ".\n")
    L.append("## Raw data\n")
    L.append("Every run: `docs/performance-runs.jsonl`; memory: `docs/performance-memory.jsonl` (one JSON object per "
             "line); the run's settings: `docs/performance-meta.json`. `python3 Benchmarks/resolvers/report.py --meta "
             "docs/performance-meta.json --runs docs/performance-runs.jsonl --memory docs/performance-memory.jsonl "
             "--out docs` makes this file and the plot again from them.")
    os.makedirs(a.out, exist_ok=True)
    # Sections written elsewhere are kept as they were: `## Takeover` belongs to scripts/bench-takeover,
    # `## Where the targets stand` is written by hand from the figures and the profiles.
    previous = os.path.join(a.out, "performance.md")
    if os.path.exists(previous):
        text = open(previous).read()
        for title in ("Where the targets stand", "Takeover"):
            kept = re.search(r"^## " + re.escape(title) + r"\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
            if kept:
                L.append(kept.group(0).rstrip("\n") + "\n")
    with open(os.path.join(a.out, "performance.md"), "w") as f:
        f.write("\n".join(L) + "\n")

    # the plot: one panel per thread count and measure (QPS, queries per CPU second), one cluster per
    # workload, one bar per resolver (median, bars min–max over the rounds)
    dat = os.path.join(work, "qps.dat")
    with open(dat, "w") as f:
        for measure in ("qps", "qpcpu"):
            for t in threads:
                f.write(f"# {measure} threads {t}\n")
                for w in WORKLOADS:
                    row = [f'"{WL_TEXT[w]}"']
                    for res in resolvers:
                        s = agg.get((t, w, res))
                        if s and measure == "qps":
                            row += [str(s["qps"]), str(s["qps_min"]), str(s["qps_max"])]
                        elif s and s["qpcpu"]:
                            row += [str(s["qpcpu"])] * 3
                        else:
                            row += ["0", "0", "0"]
                    f.write(" ".join(row) + "\n")
                f.write("\n\n")
    colors = {"petrel": "#1f77b4", "unbound": "#2ca02c", "pdns": "#d62728"}
    gp = [
        f'set terminal pngcairo size {550 * len(threads) + 100},900 font "sans,10"',
        f'set output "{os.path.join(a.out, "performance-qps.png")}"',
        f'set multiplot layout 2,{len(threads)} title "Petrel, Unbound, PowerDNS Recursor: median of {meta["rounds"]} '
        f'round(s), {meta["date"]}, commit {meta["commit"]}"',
        "set style data histogram",
        "set style histogram errorbars gap 1 lw 1",
        "set style fill solid 0.85 border -1",
        "set boxwidth 0.9",
        "set yrange [0:*]",
        "set grid ytics",
        "set format y '%.0s%c'",
        "set key top right",
    ]
    index = 0
    for measure, label in (("qps", "queries per second (bars: min–max)"), ("qpcpu", "queries per CPU second of the resolver")):
        for t in threads:
            gp.append(f"set ylabel '{'QPS' if measure == 'qps' else 'queries / CPU s'}'")
            gp.append(f"set title '{label}, {t} thread{'s' if t > 1 else ''}{' (pinned)' if t == 1 else ' (not pinned)'}'")
            plots = []
            for j, res in enumerate(resolvers):
                c = 2 + 3 * j
                using = f"{c}:{c + 1}:{c + 2}:xtic(1)"
                plots.append(f"'{dat}' index {index} using {using} title '{NAMES[res]}' lc rgb '{colors[res]}'")
            gp.append("plot " + ", ".join(plots))
            index += 1
    gp.append("unset multiplot")
    gpf = os.path.join(work, "qps.gp")
    with open(gpf, "w") as f:
        f.write("\n".join(gp) + "\n")
    subprocess.run(["gnuplot", gpf], check=True)


if __name__ == "__main__":
    main()
