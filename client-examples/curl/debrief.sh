#!/bin/sh
# POST /v1/tickets:debrief — what a helpdesk bridge sends when a ticket closes. The body is
# an OnTicketClosedRequest in protobuf's JSON mapping; the answer an OnTicketClosedResponse.
#   ./debrief.sh ../tickets/double-charge.json
# Exit status 22 on an HTTP error; the JSON error body (naming the field) is still printed.
set -eu
ticket=${1:?usage: debrief.sh TICKET.json}
{ printf '{"ticket":'; cat "$ticket"; printf '}'; } |
  curl -sS --fail-with-body -X POST "${DEBRIEF_HTTP_URL:-http://127.0.0.1:8080}/v1/tickets:debrief" \
    -H 'Content-Type: application/json' --data-binary @-
echo
