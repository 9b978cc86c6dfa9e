#!/usr/bin/env bash
# Re-creates vendor/sqlx-core and vendor/sqlx-postgres from the crates.io sources of the
# version in SQLX_VERSION and applies vendor/patches/ (vendor/README.md). Run it when upgrading
# sqlx: bump the version, run this, fix the patch if it no longer applies, then `make test`.
set -euo pipefail
SQLX_VERSION="${SQLX_VERSION:-0.8.6}"
VENDOR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# A throwaway crate that depends on the two crates, so cargo fetches their sources.
mkdir -p "$WORK/fetch/src"
cat > "$WORK/fetch/Cargo.toml" <<TOML
[package]
name = "fetch"
version = "0.0.0"
edition = "2021"
[dependencies]
sqlx-core = "=$SQLX_VERSION"
sqlx-postgres = "=$SQLX_VERSION"
TOML
touch "$WORK/fetch/src/lib.rs"
(cd "$WORK/fetch" && cargo fetch --quiet)
REGISTRY="${CARGO_HOME:-$HOME/.cargo}/registry/src"
for crate in sqlx-core sqlx-postgres; do
  source_dir="$(ls -d "$REGISTRY"/*/"$crate-$SQLX_VERSION" | head -1)"
  rm -rf "${VENDOR:?}/$crate"
  cp -r "$source_dir" "$VENDOR/$crate"
  rm -f "$VENDOR/$crate/.cargo-ok"
done
for patch in "$VENDOR"/patches/*.patch; do
  (cd "$VENDOR" && patch -p0 --forward --quiet < "$patch")
done
echo "vendored sqlx-core and sqlx-postgres $SQLX_VERSION with $(ls "$VENDOR"/patches/*.patch | wc -l) patch(es)"
