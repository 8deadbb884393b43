#!/usr/bin/env bash
# Installs what the browser test needs, where it is missing: Debian's chromium and a
# small CJK font (so screenshots show Chinese). Needs root and apt-get; otherwise it
# says so and the browser test skips with that reason.
set -u
have_font() { fc-list 2>/dev/null | grep -qiE "wqy|noto.*cjk|source han"; }
if command -v chromium >/dev/null 2>&1 && have_font; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: chromium or a CJK font is missing and cannot be installed here (needs root and apt-get)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1 \
  || echo "setup-browser: apt-get install chromium fonts-wqy-microhei failed; the browser test will skip" >&2
exit 0
