#!/usr/bin/env bash
# Checks the Debian packages the app and its tests need, and installs them when it can
# (root with apt-get). Usage: scripts/cek_sistem.sh pango|chromium|pg_dump|wrk [--wajib]
set -euo pipefail

apa="${1:?pango, chromium, pg_dump atau wrk}"
wajib="${2:-}"

pasang() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang $* dari paket Debian..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    return 0
  fi
  return 1
}

case "$apa" in
  pango)
    # WeasyPrint (PDF reports) loads Pango through ctypes at import time.
    if ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' && ldconfig -p | grep -q 'libpangoft2-1.0.so'; then
      exit 0
    fi
    pasang libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core && exit 0
    echo "PERHATIAN: pustaka Pango tidak ditemukan; laporan PDF (WeasyPrint) tidak akan bisa dibuat."
    echo "Pasang dengan: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
    [ "$wajib" = "--wajib" ] && exit 1 || exit 0
    ;;
  chromium)
    # Browser tests drive Debian's Chromium; nothing downloads a browser of its own.
    command -v chromium >/dev/null 2>&1 && exit 0
    pasang chromium && exit 0
    echo "Chromium tidak ditemukan. Pasang dengan: sudo apt-get install chromium"
    [ "$wajib" = "--wajib" ] && exit 1 || exit 0
    ;;
  pg_dump)
    # Backups on PostgreSQL (manage.py cadangkan) and their test need pg_dump/pg_restore.
    command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1 && exit 0
    pasang postgresql-client && exit 0
    echo "pg_dump tidak ditemukan; cadangan PostgreSQL tidak dapat dibuat. Pasang dengan: sudo apt-get install postgresql-client"
    [ "$wajib" = "--wajib" ] && exit 1 || exit 0
    ;;
  wrk)
    # The load test's client (make bench): light enough not to take the server's CPU.
    command -v wrk >/dev/null 2>&1 && exit 0
    pasang wrk && exit 0
    echo "wrk tidak ditemukan; uji beban memakai klien Python (lebih berat). Pasang dengan: sudo apt-get install wrk"
    exit 0
    ;;
  *)
    echo "tidak dikenal: $apa" >&2
    exit 2
    ;;
esac
