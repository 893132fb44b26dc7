# tui_lib.sh - drives the real lprsim in a private tmux server for the
# end-to-end tests of the terminal application (sourced after lib.sh).
# Synchronisation is by polling the screen with a bounded number of tries,
# never by fixed sleeps.
command -v tmux >/dev/null 2>&1 || { echo "$NAME: tmux missing"; exit 1; }
TSOCK="lprsim-e2e-$$"
TSESS=app
tm() { tmux -L "$TSOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
# an idle session keeps the server up while the app's session is replaced
tm new-session -d -s keep -x 80 -y 24 "sleep 3600"

# tui_start [ENV=VALUE...]: starts lprsim (80x24) with the test's database.
tui_start() {
    tm kill-session -t "$TSESS" 2>/dev/null
    tm new-session -d -s "$TSESS" -x 80 -y 24 \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen LPRSIM_DB='$LPRSIM_DB' LPRSIM_ROOT='$LPRSIM_ROOT' $* '$LPRSIM_BIN'; rc=\$?; clear; echo EXITED \$rc; sleep 30"
}
# screen: the current screen text
screen() { tm capture-pane -p -t "$TSESS"; }
keys() { tm send-keys -t "$TSESS" "$@"; }
# type_text TEXT: sends TEXT literally
type_text() { tm send-keys -t "$TSESS" -l "$1"; }

# wait_for PATTERN WHAT: polls the screen (up to 100 tries, 0.05 s apart)
# until grep -E finds PATTERN; records a pass, or fails the script showing
# the screen (the later steps depend on this one).
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        SCREEN=$(screen)
        if printf '%s\n' "$SCREEN" | grep -qE -- "$1"; then ok; return 0; fi
        i=$((i + 1)); sleep 0.05
    done
    FAIL=$((FAIL + 1))
    echo "FAIL [$NAME] $2: screen lacks /$1/" >&2
    printf '%s\n' "$SCREEN" | sed 's/^/  | /' >&2
    finish
    exit 1
}
# expect_screen_no PATTERN WHAT: the last polled screen lacks PATTERN
expect_screen_no() {
    if printf '%s\n' "$SCREEN" | grep -qE -- "$1"; then
        FAIL=$((FAIL + 1)); echo "FAIL [$NAME] $2: screen has /$1/" >&2
    else ok; fi
}
# app_pid: the pid of lprsim inside the tmux pane
app_pid() { pgrep -P "$(tm display-message -p -t "$TSESS" '#{pane_pid}')" -x lprsim; }
