#!/bin/sh
# POST /v1/tickets:suggest — tag suggestions for an open ticket (what the agent widget calls).
# Keep the decisionId of the answer: feedback.sh sends the agent's choice back with it.
#   ./suggest.sh ../tickets/sso-lockout.json [MAX_TAGS]
set -eu
ticket=${1:?usage: suggest.sh TICKET.json [MAX_TAGS]}
{ printf '{"maxTags":%d,"ticket":' "${2:-0}"; cat "$ticket"; printf '}'; } |
  curl -sS --fail-with-body -X POST "${DEBRIEF_HTTP_URL:-http://127.0.0.1:8080}/v1/tickets:suggest" \
    -H 'Content-Type: application/json' --data-binary @-
echo
