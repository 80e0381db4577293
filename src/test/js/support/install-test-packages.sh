#!/usr/bin/env bash
# What the tests start besides the JVM: Debian's Chromium (npm cannot download browsers here) for the browser
# tests, and Debian's redis-server for the cluster tests (and openssl, which makes their TLS certificate).
# Installs whichever is missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/bin/openssl ] || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' once." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# the package may start a Redis of its own where a service manager runs: the tests start theirs on a free port
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
