#!/usr/bin/env python3
"""Writes the Appendix 2 commentary of a paper into its forecast return as column E "Commentary Text".

commentary-YYYY-MM.txt holds one entry per commentary number ("== 1" then the text, transcribed from the paper's
Appendix 2 with its paragraphs and bullet lists; html tags of the transcription removed). Each entry goes on the
line(s) of the return whose Commentary Ref (column D) is that number: on the first such line only, since a number
shared by a group has one text.

usage: add_commentary.py commentary-2018-05.txt ../forecast-2018-05.xlsx
"""
import re, sys, zipfile
from xml.sax.saxutils import escape

def entries(path):
    found, current = {}, None
    for line in open(path, encoding="utf-8").read().split("\n"):
        m = re.match(r"^== (\S+)$", line)
        if m:
            current = m.group(1)
            found[current] = []
        elif current is not None:
            found[current].append(line)
    return {k: "\n".join(v).strip() for k, v in found.items()}

def main(text_path, xlsx_path):
    texts = entries(text_path)
    with zipfile.ZipFile(xlsx_path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    if 'r="E5"' in sheet:
        sys.exit(f"{xlsx_path} already has column E")
    def cell(ref, text, style=""):
        return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
    sheet = re.sub(r'(<row r="5">.*?)(</row>)', lambda m: m.group(1) + cell("E5", "Commentary Text", ' s="1"') + m.group(2), sheet, count=1)
    done = set()
    def add(m):
        number, body = m.group(1), m.group(2)
        ref = re.search(r'<c r="D%s"[^>]*>(?:<v>([^<]*)</v>|<is><t>([^<]*)</t></is>)' % number, body)
        key = (ref.group(1) or ref.group(2)) if ref else None
        if key is not None and key.endswith(".0"):
            key = key[:-2]
        if key in texts and key not in done:
            done.add(key)
            return f'<row r="{number}">{body}{cell("E" + number, texts[key])}</row>'
        return m.group(0)
    sheet = re.sub(r'<row r="(\d+)">(.*?)</row>', add, sheet)
    missing = set(texts) - done
    if missing:
        sys.exit(f"no line carries commentary ref(s) {sorted(missing)}")
    sheet = re.sub(r'<dimension ref="A1:D(\d+)"/>', r'<dimension ref="A1:E\1"/>', sheet)
    sheet = sheet.replace('</cols>', '<col width="80" customWidth="1" min="5" max="5"/></cols>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(xlsx_path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    print(f"{xlsx_path}: commentary for refs {sorted(done)}")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
