#!/bin/sh
# Runs a test program with a private DNS server: dnsmasq on 127.0.0.1:53 inside a new user, network and
# mount namespace, so neither root nor the machine's real port 53 is needed, and /etc/resolv.conf (in that
# namespace only) points at it. Qt 6.4's QDnsLookup always asks port 53, hence the namespace.
#   run-with-dnsmasq.sh <dnsmasq> <ip> <test program> [test arguments...]
# The test program prints the zone with --print-dnsmasq-conf; it finds the server in SB_EMAILAUTH_DNS.
# Without unshare (no user namespaces here), the test runs as is and skips its live part.
set -u
dnsmasq=$1 ip=$2
shift 2
if ! unshare --user --map-root-user --net --mount true 2>/dev/null; then
    echo "run-with-dnsmasq: cannot create a user+network namespace here (unshare failed); live DNS tests will skip" >&2
    exec "$@"
fi
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
"$1" --print-dnsmasq-conf > "$dir/dnsmasq.conf" || exit 1
# Short resolver timeouts: a test that makes a server stay silent should not hold the process at exit.
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$dir/resolv.conf"
export SB_DNS_DIR="$dir" SB_DNSMASQ="$dnsmasq" SB_IP="$ip"
# Inside: loopback up, our resolv.conf over the real one (mount namespace only), dnsmasq as a daemon.
# In a user namespace dnsmasq cannot switch to another user or group: --user=root and an empty --group
# keep it from trying.
unshare --user --map-root-user --net --mount sh -c '
    "$SB_IP" link set lo up || exit 1
    mount --bind "$SB_DNS_DIR/resolv.conf" /etc/resolv.conf 2>/dev/null ||
        echo "run-with-dnsmasq: could not replace /etc/resolv.conf; the system-resolver test may fail" >&2
    "$SB_DNSMASQ" --conf-file="$SB_DNS_DIR/dnsmasq.conf" --port=53 --listen-address=127.0.0.1 \
        --bind-interfaces --no-resolv --no-hosts --user=root --group= --pid-file="$SB_DNS_DIR/dnsmasq.pid" \
        --log-queries --log-facility="$SB_DNS_DIR/dnsmasq.log" || exit 1
    SB_EMAILAUTH_DNS=127.0.0.1 "$@"
    rc=$?
    kill "$(cat "$SB_DNS_DIR/dnsmasq.pid")" 2>/dev/null
    if [ "$rc" -ne 0 ]; then
        echo "--- dnsmasq log ---" >&2
        cat "$SB_DNS_DIR/dnsmasq.log" >&2
    fi
    exit "$rc"
' sh "$@"
