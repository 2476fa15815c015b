"""Held-out evaluation of `events.dates.find_dates` on sentences it has never seen.

The sentences are written in the style of official documents on AI regulation (EU AI Act
press releases and Official Journal text, Council of Europe press releases on the Framework
Convention, UN/UNESCO/OECD texts, Dutch Kamerbrieven), in English and Dutch. They are not
taken from the seed corpus. Expectations follow the date conventions of docs/DESIGN.md:

- a month is its first to last day; a year 1 Jan-31 Dec;
- begin/early YEAR: Jan-Mar; medio/mid YEAR: Jun-Aug; eind/end/late YEAR: Oct-Dec;
- begin/medio/eind MONTH: days 1-10 / 11-20 / 21-last;
- spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb;
- halves Jan-Jun / Jul-Dec; quarters as usual; ranges cover all their days;
- relative expressions resolve against the document date; "jl." is the most recent such
  date on or before it, "a.s." the next one;
- citations, document numbers, question numbers, URLs, amounts, percentages, article
  numbers, impossible dates and background periods are not events.

Each case: (sentence, doc_date, tense, expected) where expected is a list of
(substring of date_text, start, end). A case passes when every expected interval is found
with a date_text containing the substring, and nothing else is found.
"""

from __future__ import annotations

from datetime import date

import pytest

from events.dates import find_dates

D = date.fromisoformat
N, PAST, FUT = "neutral", "past", "future"


def case(id_, sentence, doc_date, expected, tense=N):
    exp = [(sub, D(s), D(e)) for sub, s, e in expected]
    return pytest.param(sentence, D(doc_date), tense, exp, id=id_)


CASES = [
    # ---------------------------------------------------------------- exact days, English
    case("en-day-on", "On 13 March 2024, the European Parliament adopted the Artificial Intelligence Act "
         "with 523 votes in favour, 46 against and 49 abstentions.", "2024-03-13",
         [("13 March 2024", "2024-03-13", "2024-03-13")]),
    case("en-day-us", "Parliament approved the AI Act on March 13, 2024, paving the way for its formal adoption.",
         "2024-03-14", [("March 13, 2024", "2024-03-13", "2024-03-13")]),
    case("en-day-two", "The AI Act was published in the Official Journal of the European Union on 12 July 2024 "
         "and entered into force on 1 August 2024.", "2024-08-01",
         [("12 July 2024", "2024-07-12", "2024-07-12"), ("1 August 2024", "2024-08-01", "2024-08-01")]),
    case("en-day-art113", "In accordance with Article 113, this Regulation shall apply from 2 August 2026.",
         "2024-07-12", [("2 August 2026", "2026-08-02", "2026-08-02")]),
    case("en-day-bare", "Date of application of the remaining provisions: 2 August 2026.", "2024-07-12",
         [("2 August 2026", "2026-08-02", "2026-08-02")]),
    case("en-day-com", "The Commission proposed the AI Act on 21 April 2021 (COM(2021) 206 final).", "2024-05-21",
         [("21 April 2021", "2021-04-21", "2021-04-21")]),
    case("en-day-council", "The Council adopted its general approach on the AI Act on 6 December 2022.", "2022-12-06",
         [("6 December 2022", "2022-12-06", "2022-12-06")]),
    case("en-day-coe", "The Framework Convention was adopted by the Committee of Ministers on 17 May 2024 and "
         "opened for signature in Vilnius on 5 September 2024.", "2024-09-05",
         [("17 May 2024", "2024-05-17", "2024-05-17"), ("5 September 2024", "2024-09-05", "2024-09-05")]),
    case("en-day-un", "The UN General Assembly adopted resolution A/RES/78/265 on 21 March 2024 without a vote.",
         "2024-03-21", [("21 March 2024", "2024-03-21", "2024-03-21")]),
    case("en-day-done-at", "Done at Brussels, 13 June 2024.", "2024-07-12",
         [("13 June 2024", "2024-06-13", "2024-06-13")]),
    case("en-day-us-dec", "On December 9, 2023, negotiators from the Parliament and the Council reached a provisional "
         "agreement.", "2023-12-09", [("December 9, 2023", "2023-12-09", "2023-12-09")]),
    case("en-day-may-verb", "Member States may designate more than one market surveillance authority by 2 August 2025.",
         "2024-07-12", [("2 August 2025", "2025-08-02", "2025-08-02")]),
    case("en-day-regulation-title", "Regulation (EU) 2024/1689 of the European Parliament and of the Council of "
         "13 June 2024 lays down harmonised rules on artificial intelligence.", "2024-07-12",
         [("13 June 2024", "2024-06-13", "2024-06-13")]),
    case("en-day-cmrec", "Recommendation CM/Rec(2020)1 on the human rights impacts of algorithmic systems was "
         "adopted by the Committee of Ministers on 8 April 2020.", "2024-05-17",
         [("8 April 2020", "2020-04-08", "2020-04-08")]),
    case("en-day-past-no-year", "On 14 December, the Committee of Ministers instructed the CAI to finalise the text.",
         "2024-01-10", [("14 December", "2023-12-14", "2023-12-14")], tense=PAST),
    case("en-day-future-no-year", "The second reading in the plenary will take place on 14 December.", "2024-11-01",
         [("14 December", "2024-12-14", "2024-12-14")], tense=FUT),
    # ---------------------------------------------------------------- exact days, Dutch
    case("nl-day-op", "De AI-verordening is op 1 augustus 2024 in werking getreden.", "2024-09-10",
         [("1 augustus 2024", "2024-08-01", "2024-08-01")]),
    case("nl-day-telecom", "De Telecomraad komt op 6 december 2022 bijeen om een algemene oriëntatie vast te stellen.",
         "2022-11-25", [("6 december 2022", "2022-12-06", "2022-12-06")]),
    case("nl-day-cm", "Het Comité van Ministers van de Raad van Europa heeft het verdrag op 17 mei 2024 aangenomen.",
         "2024-06-03", [("17 mei 2024", "2024-05-17", "2024-05-17")]),
    case("nl-day-jl", "Op 13 maart jl. heeft het Europees Parlement ingestemd met de AI-verordening.", "2024-04-02",
         [("13 maart jl.", "2024-03-13", "2024-03-13")]),
    case("nl-day-jl-prev-year", "Tijdens de Telecomraad van 5 december jl. is over dit dossier gesproken.",
         "2024-01-15", [("5 december jl.", "2023-12-05", "2023-12-05")]),
    case("nl-day-as", "Op 21 mei a.s. zal de Raad de AI-verordening formeel aannemen.", "2024-05-13",
         [("21 mei a.s.", "2024-05-21", "2024-05-21")]),
    case("nl-day-as-next-year", "Het verslag van de CAI-plenaire wordt op 12 januari a.s. besproken.", "2023-12-15",
         [("12 januari a.s.", "2024-01-12", "2024-01-12")]),
    case("nl-day-oecd", "De OESO-Raad heeft op 22 mei 2019 de Aanbeveling over kunstmatige intelligentie aangenomen.",
         "2023-10-01", [("22 mei 2019", "2019-05-22", "2019-05-22")]),
    case("nl-day-motion", "De motie van het lid Dekker-Abdulaziz c.s. is op 6 juni 2023 door uw Kamer aangenomen.",
         "2023-09-01", [("6 juni 2023", "2023-06-06", "2023-06-06")]),
    # ---------------------------------------------------------------- day ranges
    case("en-range-hyphen", "The CAHAI held its third plenary meeting on 21-22 October 2021.", "2021-11-01",
         [("21-22 October 2021", "2021-10-21", "2021-10-22")]),
    case("en-range-us", "The GPAI Summit was held in Paris on November 11-12, 2021.", "2021-12-01",
         [("November 11-12, 2021", "2021-11-11", "2021-11-12")]),
    case("en-range-from-to", "The CAI held its tenth plenary meeting from 11 to 14 March 2024 in Strasbourg.",
         "2024-03-15", [("11 to 14 March 2024", "2024-03-11", "2024-03-14")]),
    case("en-range-no-year", "The Committee will meet from 5 to 7 September in Strasbourg.", "2024-07-01",
         [("5 to 7 September", "2024-09-05", "2024-09-07")], tense=FUT),
    case("en-range-bletchley", "The AI Safety Summit took place at Bletchley Park on 1-2 November 2023.",
         "2023-11-03", [("1-2 November 2023", "2023-11-01", "2023-11-02")]),
    case("en-range-and", "The AI Action Summit will be held in Paris on 10 and 11 February 2025.", "2024-11-15",
         [("10 and 11 February 2025", "2025-02-10", "2025-02-11")]),
    case("en-range-and-future", "The AI Action Summit will take place on 10 and 11 February.", "2024-12-20",
         [("10 and 11 February", "2025-02-10", "2025-02-11")], tense=FUT),
    case("en-range-between", "Trilogue negotiations took place between 6 and 8 December 2023.", "2023-12-09",
         [("6 and 8 December 2023", "2023-12-06", "2023-12-08")]),
    case("en-range-cross-month", "The CAHAI held its final plenary meeting from 30 November to 2 December 2021.",
         "2021-12-03", [("30 November to 2 December 2021", "2021-11-30", "2021-12-02")]),
    case("en-range-cross-year", "The public consultation ran from 18 December 2023 to 10 January 2024.",
         "2024-02-01", [("18 December 2023 to 10 January 2024", "2023-12-18", "2024-01-10")]),
    case("nl-range-van-tot", "De CAI komt van 7 tot 9 juni bijeen in Straatsburg.", "2023-05-01",
         [("7 tot 9 juni", "2023-06-07", "2023-06-09")]),
    case("nl-range-endash", "Tijdens de plenaire vergadering van 1–3 februari 2023 is de nulversie besproken.",
         "2023-03-01", [("1–3 februari 2023", "2023-02-01", "2023-02-03")]),
    case("nl-range-cross-month", "De CAHAI heeft van 30 november tot en met 2 december 2021 voor het laatst vergaderd.",
         "2022-01-10", [("30 november tot en met 2 december 2021", "2021-11-30", "2021-12-02")]),
    # ---------------------------------------------------------------- months
    case("en-month", "UNESCO's General Conference adopted the Recommendation on the Ethics of Artificial "
         "Intelligence in November 2021.", "2023-06-01", [("November 2021", "2021-11-01", "2021-11-30")]),
    case("en-month-may", "The OECD Council updated the AI Principles in May 2024.", "2024-06-01",
         [("May 2024", "2024-05-01", "2024-05-31")]),
    case("en-month-since", "The CAI has been negotiating the convention since April 2022.", "2023-06-01",
         [("since April 2022", "2022-04-01", "2022-04-30")]),
    case("en-month-range", "The stakeholder consultation ran from April to June 2023.", "2023-09-01",
         [("April to June 2023", "2023-04-01", "2023-06-30")]),
    case("nl-month-sinds", "Het Algoritmeregister van de overheid is sinds december 2022 online.", "2023-06-01",
         [("sinds december 2022", "2022-12-01", "2022-12-31")]),
    case("nl-month-bare", "In februari is het AI-bureau van de Europese Commissie van start gegaan.", "2024-05-01",
         [("februari", "2024-02-01", "2024-02-29")], tense=PAST),
    case("nl-month-jl", "In oktober jl. heeft het kabinet de Kamer geïnformeerd over de onderhandelingen.",
         "2024-01-20", [("oktober jl.", "2023-10-01", "2023-10-31")]),
    case("nl-month-range-tussen", "De internetconsultatie vond plaats tussen april en juni 2023.", "2023-09-01",
         [("april en juni 2023", "2023-04-01", "2023-06-30")]),
    # ---------------------------------------------------------------- years
    case("en-year-since", "The Council of Europe has worked on artificial intelligence and human rights since 2019.",
         "2024-05-17", [("since 2019", "2019-01-01", "2019-12-31")]),
    case("nl-year-in", "In 2019 heeft de OESO als eerste intergouvernementele organisatie AI-principes aangenomen.",
         "2024-05-01", [("2019", "2019-01-01", "2019-12-31")]),
    case("en-year-range", "Between 2021 and 2023 the Council and Parliament negotiated the text.", "2024-01-10",
         [("2021 and 2023", "2021-01-01", "2023-12-31")]),
    case("nl-year-range", "In de periode 2021-2023 is het Algoritmeregister opgezet.", "2024-01-10",
         [("2021-2023", "2021-01-01", "2023-12-31")]),
    case("nl-year-percent", "In 2023 gebruikte 22,7% van de grote bedrijven in Nederland AI-technologie.",
         "2024-06-01", [("2023", "2023-01-01", "2023-12-31")]),
    # ---------------------------------------------------------------- seasons
    case("en-season-of", "The Commission launched the AI Pact in the spring of 2023.", "2023-09-01",
         [("spring of 2023", "2023-03-01", "2023-05-31")]),
    case("en-season-bare-year", "The first codes of practice are expected in autumn 2024.", "2024-05-01",
         [("autumn 2024", "2024-09-01", "2024-11-30")]),
    case("nl-season-van", "In de zomer van 2024 wordt de AI-verordening gepubliceerd.", "2024-03-01",
         [("zomer van 2024", "2024-06-01", "2024-08-31")]),
    case("nl-season-najaar", "Het kabinet stuurt in het najaar van 2023 een visie op generatieve AI naar de Kamer.",
         "2023-06-01", [("najaar van 2023", "2023-09-01", "2023-11-30")]),
    # ---------------------------------------------------------------- quarters
    case("en-quarter-q", "The AI Office will publish the template in Q3 2024.", "2024-05-01",
         [("Q3 2024", "2024-07-01", "2024-09-30")]),
    case("en-quarter-words", "The Commission expects the standards in the first quarter of 2025.", "2024-05-01",
         [("first quarter of 2025", "2025-01-01", "2025-03-31")]),
    case("nl-quarter", "Het kabinet informeert uw Kamer in het derde kwartaal van 2024 over de uitvoering.",
         "2024-04-01", [("derde kwartaal van 2024", "2024-07-01", "2024-09-30")]),
    case("nl-quarter-no-year", "In het vierde kwartaal volgt een voortgangsbrief.", "2024-05-01",
         [("vierde kwartaal", "2024-10-01", "2024-12-31")]),
    # ---------------------------------------------------------------- halves
    case("en-half", "The guidelines on high-risk classification will follow in the second half of 2024.",
         "2024-03-01", [("second half of 2024", "2024-07-01", "2024-12-31")]),
    case("nl-half", "De evaluatie wordt in de eerste helft van 2025 afgerond.", "2024-06-01",
         [("eerste helft van 2025", "2025-01-01", "2025-06-30")]),
    case("en-half-next-year", "A review is planned for the first half of next year.", "2024-05-10",
         [("first half of next year", "2025-01-01", "2025-06-30")]),
    # ---------------------------------------------------------------- begin / mid / end
    case("en-early-year", "In early 2024, the Commission established the European AI Office.", "2024-06-01",
         [("early 2024", "2024-01-01", "2024-03-31")]),
    case("en-by-end-year", "The Council aims to reach a general approach by the end of 2025.", "2025-01-15",
         [("end of 2025", "2025-10-01", "2025-12-31")]),
    case("en-mid-hyphen-year", "Harmonised standards are expected to be available by mid-2026.", "2025-01-15",
         [("mid-2026", "2026-06-01", "2026-08-31")]),
    case("en-late-year", "Negotiations on the convention started in earnest in late 2022.", "2024-05-17",
         [("late 2022", "2022-10-01", "2022-12-31")]),
    case("en-end-month", "The codes of practice should be ready by the end of April 2025.", "2024-10-01",
         [("end of April 2025", "2025-04-21", "2025-04-30")]),
    case("en-early-month", "The AI Board met for the first time in early June 2024.", "2024-07-01",
         [("early June 2024", "2024-06-01", "2024-06-10")]),
    case("en-mid-hyphen-month", "The Commission opened the consultation in mid-March 2024.", "2024-05-01",
         [("mid-March 2024", "2024-03-11", "2024-03-20")]),
    case("nl-eind-year", "Eind 2023 bereikten de Raad en het Europees Parlement een voorlopig akkoord.",
         "2024-02-01", [("Eind 2023", "2023-10-01", "2023-12-31")]),
    case("nl-medio-year", "Medio 2024 wordt de verordening gepubliceerd in het Publicatieblad.", "2024-02-01",
         [("Medio 2024", "2024-06-01", "2024-08-31")]),
    case("nl-begin-year", "Begin 2025 start de toezichthouder met de eerste verkenningen.", "2024-06-01",
         [("Begin 2025", "2025-01-01", "2025-03-31")]),
    case("nl-eind-month", "De Kamer ontvangt eind maart 2024 de kabinetsreactie.", "2024-01-15",
         [("eind maart 2024", "2024-03-21", "2024-03-31")]),
    case("nl-begin-month", "Begin juli 2024 verschijnt de volgende voortgangsrapportage.", "2024-04-01",
         [("Begin juli 2024", "2024-07-01", "2024-07-10")]),
    case("nl-medio-month", "Medio september 2023 is het AIV-advies aan de Kamer gezonden.", "2023-11-01",
         [("Medio september 2023", "2023-09-11", "2023-09-20")]),
    case("nl-begin-month-no-year", "De onderhandelaars komen begin juni opnieuw bijeen.", "2024-05-15",
         [("begin juni", "2024-06-01", "2024-06-10")], tense=FUT),
    # ---------------------------------------------------------------- since / from / until
    case("en-from-day", "The prohibitions on unacceptable AI practices apply from 2 February 2025.", "2024-08-01",
         [("2 February 2025", "2025-02-02", "2025-02-02")]),
    case("en-until-day", "The transitional period runs until 31 December 2030.", "2024-08-01",
         [("31 December 2030", "2030-12-31", "2030-12-31")]),
    case("nl-vanaf-day", "Vanaf 1 januari 2026 moet elke overheidsorganisatie haar hoog-risicoalgoritmen registreren.",
         "2024-10-01", [("1 januari 2026", "2026-01-01", "2026-01-01")]),
    case("nl-tem-day", "De internetconsultatie loopt tot en met 31 december 2025.", "2025-11-01",
         [("31 december 2025", "2025-12-31", "2025-12-31")]),
    case("nl-uiterlijk-day", "Uw Kamer ontvangt uiterlijk 1 juli 2025 de evaluatie van het Algoritmeregister.",
         "2024-12-01", [("1 juli 2025", "2025-07-01", "2025-07-01")]),
    case("nl-met-ingang-van", "Met ingang van 1 juli 2023 is de Directie Coördinatie Algoritmes bij de AP actief.",
         "2023-09-01", [("1 juli 2023", "2023-07-01", "2023-07-01")]),
    # ---------------------------------------------------------------- relative
    case("en-last-year", "Last year, the Council adopted its negotiating mandate for the Council of Europe convention.",
         "2024-03-15", [("Last year", "2023-01-01", "2023-12-31")]),
    case("en-next-spring", "The Commission will present its first report next spring.", "2024-10-10",
         [("next spring", "2025-03-01", "2025-05-31")]),
    case("en-this-autumn", "The CAI will hold its final reading this autumn.", "2024-06-20",
         [("this autumn", "2024-09-01", "2024-11-30")]),
    case("en-this-winter", "Member States will be consulted this winter.", "2024-01-10",
         [("this winter", "2023-12-01", "2024-02-29")]),
    case("en-next-month", "The AI Board will meet again next month.", "2024-11-20",
         [("next month", "2024-12-01", "2024-12-31")]),
    case("en-early-next-year", "The Commission intends to adopt the implementing act early next year.", "2024-10-01",
         [("early next year", "2025-01-01", "2025-03-31")]),
    case("en-end-this-year", "A first draft of the code of practice is expected by the end of this year.",
         "2024-06-01", [("end of this year", "2024-10-01", "2024-12-31")]),
    case("nl-komend-voorjaar", "Het kabinet stuurt komend voorjaar een nieuwe brief over de Nederlandse inzet.",
         "2023-11-10", [("komend voorjaar", "2024-03-01", "2024-05-31")]),
    case("nl-begin-volgend-jaar", "Begin volgend jaar volgt de kabinetsreactie op het AIV-advies.", "2023-11-10",
         [("Begin volgend jaar", "2024-01-01", "2024-03-31")]),
    case("nl-eind-dit-jaar", "Eind dit jaar wordt de Kamer nader geïnformeerd.", "2024-06-01",
         [("Eind dit jaar", "2024-10-01", "2024-12-31")]),
    case("nl-dit-najaar", "Dit najaar wordt het verdrag opengesteld voor ondertekening.", "2024-06-30",
         [("Dit najaar", "2024-09-01", "2024-11-30")]),
    case("nl-afgelopen-zomer", "Afgelopen zomer is de AI-verordening in werking getreden.", "2024-10-05",
         [("Afgelopen zomer", "2024-06-01", "2024-08-31")]),
    case("nl-vorig-jaar", "Vorig jaar heeft de AIV zijn advies over het verdrag uitgebracht.", "2024-02-01",
         [("Vorig jaar", "2023-01-01", "2023-12-31")]),
    case("nl-volgende-maand", "Volgende maand vindt de volgende plenaire vergadering van de CAI plaats.", "2024-02-20",
         [("Volgende maand", "2024-03-01", "2024-03-31")]),
    case("nl-medio-volgend-jaar", "Medio volgend jaar wordt het toezicht ingericht.", "2024-09-01",
         [("Medio volgend jaar", "2025-06-01", "2025-08-31")]),
    # ---------------------------------------------------------------- numeric dates
    case("nl-numeric-dash", "In de brief van 06-03-2023 is toegezegd de Kamer te informeren.", "2023-06-01",
         [("06-03-2023", "2023-03-06", "2023-03-06")]),
    case("en-numeric-iso", "Date of entry into force: 2024-08-01.", "2024-08-01",
         [("2024-08-01", "2024-08-01", "2024-08-01")]),
    case("en-oj-reference", "The Regulation was published in OJ L, 2024/1689, 12.7.2024.", "2024-08-01",
         [("12.7.2024", "2024-07-12", "2024-07-12")]),
    case("en-numeric-dots-zero", "Strasbourg, 17.05.2024 – The Committee of Ministers adopted the Convention today.",
         "2024-05-17", [("17.05.2024", "2024-05-17", "2024-05-17")]),
    # ---------------------------------------------------------------- non-events
    case("no-kamerstukken", "Zie ook Kamerstukken II 2023/24, 26643, nr. 1125.", "2024-05-01", []),
    case("no-handelingen", "Dit is toegezegd tijdens het debat (Handelingen II 2022/23, nr. 89, item 7).",
         "2023-09-01", []),
    case("no-regulation-number", "This Regulation amends Regulations (EC) No 300/2008, (EU) No 167/2013 and "
         "(EU) 2018/858 and Regulation (EU) 2024/1689 applies alongside them.", "2024-07-12", []),
    case("no-com", "See the impact assessment accompanying COM(2021) 206 final and SEC(2021) 167 final.",
         "2021-04-21", []),
    case("no-url", "The text is available at https://eur-lex.europa.eu/eli/reg/2024/1689/oj and "
         "https://www.coe.int/en/web/portal/-/2024/05/17/framework-convention.", "2024-07-12", []),
    case("no-percent-amount", "Fines can reach EUR 35 000 000 or 7 % of total worldwide annual turnover.",
         "2024-07-12", []),
    case("no-article", "Article 113 sets out the dates from which the different chapters apply.", "2024-07-12", []),
    case("no-question-numbers", "Ik beantwoord de vragen 10 tot en met 13 hieronder gezamenlijk (10-13).",
         "2024-02-01", []),
    case("no-invalid-day-en", "The meeting was scheduled for 31 February 2024.", "2024-01-10", []),
    case("no-phone", "For more information, please contact the press office at +31 (0)70 426 2024.",
         "2024-05-01", []),
    case("no-amount-nl", "De subsidie bedraagt maximaal € 2.025 per aanvraag.", "2024-05-01", []),
    case("no-background-period", "De afgelopen 10 jaar is het gebruik van algoritmen bij de overheid sterk toegenomen.",
         "2024-05-01", []),
    case("no-agenda-2030", "AI can accelerate progress towards the 2030 Agenda for Sustainable Development.",
         "2024-03-21", []),
    case("no-iso-standard", "ISO/IEC 42001:2023 specifies requirements for an AI management system.", "2024-05-01",
         []),
    case("no-pace-resolution", "PACE Resolution 2341 (2020) calls for a legally binding instrument on AI.",
         "2024-05-01", []),
    case("no-ecli", "Zie de uitspraak in de SyRI-zaak (ECLI:NL:RBDHA:2020:865).", "2024-05-01", []),
    case("no-cm-document", "The draft is contained in document CM(2024)52-final.", "2024-05-17", []),
]


def _show(mentions):
    return [(m.text, m.start.isoformat(), m.end.isoformat()) for m in mentions] or "nothing"


@pytest.mark.parametrize(("sentence", "doc_date", "tense", "expected"), CASES)
def test_heldout(sentence, doc_date, tense, expected):
    mentions = find_dates(sentence, doc_date, lambda _b, _e: tense)
    unmatched = list(mentions)
    missing = []
    for sub, start, end in expected:
        hit = next((m for m in unmatched if sub in m.text and m.start == start and m.end == end), None)
        if hit is None:
            missing.append((sub, start.isoformat(), end.isoformat()))
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, (
        f"\nsentence: {sentence}\nexpected: {[(s, a.isoformat(), b.isoformat()) for s, a, b in expected] or 'nothing'}"
        f"\ngot:      {_show(mentions)}")
