"""`make bench`, the production setup against the embedded one: the same endpoints on a node that
keeps its documents in an S3 store (Garage) and reads its read-mostly pages from a streaming
replica, against the same node with the local folder and the primary alone (goal: at most 10 %
lost). Both arms run on one private PostgreSQL cluster made here (`initdb`, a copy of the bench
database, and `pg_basebackup -R` for the replica), because a replica needs replication access the
machine's shared server may not grant; the arms alternate, and which goes first turns each round,
so the noise falls on both."""

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import api_flow
from common import free_port, http, log, run

ENDPOINTS = ("me", "list", "create", "verify")


def garage_bin():
    """Garage, as the tests find it: GARAGE, ~/.cargo/bin/garage, or the PATH."""
    if os.environ.get("GARAGE"):
        return Path(os.environ["GARAGE"])
    home = Path(os.environ.get("CARGO_HOME") or Path.home() / ".cargo")
    if (home / "bin" / "garage").exists():
        return home / "bin" / "garage"
    found = shutil.which("garage")
    return Path(found) if found else None


def server_programs():
    """The newest /usr/lib/postgresql/<n>/bin (Debian), or the folder of pg_ctl on the PATH."""
    debian = Path("/usr/lib/postgresql")
    versions = sorted(
        (int(p.name), p / "bin") for p in debian.glob("*") if p.name.isdigit() and (p / "bin" / "pg_ctl").exists()
    ) if debian.exists() else []
    if versions:
        return versions[-1][1]
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


class Cluster:
    """A PostgreSQL server of the bench's own in `folder`, on a free port; as the postgres user
    when the bench runs as root (PostgreSQL refuses root)."""

    def __init__(self, name: str, bin_dir: Path):
        # Its own folder under /tmp: the bench's work folder is private to the bench's user.
        self.folder = Path(tempfile.mkdtemp(prefix=f"saulet-bench-{name}-"))
        self.bin, self.port = bin_dir, free_port()
        if os.geteuid() == 0:
            run(["chown", "-R", "postgres:postgres", str(self.folder)])

    def _run(self, program, *args):
        command = [str(self.bin / program), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return run(command, cwd=self.folder)

    @property
    def data(self):
        return self.folder / "data"

    def url(self, db="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def init(self):
        self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--no-instructions")
        return self

    def replica_of(self, primary):
        self._run("pg_basebackup", "-h", "127.0.0.1", "-p", primary.port, "-U", "postgres",
                  "-D", self.data, "-R", "-X", "stream", "-c", "fast", "--no-sync")
        return self

    def up(self):
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                   "-c max_connections=100 -c shared_buffers=256MB")
        self._run("pg_ctl", "-D", self.data, "-l", self.folder / "server.log", "-o", options,
                  "-w", "-t", "120", "start")
        return self

    def down(self):
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
            except RuntimeError as error:
                log(f"could not stop the cluster in {self.folder}: {error}")
        if os.environ.get("BENCH_KEEP", "0") != "1":
            shutil.rmtree(self.folder, ignore_errors=True)


class Garage:
    """A one-node Garage on loopback with bucket `saulet` and one key (as tests/src/garage.rs)."""

    def __init__(self, folder: Path, binary: Path):
        self.folder, self.binary = folder, binary
        folder.mkdir(parents=True, exist_ok=True)
        self.rpc, self.s3 = free_port(), free_port()
        self.endpoint = f"http://127.0.0.1:{self.s3}"
        self.proc = None

    def _cli(self, *args, check=True):
        done = subprocess.run([str(self.binary), "-c", str(self.folder / "garage.toml"), *args],
                              capture_output=True, text=True, env={**os.environ, "RUST_LOG": "error"})
        if check and done.returncode != 0:
            raise RuntimeError(f"garage {' '.join(args)}: {done.stdout}{done.stderr}")
        return done

    def start(self, pids_file: Path):
        (self.folder / "garage.toml").write_text(f'''metadata_dir = "{self.folder}/meta"
data_dir = "{self.folder}/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:{self.rpc}"
rpc_public_addr = "127.0.0.1:{self.rpc}"
rpc_secret = "{os.urandom(32).hex()}"
[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:{self.s3}"
root_domain = ".s3.garage.localhost"
''')
        self.log_file = open(self.folder / "garage.log", "ab")
        self.proc = subprocess.Popen([str(self.binary), "-c", str(self.folder / "garage.toml"), "server"],
                                     stdout=self.log_file, stderr=subprocess.STDOUT,
                                     env={**os.environ, "RUST_LOG": "warn"},
                                     start_new_session=True)  # a service, as the server is
        with open(pids_file, "a") as pids:
            pids.write(f"{self.proc.pid}\n")
        deadline = time.time() + 60
        # `node id` reads the key from the folder; `status` needs the server itself.
        while self._cli("status", check=False).returncode != 0:
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"garage did not start; see {self.folder / 'garage.log'}")
            time.sleep(0.2)
        node = self._cli("node", "id", "-q").stdout.strip().split("@")[0]
        self._cli("layout", "assign", "-z", "dc1", "-c", "1G", node)
        self._cli("layout", "apply", "--version", "1")
        self._cli("bucket", "create", "saulet")
        key = self._cli("key", "create", "saulet-key").stdout
        field = lambda name: next(l.split(":", 1)[1].strip() for l in key.splitlines() if l.startswith(name))
        self.access_key_id, self.secret = field("Key ID:"), field("Secret key:")
        self._cli("bucket", "allow", "--read", "--write", "--owner", "saulet", "--key", "saulet-key")
        return self

    def env(self):
        return {
            "SAULET_PERMITS__S3__ENDPOINT": self.endpoint,
            "SAULET_PERMITS__S3__BUCKET": "saulet",
            "SAULET_PERMITS__S3__REGION": "garage",
            "SAULET_PERMITS__S3__ACCESS_KEY_ID": self.access_key_id,
            "SAULET_PERMITS__S3__SECRET_ACCESS_KEY": self.secret,
        }

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def copy_database(s, primary):
    """The bench database into the private primary: pg_dump piped into psql."""
    t = time.time()
    run(["psql", "-X", "-q", "-d", primary.url(), "-c", f'CREATE DATABASE "{s.db}"'])
    dump = subprocess.Popen(["pg_dump", "--no-owner", "--no-privileges", "-d", s.db_url()],
                            stdout=subprocess.PIPE, env=s.pg_env())
    restore = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", primary.url(s.db)],
                             stdin=dump.stdout, capture_output=True, text=True)
    dump.stdout.close()
    if dump.wait() != 0 or restore.returncode != 0:
        raise RuntimeError(f"copying the database failed: {restore.stderr[-2000:]}")
    run(["psql", "-X", "-q", "-d", primary.url(s.db), "-c", "VACUUM (ANALYZE)"])
    return time.time() - t


def caught_up(replica, primary, db, limit_s=120):
    """Waits until the replica has replayed everything the primary has written; returns how
    many bytes of WAL it was behind and how long it took."""
    started = time.time()
    target = run(["psql", "-X", "-At", "-d", primary.url(db), "-c",
                  "SELECT pg_current_wal_lsn()"]).stdout.strip()
    first = None
    deadline = started + limit_s
    while time.time() < deadline:
        behind = int(float(run(["psql", "-X", "-At", "-d", replica.url(db), "-c",
                                f"SELECT greatest(pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn()), 0)"]
                               ).stdout.strip()))
        first = behind if first is None else first
        if behind == 0:
            return first, time.time() - started
        time.sleep(0.2)
    raise RuntimeError("the replica did not catch up with the primary")


def run_setups(s, ctx, Server, load, measured, login_token, seed):
    """Measures both arms; returns a dict for the report (or {'skipped': why})."""
    garage = garage_bin()
    programs = server_programs()
    if garage is None:
        return {"skipped": "Garage is not installed (`cargo install garage --locked`, as .ci/run does)"}
    if programs is None:
        return {"skipped": "PostgreSQL's server programs (initdb, pg_ctl) are not installed"}
    work = s.work / "setups"
    primary = Cluster("primary", programs)
    replica = Cluster("replica", programs)
    store = Garage(work / "garage", garage)
    out = {"rounds": []}
    try:
        primary.init().up()
        seconds = copy_database(s, primary)
        log(f"setups: the bench database copied into a private cluster in {seconds:.0f} s")
        replica.replica_of(primary).up()
        store.start(s.work / "pids")
        local_data = ctx.pg_data
        s3_data = work / "s3-data"
        shutil.copytree(ctx.pg_data, s3_data, ignore=shutil.ignore_patterns("documents"))
        arms = {
            "alone": Server(s, "setup-alone", primary.url(s.db), local_data, ctx.pki_dir),
            "s3_replica": Server(s, "setup-s3-replica", primary.url(s.db), s3_data, ctx.pki_dir, {
                **store.env(),
                "SAULET_DATABASE__REPLICA_URLS": json.dumps([replica.url(s.db)]),
            }),
        }
        # A decision whose PDF is in the bucket, for the verification on the S3 arm.
        t = time.time()
        server = arms["s3_replica"].start()
        log(f"setups: the S3 + replica node is ready in {time.time() - t:.1f} s")
        try:
            t = time.time()
            number, code, _ = api_flow.issue_permit(server, ctx.pki, register_people=False)
            log(f"setups: a permit issued on the S3 + replica node in {time.time() - t:.1f} s")
        finally:
            server.stop()
        caught_up(replica, primary, s.db)
        paths = {"alone": f"/api/v1/permits/{ctx.pg_number}/verify?code={ctx.pg_code}",
                 "s3_replica": f"/api/v1/permits/{number}/verify?code={code}"}
        for number_of_round in range(1, s.rounds + 1):
            log(f"setups: round {number_of_round} of {s.rounds}")
            # Both nodes run through the round; each endpoint is measured on one arm right after
            # the other, so the pair is 10 s apart rather than a whole arm's minute: the host's
            # speed drifts by a fifth within a minute here (pgbench of the list's SQL between
            # arms: 8,850 to 12,860 transactions/s). Which arm goes first turns each round.
            order = list(arms.items())
            if number_of_round % 2 == 0:
                order.reverse()
            this_round = {arm: {} for arm in arms}
            tokens = {}
            try:
                for arm, server in order:
                    server.start()
                    tokens[arm] = {"list": login_token(server, seed.LIST_ACCOUNT),
                                   "create": login_token(server, seed.CREATE_ACCOUNT),
                                   "verify": paths[arm]}
                    for key in ENDPOINTS:
                        load(s, server, key, ctx, tokens[arm], 1)
                for key in ENDPOINTS:
                    for arm, server in order:
                        # The replica replays the other arm's writes (its create load) on the
                        # same two cores: each run starts once it has caught up, so no run pays
                        # for another's writes.
                        behind, seconds = caught_up(replica, primary, s.db)
                        if behind:
                            log(f"setups: the replica was {behind / 1e6:.1f} MB of WAL behind; "
                                f"caught up in {seconds:.1f} s")
                        this_round[arm][key] = measured(
                            server, lambda: load(s, server, key, ctx, tokens[arm], s.seconds))
                    log(f"setups: {key}: " + ", ".join(
                        f"{arm} {this_round[arm][key]['rps']:,.0f}" for arm, _ in order) + " requests/s")
            finally:
                for _, server in order:
                    server.stop()
            this_round["ratios"] = {
                key: this_round["s3_replica"][key]["rps"] / this_round["alone"][key]["rps"]
                for key in ENDPOINTS if this_round["alone"][key]["rps"]}
            log("setups: " + ", ".join(f"{k} {v:.3f}" for k, v in this_round["ratios"].items()))
            out["rounds"].append(this_round)
        lag = run(["psql", "-X", "-At", "-d", primary.url(), "-c",
                   "SELECT coalesce(max(replay_lag)::text, '0') FROM pg_stat_replication"]).stdout.strip()
        out["replay_lag"] = lag
    finally:
        store.stop()
        replica.down()
        primary.down()
    return out


LOSS_GOAL = 0.9  # the production setup keeps at least this share of the embedded setup's rps


def report_lines(result, spread, fmt, names, median):
    """The report's section on the two setups."""
    out = ["### The production setup: an S3 store and a read replica", ""]
    if not result:
        return out + ["Not measured (BENCH_SETUPS=0).", ""]
    if "skipped" in result:
        return out + [f"Not measured: {result['skipped']}.", ""]
    rounds = result["rounds"]
    out.append("The same endpoints on one node with its documents in Garage (S3 over loopback) and "
               "its read-mostly pages on a streaming replica, against the node with the local folder "
               "and the primary alone; both on a private PostgreSQL cluster holding a copy of the "
               f"bench database, each endpoint measured on both nodes back to back in each of {len(rounds)} rounds (which goes first turns each round; each run once the replica has caught up). Goal: each "
               f"endpoint keeps ≥ {LOSS_GOAL:g} of its requests/s. The replica's replay lag at the "
               f"end: {result.get('replay_lag', '?')}.")
    out.append("")
    out.append("| Endpoint | alone: requests/s | S3 + replica: requests/s | ratio (median, min–max) | per round | p99 ms alone / S3 + replica | Verdict |")
    out.append("|---|---|---|---|---|---|---|")
    for key in ENDPOINTS:
        alone = [r["alone"][key] for r in rounds]
        both = [r["s3_replica"][key] for r in rounds]
        ratios = [r["ratios"].get(key) for r in rounds]
        verdict = "met" if median(ratios) >= LOSS_GOAL else "**NOT MET**"
        errors = sum(x["non2xx"] + x["socket_errors"] for x in alone + both)
        if errors:
            verdict += f" ({errors} errors)"
        out.append(f"| `{names[key]}` | {spread([x['rps'] for x in alone], 1)} | {spread([x['rps'] for x in both], 1)} "
                   f"| {spread(ratios, 3)} | {', '.join(fmt(v, 3) for v in ratios)} "
                   f"| {fmt(median([x['p99_ms'] for x in alone]))} / {fmt(median([x['p99_ms'] for x in both]))} | {verdict} |")
    out.append("")
    return out
