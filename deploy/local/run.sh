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
#   deploy/local/run.sh demo     the whole story, one line per step: people join, a source is onboarded, a person
#                                reads its table in Snowflake, leaves, and is refused (starts the run if it is down)
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
# The sandbox's account administrator (ACCOUNTADMIN), who runs snowflake-setup.sql; `demo` writes the tables of a
# sync with it, as Fivetran's own destination user would in Snowflake.
snowflake_admin_user=ADMIN
snowflake_admin_password=local-admin
# The receiver registers itself as the Fivetran group's webhook once it is up.
export GATEHOUSE_WEBHOOK_REGISTER_ENABLED=true
export GATEHOUSE_WEBHOOK_REGISTER_GROUP_IDS=local_group
export GATEHOUSE_WEBHOOK_REGISTER_PUBLIC_URL="http://127.0.0.1:8183"

# Each service on its own embedded H2 file (GATEHOUSE_DB_URL below): one instance each, on purpose. Without a database
# URL the prod profile refuses to start unless this switch is set; the services log a WARN that H2 is single-instance.
export GATEHOUSE_DB_EMBEDDED=true

# The ops console signs people in with the development sign-in (pick a name and a role), never the local run's
# business: production signs in through the identity provider (OIDC). The console reads no database.
export GATEHOUSE_CONSOLE_DEV_SIGN_IN=true
export GATEHOUSE_OIDC_ENABLED=false
export GATEHOUSE_CONSOLE_DEV_PRIVATE_KEY="$root/libs/testing/src/main/resources/gatehouse/dev-jwt/private-key.pem"

services=(onboarding-service:8181 connector-service:8182 webhook-receiver:8183 grant-service:8184 identity-bridge:8185
  ops-console:8186)
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
    --port 8190 --account LOCAL --admin-user "$snowflake_admin_user" --admin-password "$snowflake_admin_password" \
    --state-file "$data/snowflake-state.json" --init-sql "$here/snowflake-setup.sql"
  for entry in "${services[@]}"; do
    local name=${entry%%:*} port=${entry#*:}
    GATEHOUSE_HTTP_PORT=$port GATEHOUSE_DB_URL="jdbc:h2:file:$data/db/$name;MODE=PostgreSQL" \
      start "$name" "$port" java -Xmx256m -jar "$root/services/$name/target/quarkus-app/quarkus-run.jar"
  done
  cat <<INFO

Gatehouse is up. Ops console: http://127.0.0.1:8186 (development sign-in). Try:
  token=\$($0 token platform-admin)
  curl -s -H "Authorization: Bearer \$token" http://127.0.0.1:8181/onboarding-requests
  $0 demo                (the whole story in eight steps, ending with a person losing access)
  $0 join ada finance     (then: curl -s -H "Authorization: Bearer \$token" http://127.0.0.1:8184/users/ada/access)
  $0 scim-token           (a SCIM bearer token for http://127.0.0.1:8185/scim/v2)
  OpenAPI: http://127.0.0.1:8181/q/openapi  Metrics: http://127.0.0.1:8184/q/metrics
  Fivetran sandbox: http://127.0.0.1:8189   Snowflake sandbox: jdbc:snowflake://127.0.0.1:8190/?ssl=off&account=LOCAL
Stop with: $0 down
INFO
}

down() {
  for name in ops-console identity-bridge grant-service webhook-receiver connector-service onboarding-service snowflake-sandbox \
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
      identity-bridge ops-console; do
    if alive "$name"; then echo "$name: running (pid $(pid_of "$name"))"; else echo "$name: stopped"; fi
  done
}

token() {
  java -cp "$(classpath_of libs/testing)" io.gatehouse.testing.auth.TestTokens "${1:-platform-admin}"
}

json_text() { local s=${1//\\/\\\\}; printf '%s' "${s//\"/\\\"}"; } # a JSON string's inside

ensure_bearer() { # a platform-admin token in $bearer, minted once per run of this script (it lasts an hour)
  [ -n "${bearer:-}" ] || bearer=$(token platform-admin)
}

identity_post() { # path json: POST as the development platform-admin; sets reply_status and reply_body (one line)
  local out
  ensure_bearer
  out=$(curl -sS -X POST -H "Authorization: Bearer $bearer" -H "Content-Type: application/json" --data "$2" \
    -w '\n%{http_code}' "$identity_url$1") || { echo "the identity-bridge does not answer at $identity_url (up?)" >&2; exit 1; }
  reply_status=${out##*$'\n'}
  reply_body=$(printf '%s' "${out%$'\n'*}" | tr -d '\n')
}

hr_event() { # joined|left login business: a one-event HR batch, as an HR system posts it; true when accepted
  local change=$1 login business batch
  login=$(json_text "$2") business=$(json_text "$3")
  # A fresh id each call: the bridge answers a repeated batchId with the first answer and publishes nothing.
  batch="run-sh-$change-$(date -u +%Y%m%dT%H%M%SZ)-$$-$RANDOM"
  local event="{\"change\":\"$change\",\"userId\":\"$login\",\"login\":\"$login\",\"business\":\"$business\"}"
  identity_post /identity-events "{\"batchId\":\"$batch\",\"events\":[$event]}"
  [ "${reply_status:0:1}" = 2 ]
}

membership() { # joined|left login business
  [ $# -eq 3 ] || { echo "usage: $0 join|leave <login> <business>" >&2; exit 2; }
  local accepted=0
  hr_event "$@" || accepted=$?
  echo "$1 $2 $3: HTTP $reply_status $reply_body"
  return "$accepted"
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

# --- demo: the story of tests/e2e OnboardingToAccessIT, told from outside by the people in it ----------------------
# An HR system, the platform team (README's "APIs by example"), the source owner in a browser and an analyst's own
# Snowflake client. Each run asks for a new source (a fresh schema); the people and the table group are reused.
demo_business=finance
demo_table_group=demo_finance
demo_reader=ada demo_reader_password=ada-password   # her Snowflake user is made by snowflake-setup.sql
demo_colleague=grace
connect_card_credential=correct-horse              # the one password the Fivetran sandbox's sources accept
onboarding_url="http://127.0.0.1:8181"
grant_url="http://127.0.0.1:8184"
console_url="http://127.0.0.1:8186"

step() { printf '[%s/8] %s ... ' "$1" "$2"; }
ok() { echo "ok${1:+: $1}"; }
fail() { # message: ends the demo at the step that failed
  echo "FAILED"
  echo "  $1" >&2
  echo "  (each service logs to $run/<name>.log; $0 logs <name> shows the end)" >&2
  exit 1
}

wait_until() { # seconds pause command...: runs the command until it succeeds; false when the time is up
  local deadline=$((SECONDS + $1)) pause=$2; shift 2
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep "$pause"
  done
}

json_string() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2"; } # key json: a string field whose key occurs once
form_value() { # name html: the value of the form field (the sandbox's page escapes &, <, >, " and ')
  sed -n "s/.*name=\"$1\"[^>]* value=\"\([^\"]*\)\".*/\1/p" <<<"$2" | head -1 \
    | sed "s/&lt;/</g; s/&gt;/>/g; s/&quot;/\"/g; s/&#39;/'/g; s/&amp;/\&/g"
}

api() { # method url [curl args...]: a call as the platform-admin; sets reply_status and reply_body (one line)
  local out
  ensure_bearer
  out=$(curl -sS --max-time 20 -X "$1" -H "Authorization: Bearer $bearer" -w '\n%{http_code}' "$2" "${@:3}" 2>&1) \
    || { reply_status=000; reply_body="no answer from $2"; return 1; }
  reply_status=${out##*$'\n'}
  reply_body=$(printf '%s' "${out%$'\n'*}" | tr -d '\n')
}

snowflake_as() { # user password role|- sql...: one session through snowflake-jdbc; sets sf_out and sf_status (0/1/2)
  local user=$1 password=$2 role=$3; shift 3
  sf_status=0
  # The driver unpacks a native library into java.io.tmpdir and leaves it there: keep it under data/run. JBoss
  # LogManager is on the classpath (libs/testing's Quarkus test kit): named up front, it does not warn on stderr.
  mkdir -p "$run/snowflake-tmp"
  sf_out=$(SNOWFLAKE_PASSWORD=$password java -Djava.io.tmpdir="$run/snowflake-tmp" \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$testing_cp" \
    io.gatehouse.testing.snowflake.SnowflakeQuery "$GATEHOUSE_SNOWFLAKE_URL" "$user" "$role" "$@" 2>>"$run/demo.log") \
    || sf_status=$?
}

request_state() { # sets view (the request as GET answers it), state and tables (sorted, comma-separated)
  api GET "$onboarding_url/onboarding-requests/$request_id" || return 1
  view=$reply_body
  state=$(sed -n 's/^{"id":"[^"]*","state":"\([A-Z_]*\)".*/\1/p' <<<"$view")
  tables=$(sed -n 's/.*"tables":\[\([^]]*\)\].*/\1/p' <<<"$view" | tr -d '"' | tr ',' '\n' | sort | paste -sd, -)
  if [ "$state" = FAILED ]; then
    fail "request $request_id FAILED: $(json_string reason "$view")"
  fi
}
request_reached() { request_state && [ "$state" = "$1" ]; }
request_active_with() { request_state && [ "$state" = ACTIVE ] && [ "$tables" = "$1" ]; }

webhook_registered() { # the webhook-receiver has registered itself with the Fivetran group (shortly after it starts)
  curl -sS --max-time 10 -u "$GATEHOUSE_FIVETRAN_API_KEY:$GATEHOUSE_FIVETRAN_API_SECRET" \
    "$GATEHOUSE_FIVETRAN_BASE_URL/v1/webhooks" 2>/dev/null | grep -q "$GATEHOUSE_WEBHOOK_REGISTER_PUBLIC_URL/webhooks/fivetran"
}

return_page_says() { # text url: the page the owner lands on back at Gatehouse
  return_page=$(curl -sS --max-time 20 "$2" 2>&1) && [[ $return_page == *"$1"* ]]
}

complete_connect_card() { # owner link: what the owner's browser does; sets return_url
  local page landed origin action auth host user posted answer alert
  # Gatehouse's owner link sends her on to Fivetran's current card
  page=$(curl -sS --max-time 20 -L -w '\n%{url_effective}' "$1") || fail "the owner link does not answer: $1"
  landed=${page##*$'\n'}
  [[ $landed == "$GATEHOUSE_FIVETRAN_BASE_URL/connect-card/setup?"* ]] \
    || fail "the owner link led to $landed, not to Fivetran's Connect Card"
  origin=${landed%%/connect-card/*}
  action=$(sed -n 's/.*<form method="post" action="\([^"]*\)".*/\1/p' <<<"$page")
  auth=$(form_value auth "$page") host=$(form_value host "$page") user=$(form_value user "$page")
  [ -n "$auth" ] && [ -n "$action" ] || fail "no Connect Card form at $landed"
  # "Save & Test": Fivetran tests the credential and sends the browser back to the redirect URI Gatehouse gave it
  posted=$(curl -sS --max-time 20 -w '\n%{http_code} %{redirect_url}' --data-urlencode "auth=$auth" \
    --data-urlencode "host=$host" --data-urlencode "user=$user" --data-urlencode "password=$connect_card_credential" \
    "$origin$action") || fail "Fivetran's Connect Card does not answer at $origin$action"
  answer=${posted##*$'\n'}
  return_url=${answer#* }
  alert=$(sed -n 's/.*role="alert">\([^<]*\)<.*/\1/p' <<<"$posted")   # the form back with the setup test's message
  [[ $return_url == "$GATEHOUSE_CONNECTOR_RETURN_URL?"* ]] \
    || fail "Fivetran did not send the owner back to $GATEHOUSE_CONNECTOR_RETURN_URL (HTTP ${answer%% *}${alert:+: $alert})"
  # a return page that cannot confirm at once says "being confirmed"; reloads are rate-limited, so not every second
  wait_until 60 5 return_page_says "Setup complete" "$return_url" \
    || fail "the return page does not say \"Setup complete\": $(sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' <<<"${return_page:-}")"
}

land_tables() { # SCHEMA: the tables the sandbox's sql_server_rds source lands, written as Fivetran writes them
  local s=$1
  snowflake_as "$snowflake_admin_user" "$snowflake_admin_password" - \
    "CREATE SCHEMA IF NOT EXISTS RAW.${s}_DBO" "CREATE SCHEMA IF NOT EXISTS RAW.${s}_SALES" \
    "CREATE TABLE IF NOT EXISTS RAW.${s}_DBO.CUSTOMERS (ID NUMBER, NAME VARCHAR)" \
    "CREATE TABLE IF NOT EXISTS RAW.${s}_DBO.ORDERS (ID NUMBER, CUSTOMER_ID NUMBER)" \
    "CREATE TABLE IF NOT EXISTS RAW.${s}_SALES.INVOICES (ID NUMBER, AMOUNT NUMBER)" \
    "INSERT INTO RAW.${s}_DBO.CUSTOMERS VALUES (1, 'Acme'), (2, 'Globex'), (3, 'Initech')"
  [ "$sf_status" = 0 ]
}

readers_of() { # table: sets readers, the logins that read it (grant-service's answer)
  api GET "$grant_url/tables/$1/readers" && [ "$reply_status" = 200 ] || return 1
  readers=$(tr '{' '\n' <<<"$reply_body" | sed -n 's/.*"login":"\([^"]*\)".*/\1/p' | paste -sd, -)
}
read_by() { readers_of "$1" && [[ ",$readers," == *",$2,"* ]]; }

reads() { snowflake_as "$1" "$2" "$3" "SELECT ID, NAME FROM $4" && [ "$sf_status" = 0 ]; }
refused() { # user password role table: Snowflake refuses the SELECT as it refuses an object one may not see
  snowflake_as "$1" "$2" "$3" "SELECT ID, NAME FROM $4"
  [ "$sf_status" = 1 ] && [[ $sf_out == *"does not exist or not authorized"* ]]
}

demo() {
  local entry all_up=1 schema upper expected table reader_upper user_role
  "$here/kafka-local.sh" status >/dev/null 2>&1 || all_up=""
  for entry in fivetran-sandbox snowflake-sandbox "${services[@]}"; do alive "${entry%%:*}" || all_up=""; done
  if [ -z "$all_up" ]; then echo "the local run is not (all) up; starting it first"; up; echo; fi
  [ -f "$root/libs/testing/target/classes/io/gatehouse/testing/snowflake/SnowflakeQuery.class" ] \
    || { echo "libs/testing is not built (SnowflakeQuery): ./mvnw -B -o install -DskipTests -pl libs/testing" >&2; exit 1; }
  testing_cp=$(classpath_of libs/testing)
  trap 'rm -rf "$run/snowflake-tmp"' EXIT
  schema="demo_$(date -u +%Y%m%d_%H%M%S)"
  upper=$(tr '[:lower:]' '[:upper:]' <<<"$schema")
  expected="RAW.${upper}_DBO.CUSTOMERS,RAW.${upper}_DBO.ORDERS,RAW.${upper}_SALES.INVOICES"
  table="RAW.${upper}_DBO.CUSTOMERS"
  reader_upper=$(tr '[:lower:]' '[:upper:]' <<<"$demo_reader")

  step 1 "$demo_reader and $demo_colleague join $demo_business (HR intake of the identity-bridge)"
  hr_event joined "$demo_reader" "$demo_business" || fail "HR batch refused: HTTP $reply_status $reply_body"
  hr_event joined "$demo_colleague" "$demo_business" || fail "HR batch refused: HTTP $reply_status $reply_body"
  ok

  step 2 "the platform team asks for source sql_server_rds as schema $schema, published in $demo_business"
  api POST "$onboarding_url/onboarding-requests" -H "Content-Type: application/json" -H "Idempotency-Key: $schema" \
    --data "{\"service\": \"sql_server_rds\", \"groupId\": \"local_group\", \"schemaName\": \"$schema\",
      \"config\": {\"host\": \"erp.example.com\", \"port\": 1433, \"database\": \"erp\", \"update_method\": \"TELEPORT\"},
      \"owner\": {\"name\": \"Owen Owner\", \"email\": \"owen@example.com\"},
      \"tableGroup\": \"$demo_table_group\", \"businesses\": [\"$demo_business\"]}" || fail "$reply_body"
  [ "${reply_status:0:1}" = 2 ] || fail "POST /onboarding-requests: HTTP $reply_status $reply_body"
  request_id=$(json_string id "$reply_body")
  ok "request $request_id"

  step 3 "the connector-service creates the paused connection in Fivetran and issues the Connect Card"
  wait_until 90 1 request_reached CARD_ISSUED || fail "request $request_id is ${state:-unknown} after 90 s, not CARD_ISSUED"
  owner_link=$(json_string ownerLink "$view")
  [ -n "$owner_link" ] || fail "request $request_id is CARD_ISSUED without an owner link: $view"
  ok "owner link ${owner_link%%\?*}?token=..."

  step 4 "the owner completes the Connect Card (owner link, Fivetran's form, back to Gatehouse)"
  wait_until 60 1 webhook_registered || fail "the webhook-receiver has not registered its webhook with Fivetran"
  complete_connect_card "$owner_link"
  ok "\"Setup complete\" at ${return_url%%\?*}"

  step 5 "the first sync lands the tables; they are published in $demo_business"
  # The Fivetran sandbox does not write into the Snowflake sandbox: its destination user's part is played here.
  land_tables "$upper" || fail "could not write the synced tables into Snowflake: $sf_out"
  wait_until 90 1 request_active_with "$expected" \
    || fail "request $request_id is ${state:-unknown} with tables [${tables:-}] after 90 s, expected ACTIVE with $expected"
  wait_until 60 1 read_by "$table" "$reader_upper" \
    || fail "the grant-service does not list $reader_upper among the readers of $table: [${readers:-}] $reply_body"
  ok "${expected//,/, } (readers of CUSTOMERS: ${readers//,/, })"

  api GET "$grant_url/users/$demo_reader/access"
  user_role=$(json_string userRole "$reply_body")
  [ -n "$user_role" ] || fail "no user role for $demo_reader: HTTP $reply_status $reply_body"
  step 6 "$demo_reader reads $table through snowflake-jdbc as user $reader_upper, role $user_role"
  wait_until 60 1 reads "$reader_upper" "$demo_reader_password" "$user_role" "$table" \
    || fail "$demo_reader cannot read $table: ${sf_out:-}"
  ok
  sed 's/^/      /' <<<"$sf_out"

  step 7 "$demo_reader leaves $demo_business (HR intake)"
  hr_event left "$demo_reader" "$demo_business" || fail "HR batch refused: HTTP $reply_status $reply_body"
  ok

  step 8 "$demo_reader can no longer read $table"
  wait_until 60 1 refused "$reader_upper" "$demo_reader_password" "$user_role" "$table" \
    || fail "60 s after leaving, $demo_reader's read still gets: ${sf_out:-}"
  ok "Snowflake refuses: ${sf_out#refused: }"
  readers_of "$table" || readers="(no answer from the grant-service)"

  cat <<DONE

Done: $demo_reader read $table while she was in $demo_business and lost it when she left.
Its readers now: ${readers:-nobody}.
Ops console: $console_url
Try next:
  T=\$($0 token)
  curl -sS $onboarding_url/onboarding-requests/$request_id -H "Authorization: Bearer \$T"   # its timeline
  curl -sS $grant_url/tables/$table/readers -H "Authorization: Bearer \$T"
  curl -sS "$grant_url/audit?user=$demo_reader&limit=20" -H "Authorization: Bearer \$T"   # the GRANTs and REVOKEs
  $0 join $demo_reader $demo_business     # she is back: the grants return
  $0 demo                     # again: a new source, the same people
DONE
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
  demo) demo ;;
  reset) down; rm -rf "$data"; echo "local data wiped" ;;
  *) echo "usage: $0 up|down|status|logs <name>|token [role]|join <login> <business>|leave <login> <business>|" >&2
     echo "       scim-token [name]|demo|reset" >&2
     exit 2 ;;
esac
