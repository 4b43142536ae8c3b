"""Annotate: clause table -> facts. (Placeholder.)"""
from __future__ import annotations

import pandas as pd

FACT_COLUMNS = ["clause_id", "concept", "polarity", "qualifier", "value", "value_kind",
                "number", "evidence", "start", "end", "rule"]


def annotate_clauses(clauses: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(columns=FACT_COLUMNS)
