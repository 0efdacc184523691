#!/bin/sh
# Certificates for a trial installation of the production compose (issue 16): a private CA, the
# Temporal server's certificate (frontend and internode, name `temporal`), one client
# certificate per caller (worker, api, ui, admin-tools), and the site certificate the TLS proxy
# serves. A county with its own PKI puts its files under the same names instead.
#
#   sh deploy/tls/make-certs.sh [public host name]      (default county-data.local)
#
# Writes deploy/tls/certs/ (never committed); an existing file is kept, so running it again only
# fills in what is missing. Keys are 0600, owned by uid 1000; RSA 3072, SHA-256, 825 days (the CA 10 years).
set -eu
out="$(dirname "$0")/certs"
site="${1:-county-data.local}"
mkdir -p "$out"
umask 077
cd "$out"

say() { echo "[tls] $*"; }

if [ ! -f ca.key ]; then
  say "私有 CA (CA_CREATED)"
  openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -keyout ca.key -out ca.crt \
    -subj "/CN=county-data private CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

# issue NAME SAN USAGE: a key and a certificate signed by the CA.
issue() {
  name="$1" san="$2" usage="$3"
  [ -f "$name.crt" ] && return 0
  say "$name ($usage)"
  openssl req -newkey rsa:3072 -sha256 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$san" "$usage" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -sha256 -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

# Temporal presents one certificate on the frontend and between its own services, as server and client.
issue temporal "DNS:temporal,DNS:localhost,IP:127.0.0.1" "serverAuth,clientAuth"
for caller in worker api ui admin-tools; do issue "$caller" "DNS:$caller" clientAuth; done
issue site "DNS:$site" serverAuth
chmod 0644 ./*.crt
# The containers read their keys as uid 1000 (the node and temporal images' users); Caddy runs as root.
chown 1000:1000 ./*.key 2>/dev/null || say "未能把私钥交给 uid 1000（非 root 运行）：请 sudo chown 1000:1000 $out/*.key (TLS_CHOWN)"
say "完成 (TLS_READY): $out"
