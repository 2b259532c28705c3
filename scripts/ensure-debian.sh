#!/bin/sh
# Installs Debian packages the tests need when a file they provide is missing (a fresh CI machine has only
# Python, pip and gcc):  scripts/ensure-debian.sh FILE PACKAGE...
#   chromium (tests/test_report_browser.py):  scripts/ensure-debian.sh /usr/bin/chromium chromium chromium-driver fonts-noto-cjk
#   valgrind (tests/test_engine.py, make memcheck):  scripts/ensure-debian.sh /usr/bin/valgrind valgrind
set -eu
provided=${1:?usage: ensure-debian.sh FILE PACKAGE...}
shift
if [ -x "$provided" ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
