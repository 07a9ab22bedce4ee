#!/usr/bin/env bash
# scripts/with-postgres.sh <command...>: runs the command with TEST_DATABASE_URL pointing at a
# throwaway PostgreSQL 15 cluster that is removed afterwards.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "no $PGBIN/initdb: apt-get install -y postgresql-15" >&2; exit 1; }
DIR=$(mktemp -d "${TMPDIR:-/tmp}/pg-throwaway.XXXXXX")
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DIR"; AS=(runuser -u postgres --); fi
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cleanup() {
  (cd "$DIR" && "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1) || true
  rm -rf "$DIR"
}
trap cleanup EXIT
(cd "$DIR" && "${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log" 2>&1) \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
(cd "$DIR" && "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null) \
  || { cat "$DIR/server.log" >&2; exit 1; }
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
"$@"
