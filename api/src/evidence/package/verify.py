#!/usr/bin/env python3
"""Checks a Saulet evidence package, or transparency log proofs, with Python's standard library.

    python3 verify.py package              (in the unpacked package; verify.sh runs this)
    python3 verify.py inclusion PROOF.json HEAD.json [ENTRY_SHA256]
    python3 verify.py consistency PROOF.json OLD_HEAD.json NEW_HEAD.json

A head is the JSON of GET /api/v1/transparency/tree-head (tree_size, root_hash); a proof is the
JSON of GET /api/v1/transparency/proofs/inclusion or .../consistency. The Merkle hashing and the
proof checks follow RFC 9162, sections 2.1.1, 2.1.3.2 and 2.1.4.2. Exit status 0 means every check
passed; each failure is printed with the file it concerns.
"""

import hashlib
import json
import os
import sys


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def leaf_hash(entry_digest):
    return hashlib.sha256(b"\x00" + entry_digest).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf_index, tree_size, leaf, path, root):
    """RFC 9162 2.1.3.2: whether `leaf` (a leaf hash) is at `leaf_index` of the tree `root`."""
    if leaf_index < 0 or leaf_index >= tree_size:
        return False
    fn, sn, r = leaf_index, tree_size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_root, second_root, path):
    """RFC 9162 2.1.4.2: whether the tree of `first` leaves is a prefix of that of `second`."""
    if first < 1 or first > second:
        return False
    if first == second:
        return not path and first_root == second_root
    path = list(path)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    if not path:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def unhex(text):
    return bytes.fromhex(text)


class Report:
    def __init__(self):
        self.failures = 0

    def ok(self, text):
        print("ok: " + text)

    def fail(self, path, text):
        self.failures += 1
        print("FAILED: %s: %s" % (path, text))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def load_json(report, path):
    try:
        return json.loads(read(path).decode("utf-8"))
    except (OSError, ValueError) as e:
        report.fail(path, "cannot be read as JSON (%s)" % e)
        return None


def parse_head_text(text):
    """The fields of log/tree-head.txt (the text the log key signed)."""
    lines = text.decode("utf-8").splitlines()
    if not lines or lines[0] != "saulet transparency log v1":
        raise ValueError("not a tree head")
    fields = {}
    for line in lines[1:]:
        key, _, value = line.partition(": ")
        fields[key] = value
    return int(fields["tree_size"]), fields["root_hash"], fields["issued_at"]


def check_package(report):
    manifest = load_json(report, "manifest.json")
    if manifest is None:
        return
    if manifest.get("format") != "saulet-evidence/1":
        report.fail("manifest.json", "not a saulet-evidence/1 manifest")
        return

    # 1. Every file is the one the manifest lists.
    files = dict(manifest.get("files", {}))
    for act in manifest.get("acts", []):
        for name, digest in act.get("files", {}).items():
            files[act["dir"] + "/" + name] = digest
    for path, digest in sorted(files.items()):
        try:
            actual = sha256_hex(read(path))
        except OSError:
            report.fail(path, "is missing")
            continue
        if actual != digest:
            report.fail(path, "was changed: its SHA-256 is not the one in manifest.json")
    report.ok("%d files match manifest.json" % len(files))

    # 2. The tree head: the signed text and its JSON say the same.
    try:
        size, root_hex, issued_at = parse_head_text(read("log/tree-head.txt"))
    except (OSError, ValueError, KeyError) as e:
        report.fail("log/tree-head.txt", "is not a tree head (%s)" % e)
        return
    head = manifest.get("tree_head", {})
    if head.get("tree_size") != size or head.get("root_hash") != root_hex:
        report.fail("log/tree-head.txt", "does not match the tree head in manifest.json")
    root = unhex(root_hex)

    # 3. Each act: its log entry, its inclusion in the tree, and what its signed bytes mean.
    for act in manifest.get("acts", []):
        d = act["dir"]
        entry = act["entry"]
        entry_bytes = canonical(entry)
        if (
            act.get("seq") != entry.get("seq")
            or act.get("kind") != entry.get("kind")
            or act.get("recorded_at") != entry.get("recorded_at")
            or d != "acts/%06d-%s" % (entry.get("seq", -1), entry.get("kind"))
        ):
            report.fail("manifest.json", "%s: the act's description is not its log entry" % d)
        try:
            if read(d + "/entry.json") != entry_bytes:
                report.fail(d + "/entry.json", "is not the act's canonical log entry")
        except OSError:
            report.fail(d + "/entry.json", "is missing")
        try:
            signed = read(d + "/signed.bin")
            cms = read(d + "/signature.p7s")
        except OSError as e:
            report.fail(d, "misses a file (%s)" % e)
            continue
        if sha256_hex(signed) != entry["signed_sha256"]:
            report.fail(d + "/signed.bin", "is not the signed bytes the log recorded")
        if sha256_hex(cms) != entry["cms_sha256"]:
            report.fail(d + "/signature.p7s", "is not the signature the log recorded")
        proof = load_json(report, d + "/inclusion.json")
        if proof is not None:
            try:
                good = (
                    proof["leaf_index"] == entry["seq"]
                    and proof["tree_size"] == size
                    and proof["entry_sha256"] == sha256_hex(entry_bytes)
                    and verify_inclusion(
                        proof["leaf_index"],
                        proof["tree_size"],
                        leaf_hash(hashlib.sha256(entry_bytes).digest()),
                        [unhex(p) for p in proof["audit_path"]],
                        root,
                    )
                )
            except (KeyError, TypeError, ValueError):
                good = False
            if good:
                report.ok("%s is act %d of the log's %d acts" % (d, entry["seq"], size))
            else:
                report.fail(d + "/inclusion.json", "does not prove the act is in the signed tree")
        meaning = act.get("signed_bytes", {})
        if meaning.get("is") == "sha256-hex-of":
            target = d + "/" + meaning["file"]
            try:
                if sha256_hex(read(target)).encode() != signed.strip():
                    report.fail(target, "is not what was signed: its SHA-256 differs from signed.bin")
                else:
                    report.ok("%s signs the SHA-256 of %s" % (d, meaning["file"]))
            except OSError:
                report.fail(target, "is missing")
        for document in act.get("documents", []):
            path = d + "/" + document["file"]
            try:
                if sha256_hex(read(path)) != document["sha256"]:
                    report.fail(path, "is not the document the signed form names")
            except OSError:
                report.fail(path, "is missing")
            listed = document.get("listed_in")
            if listed:
                form = load_json(report, d + "/" + listed)
                names = [x.get("sha256") for x in (form or {}).get("documents", [])]
                if document["sha256"] not in names:
                    report.fail(path, "is not named by %s" % listed)


def main(argv):
    report = Report()
    if len(argv) >= 2 and argv[1] == "package":
        check_package(report)
    elif len(argv) in (4, 5) and argv[1] == "inclusion":
        proof = load_json(report, argv[2])
        head = load_json(report, argv[3])
        if proof is not None and head is not None:
            entry = unhex(argv[4] if len(argv) == 5 else proof["entry_sha256"])
            good = proof["tree_size"] == head["tree_size"] and verify_inclusion(
                proof["leaf_index"],
                proof["tree_size"],
                leaf_hash(entry),
                [unhex(p) for p in proof["audit_path"]],
                unhex(head["root_hash"]),
            )
            if good:
                report.ok("act %d is in the tree of %d acts" % (proof["leaf_index"], head["tree_size"]))
            else:
                report.fail(argv[2], "does not prove inclusion in " + argv[3])
    elif len(argv) == 5 and argv[1] == "consistency":
        proof = load_json(report, argv[2])
        old = load_json(report, argv[3])
        new = load_json(report, argv[4])
        if proof is not None and old is not None and new is not None:
            good = (
                proof["first"] == old["tree_size"]
                and proof["second"] == new["tree_size"]
                and verify_consistency(
                    old["tree_size"],
                    new["tree_size"],
                    unhex(old["root_hash"]),
                    unhex(new["root_hash"]),
                    [unhex(p) for p in proof["path"]],
                )
            )
            if good:
                report.ok("the tree of %d acts is a prefix of the tree of %d" % (old["tree_size"], new["tree_size"]))
            else:
                report.fail(argv[2], "does not prove %s is a prefix of %s" % (argv[3], argv[4]))
    else:
        print(__doc__)
        return 2
    return 1 if report.failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main(sys.argv))
