#!/usr/bin/env bash
# Runs every tests/bench/bench_*.sh.
set -eu
for b in "$(dirname "$0")"/bench_*.sh; do [ -e "$b" ] && bash "$b"; done
