"""Shared helpers of `make bench`: settings from the environment, commands, PostgreSQL, HTTP,
the server process, CPU accounting. Standard library only."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "bench"
SAULET = Path(os.environ.get("BENCH_SAULET") or ROOT / "target" / "release" / "saulet")
TIMER = ROOT / "target" / "bench-tools" / "release" / "saulet-argon2-timer"
PASSWORD = "Bench-құпия-сөз-2026"


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


class Settings:
    def __init__(self):
        self.rounds = env_int("BENCH_ROUNDS", 3)
        self.seconds = env_int("BENCH_SECONDS", 10)
        self.connections = env_int("BENCH_CONNECTIONS", 32)
        self.threads = env_int("BENCH_THREADS", 2)
        self.accounts = env_int("BENCH_ACCOUNTS", 10_000)
        self.requests = env_int("BENCH_REQUESTS", 100_000)
        self.sqlite_accounts = env_int("BENCH_SQLITE_ACCOUNTS", 2_000)
        self.sqlite_requests = env_int("BENCH_SQLITE_REQUESTS", 20_000)
        self.sqlite = os.environ.get("BENCH_SQLITE", "1") != "0"
        self.write_doc = os.environ.get("BENCH_WRITE_DOC", "1") != "0"
        self.keep = os.environ.get("BENCH_KEEP", "0") == "1"
        self.cores = len(os.sched_getaffinity(0))
        url = urlparse(os.environ.get("BENCH_PG_URL") or "postgres://postgres@127.0.0.1:5432")
        self.pg_host = url.hostname or "127.0.0.1"
        self.pg_port = url.port or 5432
        self.pg_user = url.username or "postgres"
        self.pg_password = url.password
        self.db = os.environ.get("BENCH_DB") or f"saulet_bench_{os.urandom(4).hex()}"
        self.work = Path(os.environ["BENCH_WORK"])

    def db_url(self, db=None):
        auth = self.pg_user + (f":{self.pg_password}" if self.pg_password else "")
        return f"postgres://{auth}@{self.pg_host}:{self.pg_port}/{db or self.db}"

    def pg_env(self):
        env = dict(os.environ)
        if self.pg_password:
            env["PGPASSWORD"] = self.pg_password
        return env

    def pg_args(self, db=None):
        return ["-h", self.pg_host, "-p", str(self.pg_port), "-U", self.pg_user, "-d", db or self.db]


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(args, **kwargs):
    """Runs a command; raises with its output when it fails."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    result = subprocess.run([str(a) for a in args], **kwargs)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(str(a) for a in args[:6])} … failed ({result.returncode}):\n"
            f"{(result.stdout or '')[-2000:]}\n{(result.stderr or '')[-4000:]}"
        )
    return result


def psql(s, sql=None, file=None, db=None, quiet=True):
    """psql on the bench database (or `db`); returns stdout (unaligned, tuples only)."""
    args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", *s.pg_args(db)]
    if sql is not None:
        args += ["-c", sql]
    if file is not None:
        args += ["-f", file]
    return run(args, env=s.pg_env()).stdout.strip()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# HTTP


def http(method, url, body=None, token=None, headers=None, data=None, timeout=60):
    """One request; returns (status, parsed JSON or text, headers)."""
    hdrs = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    if token:
        hdrs["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw, rh = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, rh = error.code, error.read(), error.headers
    text = raw.decode("utf-8", "replace")
    try:
        return status, json.loads(text), rh
    except ValueError:
        return status, text, rh


def expect(status_body, status, what):
    got, body, _ = status_body
    if got != status:
        raise RuntimeError(f"{what}: expected HTTP {status}, got {got}: {str(body)[:800]}")
    return body


def multipart(field, file_name, content, content_type="application/octet-stream"):
    boundary = "saulet-bench-" + os.urandom(8).hex()
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; "
        f"filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
    ).encode()
    body = head + content + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


# ---------------------------------------------------------------------------------------------
# The server under test


class Server:
    """`saulet serve` in its own working directory (so no stray saulet.toml is read)."""

    def __init__(self, s, name, database_url, data_dir, pki_dir, extra_env=None):
        self.s = s
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = Path(data_dir)
        self.log_path = s.work / f"server-{name}.log"
        env = dict(os.environ)
        for key in [k for k in env if k.startswith("SAULET_")]:
            del env[key]
        env.update(
            {
                "SAULET_DATABASE__URL": database_url,
                "SAULET_DATA_DIR": str(self.data_dir),
                "SAULET_SERVER__PORT": str(self.port),
                "SAULET_SERVER__STATIC_DIR": str(s.work / "no-spa"),
                "SAULET_SERVER__SHUTDOWN_TIMEOUT_SECS": "2",
                # One address sends every login of the load test: the per-address limit of
                # 30/min on POST /auth/… would answer 429 after the first second.
                "SAULET_SERVER__AUTH_RATE_LIMIT": "4000000000",
                "SAULET_AUTH__ACCESS_TOKEN_TTL_SECS": "3600",
                "SAULET_LOG__LEVEL": "warn",
                "SAULET_EDS__ANCHORS": json.dumps(
                    [str(pki_dir / "ca" / "root.pem"), str(pki_dir / "ca" / "issuing.pem")]
                ),
                "SAULET_EDS__CRLS": json.dumps([str(pki_dir / "ca" / "crl.pem")]),
            }
        )
        env.update(extra_env or {})
        self.env = env
        self.proc = None
        self.clean_exit = None

    def cli(self, *args):
        """Runs a `saulet` subcommand against the same database and data folder."""
        return run([SAULET, *args], cwd=self.s.work, env=self.env)

    def start(self):
        (self.s.work / "no-spa").mkdir(exist_ok=True)
        self.log_file = open(self.log_path, "ab")
        # In a session of its own, as a service manager starts a server: with Linux's autogroup
        # scheduling the CPU is shared between sessions first, and a server in the load
        # generator's session made PostgreSQL's backends wait up to a tenth of a second for a CPU
        # now and then (docs/benchmarks.md, "The long tail of `me`").
        self.proc = subprocess.Popen(
            [str(SAULET), "serve"], cwd=self.s.work, env=self.env,
            stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
        # run.sh kills what is listed in $BENCH_WORK/pids if the bench dies (a phase may work in
        # a subfolder of its own).
        with open(Path(os.environ.get("BENCH_WORK") or self.s.work) / "pids", "a") as pids:
            pids.write(f"{self.proc.pid}\n")
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the {self.name} server exited; see {self.log_path}:\n"
                                   + self.log_path.read_text(errors="replace")[-3000:])
            try:
                status, _, _ = http("GET", self.base + "/api/v1/health/ready", timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the {self.name} server did not become ready; see {self.log_path}")

    def stop(self):
        """SIGTERM (a graceful shutdown, which ends within the 2 s shutdown timeout set above),
        and SIGKILL if the process has not exited 5 s later."""
        if self.proc and self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(5)
                    self.clean_exit = True
                except subprocess.TimeoutExpired:
                    self.clean_exit = False
            finally:
                if self.proc.poll() is None:
                    self.proc.kill()
                    self.proc.wait()
        if self.proc:
            self.log_file.close()
        self.proc = None

    def url(self, path):
        return self.base + path

    # Memory: VmHWM is the peak resident set; writing 5 to clear_refs resets it (Linux ≥ 4.0),
    # so each load run reports its own peak.
    def reset_peak(self):
        try:
            Path(f"/proc/{self.proc.pid}/clear_refs").write_text("5")
            return True
        except OSError:
            return False

    def memory_kib(self):
        out = {}
        proc = self.proc
        if proc is None:
            return out
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith(("VmHWM:", "VmRSS:", "Threads:")):
                    out[line.split(":")[0]] = int(line.split()[1])
        except OSError:
            pass
        return out


# ---------------------------------------------------------------------------------------------
# CPU accounting: how much CPU other work on the machine took during a run ("foreign" CPU).
# foreign = all busy CPU time (/proc/stat) - ours, where ours = the server, this script and the
# children it waited for (wrk, pgbench), and every PostgreSQL process (backends of other
# databases included: they cannot be told apart cheaply, so foreign is a lower bound there).

CLK = os.sysconf("SC_CLK_TCK")


def _busy_jiffies():
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return user + nice + system + irq + softirq + steal


def _proc_times(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = stat[stat.rindex(")") + 2:].split()
    # fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    return int(rest[11]), int(rest[12]), int(rest[13]), int(rest[14]), rest[1]


def _postgres_pids():
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


class CpuMeter:
    def __init__(self, server_pid=None):
        self.server_pid = server_pid

    def snapshot(self):
        snap = {"busy": _busy_jiffies(), "self": sum(os.times()[:4]), "pg": {}, "server": 0}
        for pid in _postgres_pids():
            times = _proc_times(pid)
            if times:
                snap["pg"][pid] = times
        if self.server_pid:
            times = _proc_times(self.server_pid)
            snap["server"] = (times[0] + times[1]) if times else 0
        return snap

    @staticmethod
    def foreign(before, after):
        busy = (after["busy"] - before["busy"]) / CLK
        ours = (after["self"] - before["self"]) + (after["server"] - before["server"]) / CLK
        pg = 0
        for pid, t in after["pg"].items():
            own = t[0] + t[1]
            reaped = t[2] + t[3]  # the postmaster collects its finished backends' time here
            b = before["pg"].get(pid)
            if b:
                pg += own - (b[0] + b[1]) + reaped - (b[2] + b[3])
            else:
                pg += own
        ours += pg / CLK
        return max(0.0, busy - ours), busy


def which(name):
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        path = Path(folder) / name
        if path.is_file() and os.access(path, os.X_OK):
            return path
    return None


def fail(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(1)


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
