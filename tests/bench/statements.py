"""The SQL each endpoint sends, read from PostgreSQL's own statement log, and turned into pgbench
scripts that replay it.

Capture: `ALTER DATABASE … SET log_statement = 'all'` (this database only), a server started
after it (so its connections log), one request of each kind, and the new lines of the server
log that name this database. Replay: every `$n` becomes a pgbench variable holding the value that
was bound (`-D`), NULL stays NULL, and the `id` of an inserted row becomes a fresh time-ordered
UUID made by the server (the captured one is already taken); when the INSERT returns the row,
later statements use the new id through `\\gset`."""

import re
from pathlib import Path

from common import psql, run

# A UUID v7 made by the database: the millisecond clock, then random bits (what Uuid::now_v7 is).
UUID7_SQL = ("(lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')"
             " || '7' || substr(md5(random()::text), 1, 3) || '8'"
             " || substr(md5(random()::text), 1, 15))::uuid")

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d")
LEVEL = re.compile(r"\b(LOG|DETAIL|ERROR|STATEMENT|HINT|WARNING|FATAL|PANIC|CONTEXT|NOTICE|INFO|"
                   r"DEBUG\d?):  (.*)$", re.S)
CONTROL = re.compile(r"(?is)^\s*(begin|commit|rollback|start transaction|savepoint|release)\b")


def find_log(s):
    """Where this server writes its log, and how that was found."""
    collector = psql(s, "SHOW logging_collector", db="postgres")
    data_dir = psql(s, "SHOW data_directory", db="postgres")
    destination = psql(s, "SHOW log_destination", db="postgres")
    prefix = psql(s, "SHOW log_line_prefix", db="postgres")
    facts = {"logging_collector": collector, "log_destination": destination,
             "data_directory": data_dir, "log_line_prefix": prefix,
             "log_directory": psql(s, "SHOW log_directory", db="postgres")}
    if collector == "on":
        current = psql(s, "SELECT pg_current_logfile()", db="postgres")
        if current:
            path = Path(current) if current.startswith("/") else Path(data_dir) / current
            return path, f"logging_collector=on: pg_current_logfile() = {path}", facts
    try:
        postmaster = int(Path(data_dir, "postmaster.pid").read_text().split()[0])
        target = Path(f"/proc/{postmaster}/fd/2").resolve()
        if target.is_file():
            return target, (f"logging_collector=off, log_destination={destination}: the "
                            f"postmaster's stderr (/proc/{postmaster}/fd/2) is {target}"), facts
    except (OSError, ValueError, IndexError):
        pass
    candidates = sorted(Path("/var/log/postgresql").glob("postgresql-*.log"),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    if candidates:
        return candidates[0], f"the newest Debian cluster log {candidates[0]}", facts
    return None, "no readable server log (and pg_stat_statements keeps no parameters)", facts


class LogTail:
    def __init__(self, path: Path):
        self.path = path
        self.offset = path.stat().st_size

    def mark(self):
        self.offset = self.path.stat().st_size

    def read(self):
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        self.offset += len(data)
        return data.decode("utf-8", "replace")


def parse_params(text):
    out, i = {}, 0
    while True:
        m = re.match(r"\s*\$(\d+) = ", text[i:])
        if not m:
            return out
        i += m.end()
        k = int(m.group(1))
        if text.startswith("NULL", i):
            out[k] = None
            i += 4
        else:
            j, buf = i + 1, []
            while j < len(text):
                if text[j] == "'":
                    if text[j + 1:j + 2] == "'":
                        buf.append("'")
                        j += 2
                        continue
                    break
                buf.append(text[j])
                j += 1
            out[k] = "".join(buf)
            i = j + 1
        if text.startswith(", ", i):
            i += 2


def entries(text, db):
    """The statements this database ran, in log order: [{pid, sql, params}]."""
    records, current = [], None
    for line in text.split("\n"):
        if TIMESTAMP.match(line):
            current = None
            m = LEVEL.search(line)
            if not m:
                continue
            prefix = line[:m.start()]
            if f"@{db} " not in prefix and f"db={db}" not in prefix and f"@{db}[" not in prefix:
                continue
            pid = (re.search(r"\[(\d+)\]", prefix) or [None, "?"])[1]
            current = {"pid": pid, "level": m.group(1), "text": m.group(2)}
            records.append(current)
        elif current is not None:
            current["text"] += "\n" + line.lstrip("\t")
    out, last = [], {}
    for r in records:
        if r["level"] == "LOG":
            m = re.match(r"(?s)(statement|execute [^:]*): (.*)$", r["text"])
            if m:
                e = {"pid": r["pid"], "sql": m.group(2).strip(), "params": {}}
                out.append(e)
                last[r["pid"]] = e
        elif r["level"] == "DETAIL" and r["text"].startswith("parameters: ") and r["pid"] in last:
            last[r["pid"]]["params"] = parse_params(r["text"][len("parameters: "):])
    return out


def split_top(text):
    parts, depth, buf, quote = [], 0, [], False
    for ch in text:
        if ch == "'":
            quote = not quote
        if not quote:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append("".join(buf).strip())
                buf = []
                continue
        buf.append(ch)
    parts.append("".join(buf).strip())
    return parts


def summary(sql):
    """`SELECT accounts`, `INSERT permit_requests`, `BEGIN`: what a statement does, in short."""
    if CONTROL.match(sql):
        return sql.strip().split()[0].upper()
    verb = sql.strip().split()[0].upper()
    m = re.search(r'(?is)\b(?:FROM|INTO|UPDATE)\s+"?([A-Za-z_][\w]*)"?', sql)
    table = m.group(1) if m else "?"
    extra = ""
    if verb == "SELECT" and re.search(r"(?i)\bpg_advisory", sql):
        table = "pg_advisory_xact_lock"
    if re.search(r"(?i)\bJOIN\b", sql):
        extra = " (join)"
    return f"{verb} {table}{extra}"


def pgbench_script(statements, path: Path):
    """Writes the replay script; returns the -D definitions it needs."""
    lines, defines, fresh = [], {}, {}
    for idx, e in enumerate(statements, 1):
        sql = e["sql"].strip().rstrip(";").strip()
        params = e["params"]
        if CONTROL.match(sql) and not params:
            lines.append(sql + ";")
            continue
        fresh_param, returns_id = None, False
        m = re.match(r'(?is)^INSERT INTO\s+\S+\s*\(([^)]*)\)\s*VALUES\s*\((.*?)\)\s*(RETURNING\s+.*)?$', sql)
        if m:
            columns = [c.strip().strip('"') for c in m.group(1).split(",")]
            values = split_top(m.group(2))
            for column, value in zip(columns, values):
                if column == "id" and re.fullmatch(r"\$\d+", value):
                    fresh_param = int(value[1:])
            returning = m.group(3) or ""
            returns_id = bool(re.search(r'(?i)RETURNING\b.*"id"', returning)) or "*" in returning

        def replace(mt, idx=idx, params=params, fresh_param=fresh_param):
            k = int(mt.group(1))
            if k == fresh_param:
                return UUID7_SQL
            value = params.get(k)
            if value is None:
                return "NULL"
            if value in fresh:
                return ":" + fresh[value]
            name = f"s{idx}p{k}"
            defines[name] = value
            return ":" + name

        text = re.sub(r"\$(\d+)\b", replace, sql).replace("\n", " ")
        if fresh_param is not None and returns_id:
            lines.append(f"{text} \\gset s{idx}_")
            fresh[params[fresh_param]] = f"s{idx}_id"
        else:
            lines.append(text + ";")
    path.write_text("\n".join(lines) + "\n")
    return defines


def check_script(s, path, defines):
    """Runs the script once (one client, one transaction) so a broken replay fails early."""
    args = ["pgbench", "-h", s.pg_host, "-p", str(s.pg_port), "-U", s.pg_user, "-n", "-M", "prepared",
            "-c", "1", "-t", "1"]
    for k, v in defines.items():
        args += ["-D", f"{k}={v}"]
    run([*args, "-f", str(path), s.db], env=s.pg_env())
