#!/usr/bin/env python3
"""Rebuilds the pounds of a GL sample so that every printed line AND every printed total rounds to the paper.

The paper's totals come from unrounded ledger data, so the lines' pounds are not whole thousands. This script
keeps every row as it is except one row per budget line (its largest, so no row changes sign), which moves by
a whole number of pounds within +/-450 (the line still rounds to its printed £000). It searches those moves so
that each printed total (directorates, Total Expenditure, Grant Funding, Total, committee and Appendix 2 group
rows) is within +/-450 pounds of the printed figure x 1000 (so it rounds to the printed figure with a margin).
The search is deterministic: a seeded hill climb on the total distance outside the bands.

usage: rebuild_pounds.py gl-2018-05.csv   (rewrites the file in place; run from samples/finance)
       rebuild_pounds.py --xlsx gl-2018-05.csv gl-2018-05.xlsx   (copies the csv's Budget/Actual into the xlsx)
"""
import csv, random, sys, io, re, zipfile

MARGIN = 450  # pounds: a moved line stays within +/-450 of its printed £000, a total within +/-450 of its printed

# Printed totals per file: (column, label, selector, printed £000). Selector: a function of the line's reference row.
def directorate(name): return lambda r: r["directorate"] == name
EXP = lambda r: r["line_type"] == "expenditure"
GRANT = lambda r: r["line_type"] == "grant"
ALL = lambda r: True

PRINTED = {
    "gl-2018-05.csv": {  # seed 000 §2.1 (l.32-41) and Appendix 1 totals (l.351-423)
        "Budget": [("Adults & Safeguarding", 154174), ("Commissioning", 44162), ("Communities & Safety", 6677),
                   ("Children & Safeguarding", 50699), ("Education", 64382), ("Executive Director", 785),
                   (EXP, 320879), (GRANT, -81550), (ALL, 239329)],
        "Actual": [("Adults & Safeguarding", 29869), ("Commissioning", 2430), ("Communities & Safety", 961),
                   ("Children & Safeguarding", 8352), ("Education", 18911), ("Executive Director", 287),
                   (EXP, 60810), (GRANT, -11095), (ALL, 49716)],
    },
    "gl-2019-13.csv": {  # seed 004 §2.1 (l.2273-2282), cover table (l.2085-2090), Appendix 2 group rows (l.2659-2813)
        "Budget": [("Adults & Safeguarding", 155652), ("Commissioning", 44956), ("Communities & Safety", 6950),
                   ("Children & Safeguarding", 52204), ("Education", 81155), ("Executive Director", 4306),
                   (EXP, 345222), (GRANT, -101653), (ALL, 243570),
                   (lambda r: EXP(r) and r["committee"] == "Adults", 166998),
                   (lambda r: r["directorate"] == "Commissioning" and r["committee"] == "Adults", 11345),
                   (lambda r: r["pooled_budget"] == "LD", 59661),
                   (lambda r: r["service_group"] == "Older People and Physical Disability Services", 67809),
                   (lambda r: r["service_group"] == "Mental Health", 13611)],
        "Actual": [("Adults & Safeguarding", 156339), ("Commissioning", 49699), ("Communities & Safety", 6713),
                   ("Children & Safeguarding", 53936), ("Education", 90693), ("Executive Director", 1282),
                   (EXP, 358661), (GRANT, -110335), (ALL, 248326),
                   (lambda r: EXP(r) and r["committee"] == "Adults", 168150),
                   (lambda r: r["directorate"] == "Commissioning" and r["committee"] == "Adults", 11811),
                   (lambda r: r["pooled_budget"] == "LD", 62137),
                   (lambda r: r["service_group"] == "Older People and Physical Disability Services", 69780),
                   (lambda r: r["service_group"] == "Mental Health", 13399)],
    },
}

def hill_climb(movable, delta, cost, seed):
    """Moves delta[c] (pounds, within +/-MARGIN) of the movable lines while cost() does not grow; returns the cost left."""
    rng = random.Random(seed)
    best = cost()
    for _ in range(200000):
        if best == 0:
            break
        c = rng.choice(movable)
        old = delta[c]
        delta[c] = max(-MARGIN, min(MARGIN, old + rng.choice([-50, -10, 10, 50, rng.randint(-MARGIN, MARGIN) - old])))
        now = cost()
        if now <= best:
            best = now
        else:
            delta[c] = old
    return best

def main(path):
    name = path.split("/")[-1]
    year = "2018/19"
    reference = {}
    with open("organisation-reference.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["effective_from"] == year:
                reference[r["cost_centre_code"]] = r
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], [r for r in rows[1:] if r and r[0] != "Total"]
    lines = {}  # budget line code -> {"ref": row, "rows": [indexes]}
    for i, r in enumerate(body):
        ref = reference[r[0]]
        lines.setdefault(ref["budget_line_code"], {"ref": ref, "rows": []})["rows"].append(i)
    codes = sorted(lines)
    for column in ("Budget", "Actual"):
        ci = header.index(column)
        cents = {c: sum(round(float(body[i][ci]) * 100) for i in lines[c]["rows"]) for c in codes}
        # the row that moves: the largest in size, so a move of under £450 never changes its sign
        mover = {c: max(lines[c]["rows"], key=lambda i: abs(float(body[i][ci]))) for c in codes}
        movable = [c for c in codes if abs(float(body[mover[c]][ci])) >= 1000]
        targets = []
        for selector, printed in PRINTED[name][column]:
            test = directorate(selector) if isinstance(selector, str) else selector
            members = [c for c in codes if test(lines[c]["ref"])]
            targets.append((members, printed * 100000))
        delta = {c: 0 for c in codes}
        def cost():
            total = 0
            for members, target in targets:
                off = abs(sum(cents[c] + delta[c] * 100 for c in members) - target)
                total += max(0, off - MARGIN * 100)
            return total
        best = hill_climb(movable, delta, cost, 2018)
        if best:
            sys.exit(f"{name} {column}: no set of moves found (distance {best / 100:.2f})")
        for c in codes:
            i = mover[c]
            body[i][ci] = f"{(round(float(body[i][ci]) * 100) + delta[c] * 100) / 100:.2f}"
        for members, target in targets:
            got = sum(cents[c] + delta[c] * 100 for c in members) / 100
            print(f"{name} {column}: {target / 100000:>10,.0f} printed, {got:>16,.2f} pounds")
    budget, actual = header.index("Budget"), header.index("Actual")
    total = ["Total", "", "", "", "", f"{sum(round(float(r[budget]) * 100) for r in body) / 100:.2f}",
             f"{sum(round(float(r[actual]) * 100) for r in body) / 100:.2f}"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header] + body + [total])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())

def copy_to_xlsx(csv_path, xlsx_path):
    """The xlsx twin holds the same rows from sheet row 5: rewrite its Budget (F) and Actual (G) values."""
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    with zipfile.ZipFile(xlsx_path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for n, r in enumerate(rows):
        for column, value in (("F", r[5]), ("G", r[6])):
            ref = f"{column}{n + 5}"
            sheet, count = re.subn(rf'(<c r="{ref}"[^>]*><v>)[^<]*(</v>)', rf"\g<1>{float(value)!r}\g<2>", sheet)
            if count != 1:
                sys.exit(f"{xlsx_path}: no cell {ref}")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(xlsx_path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)

if __name__ == "__main__":
    if sys.argv[1] == "--xlsx":
        copy_to_xlsx(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1])
