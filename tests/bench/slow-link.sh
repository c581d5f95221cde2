#!/usr/bin/env bash
# The slow-link delivery benchmark (crates/app/benches/slow_link.rs) on a shaped link: this
# kernel has no netem, so a network namespace of its own gets a loopback shaped by HTB — traffic
# to the bench's relay port at 256 kbit/s, traffic from it at 256 kbit/s, everything else (the
# relay's leg to the Center) unshaped — and the relay adds 150 ms each way (300 ms round trip).
# The MTU is set to 1500 so that packets are the size a real link carries. Needs root (or sudo)
# for the namespace; the namespace is removed on exit.
# Usage: tests/bench/slow-link.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
port=47001          # RELAY_PORT in crates/app/benches/slow_link.rs
rate=256kbit
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

cd "$root"
binary=$(cargo bench -p first-contact-app --bench slow_link --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "slow_link" and m.get("executable"):
        print(m["executable"])')
[ -x "$binary" ] || { echo "the slow_link bench did not build"; exit 1; }

ns="fc-slow-link-$$"
$sudo ip netns add "$ns"
trap '$sudo ip netns del "$ns"' EXIT
in_ns() { $sudo ip netns exec "$ns" "$@"; }
in_ns ip link set lo mtu 1500 up
in_ns tc qdisc add dev lo root handle 1: htb default 30
in_ns tc class add dev lo parent 1: classid 1:10 htb rate "$rate" ceil "$rate"
in_ns tc class add dev lo parent 1: classid 1:20 htb rate "$rate" ceil "$rate"
in_ns tc class add dev lo parent 1: classid 1:30 htb rate 10gbit
# Upload: to the relay; download: from it.
in_ns tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip dport "$port" 0xffff flowid 1:10
in_ns tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip sport "$port" 0xffff flowid 1:20
in_ns env FIRST_CONTACT_SLOW_LINK=1 "$binary" --bench
in_ns tc -s class show dev lo | grep -A2 "class htb 1:[12]0" || true
