#!/bin/sh
# POST /v1/feedback — what the agent did with a suggestion (a RecordFeedbackRequest):
# tags accepted, rejected, or added although not suggested. 404 for an unknown decision id.
#   ./feedback.sh DECISION_ID accept=billing/invoice reject=billing/refund/request add=vip
set -eu
decision=${1:?usage: feedback.sh DECISION_ID [accept=TAG|reject=TAG|add=TAG]...}
shift
accepted="" rejected="" added=""
for choice in "$@"; do
  tag="\"${choice#*=}\""
  case $choice in
    accept=*) accepted="${accepted:+$accepted,}$tag" ;;
    reject=*) rejected="${rejected:+$rejected,}$tag" ;;
    add=*) added="${added:+$added,}$tag" ;;
    *) echo "feedback.sh: expected accept=TAG, reject=TAG or add=TAG, got $choice" >&2; exit 2 ;;
  esac
done
curl -sS --fail-with-body -X POST "${DEBRIEF_HTTP_URL:-http://127.0.0.1:8080}/v1/feedback" \
  -H 'Content-Type: application/json' \
  -d "{\"decisionId\":\"$decision\",\"agentId\":\"${DEBRIEF_AGENT_ID:-curl}\",\"accepted\":[$accepted],\"rejected\":[$rejected],\"added\":[$added]}"
echo
