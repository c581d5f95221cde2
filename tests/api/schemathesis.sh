#!/usr/bin/env bash
# The Center against its own OpenAPI document: schemathesis (a property-based API tester, from
# PyPI) generates requests from docs/openapi.yaml and sends them to a real Center on a loopback
# port, with an enrolled device's credential, and checks every answer against the document:
# no server error, every status and body as documented, 405 with `Allow` for other methods.
# Two checks are left out, each for a reason of the protocol (docs/reliability.md):
# - positive_data_acceptance everywhere: the schema cannot say "a UUID", "an age file",
#   "base64 of at most 8 MiB", so schema-valid junk is rightly refused;
# - negative_data_rejection on POST /v1/envelopes: a bad item is refused on its own, inside a
#   200 answer (status 400 for that item), so that one bad item never blocks the others.
# Usage: tests/api/schemathesis.sh [max examples per operation, default 40]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
examples=${1:-40}
venv="$root/target/schemathesis"
version=4.32.5
if [ ! -x "$venv/bin/st" ] || ! "$venv/bin/st" --version 2>/dev/null | grep -q "$version"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

work=$(mktemp -d)
center_pid=""
cleanup() {
  if [ -n "$center_pid" ]; then kill "$center_pid" 2>/dev/null || true; wait "$center_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The Center says where it listens once it does: no guessing at ports, no waiting on a timer.
mkfifo "$work/out"
"$root/target/debug/center" --data-dir "$work/center" serve --listen 127.0.0.1:0 \
  --enrollment-per-minute 100000 >"$work/out" 2>"$work/center.log" &
center_pid=$!
exec 3<"$work/out"
read -r -t 30 first <&3 || { echo "the Center did not start:"; cat "$work/center.log"; exit 1; }
url=${first##* }
cat <&3 >/dev/null &
ca="$work/center/tls-ca.pem"

# An enrolled device: a one-time code from the Center's administration, sent as a device would.
code_json=$("$root/target/debug/center" --data-dir "$work/center" admin --json enroll \
  --agency "API test" --officer "Schemathesis")
bearer=$("$venv/bin/python" - "$url" "$ca" "$code_json" <<'PY'
import json, ssl, sys, urllib.request
url, ca, issued = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
body = json.dumps({"code": issued["code"], "device_name": "api test"}).encode()
request = urllib.request.Request(url + "/v1/enrollment", data=body,
                                 headers={"content-type": "application/json"})
grant = json.load(urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca)))
print(grant["device_id"] + "." + grant["credential"])
PY
)

run() {
  # From the scratch folder: schemathesis keeps its cache in the working directory.
  (cd "$work" && "$venv/bin/st" run "$root/docs/openapi.yaml" --url "$url" --tls-verify "$ca" \
    -H "Authorization: Bearer $bearer" --max-examples "$examples" --workers 1 \
    --generation-deterministic --checks all "$@")
}
echo "schemathesis $version against $url, $examples examples per operation"
run --exclude-checks positive_data_acceptance --exclude-path /v1/envelopes
run --exclude-checks positive_data_acceptance,negative_data_rejection --include-path /v1/envelopes
