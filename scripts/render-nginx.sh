#!/usr/bin/env bash
# Render deploy/nginx/careers.conf.template into $STACK_DIR/nginx.conf.
# Needs: STACK_DIR, STACK_PORT, STATIC_ROOT, MEDIA_ROOT, UPSTREAMS ("127.0.0.1:8001 127.0.0.1:8002"),
# optionally RESUME_MAX_BYTES (default 10 MB).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
: "${STACK_DIR:?}" "${STACK_PORT:?}" "${STATIC_ROOT:?}" "${MEDIA_ROOT:?}" "${UPSTREAMS:?}"
resume=${RESUME_MAX_BYTES:-10485760}
export CLIENT_MAX_BODY_SIZE=$(( 2 * resume + 1048576 ))
export MEDIA_PARENT=$(dirname "$MEDIA_ROOT")
if [ "$(basename "$MEDIA_ROOT")" != media ]; then
  echo "MEDIA_ROOT must end in /media (nginx maps /media/ under its parent)" >&2; exit 2
fi
export UPSTREAM_SERVERS=$(for u in $UPSTREAMS; do printf 'server %s max_fails=1 fail_timeout=2s; ' "$u"; done)
mkdir -p "$STACK_DIR"
export NGINX_USER=${NGINX_USER:-$(id -un)}
export LISTEN=${LISTEN:-127.0.0.1:$STACK_PORT}
export STACK_DIR STACK_PORT STATIC_ROOT
python3 - "$root/deploy/nginx/careers.conf.template" > "$STACK_DIR/nginx.conf" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
print(re.sub(r"\$\{([A-Z_]+)\}", lambda m: os.environ[m.group(1)], text), end="")
PY
echo "$STACK_DIR/nginx.conf"
