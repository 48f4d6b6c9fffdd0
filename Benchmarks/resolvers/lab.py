#!/usr/bin/env python3
"""The benchmark lab: authoritative zones, nsd configurations, root hints, query files.

    lab.py zones DIR                 write DIR/zones/*.zone, DIR/nsd-*/nsd.conf, DIR/root.hints, DIR/hit.txt
    lab.py miss FILE COUNT           COUNT fresh unique A queries under miss.bench. (never seen before)
    lab.py mixed FILE COUNT HITFILE  COUNT queries, 90 % taken from HITFILE, 10 % fresh misses

The hierarchy (each zone on its own nsd instance, so every level really is a separate server):

    .            127.54.0.1   a.root.bench.
    bench.       127.54.0.2   ns.bench.
    hit.bench.   127.54.0.3   ns.hit.bench.   h00000 … h09999, each A + AAAA + MX
    miss.bench.  127.54.0.4   ns.miss.bench.  *.miss.bench. A (any name resolves, by iterating)
"""
import os
import random
import secrets
import sys

HIT_NAMES = 10_000
SERVERS = {  # zone -> (instance, address)
    ".": ("root", "127.54.0.1"),
    "bench.": ("bench", "127.54.0.2"),
    "hit.bench.": ("hit", "127.54.0.3"),
    "miss.bench.": ("miss", "127.54.0.4"),
}
TTL_LONG = 86400  # nothing expires during a run


def soa(origin, ns):
    return f"{origin} {TTL_LONG} IN SOA {ns} hostmaster.bench. 1 3600 600 86400 300\n"


def write_zones(d):
    z = os.path.join(d, "zones")
    os.makedirs(z, exist_ok=True)
    with open(os.path.join(z, "root.zone"), "w") as f:
        f.write(soa(".", "a.root.bench."))
        f.write(f". 518400 IN NS a.root.bench.\n")
        f.write(f"bench. 172800 IN NS ns.bench.\n")
        # glue below the bench. delegation
        f.write(f"a.root.bench. 518400 IN A 127.54.0.1\n")
        f.write(f"ns.bench. 172800 IN A 127.54.0.2\n")
    with open(os.path.join(z, "bench.zone"), "w") as f:
        f.write(soa("bench.", "ns.bench."))
        f.write(f"bench. {TTL_LONG} IN NS ns.bench.\n")
        f.write(f"ns.bench. {TTL_LONG} IN A 127.54.0.2\n")
        f.write(f"a.root.bench. {TTL_LONG} IN A 127.54.0.1\n")
        f.write(f"hit.bench. {TTL_LONG} IN NS ns.hit.bench.\n")
        f.write(f"ns.hit.bench. {TTL_LONG} IN A 127.54.0.3\n")
        f.write(f"miss.bench. {TTL_LONG} IN NS ns.miss.bench.\n")
        f.write(f"ns.miss.bench. {TTL_LONG} IN A 127.54.0.4\n")
    with open(os.path.join(z, "hit.zone"), "w") as f:
        f.write(soa("hit.bench.", "ns.hit.bench."))
        f.write(f"hit.bench. {TTL_LONG} IN NS ns.hit.bench.\n")
        f.write(f"ns.hit.bench. {TTL_LONG} IN A 127.54.0.3\n")
        f.write(f"mx.hit.bench. {TTL_LONG} IN A 192.0.2.25\n")
        for i in range(HIT_NAMES):
            n = f"h{i:05d}.hit.bench."
            f.write(f"{n} {TTL_LONG} IN A 192.0.{2 + i // 256 % 200}.{i % 256}\n")
            f.write(f"{n} {TTL_LONG} IN AAAA 2001:db8::{i:x}\n")
            f.write(f"{n} {TTL_LONG} IN MX 10 mx.hit.bench.\n")
    with open(os.path.join(z, "miss.zone"), "w") as f:
        f.write(soa("miss.bench.", "ns.miss.bench."))
        f.write(f"miss.bench. {TTL_LONG} IN NS ns.miss.bench.\n")
        f.write(f"ns.miss.bench. {TTL_LONG} IN A 127.54.0.4\n")
        f.write(f"*.miss.bench. {TTL_LONG} IN A 198.51.100.1\n")
    files = {".": "root.zone", "bench.": "bench.zone", "hit.bench.": "hit.zone", "miss.bench.": "miss.zone"}
    for zone, (inst, addr) in SERVERS.items():
        nd = os.path.join(d, f"nsd-{inst}")
        os.makedirs(nd, exist_ok=True)
        with open(os.path.join(nd, "nsd.conf"), "w") as f:
            f.write(f"""server:
    ip-address: {addr}
    port: 53
    server-count: 1
    do-ip6: no
    username: ""
    chroot: ""
    database: ""
    zonesdir: "{z}"
    zonelistfile: "{nd}/zone.list"
    xfrdfile: "{nd}/xfrd.state"
    xfrdir: "{nd}"
    pidfile: "{nd}/nsd.pid"
    logfile: "{nd}/nsd.log"
    verbosity: 0
    hide-version: yes
    refuse-any: yes
    tcp-count: 100
    # Debian builds nsd with response rate limiting (200 answers/s per /24): off, the resolvers are the subject
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: "{zone}"
    zonefile: "{files[zone]}"
""")
    with open(os.path.join(d, "root.hints"), "w") as f:
        f.write(f".                        3600000      NS    a.root.bench.\n")
        f.write(f"a.root.bench.            3600000      A     127.54.0.1\n")
    # every hit name with every type, in a fixed shuffled order (the same for every resolver)
    rng = random.Random(8)
    hits = [f"h{i:05d}.hit.bench. {t}" for i in range(HIT_NAMES) for t in ("A", "AAAA", "MX")]
    rng.shuffle(hits)
    with open(os.path.join(d, "hit.txt"), "w") as f:
        f.write("\n".join(hits) + "\n")


def miss_names(count):
    token = secrets.token_hex(4)  # fresh per file: a name is never asked twice across runs
    return (f"q{token}{i:x}.miss.bench. A" for i in range(count))


def write_miss(path, count):
    with open(path, "w") as f:
        f.write("\n".join(miss_names(count)) + "\n")


def write_mixed(path, count, hitfile):
    with open(hitfile) as f:
        hits = f.read().split("\n")
    hits = [h for h in hits if h]
    misses = miss_names(count)
    rng = random.Random()
    out = []
    for i in range(count):
        out.append(next(misses) if rng.random() < 0.10 else hits[rng.randrange(len(hits))])
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "zones":
        write_zones(sys.argv[2])
    elif cmd == "miss":
        write_miss(sys.argv[2], int(sys.argv[3]))
    elif cmd == "mixed":
        write_mixed(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
