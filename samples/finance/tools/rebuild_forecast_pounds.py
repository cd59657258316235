#!/usr/bin/env python3
"""Rebuilds a forecast return's variances to the pound so that every printed line AND every printed total rounds
to the paper (the forecast twin of rebuild_pounds.py, which does the same for the GL samples).

The paper's directorate and total rows are rounded from unrounded forecasts, so the whole-£000 lines can miss them
(closedown: A&S Feb lines 146 against 148 printed). Each non-zero line moves by a whole number of pounds within
+/-450 (it still rounds to its printed £000; a zero line stays zero, so nothing prints as -0); the moves are
searched (seeded hill climb, deterministic) so that each printed total is within +/-450 pounds of its printed
figure x 1000. The block total rows of the return are then rewritten as the exact sum of their lines, as a budget
holder's spreadsheet would give them. Values stay in £000, now with three decimals.

usage (from samples/finance): rebuild_forecast_pounds.py forecast-2019-02.xlsx   (rewrites the file in place)
"""
import csv, re, sys, zipfile
from rebuild_pounds import MARGIN, hill_climb

def directorate(name): return lambda r: r["directorate"] == name
EXP = lambda r: r["line_type"] == "expenditure"
GRANT = lambda r: r["line_type"] == "grant"
ALL = lambda r: True
ADULTS = lambda r: EXP(r) and r["committee"] == "Adults"
ADULTS_COMMISSIONING = lambda r: r["directorate"] == "Commissioning" and r["committee"] == "Adults"
DIRECTORATES = ["Adults & Safeguarding", "Commissioning", "Communities & Safety", "Children & Safeguarding", "Education", "Executive Director"]

PRINTED = {
    # seed 004: the Feb column of §2.1 (l.2273-2282) and of the Adults cover table (l.2085-2090)
    "forecast-2019-02.xlsx": list(zip(DIRECTORATES, [148, 4840, -166, 2268, 9098, -3229])) +
        [(EXP, 12959), (GRANT, -8023), (ALL, 4936), (ADULTS, 500), (ADULTS_COMMISSIONING, 352)],
    # seed 004: Outturn Variance of §2.1, the Adults cover table and the Appendix 2 group rows (l.2659-2813)
    "forecast-2019-13.xlsx": list(zip(DIRECTORATES, [686, 4743, -237, 1732, 9538, -3023])) +
        [(EXP, 13439), (GRANT, -8682), (ALL, 4756), (ADULTS, 1152), (ADULTS_COMMISSIONING, 466),
         (lambda r: r["pooled_budget"] == "LD", 2476),
         (lambda r: r["service_group"] == "Older People and Physical Disability Services", 1971),
         (lambda r: r["service_group"] == "Mental Health", -212)],
}

ROW = re.compile(r'<row r="(\d+)"[^>]*>(.*?)</row>', re.S)
def cell_text(body, column):
    m = re.search(rf'<c r="{column}\d+"[^>]*>(?:<is><t[^>]*>(.*?)</t></is>|<v>(.*?)</v>)</c>', body, re.S)
    return None if m is None else (m.group(1) if m.group(1) is not None else m.group(2))

def main(path):
    name = path.split("/")[-1]
    reference = {}
    with open("organisation-reference.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["effective_from"] == "2018/19":
                reference.setdefault(r["budget_line_code"], r)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")

    lines, totals, block = {}, [], []   # code -> (row, pounds); totals: (row, [codes] or None for the grand total)
    for number, body in ROW.findall(sheet):
        code, label, value = cell_text(body, "A"), cell_text(body, "B"), cell_text(body, "C")
        if code and re.fullmatch(r"L\d+", code) and value is not None:
            lines[code] = (int(number), round(float(value) * 1000))
            block.append(code)
        elif label and value is not None and label.strip().endswith("Total"):
            totals.append((int(number), None if label.strip() == "Total" else block))
            block = []

    codes = sorted(lines)
    movable = [c for c in codes if lines[c][1] != 0]
    targets = []
    for selector, printed in PRINTED[name]:
        test = directorate(selector) if isinstance(selector, str) else selector
        targets.append(([c for c in codes if test(reference[c])], printed * 1000))
    delta = {c: 0 for c in codes}
    def cost():
        return sum(max(0, abs(sum(lines[c][1] + delta[c] for c in members) - target) - MARGIN) for members, target in targets)
    best = hill_climb(movable, delta, cost, 2019)
    if best:
        sys.exit(f"{name}: no set of moves found (distance {best})")
    for members, target in targets:
        print(f"{name}: {target / 1000:>10,.0f} printed, {sum(lines[c][1] + delta[c] for c in members) / 1000:>14,.3f} (£000)")

    def put(sheet, row, pounds):
        sheet, count = re.subn(rf'(<c r="C{row}"[^>]*><v>)[^<]*(</v>)', rf"\g<1>{pounds / 1000:.3f}\g<2>", sheet)
        if count != 1:
            sys.exit(f"{path}: no cell C{row}")
        return sheet
    pounds = {c: lines[c][1] + delta[c] for c in codes}
    for c in codes:
        sheet = put(sheet, lines[c][0], pounds[c])
    for row, members in totals:
        sheet = put(sheet, row, sum(pounds[c] for c in (codes if members is None else members)))
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)

if __name__ == "__main__":
    main(sys.argv[1])
