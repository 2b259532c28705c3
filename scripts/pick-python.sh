#!/bin/sh
# Prints the interpreter `make` builds .venv/ with: the distribution's python3 when it is 3.11 or newer and has
# venv and its headers (Debian and Ubuntu build it with profile-guided optimisation and LTO, libpython linked
# into the binary: 1.3x the speed of a default pyenv build, `--enable-shared` without
# `--enable-optimizations`, on the same code; docs/performance.md), else the python3 on PATH.
# `make PYTHON=/path/to/python3` chooses another.
for candidate in /usr/bin/python3; do
    if [ -x "$candidate" ] && "$candidate" - <<'PY' 2>/dev/null
import os, sys, sysconfig
import ensurepip, venv  # Debian: the python3-venv package
sys.exit(sys.version_info < (3, 11) or not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))
PY
    then
        echo "$candidate"
        exit 0
    fi
done
echo python3
