#!/bin/sh
# valgrind for tests/test_engine.py (the deleteMessageFromFrame regression) and `make memcheck`: installed
# from Debian's packages when missing (a fresh CI machine has only Python, pip and gcc).
set -eu
if command -v valgrind >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends valgrind >/dev/null
