#!/bin/sh
# POST /v1/hooks/{source}: a helpdesk's "ticket closed" webhook, signed the way that
# helpdesk signs it, so you can try a source's configuration before wiring the helpdesk.
#
#   DEBRIEF_HOOK_SECRET=s3cret ./hook.sh zendesk ../../tests/testdata/hooks/zendesk/close.json
#
# SOURCE is the name under `sources:` in config/debrief.yaml; its vendor is
# $DEBRIEF_HOOK_VENDOR, default SOURCE. DEBRIEF_HOOK_SECRET is the secret configured for
# the source (for generic: the "whsec_<base64>" secret). Expect 202 {"status":"accepted"}.
set -eu
source=${1:?usage: hook.sh SOURCE PAYLOAD.json}
payload=${2:?usage: hook.sh SOURCE PAYLOAD.json}
vendor=${DEBRIEF_HOOK_VENDOR:-$source}
secret=${DEBRIEF_HOOK_SECRET:?set DEBRIEF_HOOK_SECRET to the source secret}
url="${DEBRIEF_HTTP_URL:-http://127.0.0.1:8080}/v1/hooks/$source"
delivery=$(cat /proc/sys/kernel/random/uuid)

# mac ALGORITHM hex|base64 KEY_HEX SIGNED_PREFIX: HMAC of SIGNED_PREFIX followed by the body.
mac() {
  { printf '%s' "$4"; cat "$payload"; } | openssl dgst "-$1" -mac HMAC -macopt "hexkey:$3" -binary |
    if [ "$2" = hex ]; then od -An -v -tx1 | tr -d ' \n'; else base64 -w0; fi
}
key=$(printf '%s' "$secret" | od -An -v -tx1 | tr -d ' \n')

post() {
  curl -sS --fail-with-body -X POST "$url" -H 'Content-Type: application/json' \
    --data-binary "@$payload" "$@"
  echo
}

case $vendor in
  zendesk)    # base64 HMAC-SHA256 of timestamp + body; RFC 3339 timestamp
    ts=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    post -H "X-Zendesk-Webhook-Signature: $(mac sha256 base64 "$key" "$ts")" \
         -H "X-Zendesk-Webhook-Signature-Timestamp: $ts" \
         -H "X-Zendesk-Webhook-Invocation-Id: $delivery" ;;
  freshdesk)  # cannot sign: HTTP basic auth, user "debrief" (basic_username)
    post -u "debrief:$secret" ;;
  zammad)     # sha1=<hex HMAC-SHA1 of the body>
    post -H "X-Hub-Signature: sha1=$(mac sha1 hex "$key" "")" -H "X-Zammad-Delivery: $delivery" ;;
  chatwoot)   # sha256=<hex HMAC-SHA256 of "<unix seconds>.<body>">
    ts=$(date +%s)
    post -H "X-Chatwoot-Signature: sha256=$(mac sha256 hex "$key" "$ts.")" \
         -H "X-Chatwoot-Timestamp: $ts" -H "X-Chatwoot-Delivery: $delivery" ;;
  intercom)   # sha1=<hex HMAC-SHA1 of the body>, with the app's client secret
    post -H "X-Hub-Signature: sha1=$(mac sha1 hex "$key" "")" ;;
  helpscout)  # base64 HMAC-SHA1 of the body
    post -H "X-HelpScout-Signature: $(mac sha1 base64 "$key" "")" ;;
  jira_sm)    # sha256=<hex HMAC-SHA256 of the body>
    post -H "X-Hub-Signature: sha256=$(mac sha256 hex "$key" "")" \
         -H "X-Atlassian-Webhook-Identifier: $delivery" ;;
  front)      # application webhook: base64 HMAC-SHA256 of "<unix millis>:<body>"
    ts=$(date +%s%3N)
    post -H "X-Front-Signature: $(mac sha256 base64 "$key" "$ts:")" \
         -H "X-Front-Request-Timestamp: $ts" ;;
  generic)    # Standard Webhooks: v1,<base64 HMAC-SHA256 of "<id>.<unix seconds>.<body>">
    ts=$(date +%s) id="msg_$delivery"
    whkey=$(printf '%s' "${secret#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
    post -H "webhook-id: $id" -H "webhook-timestamp: $ts" \
         -H "webhook-signature: v1,$(mac sha256 base64 "$whkey" "$id.$ts.")" ;;
  *) echo "hook.sh: unknown vendor \"$vendor\" (set DEBRIEF_HOOK_VENDOR)" >&2; exit 2 ;;
esac
