#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft) as its own process on 127.0.0.1:9092, from Maven Central jars.
#   deploy/local/kafka-local.sh up | down | status | logs | reset
# Data and log live under deploy/local/data/kafka (ignored by git); `reset` wipes them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data="$here/data/kafka"
port="${KAFKA_LOCAL_PORT:-9092}"
controller_port="${KAFKA_LOCAL_CONTROLLER_PORT:-9093}"
cp_file="$data/kafka.classpath"
pid_file="$data/kafka.pid"
log_file="$data/kafka.log"
props="$data/server.properties"
# Fixed so a re-format of an existing data dir never fails on a cluster id mismatch.
cluster_id="R2F0ZWhvdXNlTG9jYWwwMQ"

is_running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

classpath() {
  mkdir -p "$data"
  if [ ! -s "$cp_file" ] || [ "$here/kafka/pom.xml" -nt "$cp_file" ]; then
    "$root/mvnw" -q -B -f "$here/kafka/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
    touch "$cp_file"   # the plugin leaves an unchanged file alone; keep the freshness check honest
  fi
  cat "$cp_file"
}

write_props() {
  cat >"$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics are declared (deploy/kafka/topics), never auto-created: up applies the same definitions as production.
auto.create.topics.enable=false
PROPS
}

up() {
  if is_running; then echo "kafka already running (pid $(cat "$pid_file")) on 127.0.0.1:$port"; return 0; fi
  if port_open "$port"; then echo "port $port is taken by another process; set KAFKA_LOCAL_PORT" >&2; exit 1; fi
  local cp started
  cp=$(classpath)
  write_props
  if [ ! -f "$data/logs/meta.properties" ]; then
    java -cp "$cp" kafka.tools.StorageTool format --standalone --ignore-formatted -t "$cluster_id" -c "$props" >>"$log_file" 2>&1
  fi
  started=$(date +%s%N)
  nohup java -Xms64m -Xmx384m -XX:TieredStopAtLevel=1 -cp "$cp" kafka.Kafka "$props" >>"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 120); do
    if port_open "$port"; then
      echo "kafka up on 127.0.0.1:$port (pid $(cat "$pid_file"), $(( ($(date +%s%N) - started) / 1000000 )) ms)"
      topics "$cp"
      return 0
    fi
    is_running || { echo "kafka exited; see $log_file" >&2; tail -20 "$log_file" >&2; exit 1; }
    sleep 0.25
  done
  echo "kafka did not open port $port in 30 s; see $log_file" >&2; exit 1
}

topics() { # classpath: the declared topics, on one broker (replication 1, min.insync.replicas 1)
  KAFKA_TOPICS="java -cp $1 org.apache.kafka.tools.TopicCommand" "$root/deploy/kafka/create-topics.sh" \
    --bootstrap-server "127.0.0.1:$port" --replication-factor 1 --min-insync-replicas 1 >>"$log_file" 2>&1 \
    || { echo "creating the topics failed; see $log_file" >&2; exit 1; }
  echo "topics declared (deploy/kafka/topics)"
}

down() {
  if ! is_running; then echo "kafka not running"; rm -f "$pid_file"; return 0; fi
  local pid; pid=$(cat "$pid_file")
  kill -TERM "$pid"   # controlled shutdown
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$pid_file"
  echo "kafka stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) if is_running; then echo "running (pid $(cat "$pid_file")) on 127.0.0.1:$port"; else echo "stopped"; exit 3; fi ;;
  logs) tail -n "${2:-100}" "$log_file" ;;
  reset) down; rm -rf "$data"; echo "kafka data wiped" ;;
  *) echo "usage: $0 up|down|status|logs|reset" >&2; exit 2 ;;
esac
