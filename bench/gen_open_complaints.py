#!/usr/bin/env python3
"""Adds N open complaints with their SLA check jobs to a demo database for
bench/run_sla_sweep.sh: complaints received over the last 24 hours, each with one due
"sla.check" job; DUE of them are due at NOW, the rest spread over the next 30 days (as a live
system looks: most clocks far from their next warning). Writes the tables directly.
Usage: gen_open_complaints.py DB N DUE NOW_MS"""
import random
import sqlite3
import sys

db, n, due, now = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
con = sqlite3.connect(db)
rng = random.Random(5)
region = con.execute("SELECT id FROM regions LIMIT 1").fetchone()[0]
first = con.execute("SELECT coalesce(max(id), 0) FROM complaints").fetchone()[0] + 1
complaints, jobs = [], []
for i in range(n):
    cid = first + i
    received = now - rng.randrange(24 * 3_600_000)
    complaints.append((cid, f"SW-{i:08d}", "in_progress", "phone", "猫粮发霉", "猫粮发霉了，要求退款",
                       "medium", region, "normal", received, received))
    run_at = now - rng.randrange(60_000) if i < due else now + rng.randrange(1, 30 * 86_400_000)
    jobs.append(("sla.check", f"sla:{cid}", str(cid), "due", run_at, now))
con.executemany("INSERT INTO complaints (id, reference, status, channel, title, description, "
                "severity, region_id, priority, received_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", complaints)
con.executemany("INSERT INTO jobs (kind, job_key, payload, status, run_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", jobs)
con.commit()
print(f"added {n} open complaints and their SLA checks, {due} due now")
