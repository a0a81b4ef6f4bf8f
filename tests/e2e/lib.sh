# Shared helpers for end-to-end tests: a private tmux server per test, and
# polling with a deadline (never a fixed sleep).
# Each test script sources this file, defines its steps, and exits non-zero on failure.
set -Eeuo pipefail
# A command that fails under set -e names itself instead of ending the test silently.
trap 'rc=$?; [[ $- == *e* ]] && echo "FAIL: line $LINENO: $BASH_COMMAND (status $rc)" >&2' ERR

: "${HANCHOT:?set HANCHOT to the program under test}"
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color
unset NO_COLOR HANCHOT_DB HANCHOT_TODAY
TMPD=$(mktemp -d /tmp/hanchot-e2e.XXXXXX)
SOCK="hanchot-e2e-$$"
export XDG_CONFIG_HOME="$TMPD/config" XDG_DATA_HOME="$TMPD/data"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$TMPD"; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; if tmux -L "$SOCK" has-session 2>/dev/null; then echo "--- screen ---" >&2; screen >&2 || true; fi; exit 1; }

# start NAME COLS ROWS COMMAND...: runs COMMAND in a detached tmux session.
# A wrapper shell writes COMMAND's exit status to $TMPD/rc.NAME: tmux itself
# may reap the process seconds after the pane is closed.
start() {
	local name=$1 cols=$2 rows=$3; shift 3
	rm -f "$TMPD/rc.$name"
	tmux -L "$SOCK" -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" \
		env LC_ALL=C.UTF-8 TERM=xterm-256color sh -c '"$@"; echo $? > "$0"' "$TMPD/rc.$name" "$@"
	tmux -L "$SOCK" set-option -t "$name" remain-on-exit on >/dev/null
	CUR=$name
}

screen() { tmux -L "$SOCK" capture-pane -p -t "${1:-$CUR}"; }
# keys KEY...: types into the current session. tmux can refuse a command
# for a moment on a loaded machine: retry for up to 5 s, then say why.
keys() {
	local end=$((SECONDS + 5))
	until tmux -L "$SOCK" send-keys -t "$CUR" "$@" 2>"$TMPD/keys.err"; do
		if [ "$SECONDS" -gt "$end" ]; then
			fail "send-keys to $CUR failed: $(cat "$TMPD/keys.err"); program exit status: $(cat "$TMPD/rc.$CUR" 2>/dev/null || echo running)"
		fi
		sleep 0.05
	done
}

# wait_for TEXT [SECONDS]: polls the screen until TEXT appears.
wait_for() {
	local text=$1 limit=${2:-10} end=$((SECONDS + ${2:-10}))
	while [ "$SECONDS" -le "$end" ]; do
		screen | grep -qF -- "$text" && return 0
		sleep 0.05
	done
	fail "'$text' did not appear within ${limit}s"
}

# wait_gone TEXT [SECONDS]: polls until TEXT is no longer on screen.
wait_gone() {
	local text=$1 end=$((SECONDS + ${2:-10}))
	while [ "$SECONDS" -le "$end" ]; do
		screen | grep -qF -- "$text" || return 0
		sleep 0.05
	done
	fail "'$text' still on screen after ${2:-10}s"
}

# wait_exit [SECONDS]: polls until the program in the current session has exited.
wait_exit() {
	local end=$((SECONDS + ${1:-10}))
	while [ "$SECONDS" -le "$end" ]; do
		[ -s "$TMPD/rc.$CUR" ] && return 0
		sleep 0.05
	done
	fail "program did not exit within ${1:-10}s"
}

# exit_status [NAME]: the program's exit status, once it has exited.
exit_status() {
	local name=${1:-$CUR} end=$((SECONDS + 10))
	while [ ! -s "$TMPD/rc.$name" ] && [ "$SECONDS" -le "$end" ]; do sleep 0.05; done
	cat "$TMPD/rc.$name" 2>/dev/null
}

# Runs the CLI with a database; checks its exit status.
hc() { "$HANCHOT" "$@"; }

assert_eq() { [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }
