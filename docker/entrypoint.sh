#!/usr/bin/env bash
# Container start: bring the database schema and static files up to date, then serve.
# CI runs this same script (with RUN_SERVER=no) against PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python )}

$PY manage.py check --deploy --fail-level WARNING
$PY manage.py migrate --noinput
$PY manage.py createcachetable
$PY manage.py collectstatic --noinput --verbosity 0
if [ "${LOAD_DEMO:-no}" = "yes" ]; then
  $PY manage.py load_demo
fi

# No gunicorn access log: the app logs one line per request with a request id and
# the URL pattern only (config/middleware.py); raw paths and queries can hold personal data.
# The error log's logger class likewise names the URL pattern of a request that broke.
if [ "${RUN_SERVER:-yes}" = "yes" ]; then
  exec gunicorn config.wsgi:application \
    --bind "0.0.0.0:${PORT:-8000}" \
    --workers "${WEB_CONCURRENCY:-3}" \
    --error-logfile - \
    --logger-class config.gunicorn_logging.GunicornLogger \
    --max-requests 1000 --max-requests-jitter 100 \
    --timeout 60
fi
