"""Is a text English enough for the annotator?

The annotator's patterns are English. A policy in Vietnamese or Indonesian still
gets a clause table, but almost no facts, and a gap report would then show an
organisation that states nothing: an analyst must be told instead. The test is
deliberately simple and cheap (no model, nothing downloaded): the share of a
text's words that are among the most common English words. English policy prose
has about 40% of them; Vietnamese and Indonesian policies under 5% (their
"data", "email", "website" loans are not on the list); a bilingual policy that
holds an English version stays well above the threshold.
"""
from __future__ import annotations

import re

# Function words and the commonest policy words, in lower case; none is also a
# common Indonesian or Vietnamese word ("data", "di", "dan", "ma" are left out).
COMMON_ENGLISH = frozenset("""
the and of to a in we you your our is are for or with by on that this be may will not
it as from at us any can if have has which such other when about these their they
use used information personal privacy policy who how what where do does all more
""".split())
#: Below this share of common English words a text is taken as not English.
MIN_ENGLISH_SHARE = 0.12
#: Texts with fewer words than this are not judged (a heading, a short sample).
MIN_WORDS = 60
#: About this many words are read, in slices spread over the whole text: a bilingual
#: policy often gives its Vietnamese or Indonesian version first and the English one
#: after it, and the test runs on every policy annotated, so it must cost next to nothing.
SAMPLE_WORDS = 600
_SLICES = 6
_SLICE_CHARS = SAMPLE_WORDS * 7 // _SLICES  # enough text for its share of words in most prose

# Letters only Vietnamese uses among Latin scripts (with "đ"), and Indonesian's commonest words.
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_INDONESIAN = frozenset("yang dan untuk dengan dari dalam kami anda ini itu atau pada tidak akan".split())


def _sample(text: str) -> str:
    """``_SLICES`` pieces of ``text`` at even steps from its start to its end (all of a
    short text), lower case; a piece's cut first and last words are dropped. Table rows
    (lines with "|" between cells, as Markdown and the HTML/DOCX readers write them) are
    left out: labels have few function words, and a notice at collection that is mostly a
    table of English labels read as a foreign text."""
    if "|" in text:
        text = "\n".join(line for line in text.split("\n") if "|" not in line)
    size = _SLICE_CHARS * _SLICES
    if len(text) <= size:
        return text.lower()
    step = (len(text) - _SLICE_CHARS) // (_SLICES - 1)
    pieces = (text[i * step:i * step + _SLICE_CHARS] for i in range(_SLICES))
    return "\n".join(piece.split(None, 1)[-1].rsplit(None, 1)[0] if i else piece.rsplit(None, 1)[0]
                     for i, piece in enumerate(pieces)).lower()


def english_share(text: str) -> tuple[float, int]:
    """The share of the words of ``text`` (a sample spread over it) that are common English
    words, and how many words were read.

    >>> english_share("We keep your data for as long as the law requires.")
    (0.545, 11)
    >>> english_share("Chúng tôi thu thập họ tên và số điện thoại.")[0]
    0.0
    """
    # words are cut at spaces only, punctuation and all ("data," is no common word): the
    # function words that make up most of the share stand mid-sentence, and a regex or
    # translate pass to strip punctuation cost ten times as much on every policy annotated
    words = _sample(text).split()
    if not words:
        return 0.0, 0
    return round(sum(map(COMMON_ENGLISH.__contains__, words)) / len(words), 3), len(words)


def guess_language(text: str) -> str:
    """A name for the language of a text that is not English: "Vietnamese",
    "Indonesian", or "a language other than English".

    >>> guess_language("Dữ liệu được lưu trữ trong 5 năm.")
    'Vietnamese'
    """
    sample = _sample(text)
    words = sample.split()
    if words and len(_VIETNAMESE.findall(sample)) > 0.2 * len(words):
        return "Vietnamese"
    if words and sum(w in _INDONESIAN for w in words) > 0.1 * len(words):
        return "Indonesian"
    return "a language other than English"


def not_english_problem(text: str) -> str | None:
    """``None`` when ``text`` reads as English (or is too short to judge), else the
    one-line problem to report for it.

    >>> not_english_problem("Kami mengumpulkan data pribadi Anda. " * 20)
    'reads as Indonesian (0% of its words are common English words): the annotator reads English policies only, so its facts would be missing'
    """
    share, n = english_share(text)
    if n < MIN_WORDS or share >= MIN_ENGLISH_SHARE:
        return None
    return (f"reads as {guess_language(text)} ({share:.0%} of its words are common English words): "
            "the annotator reads English policies only, so its facts would be missing")
