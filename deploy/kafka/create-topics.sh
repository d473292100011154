#!/usr/bin/env bash
# Creates every topic declared in deploy/kafka/topics/*.yaml (the Strimzi KafkaTopic resources) on any Kafka, with
# kafka-topics.sh; topics that exist already are left alone. The YAML files are the one source of truth.
#   deploy/kafka/create-topics.sh --bootstrap-server host:9092 [--replication-factor N] [--min-insync-replicas N]
# The two overrides are for a single-broker run (deploy/local/kafka-local.sh passes 1 and 1).
# KAFKA_TOPICS: the kafka-topics command (default: kafka-topics.sh on the PATH).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bootstrap="" rf="" min_isr=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap-server) bootstrap=$2; shift 2 ;;
    --replication-factor) rf=$2; shift 2 ;;
    --min-insync-replicas) min_isr=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$bootstrap" ] || { echo "usage: $0 --bootstrap-server host:port [--replication-factor N] [--min-insync-replicas N]" >&2; exit 2; }
read -r -a topics_cmd <<<"${KAFKA_TOPICS:-kafka-topics.sh}"

# Reads the fixed shape of our own files: spec.topicName, spec.partitions, spec.replicas, spec.config entries.
field() { sed -n "s/^  $1: *\"\{0,1\}\([^\"]*\)\"\{0,1\} *$/\1/p" "$2"; }
for file in "$here"/topics/*.yaml; do
  name=$(field topicName "$file")
  partitions=$(field partitions "$file")
  replicas=${rf:-$(field replicas "$file")}
  configs=()
  while IFS= read -r entry; do
    key=${entry%%=*} value=${entry#*=}
    [ "$key" = min.insync.replicas ] && [ -n "$min_isr" ] && value=$min_isr
    configs+=(--config "$key=$value")
  done < <(sed -n '/^  config:/,$ s/^    \([a-z.]*\): *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1=\2/p' "$file")
  "${topics_cmd[@]}" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replicas" "${configs[@]}"
  echo "topic $name: $partitions partitions, replication $replicas, ${configs[*]}"
done
