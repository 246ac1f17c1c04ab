#!/usr/bin/env bash
# package_test.sh BUILD_DIR SOURCE_DIR plain|sanitize — see CMakeLists.txt beside it.
# Every step prints what it checks; the first failure ends the test with its reason.
set -euo pipefail
build=$1 source=$2 mode=$3
[ "$mode" = sanitize ] && { echo "skipped: a sanitizer build is not packaged"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$build/server/frontdoor-server" ] || fail "$build/server/frontdoor-server is not built (build frontdoor-server first)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/frontdoor-package-XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== cpack from $build"
start=$(date +%s)
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; fail "cpack failed"; }
deb=$(ls "$tmp"/out/frontdoor_*.deb) || fail "cpack wrote no .deb"
echo "built $(basename "$deb"): $(stat -c %s "$deb") bytes in $(( $(date +%s) - start )) s"

echo "== dpkg -c lists the programs, the units, the backup script, the config and the nginx site"
dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/list"
want=(./usr/bin/frontdoor-server
  ./usr/share/frontdoor/assets/web/index.html
  ./usr/share/frontdoor/assets/i18n/
  ./usr/lib/systemd/system/frontdoor-server.service
  ./usr/lib/systemd/system/frontdoor-backup.service
  ./usr/lib/systemd/system/frontdoor-backup.timer
  ./usr/lib/frontdoor/nightly-backup
  ./etc/frontdoor/frontdoor.toml)
[ -f "$source/deploy/nginx/frontdoor.conf" ] && want+=(./etc/nginx/sites-available/frontdoor)
for w in "${want[@]}"; do grep -qxF "$w" "$tmp/list" || fail "dpkg -c does not list $w"; done
echo "listed: ${want[*]}"

echo "== control: dependencies from dpkg-shlibdeps, nginx recommended, conffiles"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libsqlite3-0 libsodium23 libc6 adduser; do [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib"; done
[[ "$(dpkg-deb -f "$deb" Recommends)" == *nginx* ]] || fail "nginx is not recommended"
dpkg-deb -I "$deb" conffiles | grep -qx /etc/frontdoor/frontdoor.toml || fail "frontdoor.toml is not a conffile"
for script in postinst prerm postrm; do dpkg-deb -I "$deb" "$script" >/dev/null || fail "no $script"; done

echo "== dpkg -x into a scratch root; the installed server, without --web-root"
root=$tmp/root
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin/frontdoor-server
FRONTDOOR_ADMIN_PASSWORD="correct horse battery" "$bin" init --db "$tmp/front.db" --admin-user admin >/dev/null
"$bin" serve --db "$tmp/front.db" --bind 127.0.0.1 --port 0 >"$tmp/out.log" 2>"$tmp/err.log" &
server_pid=$!
port=
deadline=$(( $(date +%s) + 20 ))
while [ -z "$port" ]; do
  port=$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$tmp/out.log")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/err.log"; fail "the installed server exited"; }
  [ "$(date +%s)" -lt "$deadline" ] || fail "no listening line within 20 s"
  sleep 0.1 # polling the log for the line, bounded by the deadline above
done
grep -qF "serving the staff page from $root/usr/share/frontdoor/assets/web" "$tmp/err.log" ||
  { cat "$tmp/err.log"; fail "the installed server did not take its own share/frontdoor/assets/web"; }
page=$(curl -sS --max-time 5 -w '\n%{http_code}' "http://127.0.0.1:$port/")
[ "$(tail -n1 <<<"$page")" = 200 ] || fail "GET / answered $(tail -n1 <<<"$page")"
grep -qF "<title>Front Door — staff</title>" <<<"$page" || fail "GET / is not the staff page"
echo "GET / on port $port: 200, the staff page"

echo "== the installed nightly backup, through the installed program"
FRONTDOOR_DB=$tmp/front.db FRONTDOOR_BACKUP_DIR=$tmp/backups FRONTDOOR_BACKUP_DATE=2026-12-02 FRONTDOOR_SERVER=$bin \
  "$root/usr/lib/frontdoor/nightly-backup" >"$tmp/backup.log" 2>&1 || { cat "$tmp/backup.log"; fail "nightly-backup failed"; }
[ -s "$tmp/backups/front-2026-12-02.db" ] || fail "no front-2026-12-02.db"
cat "$tmp/backup.log"
echo "PASS"
