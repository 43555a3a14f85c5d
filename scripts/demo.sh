#!/usr/bin/env bash
# `make demo`: compile the bundled schema, provision a database, start the
# generated server and, once it listens, print example calls. Ctrl-C stops
# the server (and the private database when this script started one).
#
# The Makefile passes DMSC, SERVER, SCHEMA, EXTENSION, OUT, LISTEN, DEVDB and
# DEMO_DB. The database:
#   DEMO_DB=postgres://...  that database (created when missing);
#   DEMO_DB=private         a private PostgreSQL cluster in $DEVDB (dmsc devdb);
#   DEMO_DB empty           dmsc_demo on 127.0.0.1:5432 when something listens
#                           there, else the private cluster.
set -euo pipefail

: "${DMSC:?}" "${SERVER:?}" "${SCHEMA:?}" "${EXTENSION:?}" "${OUT:?}" "${LISTEN:?}" "${DEVDB:?}"
DEMO_DB="${DEMO_DB:-}"
schemas=(--schema "$SCHEMA" --schema "$EXTENSION")

# run echoes a command, as make does, and runs it.
run() {
  echo "$*"
  "$@"
}

# listening HOST PORT: something accepts TCP connections there.
listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# The address clients use to reach LISTEN ([::]:8080, :8080, host:8080).
port=${LISTEN##*:}
host=${LISTEN%:*}
host=${host#[}
host=${host%]}
case "$host" in
  "" | 0.0.0.0) host=127.0.0.1 ;;
  ::) host=::1 ;;
esac
if listening "$host" "$port"; then
  echo "demo: $LISTEN is already in use; stop what listens there or choose another address: make demo LISTEN=127.0.0.1:8081" >&2
  exit 1
fi

private=""
stop_private() {
  if [ -n "$private" ]; then "$DMSC" devdb stop --dir "$DEVDB" || true; fi
}
trap stop_private EXIT

if [ -z "$DEMO_DB" ]; then
  if listening 127.0.0.1 5432; then
    DEMO_DB=postgres://postgres@127.0.0.1:5432/dmsc_demo?sslmode=disable
  else
    echo "No PostgreSQL on 127.0.0.1:5432: using a private one in $DEVDB (make demo DEMO_DB=postgres://... to choose)."
    DEMO_DB=private
  fi
fi
if [ "$DEMO_DB" = private ]; then
  DEMO_DB=$("$DMSC" devdb start --dir "$DEVDB" --database dmsc_demo)
  private=1
fi

run "$DMSC" schema inspect "${schemas[@]}"
run "$DMSC" ddl emit "${schemas[@]}" --output "$OUT" --ddl-manifest
run "$DMSC" ddl provision "${schemas[@]}" --connection-string "$DEMO_DB" --create-database
run "$DMSC" db verify "${schemas[@]}" --connection-string "$DEMO_DB"
# The bundled schema's claim sets (SISVendor, ReadOnly, FullAccess,
# NamespaceVendor), replacing any loaded before.
run "$DMSC" claims load --connection-string "$DEMO_DB" "$(dirname "$SCHEMA")/claims.json"
run "$DMSC" fake "${schemas[@]}" --count 2 --out "$OUT/documents.ndjson"
# A demo API client that may write everything, so that the sample load
# works (the secret is shown once; only its hash is stored).
echo "$DMSC" client create --connection-string "$DEMO_DB" --claim-set FullAccess --namespace-prefix uri://ed-fi.org --name "make demo" --json
credentials=$("$DMSC" client create --connection-string "$DEMO_DB" --claim-set FullAccess \
  --namespace-prefix uri://ed-fi.org --name "make demo" --json)
client_id=$(printf '%s' "$credentials" | sed -n 's/.*"client_id": *"\([^"]*\)".*/\1/p')
client_secret=$(printf '%s' "$credentials" | sed -n 's/.*"client_secret": *"\([^"]*\)".*/\1/p')

echo
echo "$SERVER" --connection-string "$DEMO_DB" --listen "$LISTEN"
"$SERVER" --connection-string "$DEMO_DB" --listen "$LISTEN" &
server=$!
interrupted=""
trap 'interrupted=1; kill -INT "$server" 2>/dev/null || true' INT TERM
until listening "$host" "$port"; do
  if ! kill -0 "$server" 2>/dev/null; then
    status=0
    wait "$server" || status=$?
    echo "demo: the server did not start (see its message above)" >&2
    exit $((status == 0 ? 1 : status))
  fi
  sleep 0.1
done

cat <<EOF

The generated server is listening on http://$LISTEN. Ctrl-C stops it. Data requests need a bearer token;
the demo client $client_id (claim set FullAccess; dmsc client create --claim-set SISVendor ... makes a
vendor-like one) gets one. Try:
  curl -s http://$LISTEN/
  TOKEN=\$(curl -s -X POST http://$LISTEN/oauth/token -u '$client_id:$client_secret' -d grant_type=client_credentials \\
         | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  curl -s -X POST http://$LISTEN/data/ed-fi/gradeLevelDescriptors -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
       -d '{"namespace":"uri://ed-fi.org/GradeLevelDescriptor","codeValue":"Ninth grade","shortDescription":"Ninth grade"}' -i
  curl -s 'http://$LISTEN/data/ed-fi/gradeLevelDescriptors?limit=5&totalCount=true' -H "Authorization: Bearer \$TOKEN" -i
  $DMSC load --url http://$LISTEN --client-id $client_id --client-secret $client_secret $OUT/documents.ndjson   # sample documents for every resource

EOF

status=0
while kill -0 "$server" 2>/dev/null; do
  if wait "$server"; then status=0; else status=$?; fi
done
if [ -n "$interrupted" ]; then status=0; fi
exit "$status"
