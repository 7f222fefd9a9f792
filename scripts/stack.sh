#!/usr/bin/env bash
# make stack: nginx on 127.0.0.1:$STACK_PORT (8080) in front of two gunicorns, with PostgreSQL (the
# machine's, started if needed), Redis, an S3-compatible server (moto), the task worker and the
# housekeeping schedule, all under honcho (Procfile.stack). `make stack-down` stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
STACK_PORT=${STACK_PORT:-8080}
STACK_DIR=${STACK_DIR:-$root/var/stack}
if [ -f "$STACK_DIR/honcho.pid" ] && kill -0 "$(cat "$STACK_DIR/honcho.pid")" 2>/dev/null; then
  echo "The stack already runs (make stack-down stops it)."; exit 0
fi
mkdir -p "$STACK_DIR/media" "$STACK_DIR/static" "$STACK_DIR/tmp"
database=${DATABASE_URL:-$(scripts/ensure-postgres.sh careers_stack)}
secret_file=$STACK_DIR/secret_key; [ -f "$secret_file" ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > "$secret_file"
key_file=$STACK_DIR/field_key; [ -f "$key_file" ] || .venv/bin/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" > "$key_file"
cat > "$STACK_DIR/stack.env" <<ENV
PATH=$root/.venv/bin:$PATH
DJANGO_ENV=development
DEBUG=false
SECRET_KEY=$(cat "$secret_file")
FIELD_ENCRYPTION_KEYS=$(cat "$key_file")
ALLOWED_HOSTS=127.0.0.1,localhost
DATABASE_URL=$database
VAR_DIR=$STACK_DIR
MEDIA_ROOT=$STACK_DIR/media
STATIC_ROOT=$STACK_DIR/static
STACK_DIR=$STACK_DIR
REDIS_PORT=$((STACK_PORT + 11))
REDIS_URL=redis://127.0.0.1:$((STACK_PORT + 11))/0
S3_PORT=$((STACK_PORT + 12))
PRIVATE_STORAGE_BUCKET=careers-private
PRIVATE_STORAGE_ENDPOINT_URL=http://127.0.0.1:$((STACK_PORT + 12))
PRIVATE_STORAGE_REGION=eu-west-2
PRIVATE_STORAGE_ACCESS_KEY_ID=stack
PRIVATE_STORAGE_SECRET_ACCESS_KEY=stack
WEB1_PORT=$((STACK_PORT + 1))
WEB2_PORT=$((STACK_PORT + 2))
TASKS_BACKEND=django_tasks_db.DatabaseBackend
BEHIND_PROXY=true
TRUSTED_PROXY_COUNT=1
SITE_URL=http://127.0.0.1:$STACK_PORT
ENV
set -a; . "$STACK_DIR/stack.env"; set +a
export REDIS_URL_LATER=$REDIS_URL; unset REDIS_URL  # Redis starts with the stack below
python manage.py migrate --noinput >/dev/null
python manage.py createcachetable
python manage.py collectstatic --noinput >/dev/null
python manage.py load_demo
export REDIS_URL=$REDIS_URL_LATER
STACK_PORT=$STACK_PORT UPSTREAMS="127.0.0.1:$WEB1_PORT 127.0.0.1:$WEB2_PORT" scripts/render-nginx.sh >/dev/null
setsid honcho -f Procfile.stack -e "$STACK_DIR/stack.env" start >"$STACK_DIR/stack.log" 2>&1 &
echo $! > "$STACK_DIR/honcho.pid"
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null "http://127.0.0.1:$STACK_PORT/healthz"; then
    echo "Stack up: http://127.0.0.1:$STACK_PORT/careers/  (logs: $STACK_DIR/stack.log; stop: make stack-down)"
    exit 0
  fi
  sleep 1
done
echo "The stack did not answer on :$STACK_PORT within 60 s; last log lines:" >&2
tail -n 30 "$STACK_DIR/stack.log" >&2
exit 1
