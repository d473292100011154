#!/usr/bin/env bash
# The whole Gatehouse system on this machine, on embedded defaults: a Kafka broker, the Fivetran and
# Snowflake sandboxes, and the five services (embedded H2 databases under deploy/local/data/db).
#   deploy/local/run.sh up       build if needed, start everything, print where it answers
#   deploy/local/run.sh down     stop everything (data kept; `reset` wipes it)
#   deploy/local/run.sh status | logs <name> | token [role] | reset
#   deploy/local/run.sh join <login> <business> | leave <login> <business>
#                                an HR event through the identity-bridge (UserJoinedBusiness / UserLeftBusiness)
#   deploy/local/run.sh scim-token [name]
#                                a SCIM bearer token for an identity provider (or curl) at :8185/scim/v2
# Needs only a JDK 17+: ./mvnw brings Maven, Maven brings every jar from Maven Central.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data="$here/data"
run="$data/run"
mkdir -p "$run" "$data/db"

# Development-only secrets: the local run is not production. Production takes these from its secret store.
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${KAFKA_LOCAL_PORT:-9092}"
export GATEHOUSE_JWT_ISSUER="https://gatehouse.local/dev-idp"
export GATEHOUSE_JWT_PUBLIC_KEY="$root/libs/testing/src/main/resources/gatehouse/dev-jwt/public-key.pem"
# The audience the services require in a token; `token` below mints tokens for it.
export GATEHOUSE_JWT_AUDIENCE="gatehouse"
export GATEHOUSE_FIVETRAN_BASE_URL="http://127.0.0.1:8189"
export GATEHOUSE_FIVETRAN_API_KEY="local-key"
export GATEHOUSE_FIVETRAN_API_SECRET="local-secret"
export GATEHOUSE_CONNECT_CARD_STATE_KEY="local-run-state-key-local-run-state-key"
export GATEHOUSE_WEBHOOK_FIVETRAN_SECRET="local-run-webhook-secret"
export GATEHOUSE_CONNECTOR_RETURN_URL="http://127.0.0.1:8183/connect-card/return"
export GATEHOUSE_SNOWFLAKE_URL="jdbc:snowflake://127.0.0.1:8190/?ssl=off&account=LOCAL"
export GATEHOUSE_SNOWFLAKE_USER="GATEHOUSE_SVC"
export GATEHOUSE_SNOWFLAKE_PASSWORD="local-svc-password"
# The receiver registers itself as the Fivetran group's webhook once it is up.
export GATEHOUSE_WEBHOOK_REGISTER_ENABLED=true
export GATEHOUSE_WEBHOOK_REGISTER_GROUP_IDS=local_group
export GATEHOUSE_WEBHOOK_REGISTER_PUBLIC_URL="http://127.0.0.1:8183"

# Each service on its own embedded H2 file (GATEHOUSE_DB_URL below): one instance each, on purpose. Without a database
# URL the prod profile refuses to start unless this switch is set; the services log a WARN that H2 is single-instance.
export GATEHOUSE_DB_EMBEDDED=true

services=(onboarding-service:8181 connector-service:8182 webhook-receiver:8183 grant-service:8184 identity-bridge:8185)
identity_url="http://127.0.0.1:8185"

pid_of() { cat "$run/$1.pid" 2>/dev/null || true; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # name port seconds
  for _ in $(seq 1 $(( $3 * 4 ))); do
    port_open "$2" && return 0
    alive "$1" || { echo "$1 exited; last lines of $run/$1.log:" >&2; tail -20 "$run/$1.log" >&2; return 1; }
    sleep 0.25
  done
  echo "$1 did not open port $2 in $3 s; see $run/$1.log" >&2; return 1
}

start() { # name port command...
  local name=$1 port=$2; shift 2
  if alive "$name"; then echo "  $name already running"; return 0; fi
  if port_open "$port"; then echo "port $port (for $name) is taken by another process" >&2; return 1; fi
  nohup "$@" >>"$run/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
  wait_port "$name" "$port" 90
  echo "  $name on http://127.0.0.1:$port"
}

classpath_of() { # module -> runtime classpath of the module's jar, cached
  local module=$1 out="$run/$(basename "$1").classpath"
  if [ ! -s "$out" ] || [ "$root/$module/pom.xml" -nt "$out" ]; then
    "$root/mvnw" -q -B -f "$root/pom.xml" -pl "$module" dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$out" >/dev/null
    touch "$out"
  fi
  echo "$root/$module/target/classes:$(cat "$out")"
}

build() {
  if [ "${GATEHOUSE_SKIP_BUILD:-}" = 1 ]; then
    # Skipped only while every service has a jar: a checkout that gained a service builds once more.
    local entry missing=""
    for entry in "${services[@]}"; do
      [ -f "$root/services/${entry%%:*}/target/quarkus-app/quarkus-run.jar" ] || missing=1
    done
    [ -z "$missing" ] && return 0
  fi
  echo "building (./mvnw install -DskipTests; about 2 minutes the first time)..."
  "$root/mvnw" -q -B -f "$root/pom.xml" install -DskipTests
}

up() {
  build
  "$here/kafka-local.sh" up
  start fivetran-sandbox 8189 java -cp "$(classpath_of libs/sandboxes/fivetran)" io.gatehouse.fivetran.sandbox.Main \
    --port=8189 --api-key="$GATEHOUSE_FIVETRAN_API_KEY" --api-secret="$GATEHOUSE_FIVETRAN_API_SECRET" \
    --groups=local_group --credential=correct-horse --sync-seconds=5
  start snowflake-sandbox 8190 java -cp "$(classpath_of libs/sandboxes/snowflake)" io.gatehouse.snowflake.sandbox.Main \
    --port 8190 --account LOCAL --admin-user ADMIN --admin-password local-admin \
    --state-file "$data/snowflake-state.json" --init-sql "$here/snowflake-setup.sql"
  for entry in "${services[@]}"; do
    local name=${entry%%:*} port=${entry#*:}
    GATEHOUSE_HTTP_PORT=$port GATEHOUSE_DB_URL="jdbc:h2:file:$data/db/$name;MODE=PostgreSQL" \
      start "$name" "$port" java -Xmx256m -jar "$root/services/$name/target/quarkus-app/quarkus-run.jar"
  done
  cat <<INFO

Gatehouse is up. Try:
  token=\$($0 token platform-admin)
  curl -s -H "Authorization: Bearer \$token" http://127.0.0.1:8181/onboarding-requests
  $0 join ada finance     (then: curl -s -H "Authorization: Bearer \$token" http://127.0.0.1:8184/users/ada/access)
  $0 scim-token           (a SCIM bearer token for http://127.0.0.1:8185/scim/v2)
  OpenAPI: http://127.0.0.1:8181/q/openapi  Metrics: http://127.0.0.1:8184/q/metrics
  Fivetran sandbox: http://127.0.0.1:8189   Snowflake sandbox: jdbc:snowflake://127.0.0.1:8190/?ssl=off&account=LOCAL
Stop with: $0 down
INFO
}

down() {
  for name in identity-bridge grant-service webhook-receiver connector-service onboarding-service snowflake-sandbox \
      fivetran-sandbox; do
    if alive "$name"; then
      local p; p=$(pid_of "$name")
      kill -TERM "$p"
      for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$p" 2>/dev/null && kill -KILL "$p"
      echo "  $name stopped"
    fi
    rm -f "$run/$name.pid"
  done
  "$here/kafka-local.sh" down
}

status() {
  "$here/kafka-local.sh" status || true
  for name in fivetran-sandbox snowflake-sandbox onboarding-service connector-service webhook-receiver grant-service \
      identity-bridge; do
    if alive "$name"; then echo "$name: running (pid $(pid_of "$name"))"; else echo "$name: stopped"; fi
  done
}

token() {
  java -cp "$(classpath_of libs/testing)" io.gatehouse.testing.auth.TestTokens "${1:-platform-admin}"
}

json_text() { local s=${1//\\/\\\\}; printf '%s' "${s//\"/\\\"}"; } # a JSON string's inside

identity_post() { # path json: POST as the development platform-admin; sets reply_status and reply_body (one line)
  local bearer out
  bearer=$(token platform-admin)
  out=$(curl -sS -X POST -H "Authorization: Bearer $bearer" -H "Content-Type: application/json" --data "$2" \
    -w '\n%{http_code}' "$identity_url$1") || { echo "the identity-bridge does not answer at $identity_url (up?)" >&2; exit 1; }
  reply_status=${out##*$'\n'}
  reply_body=$(printf '%s' "${out%$'\n'*}" | tr -d '\n')
}

membership() { # joined|left login business: a one-event HR batch, as an HR system posts it
  local change=$1
  [ $# -eq 3 ] || { echo "usage: $0 join|leave <login> <business>" >&2; exit 2; }
  local login business batch
  login=$(json_text "$2") business=$(json_text "$3")
  # A fresh id each call: the bridge answers a repeated batchId with the first answer and publishes nothing.
  batch="run-sh-$change-$(date -u +%Y%m%dT%H%M%SZ)-$$-$RANDOM"
  local event="{\"change\":\"$change\",\"userId\":\"$login\",\"login\":\"$login\",\"business\":\"$business\"}"
  identity_post /identity-events "{\"batchId\":\"$batch\",\"events\":[$event]}"
  echo "$change $2 $3: HTTP $reply_status $reply_body"
  [ "${reply_status:0:1}" = 2 ]
}

scim_token() { # name: prints the new token alone on stdout (it is shown only this once)
  identity_post /scim-tokens "{\"name\":\"$(json_text "$1")\"}"
  if [ "$reply_status" != 201 ]; then
    echo "no SCIM token: HTTP $reply_status $reply_body" >&2; exit 1
  fi
  local id
  id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$reply_body")
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$reply_body"
  echo "SCIM token \"$1\" for $identity_url/scim/v2, shown this once (revoke: DELETE /scim-tokens/$id)" >&2
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  logs) tail -n "${3:-100}" "$run/${2:?name}.log" ;;
  token) token "${2:-platform-admin}" ;;
  join) shift; membership joined "$@" ;;
  leave) shift; membership left "$@" ;;
  scim-token) scim_token "${2:-local-idp}" ;;
  reset) down; rm -rf "$data"; echo "local data wiped" ;;
  *) echo "usage: $0 up|down|status|logs <name>|token [role]|join <login> <business>|leave <login> <business>|" >&2
     echo "       scim-token [name]|reset" >&2
     exit 2 ;;
esac
