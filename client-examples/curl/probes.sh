#!/bin/sh
# The operational endpoints: liveness, readiness (503 while starting or draining) and the
# Prometheus metrics (here only Debrief's own series).
#   ./probes.sh
set -eu
url=${DEBRIEF_HTTP_URL:-http://127.0.0.1:8080}
echo "GET /healthz: $(curl -sS --fail-with-body "$url/healthz")"
echo "GET /readyz:  $(curl -sS --fail-with-body "$url/readyz")"
echo "GET /metrics:"
curl -sS --fail-with-body "$url/metrics" | grep '^debrief_'
