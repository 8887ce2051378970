"""The contract extractor on contracts set here: each clause worded the several ways contracts
word it, in pages of words with boxes (as the text layer gives them) and in drawn PDFs."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from extractors.api import ExtractSettings
from extractors.contract import ContractExtractor, find_durations
from extractors.model import BBox, Document, Extraction, Page, Source, Word
from pipelines.read import read_document
from tests.builders import Item, draw_pdf

EXTRACTOR = ContractExtractor()

LEFT, RIGHT, TOP, BOTTOM = 72.0, 540.0, 72.0, 740.0
CHAR, SIZE, PITCH = 5.0, 10.0, 12.0

# A block of a page: a paragraph of prose (wrapped to the text width), or a row of phrases set
# at given x positions (signature blocks in columns), or a heading in a larger size.
Block = str | list[tuple[float, str]] | tuple[str, float]


def _word(x: float, y: float, text: str, size: float = SIZE) -> Word:
    return Word(text, BBox(x, y, x + CHAR * size / SIZE * len(text), y + size * 1.15))


def pages_of(blocks: Sequence[Block], *, page_breaks: Sequence[int] = ()) -> list[list[Word]]:
    """Lay blocks out on Letter pages; a new page starts when one is full or before each block
    whose index is in `page_breaks`."""
    pages: list[list[Word]] = [[]]
    y = TOP

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = TOP

    for index, block in enumerate(blocks):
        if index in page_breaks and pages[-1]:
            new_page()
        if isinstance(block, tuple):
            text, size = block
            x = (LEFT + RIGHT) / 2 - CHAR * size / SIZE * len(text) / 2
            for token in text.split():
                pages[-1].append(_word(x, y, token, size))
                x += CHAR * size / SIZE * (len(token) + 1)
            y += size * 1.6
        elif isinstance(block, list):
            for x0, phrase in block:
                x = x0
                for token in phrase.split():
                    pages[-1].append(_word(x, y, token))
                    x += CHAR * (len(token) + 1)
            y += PITCH
        else:
            x = LEFT
            for token in block.split():
                width = CHAR * len(token)
                if x + width > RIGHT:
                    x, y = LEFT, y + PITCH
                    if y > BOTTOM:
                        new_page()
                pages[-1].append(_word(x, y, token))
                x += width + CHAR
            y += PITCH
        y += PITCH * 0.6  # space between paragraphs
        if y > BOTTOM:
            new_page()
    return [p for p in pages if p]


def document(*blocks: Block, page_breaks: Sequence[int] = (), footer: bool = False) -> Document:
    pages = []
    for number, words in enumerate(pages_of(blocks, page_breaks=page_breaks), start=1):
        if footer:
            words = [*words, _word(290, 760, str(number)), _word(LEFT, 760, "CONFIDENTIAL")]
        pages.append(Page(number, 612, 792, tuple(words)))
    return Document("contract.pdf", "0" * 64, tuple(pages))


def extract(doc: Document) -> Extraction:
    return EXTRACTOR.extract(doc, ExtractSettings())


def values(ex: Extraction) -> dict[str, object]:
    return {k: f.value for k, f in ex.fields.items()}


def value(name: str, *blocks: Block) -> object:
    return values(extract(document(*blocks))).get(name)


# ------------------------------------------------------------------------------- the contract

PREAMBLE = (
    'This Master Services Agreement (the "Agreement") is entered into as of March 3, 2021 by and '
    'between Acme Widgets, Inc., a Delaware corporation ("Acme"), and Globex LLC, a New York '
    'limited liability company ("Globex").'
)
SIGNATURES: list[Block] = [
    "IN WITNESS WHEREOF, the parties have executed this Agreement as of the date first above "
    "written.",
    [(72, "ACME WIDGETS, INC."), (330, "GLOBEX LLC")],
    [(72, "By: /s/ Jane A. Smith"), (330, "By: ______________________")],
    [(72, "Name: Jane A. Smith"), (330, "Name: John Doe")],
    [(72, "Title: Chief Executive Officer"), (330, "Title: Managing Member")],
    [(72, "Date: March 5, 2021"), (330, "Date: March 9, 2021")],
]


def contract(*clauses: Block, preamble: str = PREAMBLE) -> Document:
    """A contract with its label, title, preamble, clauses and signature blocks."""
    return document(
        "Exhibit 10.1", ("MASTER SERVICES AGREEMENT", 14), preamble, *clauses, *SIGNATURES
    )


def test_a_whole_agreement() -> None:
    ex = extract(
        contract(
            "1. Term. The term of this Agreement shall commence on the Effective Date and continue "
            'for a period of two (2) years (the "Initial Term"). Thereafter, this Agreement shall '
            "automatically renew for successive one (1) year periods unless either party gives "
            "written notice of non-renewal at least sixty (60) days prior to the end of the "
            "then-current term.",
            "2. Termination for Convenience. Either party may terminate this Agreement for "
            "convenience upon thirty (30) days' prior written notice to the other party.",
            "3. Fees. The total fees payable under this Agreement shall not exceed $250,000.00. "
            "Acme shall pay each invoice within thirty (30) days of receipt of invoice.",
            "4. Governing Law. This Agreement shall be governed by and construed in accordance "
            "with the laws of the State of New York, without regard to its conflict of laws "
            "principles.",
        )
    )
    assert values(ex) == {
        "contract_title": "MASTER SERVICES AGREEMENT",
        "parties": ("Acme Widgets, Inc.", "Globex LLC"),
        "effective_date": "2021-03-03",
        "term": "P2Y",
        "auto_renewal": True,
        "renewal_term": "P1Y",
        "termination_notice_days": "30",
        "governing_law": "New York",
        "contract_value": "250000.00",
        "currency": "USD",
        "payment_terms": "within thirty (30) days of receipt of invoice",
        "signatories": ("Jane A. Smith", "John Doe"),
    }
    assert ex.document_type == "contract" and ex.extractor == "bpo.contract.v1"
    for name, f in ex.fields.items():
        assert 0.3 <= f.confidence <= 1.0, name
        assert f.page == 1 and f.bbox is not None, name


def test_provenance_is_the_box_of_the_words_the_value_came_from() -> None:
    ex = extract(
        contract(
            "9. This Agreement shall be governed by the laws of the State of New York.",
        )
    )
    law = ex.fields["governing_law"]
    doc = contract("9. This Agreement shall be governed by the laws of the State of New York.")
    new, york = [w for w in doc.pages[0].words if w.text in {"New", "York."}][-2:]
    assert law.bbox == BBox(new.bbox.x0, new.bbox.top, york.bbox.x1, york.bbox.bottom)


# ------------------------------------------------------------------------------------ parties


@pytest.mark.parametrize(
    ("preamble", "parties"),
    [
        (PREAMBLE, ("Acme Widgets, Inc.", "Globex LLC")),
        (
            "This Joint Development Agreement is made and entered into by and among Orion Labs, "
            'Inc., a Nevada corporation ("Orion"), Beacon Health Partners LLC, a Texas limited '
            'liability company ("Beacon"), and Maria Lopez, an individual residing at 12 Elm '
            'Street, Austin, TX 78701 ("Lopez").',
            ("Orion Labs, Inc.", "Beacon Health Partners LLC", "Maria Lopez"),
        ),
        (
            "This License Agreement is made between Tidewater Properties, L.P. and Juniper "
            "Analytics Corp. on the date written below.",
            ("Tidewater Properties, L.P.", "Juniper Analytics Corp."),
        ),
        (
            "This Consulting Agreement is entered into by and between Kestrel Data Corporation, "
            'with offices at 1 Main Street, Boston, MA 02110, hereinafter referred to as "Company", '
            'and Dana Whitfield, hereinafter called "Consultant".',
            ("Kestrel Data Corporation", "Dana Whitfield"),
        ),
        (
            "THIS LEASE (this “Lease”) is made as of May 1, 2020 between SAGEBRUSH REALTY "
            "PARTNERS, L.P., a Texas limited partnership (“Landlord”), and Bluewater "
            "Logistics, Inc., a Delaware corporation (“Tenant”).",
            ("SAGEBRUSH REALTY PARTNERS, L.P.", "Bluewater Logistics, Inc."),
        ),
    ],
)
def test_parties_in_a_preamble(preamble: str, parties: tuple[str, ...]) -> None:
    assert values(extract(contract(preamble=preamble)))["parties"] == parties


def test_parties_listed_under_between_in_the_english_style() -> None:
    doc = document(
        ("SOFTWARE LICENCE AGREEMENT", 14),
        "THIS AGREEMENT is dated 3 March 2021",
        "BETWEEN:",
        "(1) NORTHWIND DATA LIMITED, a company incorporated and registered in England and Wales "
        "with company number 01234567 whose registered office is at 1 High Street, Leeds LS1 4AB "
        "(“Licensor”); and",
        "(2) KESTREL SYSTEMS PLC a company incorporated and registered in England and Wales with "
        "company number 07654321 whose registered office is at 2 Market Street, London EC1A 1BB "
        "(“Licensee”).",
        "BACKGROUND",
        "(A) The Licensor owns the Software.",
        "1. This agreement shall be governed by and construed in accordance with the law of "
        "England and Wales.",
        "Signed by JANE SMITH, Director, for and on behalf of NORTHWIND DATA LIMITED",
        "Signed by PETER JONES, Director, for and on behalf of KESTREL SYSTEMS PLC",
    )
    got = values(extract(doc))
    assert got["parties"] == ("NORTHWIND DATA LIMITED", "KESTREL SYSTEMS PLC")
    assert got["effective_date"] == "2021-03-03"
    assert got["governing_law"] == "England and Wales"
    assert got["signatories"] == ("JANE SMITH", "PETER JONES")
    assert got["contract_title"] == "SOFTWARE LICENCE AGREEMENT"


def test_parties_from_the_signature_blocks_when_no_preamble_names_them() -> None:
    doc = document(
        ("SERVICES AGREEMENT", 14),
        "The undersigned agree to the terms set out below.",
        "1. This Agreement is governed by the laws of the State of Ohio.",
        *SIGNATURES,
    )
    ex = extract(doc)
    assert ex.fields["parties"].value == ("ACME WIDGETS, INC.", "GLOBEX LLC")
    assert ex.fields["parties"].confidence < 0.8


def test_a_cover_page_and_a_table_of_contents_before_the_preamble() -> None:
    doc = document(
        ("MASTER SERVICES AGREEMENT", 14),
        "between",
        "BEACON BIOSCIENCES CORP.",
        "and",
        "TRI-COUNTY SOLUTIONS L.L.C.",
        "Dated as of June 13, 2019",
        "TABLE OF CONTENTS",
        "ARTICLE I DEFINITIONS . . . . . . . . . . . 3",
        "ARTICLE II SERVICES . . . . . . . . . . . . 5",
        "MASTER SERVICES AGREEMENT",
        "This Master Services Agreement (the “Agreement”) is entered into as of June 13, 2019 by "
        "and between Beacon BioSciences Corp., an Ohio corporation (“Customer”) and Tri-County "
        "Solutions L.L.C., a New York limited liability company (“Provider”).",
        "The entire agreement between the parties is set out herein.",
        page_breaks=[9],
    )
    got = values(extract(doc))
    assert got["parties"] == ("Beacon BioSciences Corp.", "Tri-County Solutions L.L.C.")
    assert got["effective_date"] == "2019-06-13"
    assert got["contract_title"] == "MASTER SERVICES AGREEMENT"


# ------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("opening", "effective"),
    [
        ("This Agreement is entered into as of March 3, 2021 by and between", "2021-03-03"),
        ("This Agreement dated March 3, 2021 is made by and between", "2021-03-03"),
        ("This Agreement is made this 3rd day of March, 2021 by and between", "2021-03-03"),
        ("This Agreement is effective as of 3/4/2021 and is made by and between", "2021-03-04"),
        ("THIS AGREEMENT is dated 3 March 2021 and is made between", "2021-03-03"),
        (
            "This Statement of Work is entered into as of April 29, 2019 (the “SOW Effective "
            "Date”) under the Master Services Agreement dated November 29, 2018 by and between",
            "2019-04-29",
        ),
    ],
)
def test_effective_date_worded_several_ways(opening: str, effective: str) -> None:
    preamble = f'{opening} Acme Corp. ("Acme") and Globex LLC ("Globex").'
    assert values(extract(contract(preamble=preamble)))["effective_date"] == effective


def test_an_effective_date_defined_in_the_definitions() -> None:
    preamble = (
        'This Agreement is made by and between Acme Corp. ("Acme") and Globex LLC ("Globex").'
    )
    clause = '1.1 "Effective Date" means January 1, 2022.'
    assert values(extract(contract(clause, preamble=preamble)))["effective_date"] == "2022-01-01"


def test_effective_as_of_the_last_signature_is_the_latest_signature_date() -> None:
    preamble = (
        'This Agreement is effective as of the date of the last signature below (the "Effective '
        'Date") and is entered into by and between Acme Widgets, Inc. ("Acme") and Globex LLC '
        '("Globex").'
    )
    assert values(extract(contract(preamble=preamble)))["effective_date"] == "2021-03-09"


def test_a_blank_date_gives_no_effective_date() -> None:
    preamble = (
        "This Agreement is entered into as of ____________, 20__ by and between Acme Widgets, "
        'Inc. ("Acme") and Globex LLC ("Globex").'
    )
    assert "effective_date" not in values(extract(contract(preamble=preamble)))


@pytest.mark.parametrize(
    ("clause", "expiration"),
    [
        ("This Agreement shall expire on December 31, 2025.", "2025-12-31"),
        (
            "The term of this Lease commences on April 1, 2021 and ends on March 31, 2026.",
            "2026-03-31",
        ),
        ("This Agreement shall remain in effect until June 30, 2024.", "2024-06-30"),
        ("The Initial Term shall continue through November 15, 2023.", "2023-11-15"),
    ],
)
def test_expiration_date_only_when_stated(clause: str, expiration: str) -> None:
    assert value("expiration_date", PREAMBLE, clause) == expiration


def test_no_expiration_date_when_none_is_printed() -> None:
    clause = "This Agreement shall continue for two (2) years unless terminated earlier."
    assert value("expiration_date", PREAMBLE, clause) is None


# -------------------------------------------------------------------------------------- term


@pytest.mark.parametrize(
    ("clause", "term"),
    [
        ("The term of this Agreement shall be for a period of two (2) years.", "P2Y"),
        ("The Initial Term of this Agreement is thirty-six (36) months.", "P36M"),
        ("This Agreement shall remain in effect for ninety (90) days.", "P90D"),
        ("The term of this Lease is five years from the Commencement Date.", "P5Y"),
        ("The initial term is 24 months from the Effective Date.", "P24M"),
        ('This Agreement shall continue for one year (the "Term").', "P1Y"),
        ("The term of this Agreement shall be a one-year term.", "P1Y"),
    ],
)
def test_term_in_words_and_digits(clause: str, term: str) -> None:
    assert value("term", PREAMBLE, clause) == term


@pytest.mark.parametrize(
    "clause",
    [
        "This Agreement shall remain in effect until terminated by either party.",
        "The obligations of confidentiality shall survive for three (3) years after termination "
        "of the term of this Agreement.",
        "During the Term and for one (1) year thereafter, Supplier shall maintain insurance.",
    ],
)
def test_no_term_from_survival_periods_or_until_terminated(clause: str) -> None:
    assert value("term", PREAMBLE, clause) is None


# ----------------------------------------------------------------------------------- renewal


@pytest.mark.parametrize(
    ("clause", "renews", "renewal"),
    [
        (
            "This Agreement shall automatically renew for successive one (1) year periods unless "
            "either party gives notice of non-renewal.",
            True,
            "P1Y",
        ),
        (
            "Thereafter, the term will be renewed automatically for additional terms of twelve "
            "(12) months each.",
            True,
            "P12M",
        ),
        (
            "This Lease shall thereafter continue from year to year unless terminated.",
            True,
            "P1Y",
        ),
        ("This Agreement shall not automatically renew.", False, None),
        ("This Agreement will not renew automatically.", False, None),
        (
            "This Agreement may be renewed only by mutual written agreement of the parties.",
            False,
            None,
        ),
        ("The parties may agree in writing to renew this Agreement.", None, None),
    ],
)
def test_auto_renewal_and_renewal_term(clause: str, renews: object, renewal: object) -> None:
    got = values(extract(document(PREAMBLE, clause)))
    assert got.get("auto_renewal") == renews
    assert got.get("renewal_term") == renewal


# ------------------------------------------------------------------------------------ notice


@pytest.mark.parametrize(
    ("clause", "days"),
    [
        (
            "Either party may terminate this Agreement upon thirty (30) days' prior written "
            "notice to the other party.",
            "30",
        ),
        (
            "Customer may terminate this Agreement for convenience on not less than ninety (90) "
            "days written notice.",
            "90",
        ),
        (
            "This Agreement renews each year unless a party gives 60 days' notice of non-renewal.",
            "60",
        ),
        (
            "Either party may terminate this Agreement without cause by giving the other party at "
            "least forty-five (45) days prior written notice.",
            "45",
        ),
        (
            "Customer may terminate this Agreement at any time by giving Provider two (2) months' "
            "written notice.",
            "60",
        ),
    ],
)
def test_termination_notice_days(clause: str, days: str) -> None:
    assert value("termination_notice_days", PREAMBLE, clause) == days


def test_notice_for_convenience_wins_over_non_renewal_and_cure_periods() -> None:
    got = values(
        extract(
            document(
                PREAMBLE,
                "This Agreement renews automatically for successive one-year terms unless either "
                "party gives notice of non-renewal at least ninety (90) days before the end of the "
                "then-current term.",
                "Either party may terminate this Agreement if the other party breaches it and "
                "fails to cure the breach within fifteen (15) days after written notice.",
                "Customer may terminate this Agreement for convenience upon thirty (30) days' "
                "written notice.",
            )
        )
    )
    assert got["termination_notice_days"] == "30"


def test_a_cure_period_is_not_the_termination_notice() -> None:
    clause = (
        "Either party may terminate this Agreement if the other party materially breaches it and "
        "fails to cure the breach within fifteen (15) days after written notice."
    )
    ex = extract(document(PREAMBLE, clause))
    assert (
        "termination_notice_days" not in ex.fields
        or ex.fields["termination_notice_days"].confidence < 0.5
    )


# ------------------------------------------------------------------------------ governing law


@pytest.mark.parametrize(
    ("clause", "law"),
    [
        (
            "This Agreement shall be governed by and construed in accordance with the laws of "
            "the State of New York, without regard to conflict of laws principles.",
            "New York",
        ),
        (
            "This agreement and any dispute arising out of it shall be governed by the law of "
            "England and Wales.",
            "England and Wales",
        ),
        ("This Agreement shall be governed by Delaware law.", "Delaware"),
        ("This Agreement is governed by English law.", "England and Wales"),
        (
            "The validity of this Lease shall be governed by the laws of the Commonwealth of "
            "Massachusetts.",
            "Massachusetts",
        ),
        (
            "GOVERNING LAW. THIS AGREEMENT SHALL BE GOVERNED BY THE LAWS OF THE STATE OF "
            "CALIFORNIA.",
            "CALIFORNIA",
        ),
        (
            "This Agreement will be construed under the internal laws of the State of North "
            "Carolina and the federal laws of the United States.",
            "North Carolina",
        ),
    ],
)
def test_governing_law(clause: str, law: str) -> None:
    assert value("governing_law", PREAMBLE, clause) == law


def test_the_state_of_incorporation_is_not_the_governing_law() -> None:
    preamble = (
        "This Agreement is made by and between Acme Corp., a corporation organized under the "
        'laws of the State of Nevada ("Acme"), and Globex LLC ("Globex").'
    )
    assert value("governing_law", preamble) is None


# ------------------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("clause", "amount", "currency"),
    [
        ("The total fees under this Agreement shall not exceed $250,000.", "250000.00", "USD"),
        (
            "Tenant shall pay an annual base rent of Forty-Eight Thousand and No/100 Dollars "
            "($48,000.00), payable in monthly installments of $4,000.00.",
            "48000.00",
            "USD",
        ),
        ("Client shall pay Consultant a fee of USD 75,000 upon signature.", "75000.00", "USD"),
        ("The Licence Fee is £120,000 payable on the Commencement Date.", "120000.00", "GBP"),
        ("The aggregate contract price is EUR 1.5 million.", "1500000.00", "EUR"),
        (
            "Consultant's rate is $225.00 per hour; provided that the total fees payable shall "
            "not exceed $125,000.00.",
            "125000.00",
            "USD",
        ),
    ],
)
def test_contract_value_and_currency(clause: str, amount: str, currency: str) -> None:
    got = values(extract(document(PREAMBLE, clause)))
    assert (got.get("contract_value"), got.get("currency")) == (amount, currency)


@pytest.mark.parametrize(
    "clause",
    [
        "In no event shall either party's total liability exceed $1,000,000.",
        "Consultant shall be paid at the rate of $150.00 per hour.",
        "Tenant shall deposit with Landlord the sum of $12,000 as a security deposit.",
        "Supplier shall maintain insurance coverage of at least $2,000,000 per occurrence.",
    ],
)
def test_no_contract_value_from_caps_rates_deposits_or_insurance(clause: str) -> None:
    got = values(extract(document(PREAMBLE, clause)))
    assert "contract_value" not in got and "currency" not in got


# ----------------------------------------------------------------------------- payment terms


@pytest.mark.parametrize(
    ("clause", "terms"),
    [
        ("Customer shall pay each invoice on terms of Net 45.", "Net 45"),
        (
            "Customer shall pay the Fees within sixty (60) days after receipt of a correct and "
            "undisputed invoice, by wire transfer.",
            "within sixty (60) days after receipt of a correct and undisputed invoice",
        ),
        (
            "Base Rent shall be payable monthly in advance on the first day of each calendar "
            "month, without demand or set-off.",
            "monthly in advance on the first day of each calendar month",
        ),
        (
            "Subscription Fees shall be invoiced and paid annually in advance.",
            "annually in advance",
        ),
        (
            "The Company will pay each invoice within 30 days of the date of the invoice.",
            "within 30 days of the date of the invoice",
        ),
    ],
)
def test_payment_terms(clause: str, terms: str) -> None:
    assert value("payment_terms", PREAMBLE, clause) == terms


def test_a_grace_period_before_a_late_charge_is_not_the_payment_term() -> None:
    clause = (
        "If any Rent is not paid within five (5) days after its due date, Tenant shall pay a late "
        "charge of five percent (5%)."
    )
    assert value("payment_terms", PREAMBLE, clause) is None


# ------------------------------------------------------------------------------- signatories


def test_signatories_under_the_signature_line_without_labels() -> None:
    doc = document(
        PREAMBLE,
        "IN WITNESS WHEREOF, the parties have signed this Agreement.",
        [(72, "ACME WIDGETS, INC."), (330, "GLOBEX LLC")],
        [(72, "______________________"), (330, "______________________")],
        [(72, "Robert K. Chen"), (330, "Alice Moreno")],
        [(72, "President"), (330, "Manager")],
    )
    assert values(extract(doc))["signatories"] == ("Robert K. Chen", "Alice Moreno")


def test_signatories_on_the_signature_page_not_in_an_exhibit_form() -> None:
    doc = document(
        PREAMBLE,
        *SIGNATURES,
        "EXHIBIT C - FORM OF STATEMENT OF WORK",
        "This Statement of Work is executed by the parties' authorized representatives.",
        [(72, "By: ______________"), (330, "By: ______________")],
        [(72, "Name: ____________"), (330, "Name: ____________")],
        page_breaks=[7],
    )
    assert values(extract(doc))["signatories"] == ("Jane A. Smith", "John Doe")


# ------------------------------------------------------------------------------------- title


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            ["EXHIBIT 10.1", "Execution Version", ("MUTUAL NONDISCLOSURE AGREEMENT", 14)],
            "MUTUAL NONDISCLOSURE AGREEMENT",
        ),
        (
            [("AMENDED AND RESTATED", 14), ("CREDIT AGREEMENT", 14)],
            "AMENDED AND RESTATED CREDIT AGREEMENT",
        ),
        (["CONFIDENTIAL", ("CONFIDENTIALITY AGREEMENT", 14)], "CONFIDENTIALITY AGREEMENT"),
        (["[***]", ("Statement of Work No. 3", 14)], "Statement of Work No. 3"),
    ],
)
def test_title_at_the_head_of_page_one(head: list[Block], title: str) -> None:
    assert value("contract_title", *head, PREAMBLE) == title


def test_title_of_a_letter_agreement_is_its_subject_line() -> None:
    doc = document(
        "LAKESHORE FINANCIAL CORPORATION",
        "June 8, 2024",
        "Re: Consulting Services Agreement",
        "Dear Ms. Thornton:",
        "This letter agreement (this “Agreement”) confirms the terms on which Great Lakes "
        "Outsourcing LLC (“Consultant”) will provide consulting services to Lakeshore Financial "
        "Corporation (the “Company”), effective as of June 8, 2024.",
    )
    got = values(extract(doc))
    assert got["contract_title"] == "Consulting Services Agreement"
    assert got["parties"] == ("Great Lakes Outsourcing LLC", "Lakeshore Financial Corporation")
    assert got["effective_date"] == "2024-06-08"


def test_the_title_from_the_preamble_when_no_heading_names_it() -> None:
    preamble = PREAMBLE.replace("Master Services", "Software License")
    assert value("contract_title", preamble) == "Software License Agreement"


# ----------------------------------------------------------------------- layout of the prose


def test_running_headers_footers_and_page_numbers_do_not_break_a_clause() -> None:
    filler = [f"{i}. The parties shall cooperate in good faith on matter {i}." for i in range(60)]
    clause = (
        "This Agreement shall be governed by and construed in accordance with the laws of the "
        "State of Texas, without regard to its conflict of laws principles."
    )
    doc = document(PREAMBLE, *filler, clause, footer=True)
    assert len(doc.pages) >= 2
    ex = extract(doc)
    assert ex.fields["governing_law"].value == "Texas"
    assert ex.fields["governing_law"].page == len(doc.pages)


def test_a_drawn_pdf_read_from_its_text_layer(tmp_path: Path) -> None:
    lines = [
        "THIS AGREEMENT is entered into as of January 15, 2022 by and between Atlas Software,",
        "Inc., a Delaware corporation (“Atlas”), and Meridian Capital LLC, a New York limited",
        "liability company (“Meridian”). The term of this Agreement is three (3) years. This",
        "Agreement shall be governed by the laws of the State of Delaware.",
    ]
    page: list[Item] = [(220, 60, "SERVICES AGREEMENT", 14)]
    page += [(60, 100 + 14 * i, text, 10) for i, text in enumerate(lines)]
    page += [
        (60, 200, "IN WITNESS WHEREOF, the parties have executed this Agreement.", 10),
        (60, 240, "ATLAS SOFTWARE, INC.", 10),
        (320, 240, "MERIDIAN CAPITAL LLC", 10),
        (60, 270, "By: /s/ Tom Baker", 10),
        (320, 270, "By: /s/ Susan Ward", 10),
        (60, 284, "Name: Tom Baker", 10),
        (320, 284, "Name: Susan Ward", 10),
    ]
    ex = EXTRACTOR.extract(read_document(draw_pdf(tmp_path / "c.pdf", [page])), ExtractSettings())
    got = values(ex)
    assert got["parties"] == ("Atlas Software, Inc.", "Meridian Capital LLC")
    assert got["effective_date"] == "2022-01-15"
    assert got["term"] == "P3Y"
    assert got["governing_law"] == "Delaware"
    assert got["signatories"] == ("Tom Baker", "Susan Ward")
    assert got["contract_title"] == "SERVICES AGREEMENT"


# ------------------------------------------------------------------------------------- speed


def test_a_45_page_contract_is_read_in_under_three_seconds() -> None:
    clauses = [
        f"{i}.{j} The Provider shall perform the Services described in Schedule {i} in a "
        f"professional manner, consistent with industry standards, and shall deliver each "
        f"Deliverable by the date set out in the applicable Statement of Work, subject to "
        f"Section {j} and the Change Control Procedure."
        for i in range(1, 46)
        for j in range(1, 14)
    ]
    body = [
        *clauses[:100],
        "The term of this Agreement shall be five (5) years from the Effective Date.",
        *clauses[100:],
        "This Agreement shall be governed by the laws of the State of New York.",
    ]
    doc = contract(*body)
    assert len(doc.pages) >= 45
    EXTRACTOR.extract(document(PREAMBLE), ExtractSettings())  # spaCy is loaded once, not here
    start = time.perf_counter()
    ex = extract(doc)
    elapsed = time.perf_counter() - start
    assert elapsed < 3.0, elapsed
    assert values(ex)["term"] == "P5Y"
    assert values(ex)["governing_law"] == "New York"


# ---------------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("thirty (30) days", "P30D"),
        ("two years", "P2Y"),
        ("36 months", "P36M"),
        ("a one-year period", "P1Y"),
        ("twelve-month", "P12M"),
        ("one hundred twenty (120) days", "P120D"),
        ("twenty-four (24) calendar months", "P24M"),
        ("(90) days", "P90D"),
        ("six weeks", "P6W"),
    ],
)
def test_periods_as_contracts_print_them(text: str, iso: str) -> None:
    assert [d.iso for d in find_durations(text)] == [iso]


def test_a_period_whose_words_and_digits_disagree_is_unsure() -> None:
    (d,) = find_durations("thirty (60) days")
    assert d.iso == "P60D" and not d.sure


# ------------------------------------------------------------------- more of EDGAR's wordings


def test_a_credit_agreement_in_capitals_with_a_last_party_without_a_defined_term() -> None:
    preamble = (
        "This CREDIT AGREEMENT is entered into as of March 15, 2021, among ACME CORP., a Delaware "
        'corporation (the "Borrower"), each lender from time to time party hereto (collectively, '
        'the "Lenders"), and BANK OF AMERICA, N.A., as Administrative Agent.'
    )
    got = values(extract(document(("CREDIT AGREEMENT", 14), preamble)))
    assert got["parties"] == ("ACME CORP.", "BANK OF AMERICA, N.A.")
    assert got["effective_date"] == "2021-03-15"


def test_an_executive_signing_alone_with_s() -> None:
    doc = document(
        PREAMBLE,
        "IN WITNESS WHEREOF, the parties have executed this Agreement.",
        [(72, "ACME WIDGETS, INC."), (330, "EXECUTIVE")],
        [(72, "By: /s/ Mary Johnson"), (330, "/s/ John A. Doe")],
        [(72, "Name: Mary Johnson"), (330, "John A. Doe")],
    )
    assert values(extract(doc))["signatories"] == ("Mary Johnson", "John A. Doe")


@pytest.mark.parametrize(
    ("clause", "law"),
    [
        ("The laws of the State of New York shall govern this Agreement.", "New York"),
        ("Governing Law. This Agreement is subject to the laws of Ontario.", "Ontario"),
    ],
)
def test_governing_law_worded_the_other_way_round(clause: str, law: str) -> None:
    assert value("governing_law", PREAMBLE, clause) == law


def test_an_option_to_renew_is_not_automatic_renewal() -> None:
    clause = (
        "Tenant shall have the option to renew this Lease for two successive periods of five (5) "
        "years each by giving Landlord written notice."
    )
    assert value("auto_renewal", PREAMBLE, clause) is None


def test_termination_at_a_partys_option_is_still_termination_on_notice() -> None:
    clause = "Either party may terminate this Agreement at its option upon 30 days' written notice."
    assert value("termination_notice_days", PREAMBLE, clause) == "30"


def test_the_extractor_keeps_the_plugin_contract() -> None:
    from extractors.api import Extractor

    assert isinstance(EXTRACTOR, Extractor)
    assert (EXTRACTOR.name, EXTRACTOR.document_type) == ("bpo.contract.v1", "contract")
    empty = Document("empty.pdf", "0" * 64, (Page(1, 612, 792, ()),))
    assert extract(empty).fields == {}


def test_a_value_read_from_unsure_ocr_words_is_less_sure_and_says_so() -> None:
    clause = "This Agreement shall be governed by the laws of the State of New York."
    digital = extract(document(PREAMBLE, clause)).fields["governing_law"]
    page = document(PREAMBLE, clause).pages[0]
    scanned = Page(
        1,
        page.width,
        page.height,
        tuple(Word(w.text, w.bbox, 0.7, Source.OCR) for w in page.words),
        Source.OCR,
    )
    law = extract(Document("scan.png", "0" * 64, (scanned,))).fields["governing_law"]
    assert law.value == "New York" and law.source is Source.OCR
    assert law.confidence < digital.confidence


# ------------------------------------------------------- found on EDGAR-style exhibits drawn apart
# (a field-test set written without looking at this extractor; each case is its general cue)


def test_term_until_an_anniversary_of_the_effective_date() -> None:
    clause = (
        "10.1 Term. This Agreement shall commence on the Effective Date and shall continue until "
        'the fifth anniversary of the Effective Date, unless earlier terminated (the "Term").'
    )
    assert value("term", PREAMBLE, clause) == "P5Y"


def test_an_interest_rates_tenor_is_not_the_term() -> None:
    clause = (
        '"Base Rate" means the highest of (a) the Federal Funds Rate plus one-half of one percent '
        "and (b) Term SOFR for a one-month tenor plus 1.00%."
    )
    assert value("term", PREAMBLE, clause) is None


@pytest.mark.parametrize(
    ("clause", "expiration"),
    [
        ("Commencement Date April 1, 2022 Expiration Date March 31, 2027", "2027-03-31"),
        (
            "“Maturity Date” means November 8, 2024; provided that if such date is not a "
            "Business Day, the Maturity Date shall be the immediately preceding Business Day.",
            "2024-11-08",
        ),
    ],
)
def test_expiration_date_from_a_key_terms_table_or_a_definition(
    clause: str, expiration: str
) -> None:
    assert value("expiration_date", PREAMBLE, clause) == expiration


def test_resigning_with_or_without_good_reason_is_the_termination_notice() -> None:
    clauses = (
        "The term shall automatically renew for successive one (1) year periods unless either "
        "party provides written notice of non-renewal at least sixty (60) days prior to the end "
        "of the then-current term.",
        "Executive may terminate Executive's employment with or without Good Reason upon "
        "thirty (30) days' prior written notice to the Company.",
    )
    assert value("termination_notice_days", PREAMBLE, *clauses) == "30"


@pytest.mark.parametrize(
    "clause",
    [
        "The Company shall pay Executive a signing bonus of $75,000 within thirty (30) days "
        "following the Effective Date.",
        "Within five (5) Business Days after receipt by the Borrower of Net Cash Proceeds from "
        "any Disposition, the Borrower shall prepay the Term Loan.",
    ],
)
def test_a_one_off_payment_is_not_the_payment_terms(clause: str) -> None:
    assert value("payment_terms", PREAMBLE, clause) is None


def test_the_filers_name_over_the_title_is_not_part_of_it() -> None:
    doc = document(
        "Exhibit 10.12",
        ("OAKHURST FINANCIAL GROUP, INC.", 12),
        ("MASTER SERVICES AGREEMENT", 12),
        PREAMBLE,
    )
    assert values(extract(doc))["contract_title"] == "MASTER SERVICES AGREEMENT"


def test_signed_by_lines_name_the_signatories_beside_a_conformed_signature() -> None:
    doc = document(
        PREAMBLE,
        "IN WITNESS WHEREOF, the parties have executed this Agreement on the date first written.",
        [(72, "Signed by Jane A. Smith"), (330, "Signed by Oliver Pemberton")],
        [(72, "for and on behalf of"), (330, "for and on behalf of")],
        [(72, "ACME WIDGETS, INC."), (330, "GLOBEX LLC")],
        [(72, "/s/ Jane A. Smith"), (330, "...........................")],
        [(72, "Director"), (330, "Director")],
    )
    assert values(extract(doc))["signatories"] == ("Jane A. Smith", "Oliver Pemberton")
