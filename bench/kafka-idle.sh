#!/usr/bin/env bash
# Idle CPU of an engine with one Kafka trigger on a live, idle noida-db broker, over 30 s,
# for the engine and for the broker (from /proc/<pid>/stat). Needs kcat (to create the topic)
# and .venv-kafka (bench/kafka-broker.sh or .ci/setup installs it).
#   bench/kafka-idle.sh [path/to/s]        # default: target/release/s
set -euo pipefail
cd "$(dirname "$0")/.."
S=${1:-$PWD/target/release/s}
work=$(mktemp -d)
bport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
eport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
B=$(ls .venv-kafka/lib/*/site-packages/noida_db/noida-db | head -n 1)
$B start --only kafka --host 127.0.0.1 --kafka-port $bport --data-dir $work/kd >/dev/null 2>&1 &
bpid=$!
export S_HOME=$work/home S_ENGINE=http://127.0.0.1:$eport NO_COLOR=1
mkdir -p $S_HOME; echo "default: 127.0.0.1:$bport" > $S_HOME/kafka.yaml
cleanup() { "$S" engine stop >/dev/null 2>&1 || true; kill $bpid 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
while ! (exec 3<>/dev/tcp/127.0.0.1/$bport) 2>/dev/null; do sleep 0.1; done
echo hello | kcat -P -b 127.0.0.1:$bport -t orders
mkdir -p $work/p/code; echo 'def handler(e, c): return "ok"' > $work/p/code/index.py
cat > $work/p/s.yaml <<YAML
edition: 3.0.0
name: k
resources:
  etl:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: etl
      runtime: python3.10
      handler: index.handler
      code: ./code
      triggers:
        - triggerName: orders
          triggerType: eventbridge
          triggerConfig:
            triggerEnable: true
            asyncInvocationType: false
            eventSourceConfig:
              eventSourceType: Kafka
              eventSourceParameters:
                sourceKafkaParameters:
                  RegionId: cn-hangzhou
                  InstanceId: alikafka_local
                  Topic: orders
                  ConsumerGroup: etl-group
                  OffsetReset: earliest
            eventSinkConfig:
              deliveryOption:
                mode: event-streaming
                eventSchema: CloudEvents
            runOptions:
              mode: event-streaming
              maximumTasks: 1
              errorsTolerance: ALL
YAML
(cd $work/p && "$S" deploy -y >/dev/null)
sleep 5 # let the first delivery and the consumer group settle before measuring
epid=$(ss -ltnp | grep ":$eport " | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
t0=$(awk '{print $14+$15}' /proc/$epid/stat); b0=$(awk '{print $14+$15}' /proc/$bpid/stat)
sleep 30
t1=$(awk '{print $14+$15}' /proc/$epid/stat); b1=$(awk '{print $14+$15}' /proc/$bpid/stat)
hz=$(getconf CLK_TCK)
echo "engine idle CPU over 30 s: $(python3 -c "print(round(($t1-$t0)/$hz/30*100,1))")% of a core; broker: $(python3 -c "print(round(($b1-$b0)/$hz/30*100,1))")%"
