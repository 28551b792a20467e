#!/usr/bin/env bash
# Makes the flow-export captures the collector's tests decode (see docs/collector.md, "Captures").
#
#   sudo collector/service/src/test/captures/make-captures.sh [OUTPUT_DIR]
#
# A network namespace "lmcap" joined to the host by a veth pair (lmcap0 on the host, 10.77.0.1
# and fd77::1; lmcap1 in the namespace, 10.77.0.2 and fd77::2) carries a small, known set of
# traffic: pings, a TCP exchange and UDP datagrams, over IPv4 and IPv6. It is captured on lmcap0
# (traffic.pcap), then exported by real exporters from Debian, which send to 10.77.0.2 across the
# veth, and each export is captured on lmcap0 with tcpdump (classic pcap, Ethernet framing):
#   softflowd-v5.pcap, softflowd-v9.pcap, softflowd-ipfix.pcap   softflowd -r traffic.pcap -v 5|9|10
#   pmacctd-v9.pcap, pmacctd-ipfix.pcap, pmacctd-sflow.pcap      pmacctd -I traffic.pcap, nfprobe/sfprobe
# manifest.json says what traffic was generated. Needs root, ip, tcpdump, softflowd, pmacct, python3.
set -euo pipefail

OUT="$(realpath -m "${1:-$(dirname "$0")/../resources/captures}")"
NS=lmcap
HOST4=10.77.0.1 PEER4=10.77.0.2 HOST6=fd77::1 PEER6=fd77::2
WORK="$(mktemp -d /tmp/lmcap.XXXXXX)"
PIDS=()

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  ip link del lmcap0 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "make-captures: $1 is not installed" >&2; exit 1; }; }
for t in ip tcpdump softflowd pmacctd python3 timeout; do need "$t"; done
[ "$(id -u)" -eq 0 ] || { echo "make-captures: run as root (it creates a network namespace)" >&2; exit 1; }

setup_link() {
  ip netns del "$NS" 2>/dev/null || true
  ip link del lmcap0 2>/dev/null || true
  ip netns add "$NS"
  ip link add lmcap0 address 02:00:00:77:00:01 type veth peer name lmcap1 address 02:00:00:77:00:02
  ip link set lmcap1 netns "$NS"
  ip addr add "$HOST4/24" dev lmcap0
  ip -6 addr add "$HOST6/64" dev lmcap0 nodad
  ip link set lmcap0 up
  ip netns exec "$NS" ip link set lo up
  ip netns exec "$NS" ip addr add "$PEER4/24" dev lmcap1
  ip netns exec "$NS" ip -6 addr add "$PEER6/64" dev lmcap1 nodad
  ip netns exec "$NS" ip link set lmcap1 up
  sleep 1
}

# In the namespace: a TCP server on 8080 that answers each connection with 1000 bytes, a UDP
# echo on 7000 and a sink for the exports on 2055, 4739 and 6343 (so that no ICMP unreachable
# comes back to the exporters). Each runs at most 120 s.
start_peer() {
  ip netns exec "$NS" timeout 120 python3 - <<'PY' &
import socket, selectors, threading
sel = selectors.DefaultSelector()
def tcp(family, addr):
    s = socket.socket(family, socket.SOCK_STREAM); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((addr, 8080)); s.listen(8); return s
def udp(family, addr, port):
    s = socket.socket(family, socket.SOCK_DGRAM)
    if family == socket.AF_INET6: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((addr, port)); return s
def serve(listener):
    while True:
        c, _ = listener.accept()
        c.recv(4096); c.sendall(b"x" * 1000); c.close()
for l in (tcp(socket.AF_INET, "10.77.0.2"), tcp(socket.AF_INET6, "fd77::2")):
    threading.Thread(target=serve, args=(l,), daemon=True).start()
echo = [udp(socket.AF_INET, "10.77.0.2", 7000), udp(socket.AF_INET6, "fd77::2", 7000)]
sinks = [udp(socket.AF_INET, "10.77.0.2", p) for p in (2055, 4739, 6343)]
for s in echo + sinks: sel.register(s, selectors.EVENT_READ)
while True:
    for key, _ in sel.select():
        data, peer = key.fileobj.recvfrom(65535)
        if key.fileobj in echo: key.fileobj.sendto(data, peer)
PY
  PIDS+=($!)
  sleep 1
}

echo_requests() { # address count: ICMP or ICMPv6 echo requests with 56 bytes of data (ping's size)
  timeout 20 python3 - "$1" "$2" <<'PY'
import socket, struct, sys, time
addr, count = sys.argv[1], int(sys.argv[2])
v6 = ":" in addr
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_RAW,
                  socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
s.settimeout(2)
def checksum(b):
    total = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    total = (total >> 16) + (total & 0xFFFF)
    return ~(total + (total >> 16)) & 0xFFFF
for seq in range(1, count + 1):
    data = bytes(range(56))
    head = struct.pack("!BBHHH", 128 if v6 else 8, 0, 0, 0x4C4D, seq)
    if not v6:  # the kernel computes ICMPv6 checksums itself
        head = struct.pack("!BBHHH", 8, 0, checksum(head + data), 0x4C4D, seq)
    s.sendto(head + data, (addr, 0))
    try:
        s.recv(2048)
    except socket.timeout:
        pass
    time.sleep(0.2)
PY
}

tcp_exchange() { # address: one connection, 100 bytes sent, 1000 read back
  exec 3<>"/dev/tcp/$1/8080"
  printf '%0100d' 0 >&3
  timeout 5 cat <&3 >/dev/null || true
  exec 3<&-
}

udp_datagrams() { # address count: datagrams of 200 bytes to the echo port, from one socket
  exec 4<>"/dev/udp/$1/7000"
  local i
  for ((i = 0; i < $2; i++)); do printf '%0200d' "$i" >&4; sleep 0.1; done
  exec 4<&-
}

generate_traffic() {
  timeout 60 tcpdump -i lmcap0 -U -w "$WORK/traffic.pcap" 'not udp port 2055 and not udp port 4739 and not udp port 6343 and (ip or ip6) and not icmp6[0] >= 133' 2>/dev/null &
  local dump=$!
  sleep 1
  echo_requests "$PEER4" 3
  echo_requests "$PEER6" 3
  tcp_exchange "$PEER4"
  tcp_exchange "$PEER6"
  udp_datagrams "$PEER4" 5
  udp_datagrams "$PEER6" 5
  sleep 1
  kill -INT "$dump"; wait "$dump" || true
}

# capture NAME PORT COMMAND...: runs an exporter while tcpdump records what it sends to PORT
capture() {
  local name=$1 port=$2; shift 2
  timeout 60 tcpdump -i lmcap0 -U -w "$WORK/$name.pcap" "udp dst port $port" 2>/dev/null &
  local dump=$!
  sleep 1
  timeout 30 "$@" >"$WORK/$name.log" 2>&1 || true
  sleep 1
  kill -INT "$dump"; wait "$dump" || true
  cp "$WORK/$name.pcap" "$OUT/$name.pcap"
  echo "$name.pcap: $(tcpdump -r "$OUT/$name.pcap" 2>/dev/null | wc -l) datagrams"
}

pmacct_conf() { # plugin version port
  cat <<CONF
daemonize: false
pcap_savefile: $WORK/traffic.pcap
plugins: $1[p]
CONF
  if [ "$1" = nfprobe ]; then
    cat <<CONF
nfprobe_receiver[p]: $PEER4:$3
nfprobe_source_ip[p]: $HOST4
nfprobe_version[p]: $2
nfprobe_engine[p]: 7
nfprobe_direction[p]: in
nfprobe_ifindex[p]: 3
CONF
  else
    cat <<CONF
sfprobe_receiver[p]: $PEER4:$3
sfprobe_source_ip[p]: $HOST4
sfprobe_agentip[p]: $HOST4
sfprobe_agentsubid[p]: 7
sfprobe_direction[p]: in
sfprobe_ifindex[p]: 3
sampling_rate: 1
CONF
  fi
}

write_manifest() {
  cat >"$OUT/manifest.json" <<JSON
{
  "made_by": "collector/service/src/test/captures/make-captures.sh",
  "made_at": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "link": {"host": ["$HOST4", "$HOST6"], "peer": ["$PEER4", "$PEER6"], "interface": "lmcap0"},
  "traffic": [
    {"what": "ping", "src": "$HOST4", "dst": "$PEER4", "echo_requests": 3, "payload_bytes": 56},
    {"what": "ping", "src": "$HOST6", "dst": "$PEER6", "echo_requests": 3, "payload_bytes": 56},
    {"what": "tcp", "src": "$HOST4", "dst": "$PEER4", "dst_port": 8080, "sent_bytes": 100, "received_bytes": 1000},
    {"what": "tcp", "src": "$HOST6", "dst": "$PEER6", "dst_port": 8080, "sent_bytes": 100, "received_bytes": 1000},
    {"what": "udp", "src": "$HOST4", "dst": "$PEER4", "dst_port": 7000, "datagrams": 5, "payload_bytes": 200, "echoed": true},
    {"what": "udp", "src": "$HOST6", "dst": "$PEER6", "dst_port": 7000, "datagrams": 5, "payload_bytes": 200, "echoed": true}
  ],
  "exports": {
    "softflowd-v5.pcap": "softflowd -r traffic.pcap -v 5 -n $PEER4:2055 (IPv4 flows only)",
    "softflowd-v9.pcap": "softflowd -r traffic.pcap -v 9 -6 -n $PEER4:2055",
    "softflowd-ipfix.pcap": "softflowd -r traffic.pcap -v 10 -6 -n $PEER4:4739",
    "pmacctd-v9.pcap": "pmacctd -I traffic.pcap, nfprobe v9 to $PEER4:2055, ifindex 3 in, engine 7",
    "pmacctd-ipfix.pcap": "pmacctd -I traffic.pcap, nfprobe v10 to $PEER4:4739, ifindex 3 in, engine 7",
    "pmacctd-sflow.pcap": "pmacctd -I traffic.pcap, sfprobe to $PEER4:6343, sampling 1, agent $HOST4 sub-id 7"
  }
}
JSON
}

main() {
  mkdir -p "$OUT"
  setup_link
  start_peer
  generate_traffic
  cp "$WORK/traffic.pcap" "$OUT/traffic.pcap"
  echo "traffic.pcap: $(tcpdump -r "$OUT/traffic.pcap" 2>/dev/null | wc -l) packets"
  local v
  for v in 5 9 10; do
    local name=softflowd-v$v port=2055 extra=(-6)
    [ "$v" = 10 ] && name=softflowd-ipfix port=4739
    [ "$v" = 5 ] && extra=()
    capture "$name" "$port" softflowd -d -r "$WORK/traffic.pcap" -v "$v" "${extra[@]}" \
      -n "$PEER4:$port" -p "$WORK/softflowd.pid"
  done
  pmacct_conf nfprobe 9 2055 >"$WORK/v9.conf"
  capture pmacctd-v9 2055 pmacctd -f "$WORK/v9.conf"
  pmacct_conf nfprobe 10 4739 >"$WORK/ipfix.conf"
  capture pmacctd-ipfix 4739 pmacctd -f "$WORK/ipfix.conf"
  pmacct_conf sfprobe 5 6343 >"$WORK/sflow.conf"
  capture pmacctd-sflow 6343 pmacctd -f "$WORK/sflow.conf"
  write_manifest
  ls -l "$OUT"
}

main "$@"
