#!/usr/bin/env bash
# Installs Debian's nginx when it is missing, for ReverseProxyIT (which runs the config in this folder) and
# for anyone trying the config on a Debian machine. Idempotent: does nothing when nginx is on the PATH.
# Only the package is wanted: the Debian service it enables is stopped again, because the test starts its
# own nginx on 127.0.0.1 with its own prefix, and a stock one listening on *:80 would only be in the way.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ReverseProxyIT needs Debian's nginx: run 'sudo apt-get install -y nginx' once." >&2
  exit 1
fi
echo "Installing Debian's nginx for ReverseProxyIT"
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d exit 101 tells the package scripts not to start the service (the Debian way to install quietly).
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=true
fi
trap 'if [ "$created_policy" = true ]; then rm -f "$policy"; fi' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx >/dev/null
