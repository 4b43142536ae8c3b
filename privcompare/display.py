"""Jupyter view of a policy: its clauses, with the evidence of each fact highlighted.

``Policy._repr_html_`` calls :func:`policy_html`, so a policy displays in a
notebook as headings, paragraphs and list items in which every fact's evidence
is a ``<mark>`` whose tooltip names the concept and the rule. All policy text
is HTML-escaped: a policy is untrusted input.
"""
from __future__ import annotations

import html

import pandas as pd

_STYLE = (
    "<style>.pc-policy{font-family:sans-serif;line-height:1.45;max-width:60em}"
    ".pc-policy mark{background:#fff3a8;padding:0 .1em;border-radius:2px}"
    ".pc-policy mark.pc-negative{background:#ffd0d0}"
    ".pc-policy .pc-meta{color:#666;font-size:.85em}"
    ".pc-policy li{margin:.15em 0}</style>"
)


def highlight(text: str, facts: pd.DataFrame, offset: int = 0) -> str:
    """``text`` as escaped HTML with the facts' evidence wrapped in ``<mark>``.

    ``facts`` needs ``start``, ``end``, ``concept``, ``rule`` (and optionally
    ``polarity``) with offsets relative to ``text`` shifted by ``offset``.
    Overlapping facts are merged into one mark listing all their concepts.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"start": [3], "end": [7], "concept": ["sharing.sale"], "rule": ["sale"],
    ...                   "polarity": ["negative"]})
    >>> highlight("We <b>sell</b>", f.assign(start=6, end=10))
    'We &lt;b&gt;<mark class="pc-negative" title="sharing.sale (sale, negative)">sell</mark>&lt;/b&gt;'
    """
    spans = []
    for row in facts.itertuples(index=False):
        s, e = int(row.start) - offset, int(row.end) - offset
        if 0 <= s < e <= len(text):
            polarity = getattr(row, "polarity", "positive")
            label = f"{row.concept} ({row.rule}{', negative' if polarity == 'negative' else ''})"
            spans.append((s, e, label, polarity == "negative"))
    spans.sort()
    merged: list[list] = []
    for s, e, label, negative in spans:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            if label not in last[2]:
                last[2].append(label)
            last[3] = last[3] or negative
        else:
            merged.append([s, e, [label], negative])
    out, pos = [], 0
    for s, e, labels, negative in merged:
        out.append(html.escape(text[pos:s]))
        cls = ' class="pc-negative"' if negative else ""
        out.append(f'<mark{cls} title="{html.escape("; ".join(labels))}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def clauses_html(clauses: pd.DataFrame, facts: pd.DataFrame) -> str:
    """Clauses as HTML: headings as ``<h2>``-``<h5>``, list items in ``<ul>``, with highlights.

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("We never sell personal data.")
    >>> "<mark" in clauses_html(p.clauses, p.facts)
    True
    """
    by_clause = {cid: group for cid, group in facts.groupby("clause_id")} if len(facts) else {}
    empty = facts.iloc[0:0]
    parts, in_list = [], False
    for row in clauses.itertuples(index=False):
        body = highlight(str(row.text), by_clause.get(row.clause_id, empty), int(row.start))
        number = html.escape(str(row.number)) + " " if getattr(row, "number", "") else ""
        if row.kind == "list_item":
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f'<li id="{html.escape(str(row.clause_id))}">{body}</li>')
            continue
        if in_list:
            parts.append("</ul>")
            in_list = False
        if row.kind == "heading":
            level = min(5, 1 + max(1, int(row.level or 1)))
            parts.append(f"<h{level}>{number}{body}</h{level}>")
        else:
            parts.append(f'<p id="{html.escape(str(row.clause_id))}">{body}</p>')
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


def policy_html(policy) -> str:
    """A policy as HTML for Jupyter: a summary line, then its clauses with fact highlights.

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("Contact us at <script>x</script> a@b.co", name="demo")
    >>> html_text = policy_html(p)
    >>> "<script>" in html_text, "&lt;script&gt;" in html_text
    (False, True)
    """
    facts = policy.facts
    concepts = sorted(set(facts["concept"])) if len(facts) else []
    head = (f'<div class="pc-meta"><b>{html.escape(str(policy.name))}</b> — '
            f"{len(policy.clauses)} clauses, {len(facts)} facts"
            f"{': ' + html.escape(', '.join(concepts)) if concepts else ''}</div>")
    return f'{_STYLE}<div class="pc-policy">{head}\n{clauses_html(policy.clauses, facts)}</div>'
