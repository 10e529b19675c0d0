#!/usr/bin/env python3
"""Adds AGENTS agents with routing profiles (skill matrix over the five dimensions, seniority,
capacity, shifts) and OPEN open complaints assigned among them to a demo database, plus WAITING
analysed complaints nobody has yet, for bench/run_routing.sh. Writes the tables directly.
Usage: gen_routing_load.py DB AGENTS OPEN WAITING NOW_MS"""
import random
import sqlite3
import sys

db, agents, n_open, waiting, now = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4]), int(sys.argv[5])
con = sqlite3.connect(db)
rng = random.Random(11)
regions = [r[0] for r in con.execute("SELECT id FROM regions")]
teams = [t[0] for t in con.execute("SELECT id FROM teams WHERE kind = 'complaints'")]
first_user = con.execute("SELECT max(id) FROM users").fetchone()[0] + 1
skills = {
    "type": ["inquiry", "quality", "service", "suggestion"],
    "category": ["product_quality", "logistics", "after_sales", "price_advertising", "other"],
    "product_line": [f"line{i}" for i in range(12)],
    "language": ["zh", "en"],
    "channel": ["phone", "web", "email", "social", "ecommerce", "store"],
}
users, profiles, skill_rows = [], [], []
for i in range(agents):
    uid = first_user + i
    users.append((uid, f"bench_agent_{i}", f"坐席{i}", "agent", "x", now))
    profiles.append((uid, rng.choice(teams), rng.choice(regions), rng.choice([1, 1, 1, 2, 2, 3]),
                     rng.randint(60, 90), 1 if rng.random() < 0.9 else 0,
                     rng.choice(["24x7", "cn-service-desk", ""]), now))
    for dim, values in skills.items():
        for v in rng.sample(values, k=max(1, len(values) // 2)):
            skill_rows.append((uid, dim, v, rng.randint(1, 5)))
con.executemany("INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", users)
con.executemany("INSERT INTO agent_profiles (user_id, team_id, region_id, seniority, capacity, "
                "available, shift_calendar, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                profiles)
con.executemany("INSERT INTO agent_skills (user_id, dimension, value, level) VALUES (?, ?, ?, ?)",
                skill_rows)
first = con.execute("SELECT coalesce(max(id), 0) FROM complaints").fetchone()[0] + 1
rows, analysis = [], []
texts = ["猫粮发霉了，猫吃了以后呕吐，要求退款", "快递三天没到，客服电话打不通", "The dryer stopped working after a week",
         "价格标错了，结账时多收了钱", "建议增加小包装"]
for i in range(n_open + waiting):
    cid = first + i
    received = now - rng.randrange(72 * 3_600_000)
    is_open = i < n_open
    assignee = first_user + rng.randrange(agents) if is_open else None
    rows.append((cid, f"RB-{i:08d}", "in_progress" if is_open else "received",
                 rng.choice(skills["channel"]), "投诉", rng.choice(texts), "medium",
                 rng.choice(regions), "normal", assignee, received, received))
    if not is_open:
        analysis.append((cid, -0.5, rng.randint(0, 100), rng.choice(skills["type"]),
                         rng.choice(skills["category"]), now))
con.executemany("INSERT INTO complaints (id, reference, status, channel, title, description, "
                "severity, region_id, priority, assignee_id, received_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
con.executemany("INSERT INTO complaint_analysis (complaint_id, sentiment, agitation, "
                "suggested_type, suggested_category, analyzed_at) VALUES (?, ?, ?, ?, ?, ?)",
                analysis)
con.commit()
print(f"added {agents} agents, {n_open} open assigned complaints, {waiting} waiting")
