"""Arbitrary text never breaks extraction, and every row it makes fits the schema."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from events.documents import Document, sentences
from events.extract import extract
from events.table import problems, to_frame
from tests.conftest import seed_text

SEED_WORDS = seed_text("000").split() + seed_text("002").split()[:400]
DATE_WORDS = ["13", "1-3", "31", "29", "februari", "maart", "jl.", "2023", "2021/22", "eind", "begin",
              "medio", "zomer", "dit", "jaar", "kwartaal", "tussen", "en", "tot", "sinds", "(10-13)",
              "9.3.2020", "2024-02-30", "Q3", "helft", "van", "-", "–", "\n", "-\n", "nr.", "COM(2021)"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(SEED_WORDS + DATE_WORDS), max_size=120).map(" ".join),
)


@given(text=texts, doc_date=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2090, 12, 31))))
def test_extraction_never_raises_and_rows_fit_the_schema(text, doc_date):
    rows = extract(Document("fuzz.txt", text, doc_date, "metadata", {}, sentences(text)))
    for row in rows:
        assert row.start <= row.end
        assert row.date_text in row.quote
    if rows:
        assert problems(to_frame(rows)) == []
