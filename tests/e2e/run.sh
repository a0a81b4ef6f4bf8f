#!/usr/bin/env bash
# Runs every tests/e2e/test_*.sh; prints one line per test and a closing
# "N passed, N failed" line.
set -u
cd "$(dirname "$0")"
pass=0 failed=0
for t in test_*.sh; do
	[ -e "$t" ] || continue
	if out=$(bash "$t" 2>&1); then
		echo "PASS $t"; pass=$((pass + 1))
	else
		echo "FAIL $t"; echo "$out" | tail -40 | sed 's/^/    /'; failed=$((failed + 1))
	fi
done
echo "e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
