#!/bin/sh
# SPDX-License-Identifier: ISC
# Install the Debian packages proctor needs to build and test; does nothing when all are there.
set -eu

pkgs="build-essential pkg-config libsodium-dev libcjson-dev libreadline-dev libutf8proc-dev libsqlite3-dev
openssl python3 valgrind clang zsh libxml2-utils"
[ "${PROCTOR_BENCH:-}" = 1 ] && pkgs="$pkgs minisign hyperfine"

missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
