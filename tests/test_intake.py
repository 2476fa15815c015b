"""PDF and HTML documents in: real files made from seed text, and bad ones refused by name."""

import io
from datetime import date

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from events.build import build, write
from events.documents import UnreadableDocument, load, read_document, sentences
from events.table import companions, read_table
from tests.conftest import seed_lines

LETTER = seed_lines("000", 1, 75)  # the CAI letter: dates on many lines, a footnote after line 30


class Letter(FPDF):
    """A letter as the ministry prints it: letterhead, running footer with page numbers."""

    def header(self):
        self.set_font("Helvetica", size=9)
        self.cell(0, 6, "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 6, f"Pagina {self.page_no()} van {{nb}}", align="C")


def letter_pdf(text: str = LETTER, footnote: str = "1 Kamerstukken II 2021/22, 22112 nr. 3482") -> bytes:
    pdf = Letter()
    pdf.alias_nb_pages()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 5, "Den Haag, 6 maart 2023\n\n" + text.replace("’", "'").replace("‘", "'"))
    pdf.ln(3)
    pdf.multi_cell(0, 5, footnote)
    return bytes(pdf.output())


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(letter_pdf())
    return path


def test_a_pdf_is_read_without_its_letterhead_and_page_numbers(pdf_file):
    text, _meta = read_document(pdf_file)
    assert "Ministerie van Binnenlandse Zaken" not in text
    assert "Pagina" not in text
    assert "Het streven is om eind 2023 de onderhandelingen af te ronden." in " ".join(text.split())


def test_a_pdf_gives_the_same_events_as_its_text(pdf_file, tmp_path):
    doc = load(pdf_file)
    assert (doc.doc_date.isoformat(), doc.doc_date_source) == ("2023-03-06", "text")
    table = build([pdf_file]).table
    found = dict(zip(table["date_text"], table["start"], strict=False))
    assert found["eind 2023"] == date(2023, 10, 1)
    assert found["1-3 februari 2023"] == date(2023, 2, 1)
    assert found["Van 19 tot 21 april 2023"] == date(2023, 4, 19)
    text, _ = read_document(pdf_file)
    footnote = next(i for i, line in enumerate(text.splitlines(), 1) if "Kamerstukken II 2021/22" in line)
    events = table[table["kind"] == "event"]
    assert footnote not in set(events["line"]) and not events["quote"].str.contains("Kamerstukken").any()  # a citation


def test_words_broken_across_lines_are_joined(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 5, "De onderhandelingen over het verdrag zijn in maart 2024 afge-\nrond door de CAI.")
    path = tmp_path / "broken.pdf"
    path.write_bytes(bytes(pdf.output()))
    text, _ = read_document(path)
    assert "afge-" in text  # the PDF breaks the word ...
    assert "afgerond door de CAI" in " ".join(s.text for s in sentences(text))  # ... the sentence joins it


HTML = """<!doctype html><html><head><title>Kamerbrief over het AI-verdrag</title>
<style>body {{ color: red }}</style><script>var date = "1 januari 2099";</script></head>
<body><nav><a href="/">Home</a> | Nieuws van 2 februari 2030</nav>
<header>Rijksoverheid.nl</header>
<main><h1>Kamerbrief over het AI-verdrag</h1>
<p>Den Haag, 6 maart 2023</p>
<p>{body}</p>
<p>Het streven is om <b>eind 2023</b> de onderhandelingen af te ronden.</p></main>
<footer>Deze pagina is gewijzigd op 3 maart 2030</footer></body></html>"""


def test_a_web_page_gives_its_main_text_only(tmp_path):
    path = tmp_path / "kamerbrief.html"
    path.write_text(HTML.format(body="Sinds april 2022 werkt het comité (CAI) van de Raad van Europa aan een verdrag."),
                    encoding="utf-8")
    text, meta = read_document(path)
    assert meta["title"] == "Kamerbrief over het AI-verdrag"
    assert "2099" not in text and "2030" not in text and "color" not in text and "Home" not in text
    table = build([path]).table
    assert set(table["date_text"]) == {"6 maart 2023", "Sinds april 2022", "eind 2023"}
    assert table.set_index("date_text").loc["eind 2023", "status"] == "planned"


def test_the_text_the_extractor_saw_is_kept_beside_the_table(pdf_file, tmp_path):
    out = tmp_path / "out" / "events.csv"
    write(build([pdf_file]), out)
    kept = (companions(out)["texts"] / "brief.pdf.txt").read_text(encoding="utf-8").splitlines()
    for row in read_table(out).itertuples():
        assert row.date_text.split()[0] in kept[row.line - 1]
    sources = (companions(out)["sources"]).read_text(encoding="utf-8")
    assert "brief.pdf" in sources and "2023-03-06" in sources


def encrypted(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="geheim", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page with marks but no text layer
    return bytes(pdf.output())


@pytest.mark.parametrize("name, make, reason", [
    ("locked.pdf", lambda: encrypted(letter_pdf()), "encrypted PDF"),
    ("cut.pdf", lambda: letter_pdf()[:1500], "corrupt or truncated PDF"),
    ("scan.pdf", scanned, "without a text layer"),
    ("empty.pdf", lambda: b"", "empty file"),
    ("letter.pdf", lambda: b"Den Haag, 6 maart 2023\nEen brief.", "not a PDF"),
    ("notes.txt", letter_pdf, "the content is a PDF file, not text"),
    ("slides.md", lambda: b"PK\x03\x04" + b"\x00" * 50, "the content is a ZIP file"),
])
def test_bad_files_are_named_with_a_reason_and_skipped(tmp_path, name, make, reason):
    (tmp_path / name).write_bytes(make())
    (tmp_path / "good.txt").write_text(LETTER, encoding="utf-8")
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(tmp_path / name)
    result = build([tmp_path])
    assert any(m.startswith(f"{name}: ") and reason in m for m in result.skipped)
    assert set(result.table["doc"]) == {"good.txt"}


def test_metadata_printed_in_the_document_and_overridden_by_the_metadata_file(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text(seed_lines("003", 1, 40), encoding="utf-8")
    doc = load(path)
    assert doc.metadata["reference"] == "26 643, nr. 1445"
    assert doc.metadata["doc_type"] == "cabinet response to advice"
    assert doc.metadata["date"] == "2025-12-12" and doc.doc_date_source == "text"
    overridden = load(path, {"title": "Eigen titel", "date": "2025-12-15"})
    assert overridden.metadata["title"] == "Eigen titel"
    assert (overridden.doc_date.isoformat(), overridden.doc_date_source) == ("2025-12-15", "metadata")


class FootnotedLetter(Letter):
    """The letter with a footnote printed at the foot of its first page."""

    def footer(self):
        if self.page_no() == 1:
            self.set_y(-25)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, "1 Kamerstukken II 2021/22, 22112 nr. 3482", new_x="LMARGIN", new_y="NEXT")
        super().footer()


def test_a_footnote_at_the_foot_of_a_page_stays_out_of_the_sentence_it_interrupts(tmp_path):
    pdf = FootnotedLetter()
    pdf.alias_nb_pages()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    body = seed_lines("001", 1, 120).replace("’", "'").replace("‘", "'").replace("…", "...")
    pdf.multi_cell(0, 5, body.encode("latin-1", "replace").decode("latin-1"))
    path = tmp_path / "verslag.pdf"
    path.write_bytes(bytes(pdf.output()))
    pages = [page.extract_text().splitlines() for page in PdfReader(path).pages]
    last_of_page_one = next(line for line in reversed(pages[0]) if line.strip() and "Kamerstukken" not in line
                            and "Pagina" not in line)
    first_of_page_two = next(line for line in pages[1] if line.strip() and "Ministerie" not in line)
    text, _ = read_document(path)
    parts = sentences(text)
    footnotes = [s.text for s in parts if s.footnote]
    assert footnotes == ["1 Kamerstukken II 2021/22, 22112 nr. 3482"]
    across = next(s.text for s in parts if last_of_page_one.strip()[-25:] in s.text)
    assert "Kamerstukken" not in across
    assert across.endswith(first_of_page_two.split()[0])  # the page breaks this sentence; it is whole again
