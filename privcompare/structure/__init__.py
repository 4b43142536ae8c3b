"""Structure: text -> clause table. (Placeholder: one paragraph per line.)"""
from __future__ import annotations

import re

import pandas as pd

COLUMNS = ["clause_id", "kind", "section", "heading", "level", "number", "text", "start", "end"]


def build_clauses(text: str, blocks=None) -> pd.DataFrame:
    rows = []
    for i, m in enumerate(re.finditer(r"[^\n]+", text)):
        s = m.group().strip()
        if not s:
            continue
        start = m.start() + m.group().index(s)
        rows.append((f"c{i}", "paragraph", "", "", 0, "", s, start, start + len(s)))
    return pd.DataFrame(rows, columns=COLUMNS)
