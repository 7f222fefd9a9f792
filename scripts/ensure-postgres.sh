#!/usr/bin/env bash
# Make sure a local PostgreSQL runs and has role $1 (CREATEDB) with database $1;
# print its DATABASE_URL. Idempotent. Used by .ci/run and `make bench`.
set -euo pipefail
name=${1:-careers_ci}
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
(cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA) >&2 <<SQL
SELECT 'CREATE ROLE $name LOGIN CREATEDB PASSWORD ''$name'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$name')\gexec
ALTER ROLE $name LOGIN CREATEDB PASSWORD '$name';
SELECT 'CREATE DATABASE $name OWNER $name'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$name')\gexec
SQL
echo "postgres://$name:$name@127.0.0.1:5432/$name"
