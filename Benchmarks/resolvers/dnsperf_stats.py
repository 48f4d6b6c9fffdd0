#!/usr/bin/env python3
"""Reduce one `dnsperf -v` output to a JSON object on stdout.

    dnsperf_stats.py OUTPUT [key=value ...]

Reads dnsperf's summary (sent, completed, lost, run time, QPS) and every per-query line
(`> RCODE name type latency`) to compute latency percentiles; extra key=value pairs are copied into
the object (numbers stay numbers).
"""
import json
import re
import sys


def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list (p in 0..100)."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def parse(path):
    lat = []
    rcodes = {}
    summary = {}
    timeouts = 0
    end_of_file = False
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("> "):
                parts = line.split()
                # > RCODE qname qtype latency
                try:
                    lat.append(float(parts[-1]))
                except (ValueError, IndexError):
                    continue
                rcodes[parts[1]] = rcodes.get(parts[1], 0) + 1
            elif line.startswith("[Timeout]"):
                timeouts += 1
            elif line.strip().startswith("Response codes:") and not lat:
                for code, n in re.findall(r"([A-Z]+) (\d+) \(", line):
                    rcodes[code] = rcodes.get(code, 0) + int(n)
            elif "Testing complete (end of file)" in line:
                end_of_file = True
            else:
                m = re.match(r"\s*(Queries sent|Queries completed|Queries lost|Run time \(s\)|Queries per second):\s+([0-9.]+)", line)
                if m:
                    summary[m.group(1)] = float(m.group(2))
    if "Queries sent" not in summary:
        raise SystemExit(f"{path}: no dnsperf summary (did dnsperf fail?)")
    lat.sort()
    return {
        "sent": int(summary["Queries sent"]),
        "completed": int(summary.get("Queries completed", 0)),
        "lost": int(summary.get("Queries lost", 0)),
        "runtime": summary.get("Run time (s)", 0.0),
        "qps": summary.get("Queries per second", 0.0),
        "p50_ms": None if not lat else round(percentile(lat, 50) * 1000, 3),
        "p99_ms": None if not lat else round(percentile(lat, 99) * 1000, 3),
        "mean_ms": None if not lat else round(sum(lat) / len(lat) * 1000, 3),
        "rcodes": rcodes,
        "timeouts": timeouts,
        "end_of_file": end_of_file,
    }


def typed(v):
    for t in (int, float):
        try:
            return t(v)
        except ValueError:
            pass
    return v


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = {k: typed(v) for k, v in (a.split("=", 1) for a in sys.argv[2:])}
    out.update(parse(sys.argv[1]))
    print(json.dumps(out, sort_keys=True))
