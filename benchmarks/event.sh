# Sourced by cold-start.sh and warm.sh: a work folder removed on exit, a fresh strong key for this run only
# (exported as JWT_SECRET, never printed), and $work/event.json, a TOKEN event whose token is signed exactly as
# the seed article signs it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
export JWT_SECRET
token=$(node benchmarks/seed-node/sign.js)
printf '{"type":"TOKEN","authorizationToken":"Bearer %s","methodArn":"%s"}\n' "$token" \
  "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/Prod/GET/hello" > "$work/event.json"
