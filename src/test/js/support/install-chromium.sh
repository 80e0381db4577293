#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (npm cannot download browsers here). Installs it when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Debian's chromium: run 'sudo apt-get install -y chromium' once." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
