#!/usr/bin/env bash
# Prepares GlassFish's domain1 for Switchboard before its first start, offline (GlassFish's asadmin `set` needs a
# running server, which would already listen on every interface): every listener on 127.0.0.1, ports as given,
# extra JVM options. Used by `mvn verify -Pglassfish` on target/glassfish7; the README beside it has the asadmin
# equivalents for a running server.
#
#   configure-domain.sh GLASSFISH_HOME HTTP HTTPS ADMIN JMX IIOP IIOP_SSL IIOP_MUTUAL_AUTH [JVM_OPTION...]
set -euo pipefail
home=$1 http=$2 https=$3 admin=$4 jmx=$5 iiop=$6 iiop_ssl=$7 iiop_mutual=$8
shift 8
domain_xml="$home/glassfish/domains/domain1/config/domain.xml"
pristine="$domain_xml.pristine"
# always start from the distribution's file, so running this twice changes nothing
[ -f "$pristine" ] || cp "$domain_xml" "$pristine"
cp "$pristine" "$domain_xml"

# Only the <config name="server-config"> block matters (default-config is the template for new instances).
# Listeners without an address listen on every interface: give each one 127.0.0.1. A reverse proxy faces the network.
# server-config gets a REMOTE JMS service: Switchboard uses no JMS, and without one GlassFish writes an EMBEDDED
# service on first start whose broker listens on *:7676 whatever the addresses say. REMOTE starts no broker.
sed -i \
  -e 's/address="0\.0\.0\.0"/address="127.0.0.1"/g' \
  -e 's/<network-listener port="8080"/<network-listener address="127.0.0.1" port="'"$http"'"/' \
  -e 's/<network-listener port="8181"/<network-listener address="127.0.0.1" port="'"$https"'"/' \
  -e 's/<network-listener port="4848"/<network-listener address="127.0.0.1" port="'"$admin"'"/' \
  -e 's/port="8686"/port="'"$jmx"'"/' \
  -e 's/port="3700"/port="'"$iiop"'"/' \
  -e 's/port="3820"/port="'"$iiop_ssl"'"/' \
  -e 's/port="3920"/port="'"$iiop_mutual"'"/' \
  -e 's/address=\*:9009/address=127.0.0.1:9009/' \
  -e '/<config name="server-config">/a <jms-service default-jms-host="default_JMS_host" type="REMOTE"><jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}" admin-user-name="admin" admin-password="admin" lazy-init="true"/></jms-service>' \
  "$domain_xml"

# JVM options (Switchboard's -Dswitchboard.* settings among them) go into server-config's java-config, after its
# -Xmx line (the first <jvm-options>-Xmx… in the file belongs to server-config).
options=""
for option in "$@"; do
  escaped=$(printf '%s' "$option" | sed -e 's/[\/&]/\\&/g') # literal in sed's replacement
  options="$options<jvm-options>$escaped<\/jvm-options>"
done
if [ -n "$options" ]; then
  sed -i '0,/<jvm-options>-Xmx[^<]*<\/jvm-options>/s//&'"$options"'/' "$domain_xml"
fi

if grep -q 'address="0\.0\.0\.0"' "$domain_xml" || grep -E '<network-listener ' "$domain_xml" | head -3 | grep -vq 'address="127.0.0.1"'; then
  echo "configure-domain.sh: a listener of server-config is not on 127.0.0.1" >&2
  exit 1
fi
