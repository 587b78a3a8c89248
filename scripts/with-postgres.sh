#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 (Debian `postgresql`, temporary data directory),
# runs a command with DATABASE_URL pointing at it, then stops the server and removes the data.
set -euo pipefail
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt: postgresql)" >&2
  exit 2
fi
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(runuser -u postgres --); fi  # postgres refuses to run as root

data_dir=$(mktemp -d /tmp/croko-pg.XXXXXX)
chmod 700 "$data_dir"
[ "$(id -u)" = 0 ] && chown postgres "$data_dir"
port=$(( 20000 + RANDOM % 20000 ))
cleanup() {
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

"${run_as[@]}" "$pg_bin/initdb" -D "$data_dir" -U croko --auth=trust -E UTF8 --no-instructions >/dev/null
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data_dir -c fsync=off -c max_connections=200" start >/dev/null
"${run_as[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U croko croko

export DATABASE_URL="postgres://croko@127.0.0.1:$port/croko"
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
