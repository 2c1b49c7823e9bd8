#!/usr/bin/env bash
# Start a local PostgreSQL for the tests and print the shell line that points the tests at it:
#   eval "$(scripts/test-postgres.sh)"
# Uses Debian's packaged server (the newest installed major version), its "main" cluster on
# loopback, a role and database named runknee_test, and a password made up once per machine (none is
# kept in the repository). Prints nothing when it cannot (not root, no server installed).
set -euo pipefail

# Only the final export line may reach stdout (the caller evals it); everything else, including
# chatter from the PostgreSQL tools such as "Removed stale pid file.", goes to stderr.
exec 3>&1 1>&2

log() { echo "test-postgres: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  log "not root: not starting PostgreSQL"
  exit 0
fi
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z $version ]] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "PostgreSQL is not installed (scripts/ensure-system-packages.sh installs it)"
  exit 0
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >/dev/null 3>&-
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start 3>&-  # the server must not keep the caller's pipe open
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
# Made up once per machine and kept outside the repository, so concurrent runs agree.
secret_file=/var/lib/postgresql/.runknee_test_password
if [[ ! -s $secret_file ]]; then
  (umask 077 && head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$secret_file")
fi
password=$(cat "$secret_file")

as_postgres() { runuser -u postgres -- "$@"; }
for _ in $(seq 1 30); do
  as_postgres psql -p "$port" -Atqc "select 1" >/dev/null 2>&1 && break
  sleep 0.5
done
as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -Atq >/dev/null <<SQL
do \$do\$ begin
  if exists (select 1 from pg_roles where rolname = 'runknee_test') then
    alter role runknee_test with login password '$password';
  else
    create role runknee_test with login password '$password';
  end if;
end \$do\$;
SQL
if ! as_postgres psql -p "$port" -Atqc "select 1 from pg_database where datname = 'runknee_test'" | grep -q 1; then
  as_postgres createdb -p "$port" -O runknee_test runknee_test
fi
echo >&3 "export RUNKNEE_TEST_POSTGRES_URL='postgresql+psycopg://runknee_test:${password}@127.0.0.1:${port}/runknee_test'"
log "PostgreSQL $version on 127.0.0.1:$port, database runknee_test"
