#!/bin/sh
# The CORS preflight a browser sends before the agent widget's first POST. Debrief answers
# with Access-Control-Allow-* headers only for origins in server.cors.allowed_origins.
#   ./cors-preflight.sh https://acme.zendesk.com
set -eu
origin=${1:?usage: cors-preflight.sh ORIGIN}
curl -sS -o /dev/null -D - -X OPTIONS "${DEBRIEF_HTTP_URL:-http://127.0.0.1:8080}/v1/tickets:suggest" \
  -H "Origin: $origin" -H 'Access-Control-Request-Method: POST' \
  -H 'Access-Control-Request-Headers: content-type'
