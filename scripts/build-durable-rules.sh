#!/usr/bin/env bash
# Builds durable-rules 2.0.28 from its pinned sdist with the project's patch and installs it into a venv.
#   scripts/build-durable-rules.sh VENV
# The patch (patches/durable_rules-2.0.28.patch) fixes the join segfault (jruizgit/rules#381), the
# import failure on Python 3.13 (PyEval_CallObject), the utcfromtimestamp warning on 3.12, and three memory
# and identity defects of src/rules/state.c (docs/robustness.md, "durable-rules' C engine"): a session's
# action context freed uninitialised, an out-of-bounds loop in deleteMessageFromFrame, facts identified by
# a 32-bit hash of their id; and it makes a session smaller and faster (docs/performance.md).
set -euo pipefail
venv=${1:?usage: build-durable-rules.sh VENV}
here=$(cd "$(dirname "$0")/.." && pwd)
version=2.0.28
sha256=053b26f5e48d312d4fa27995243f954671be6eece477f150c059c364eb4d7d61
cache="$here/build/durable-rules"
sdist="$cache/durable_rules-$version.tar.gz"
wheel_dir="$cache/wheel"
mkdir -p "$cache"
if ! ls "$wheel_dir"/durable_rules-$version-*.whl >/dev/null 2>&1 || [ "$(cat "$cache/patch.sha256" 2>/dev/null)" != "$(sha256sum "$here/patches/durable_rules-$version.patch" | cut -d' ' -f1)" ]; then
  if [ ! -f "$sdist" ]; then
    "$venv/bin/pip" download --quiet --no-deps --no-binary :all: --no-build-isolation -d "$cache" "durable_rules==$version"
  fi
  echo "$sha256  $sdist" | sha256sum --check --quiet
  rm -rf "$cache/src" "$wheel_dir"
  mkdir -p "$cache/src"
  tar xzf "$sdist" -C "$cache/src"
  (cd "$cache/src/durable_rules-$version" && patch --quiet -p1 < "$here/patches/durable_rules-$version.patch")
  "$venv/bin/pip" wheel --quiet --no-deps --no-build-isolation -w "$wheel_dir" "$cache/src/durable_rules-$version"
  sha256sum "$here/patches/durable_rules-$version.patch" | cut -d' ' -f1 > "$cache/patch.sha256"
fi
"$venv/bin/pip" install --quiet --force-reinstall --no-deps "$wheel_dir"/durable_rules-$version-*.whl
