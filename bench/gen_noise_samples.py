#!/usr/bin/env python3
"""A labelled file for `closeloop model eval --task gibberish`: N real reviews (label 0, from a
CSV with a `review` column, e.g. ../shared/data/zh-sentiment/waimai_10k.csv) and N generated
non-texts (label 1): keyboard mashing, one character or emoji repeated, digits, a character or
two, and random strings of common Chinese characters (the hard case: they look like text).
Usage: gen_noise_samples.py REVIEWS.csv OUT.csv N"""
import csv
import random
import sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(11)
with open(src, encoding="utf-8-sig") as f:
    reviews = [r["review"] for r in csv.DictReader(f) if r["review"].strip()]
rng.shuffle(reviews)
common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世"
def gibberish():
    kind = rng.randrange(6)
    if kind == 0:
        return "".join(rng.choice("asdfghjklqwertyuiopzxcvbnm") for _ in range(rng.randint(5, 30)))
    if kind == 1:
        return rng.choice(["啊", "哈", "？", "！", "😡", "。", "x", "呜"]) * rng.randint(3, 30)
    if kind == 2:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(3, 20)))
    if kind == 3:
        return "".join(rng.choice(common) for _ in range(rng.randint(1, 2)))
    if kind == 4:
        word = "".join(rng.choice("asdfjkl") for _ in range(rng.randint(2, 4)))
        return word * rng.randint(3, 8)
    return "".join(rng.choice(common) for _ in range(rng.randint(8, 40)))
rows = [(t, 0) for t in reviews[:n]] + [(gibberish(), 1) for _ in range(n)]
rng.shuffle(rows)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["text", "label"])
    w.writerows(rows)
