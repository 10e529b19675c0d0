#!/usr/bin/env python3
"""Writes a complaint import file of N rows for bench/run_import.sh, using the stores and SKUs
of a demo database so every row resolves. Usage: gen_complaints_csv.py DB OUT.csv N [--gbk]"""
import csv
import random
import sqlite3
import sys

db, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
prefix = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--prefix=")), "EXT")
encoding = "gb18030" if "--gbk" in sys.argv else "utf-8"
con = sqlite3.connect(db)
stores = [r[0] for r in con.execute("SELECT code FROM stores")]
skus = [r[0] for r in con.execute("SELECT sku FROM products")]
rng = random.Random(42)
problems = ["猫粮里发现异物，猫吃了以后呕吐", "快递三天还没到，客服不回复", "门店店员态度很差",
            "退款申请提交一周了还没处理", "猫砂结团效果差，和宣传不符", "The pet bed arrived torn",
            "价格比官网贵，感觉被误导", "狗粮包装破损，受潮发霉"]
types = ["quality", "service", "inquiry", "suggestion", "质量问题", "服务投诉"]
channels = ["phone", "store", "email", "ecommerce", "social", "电话"]
with open(out, "w", newline="", encoding=encoding) as f:
    w = csv.writer(f)
    w.writerow(["投诉编号", "渠道", "投诉内容", "类型", "category", "索赔金额", "订单金额",
                "投诉时间", "门店编码", "sku", "客户姓名", "手机", "邮箱"])
    for i in range(n):
        # About three complaints per customer, so identity resolution has work to do.
        c = rng.randrange(max(1, n // 3))
        w.writerow([f"{prefix}-{i:07d}", rng.choice(channels),
                    f"{rng.choice(problems)}（第{i}号）订单{rng.randrange(10**8)}",
                    rng.choice(types), rng.choice(["product_quality", "logistics", "after_sales"]),
                    f"{rng.randrange(0, 500)}.{rng.randrange(100):02d}", f"{rng.randrange(50, 900)}.00",
                    f"2026-{rng.randrange(1, 11):02d}-{rng.randrange(1, 28):02d} "
                    f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
                    rng.choice(stores), rng.choice(skus), f"客户{c}",
                    f"13{c % 10}{c:08d}"[:11], f"user{c}@example.com"])
