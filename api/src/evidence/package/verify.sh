#!/bin/sh
# Verifies this Saulet evidence package with openssl and python3 alone (VERIFY.md says what each
# step proves). Run it in the unpacked folder: sh verify.sh. Exit status 0: every act verified.
# Each failure is printed with the file it concerns.
cd "$(dirname "$0")" || exit 2
command -v openssl >/dev/null 2>&1 || { echo "openssl is needed"; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed"; exit 2; }
failed=0
fail() { echo "FAILED: $1"; failed=1; }
scratch=$(mktemp -d) || exit 2
trap 'rm -rf "$scratch"' EXIT

# 1. The files, the log entries, the inclusion proofs and what each signature covers (python3,
#    standard library only: verify.py).
python3 verify.py package || failed=1

# 2. The tree head is the transparency log's (Ed25519 signature of its key).
if openssl pkeyutl -verify -pubin -inkey log/log-key.pem -rawin -in log/tree-head.txt \
    -sigfile log/tree-head.sig >"$scratch/out" 2>&1; then
  echo "ok: log/tree-head.txt is signed by log/log-key.pem"
else
  fail "log/tree-head.txt: its signature (log/tree-head.sig) is not log/log-key.pem's"
fi

# 3. Each act: the EDS signature over the signed bytes, by a certificate of the trusted chain,
#    valid and not revoked at the time of signing (with the CRL kept with the act); and the
#    time-stamp token over the signature.
for d in acts/*; do
  [ -d "$d" ] || continue
  at=$(cat "$d/signed-at.epoch" 2>/dev/null) || { fail "$d/signed-at.epoch is missing"; continue; }
  cat trust/anchors.pem > "$scratch/trust.pem"
  crl=""
  for c in "$d"/crl-*.pem; do
    if [ -f "$c" ]; then cat "$c" >> "$scratch/trust.pem"; crl="-crl_check"; fi
  done
  if openssl cms -verify -binary -inform DER -in "$d/signature.p7s" -content "$d/signed.bin" \
      -CAfile "$scratch/trust.pem" -certfile "$d/chain.pem" -purpose any -attime "$at" $crl \
      -out /dev/null >"$scratch/out" 2>&1; then
    echo "ok: $d/signature.p7s is a valid EDS signature over $d/signed.bin at its time of signing"
  else
    fail "$d/signature.p7s: the signature over $d/signed.bin does not verify ($(grep -m1 -i error "$scratch/out"))"
  fi
  if [ -f "$d/timestamp.tsr" ]; then
    tat=$(cat "$d/time-stamped-at.epoch" 2>/dev/null) || { fail "$d/time-stamped-at.epoch is missing"; continue; }
    if openssl ts -verify -token_in -in "$d/timestamp.tsr" -data "$d/signature.p7s" \
        -CAfile trust/tsa-anchors.pem -attime "$tat" >"$scratch/out" 2>&1; then
      echo "ok: $d/timestamp.tsr proves $d/signature.p7s existed at its time"
    else
      fail "$d/timestamp.tsr: the time-stamp token does not verify over $d/signature.p7s"
    fi
  else
    echo "note: $d has no time-stamp token yet (the time-stamping authority had not answered)"
  fi
done

if [ "$failed" -eq 0 ]; then
  echo "VERIFIED: every act in this package checks out"
  exit 0
fi
echo "NOT VERIFIED: see the FAILED lines above"
exit 1
