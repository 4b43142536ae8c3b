"""Plots for the report, embedded as base64 PNG so ``index.html`` stays one file.

PNG rather than inline SVG: an ``<img>`` with a data URI cannot carry markup, so
text drawn into a figure (organisation names from input files) can never inject
anything into the page. Metadata that would change between runs (software
version, creation time) is left out, so the bytes depend only on the figure.
"""
from __future__ import annotations

import base64
import io
from typing import Any

#: PNG text chunks matplotlib would otherwise fill with its version and the time.
PNG_METADATA = {"Software": None, "Creation Time": None}
DPI = 110


def heatmap_figure(comparison: Any, jurisdiction: str):
    """The coverage heatmap of one jurisdiction (``privcompare.plot.coverage_heatmap``)."""
    from ..plot import coverage_heatmap

    return coverage_heatmap(comparison, jurisdiction)


def rights_figure(rights):
    """Organisations x rights (``privcompare.plot.rights_matrix``) from the rights table."""
    from ..plot import rights_matrix

    return rights_matrix(rights)


def deadlines_figure(jurisdictions: list[str]):
    """Statutory deadlines of the compared laws (``privcompare.plot.deadlines_across_laws``)."""
    from ..plot import deadlines_across_laws

    return deadlines_across_laws(jurisdictions)


def png_css_width(png_base64: str, scale: float = 0.7) -> int:
    """CSS pixels at which a PNG of ours shows its text at ``scale`` of the size it was drawn.

    Used as the image's minimum width: a wide heatmap then scrolls sideways
    instead of shrinking its labels below reading size.

    >>> import base64, struct
    >>> head = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + struct.pack(">II", 1100, 500)
    >>> png_css_width(base64.b64encode(head + bytes(8)).decode())
    672
    """
    head = base64.b64decode(png_base64[:44])  # signature + IHDR chunk header + width
    width_px = int.from_bytes(head[16:20], "big")
    return round(width_px * 96 / DPI * scale)


def figure_png_base64(fig) -> str:
    """Render ``fig`` to PNG deterministically and return it base64-encoded; closes the figure.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.plot([1, 2])
    >>> figure_png_base64(fig).startswith("iVBORw0KGgo")
    True
    """
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata=PNG_METADATA)
    finally:
        plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")
