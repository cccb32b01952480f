#!/bin/sh
# kiosk.service's ExecStart: shows the kiosk full screen under cage, and
# exits with the kiosk's own exit status.
#
# Why not start cage directly: cage 0.1.4 (Debian 12) exits 0 whatever the
# program it showed did, so systemd could not tell "Exit kiosk" in the staff
# menu (status 10: stop, do not restart) from a crash (restart). This script
# runs itself again inside cage, keeps the kiosk's status in the service's
# runtime folder, and hands it on once cage is gone.
#
# Install as /usr/local/bin/kiosk-cage (deploy/README.md, step 8).
# Usage: kiosk-cage KIOSK-PROGRAM [ARGUMENTS...]

set -u

status_file="${RUNTIME_DIRECTORY:-/run/kiosk}/kiosk-exit-status"

if [ "${1:-}" = "--inside-cage" ]; then
    shift
    "$@"
    status=$?
    echo "$status" >"$status_file"
    exit "$status"
fi

rm -f "$status_file"
/usr/bin/cage -- "$0" --inside-cage "$@"
cage_status=$?
if [ -s "$status_file" ]; then
    exit "$(cat "$status_file")"
fi
# The kiosk never ran (cage could not start): report cage's failure.
if [ "$cage_status" -eq 0 ]; then
    exit 1
fi
exit "$cage_status"
