#!/usr/bin/env python3
"""Adds N complaints of varied text to a demo database for bench/run_suggestions.sh: 80 % closed
with a recorded resolution, half of those with a survey answer; the rest in progress. Writes the
tables directly (the bench measures reading, not filing). Usage: gen_resolved_history.py DB N"""
import random
import sqlite3
import sys

db, n = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(db)
rng = random.Random(7)
products = [r for r in con.execute("SELECT id, name FROM products")]
stores = [r for r in con.execute("SELECT s.id, s.name, s.city_id, c.region_id FROM stores s "
                                 "JOIN cities c ON c.id = s.city_id")]
problems = {
    "product_quality": ["打开发现结块发霉", "里面有异物，像是塑料片", "猫吃了以后呕吐拉肚子",
                        "有一股很重的异味", "包装漏气受潮了", "用了两天就坏了", "开裂掉漆",
                        "屏幕黑屏死机", "不制冷，噪音很大", "漏水漏电很危险", "过期了还在卖",
                        "颗粒大小不一，颜色发黑"],
    "logistics": ["快递一周还没到", "包裹破损，里面东西撒了", "错发了别的商品", "少发了一件",
                  "显示签收但我没收到", "快递员态度恶劣，不送上楼", "物流信息三天没更新"],
    "after_sales": ["客服一直不回复", "维修师傅约好了没来", "退款申请十天还没处理",
                    "店员态度很差，爱答不理", "售后推来推去没人管", "保修期内还要收维修费"],
    "price_advertising": ["买完第二天就降价了", "宣传的功效根本没有", "优惠券用不了",
                          "标价和结算价不一样", "说是进口的其实是国产"],
}
remedies = {"product_quality": ["replacement", "refund", "repair", "compensation"],
            "logistics": ["replacement", "compensation", "explanation", "refund"],
            "after_sales": ["apology", "repair", "compensation", "explanation"],
            "price_advertising": ["refund", "compensation", "explanation"]}
asks = ["要求退款", "请给我换一个新的", "希望给个说法", "要求赔偿", "请尽快处理", ""]
moods = ["", "太失望了！", "非常生气！！", "谢谢。", "再不处理就投诉到消协。"]
first = con.execute("SELECT coalesce(max(id), 0) FROM complaints").fetchone()[0] + 1
now = 1_795_000_000_000
rows, resolutions, surveys = [], [], []
for i in range(n):
    cid = first + i
    category = rng.choice(list(problems))
    pid, pname = rng.choice(products)
    sid, sname, city, region = rng.choice(stores)
    problem = rng.choice(problems[category])
    text = f"{rng.randrange(1, 30)}天前在{sname}买的{pname}，{problem}。{rng.choice(asks)}{rng.choice(moods)}"
    received = now - rng.randrange(365 * 86_400_000)
    closed = rng.random() < 0.8
    rows.append((cid, f"BH-{i:08d}", "closed" if closed else "in_progress", "phone",
                 f"{pname}{problem[:6]}", text, category, "medium", region, city, sid, pid,
                 "normal", received, received + 86_400_000))
    if closed:
        remedy = rng.choice(remedies[category])
        money = rng.randrange(10, 500) * 100 if remedy in ("refund", "compensation") else 0
        resolutions.append((cid, remedy, money, "已处理", received + 20 * 3_600_000))
        if rng.random() < 0.5:
            surveys.append((cid, rng.randint(1, 5), received + 50 * 3_600_000))
con.executemany(
    "INSERT INTO complaints (id, reference, status, channel, title, description, category, "
    "severity, region_id, city_id, store_id, product_id, priority, received_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
con.executemany("INSERT INTO resolutions (complaint_id, remedy, compensation_cents, summary, "
                "resolved_at) VALUES (?, ?, ?, ?, ?)", resolutions)
con.executemany("INSERT INTO survey_responses (complaint_id, csat, answered_at) VALUES (?, ?, ?)",
                surveys)
con.commit()
print(f"added {n} complaints, {len(resolutions)} resolutions, {len(surveys)} survey answers")
