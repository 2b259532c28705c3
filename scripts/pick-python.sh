#!/bin/sh
# Prints the interpreter `make` builds .venv/ with: the distribution's /usr/bin/python3 when it is 3.11 or newer
# and has venv and its headers, else the python3 on PATH. Debian and Ubuntu build theirs with profile-guided
# optimisation and LTO, libpython linked into the binary: it ran kefu-check 1.2-1.3x as fast as a default pyenv
# build (`--enable-shared`, no `--enable-optimizations`) on the same code (docs/performance.md).
# `make PYTHON=/path/to/python3` chooses another.
candidate=/usr/bin/python3
if [ -x "$candidate" ] && "$candidate" - <<'PY' 2>/dev/null
import os, sys, sysconfig
import ensurepip, venv  # Debian: the python3-venv package
sys.exit(sys.version_info < (3, 11) or not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))
PY
then
    echo "$candidate"
else
    echo python3
fi
