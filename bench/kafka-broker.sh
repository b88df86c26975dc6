#!/usr/bin/env bash
# A Kafka-protocol broker for trying Kafka triggers locally: noida-db (the broker the tests use,
# installed into .venv-kafka/ on first use), in the foreground, on 127.0.0.1:9092 by default.
#   bench/kafka-broker.sh            # 127.0.0.1:9092, the engine's default broker
#   bench/kafka-broker.sh 19092      # another port; the script prints the `kafka.yaml` line
# Data stays in $KAFKA_DATA_DIR (default: a `kafka-broker` folder under $S_HOME or ~/.s), so
# topics and committed offsets survive a restart. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${1:-9092}
case $port in
  '' | *[!0-9]*) echo "error: the port must be a number, not \`$port\`" >&2; exit 2 ;;
esac
data=${KAFKA_DATA_DIR:-${S_HOME:-$HOME/.s}/kafka-broker}

if ! ls .venv-kafka/lib/*/site-packages/noida_db/noida-db >/dev/null 2>&1; then
  echo "kafka-broker: installing noida-db into .venv-kafka" >&2
  python3 -m venv .venv-kafka
  .venv-kafka/bin/pip install -q --disable-pip-version-check 'noida-db==0.2.3'
fi
broker=$(ls .venv-kafka/lib/*/site-packages/noida_db/noida-db | head -n 1)

mkdir -p "$data"
chmod 700 "$data"
if [ "$port" != 9092 ]; then
  echo "kafka-broker: point the engine at it with this line in \`${S_HOME:-~/.s}/kafka.yaml\`:" >&2
  echo "  default: 127.0.0.1:$port" >&2
fi
# The binary itself rather than its Python launcher, so that Ctrl-C really stops the broker.
exec "$broker" start --only kafka --host 127.0.0.1 --kafka-port "$port" --data-dir "$data"
