#!/usr/bin/env bash
# Start or stop a Redis Cluster on loopback ports, in a folder of its own.
#
#   scripts/redis-cluster.sh start DIR [--masters N] [--replicas R] [--port BASE] [--node-timeout MS]
#       Starts N*(1+R) redis-server processes on 127.0.0.1:BASE.., one sub-folder each, writes their
#       PIDs to DIR/pids and the masters' addresses (comma separated) to DIR/nodes, creates the
#       cluster and waits until every node says `cluster_state:ok`. Prints the nodes line.
#   scripts/redis-cluster.sh node DIR PORT
#       Starts one more empty cluster node (for add-node tests); appends its PID to DIR/pids.
#   scripts/redis-cluster.sh stop DIR
#       Stops every server listed in DIR/pids, by PID (TERM, then KILL after 5 s).
#   scripts/redis-cluster.sh free-port COUNT [FROM]
#       Prints the first base port from FROM (default 17000, in steps of 100) such that COUNT
#       ports from it, and their cluster bus ports (+10000), are all free.
#
# --port auto picks a base the same way (start only).
# Defaults: 3 masters, 0 replicas, ports from 7000, node timeout 2000 ms. Needs redis-server and
# redis-cli (Debian: apt-get install redis-server redis-tools). Persistence is off: the cluster is
# a rebuildable serving index (see docs/redis.md).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|node|stop DIR [options] | free-port COUNT [FROM]" >&2; exit 2; }

start_node() {
  local port=$1 timeout=$2
  mkdir -p "$dir/$port"
  port_free "$port" || { echo "port $port is in use" >&2; return 1; }
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode no \
    --cluster-enabled yes --cluster-config-file "$dir/$port/nodes.conf" \
    --cluster-node-timeout "$timeout" --cluster-require-full-coverage yes \
    --dir "$dir/$port" --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/$port/redis.pid" --logfile "$dir/$port/redis.log" >/dev/null
  for _ in $(seq 1 100); do
    [[ -s "$dir/$port/redis.pid" ]] && redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.05
  done
  cat "$dir/$port/redis.pid" >>"$dir/pids"
  echo >>"$dir/pids"
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_base() {
  local count=$1 base=${2:-17000} ok p
  for ((; base < 55000; base += 100)); do
    ok=1
    for ((p = base; p < base + count; p++)); do
      port_free "$p" && port_free $((p + 10000)) || { ok=0; break; }
    done
    [[ $ok == 1 ]] && { echo "$base"; return 0; }
  done
  echo "no free ports" >&2
  return 1
}

wait_ok() {
  local port
  for _ in $(seq 1 300); do
    local ok=1
    for port in "$@"; do
      redis-cli -p "$port" cluster info 2>/dev/null | grep -q 'cluster_state:ok' || { ok=0; break; }
    done
    [[ $ok == 1 ]] && return 0
    sleep 0.1
  done
  echo "cluster did not reach cluster_state:ok" >&2
  return 1
}

case "$cmd" in
  start)
    shift 2
    masters=3 replicas=0 base=7000 timeout=2000
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --masters) masters=$2; shift 2 ;;
        --replicas) replicas=$2; shift 2 ;;
        --port) base=$2; shift 2 ;;
        --node-timeout) timeout=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
      esac
    done
    total=$((masters * (1 + replicas)))
    [[ $base == auto ]] && base=$(free_base $((total + 4)))
    mkdir -p "$dir"
    : >"$dir/pids"
    ports=() addrs=()
    for ((i = 0; i < total; i++)); do
      port=$((base + i))
      start_node "$port" "$timeout"
      ports+=("$port")
      addrs+=("127.0.0.1:$port")
    done
    redis-cli --cluster create "${addrs[@]}" --cluster-replicas "$replicas" --cluster-yes >"$dir/create.log" 2>&1 ||
      { cat "$dir/create.log" >&2; exit 1; }
    wait_ok "${ports[@]}"
    nodes=$(IFS=,; echo "${addrs[*]:0:$masters}")
    echo "$nodes" >"$dir/nodes"
    echo "$nodes"
    ;;
  free-port)
    free_base "$dir" "${3:-17000}"
    ;;
  node)
    port=${3:?port}
    start_node "$port" "${4:-2000}"
    ;;
  stop)
    [[ -f "$dir/pids" ]] || exit 0
    pids=$(grep -E '^[0-9]+$' "$dir/pids" || true)
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do
      alive=0
      for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [[ $alive == 0 ]] && exit 0
      sleep 0.1
    done
    for pid in $pids; do kill -9 "$pid" 2>/dev/null || true; done
    ;;
  *)
    echo "usage: $0 start|node|stop DIR [options]" >&2
    exit 2
    ;;
esac
