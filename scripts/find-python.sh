#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or explain and fail.
# Looks at $PYTHON, then python3.13/python3.12/python3 on PATH, then pyenv's versions.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for name in python3.14 python3.13 python3.12 python3; do
  path=$(command -v "$name" 2>/dev/null) && candidates+=("$path")
done
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for dir in $(ls -d "$root"/versions/3.* 2>/dev/null | sort -V -r); do
  candidates+=("$dir/bin/python")
done
for candidate in "${candidates[@]}"; do
  if ok "$candidate"; then echo "$candidate"; exit 0; fi
done
echo "No Python >= 3.12 found (looked at \$PYTHON, python3.1x on PATH and $root/versions)." >&2
echo "Install one (e.g. 'pyenv install 3.12') or run: make PYTHON=/path/to/python3.12 run" >&2
exit 1
