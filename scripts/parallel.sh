#!/usr/bin/env bash
# Run each argument as a shell command at the same time, each with its output in a file of its own; print each
# group's output once it ends (so the logs read in one piece), and fail if any group failed.
# `make test` uses it to run the SQLite suite beside the PostgreSQL suite and the browser journeys: each group
# keeps its tests in their usual order, and the two cores of a small machine are both used.
set -uo pipefail

dir=$(mktemp -d /tmp/tripartite-parallel.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$dir"' EXIT INT TERM

pids=()
for i in $(seq 1 $#); do
  command=${!i}
  ( start=$(date +%s); bash -c "$command" >"$dir/$i.log" 2>&1; status=$?
    echo "== [$command] exit $status after $(( $(date +%s) - start )) s" >>"$dir/$i.log"; exit $status ) &
  pids+=($!)
done

failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then failed=1; fi
  cat "$dir/$((i + 1)).log"
done
exit $failed
