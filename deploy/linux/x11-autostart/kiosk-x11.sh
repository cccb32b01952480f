#!/bin/sh
# Runs the clinic kiosk inside an ordinary X11 desktop session.
#
# Started after login by kiosk.desktop (XDG autostart). It turns the X
# screen saver and monitor power saving (DPMS) off, starts the kiosk, and
# starts it again whenever it stops with an error, waiting a little longer
# after each failure in a row (2, 4, 8 ... up to 60 seconds).
#
# When staff leave through the staff menu ("Exit kiosk"), the kiosk exits with
# status 10 and this script stops too, leaving the desktop to staff (as it
# does on status 0, a window closed in --windowed mode).
#
# Install as /usr/local/bin/kiosk-x11 (see deploy/README.md). To use other
# paths, set KIOSK and KIOSK_CONFIG in the desktop file's Exec line, e.g.
#   Exec=env KIOSK_CONFIG=/home/kiosk/config.yaml /usr/local/bin/kiosk-x11

set -u

KIOSK=${KIOSK:-/opt/kiosk/.venv/bin/kiosk}
KIOSK_CONFIG=${KIOSK_CONFIG:-/etc/kiosk/config.yaml}
FIRST_DELAY=2    # seconds before the first restart
MAX_DELAY=60     # never wait longer than this between restarts
HEALTHY_RUN=300  # a kiosk that ran this long before failing restarts quickly again

say() {
    echo "kiosk-x11: $*" >&2
    # Also into the system log (journalctl -t kiosk-x11), where there is one.
    if command -v logger >/dev/null 2>&1; then
        logger -t kiosk-x11 -- "$*" || true
    fi
}

display_alive() {
    # Without xset we cannot tell; assume the desktop is still there.
    if command -v xset >/dev/null 2>&1; then
        xset q >/dev/null 2>&1
    fi
}

child=""
stop() {
    if [ -n "$child" ]; then
        kill "$child" 2>/dev/null || true
    fi
    exit 0
}
# Logging out or shutting down: stop the kiosk with us, do not restart it.
trap stop HUP INT TERM

if command -v xset >/dev/null 2>&1; then
    # s off: no screen saver; -dpms: no monitor standby/off; s noblank: never blank.
    if ! xset s off -dpms s noblank; then
        say "could not turn screen blanking off (xset failed); the screen may go dark"
    fi
else
    say "xset not found (install the x11-xserver-utils package); the screen may go dark"
fi

delay=$FIRST_DELAY
while :; do
    started=$(date +%s)
    "$KIOSK" --config "$KIOSK_CONFIG" &
    child=$!
    wait "$child"
    status=$?
    child=""
    if [ "$status" -eq 0 ] || [ "$status" -eq 10 ]; then
        say "the kiosk was closed by staff; not restarting it"
        exit 0
    fi
    if ! display_alive; then
        say "the desktop session has ended; not restarting the kiosk"
        exit 0
    fi
    ran=$(($(date +%s) - started))
    if [ "$ran" -ge "$HEALTHY_RUN" ]; then
        delay=$FIRST_DELAY
    fi
    say "the kiosk stopped with status $status after ${ran}s; starting it again in ${delay}s"
    sleep "$delay"
    delay=$((delay * 2))
    if [ "$delay" -gt "$MAX_DELAY" ]; then
        delay=$MAX_DELAY
    fi
done
