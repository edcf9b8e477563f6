#!/bin/sh
# Creates the mtls-edge topics with kafka-topics.sh from the Apache Kafka image. Topics that
# already exist are left as they are. Used by docker-compose.yml and by the Kubernetes Job.
#
#   KAFKA_BOOTSTRAP_SERVERS   the cluster, for example kafka:9092
#   MTLS_KAFKA_TOPIC_PREFIX   put in front of every topic name; empty for the standard names
#   TOPIC_REPLICATION_FACTOR  replicas per partition; the broker's default when empty
#   KAFKA_WAIT_SECONDS        how long to wait for the cluster to answer; default 120
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS is required}"
PREFIX="${MTLS_KAFKA_TOPIC_PREFIX:-}"
REPLICATION="${TOPIC_REPLICATION_FACTOR:-}"
WAIT="${KAFKA_WAIT_SECONDS:-120}"
TOPICS="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"

SEVEN_DAYS_MS=604800000
THIRTY_DAYS_MS=2592000000

waited=0
until "$TOPICS" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do
  if [ "$waited" -ge "$WAIT" ]; then
    echo "Kafka at $BOOTSTRAP did not answer within ${WAIT}s" >&2
    exit 1
  fi
  sleep 5
  waited=$((waited + 5))
done

# create <topic> <partitions> [<key>=<value> ...]
create() {
  topic="$PREFIX$1"
  partitions="$2"
  shift 2
  options="--partitions $partitions"
  if [ -n "$REPLICATION" ]; then
    options="$options --replication-factor $REPLICATION"
  fi
  for setting in "$@"; do
    options="$options --config $setting"
  done
  # $options is split on purpose: it holds flags and values without spaces.
  # shellcheck disable=SC2086
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" $options
  echo "topic $topic ready"
}

# The config topic has one partition: it is the total order of every config change.
create edge.config 1 cleanup.policy=compact min.compaction.lag.ms=0
create edge.invalidations 1 retention.ms=$SEVEN_DAYS_MS
create edge.status 1 cleanup.policy=compact
create edge.connections 3 retention.ms=$SEVEN_DAYS_MS
create inspector.findings 3 retention.ms=$THIRTY_DAYS_MS
echo "all topics ready"
