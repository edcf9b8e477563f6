#!/usr/bin/env bash
# Compares full mTLS handshakes per second (a new TLS session each time, client certificate
# requested and presented, no resumption) between the edge in passthrough mode, NGINX and HAProxy
# set up the same way, on this machine, with the same certificates. openssl s_time is the client.
#
# Needs a running ./run-local (edge on 8443, demo origin on 8090) and nginx and haproxy on the
# PATH (Debian: apt-get install nginx-light haproxy). Prints each rate and the ratios.
#
#   bench/handshakes.sh [seconds]      default 10 seconds per server
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
local_dir="$PWD/target/local"
pki="$local_dir/pki"
secret="$local_dir/secrets/demo-tls"
work="$PWD/target/bench"
mkdir -p "$work"

for tool in openssl nginx haproxy; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
curl -sf -o /dev/null --cacert "$pki/root.crt" --resolve demo.localhost:8443:127.0.0.1 \
  https://demo.localhost:8443/ || { echo "start ./run-local first" >&2; exit 1; }

cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream demo { server 127.0.0.1:8090; keepalive 16; }
  server {
    listen 127.0.0.1:9443 ssl;
    server_name demo.localhost;
    ssl_certificate $secret/tls.crt;
    ssl_certificate_key $secret/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_verify_client optional_no_ca;
    ssl_session_cache off;
    ssl_session_tickets off;
    location / {
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Client-Cert ":\$ssl_client_escaped_cert:";
      proxy_pass http://demo;
    }
  }
}
CONF
cat "$secret/tls.crt" "$secret/tls.key" > "$work/haproxy.pem"
cat > "$work/haproxy.cfg" <<CONF
global
  nbthread 1
  pidfile $work/haproxy.pid
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend viewers
  bind 127.0.0.1:9444 ssl crt $work/haproxy.pem verify optional ca-file $pki/root.crt ca-ignore-err all crt-ignore-err all no-tls-tickets
  http-request set-header Client-Cert :%[ssl_c_der,base64]:
  default_backend demo
backend demo
  http-reuse always
  server origin 127.0.0.1:8090
CONF

nginx -c "$work/nginx.conf"
haproxy -D -f "$work/haproxy.cfg"
trap 'kill "$(cat "$work/nginx.pid")" "$(cat "$work/haproxy.pid")" 2>/dev/null || true' EXIT
sleep 1

rate() {
  openssl s_time -connect "127.0.0.1:$1" -new -time "$seconds" \
    -cert "$pki/client.crt" -key "$pki/client.key" 2>/dev/null \
    | awk '/connections in [0-9]+ real seconds/ {print $1 / $4}' | head -1
}

edge=$(rate 8443)
nginx_rate=$(rate 9443)
haproxy_rate=$(rate 9444)
printf 'full mTLS handshakes per wall-clock second, %s s each:\n' "$seconds"
printf '  edge (passthrough)  %8.1f\n  nginx               %8.1f\n  haproxy             %8.1f\n' \
  "$edge" "$nginx_rate" "$haproxy_rate"
awk -v e="$edge" -v n="$nginx_rate" -v h="$haproxy_rate" \
  'BEGIN { printf "  edge / nginx   %.2f\n  edge / haproxy %.2f\n", e / n, e / h }'
