"""Composers: one function per kind of contract. Each draws the facts (``Facts``) with a seeded
``random.Random``, writes the document around them (``Doc``) and picks its typesetting (``Look``).

Planted errors are made here, by writing the document so that it breaks the rule: a stated expiry
before the effective date, no governing-law clause, a single party, an automatic renewal with no
notice period, a five-day termination notice, a blank effective date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from . import clauses as cl
from .clauses import Ctx, q
from .contract_facts import Facts, Names, add_months, person, round_money, some_date
from .contract_parts import (
    intro,
    lettered,
    look_lawfirm,
    look_modern,
    look_uk,
    recitals,
    title_case,
    uk_parties,
    uk_signatures,
    us_preamble,
    us_signatures,
)
from .legal_render import (
    Block,
    Break,
    Doc,
    Gap,
    Grid,
    Head,
    Look,
    Node,
    Para,
    Sections,
    Sig,
    SigBlock,
    Title,
)
from .legal_words import (
    date_uk,
    date_us,
    money,
)


@dataclass
class Built:
    facts: Facts
    doc: Doc
    look: Look
    layout: str


ACCENTS = [(0.1, 0.27, 0.53), (0.0, 0.4, 0.4), (0.35, 0.15, 0.45), (0.55, 0.1, 0.1)]
PURPOSES = [
    "a potential outsourcing of certain claims processing and member services operations",
    "the evaluation of a possible strategic collaboration relating to revenue cycle management",
    "a proposed integration of their respective document management platforms",
    "a possible business relationship involving the supply of laboratory consumables",
    "the evaluation of a potential acquisition of, or investment in, one party by the other",
    "the negotiation of a potential master services agreement for accounts payable processing",
]


def _sign_dates(rng: random.Random, eff: date, n: int, spread: int = 12) -> list[date | None]:
    return [eff - timedelta(days=rng.randint(0, spread)) for _ in range(n)]


# --- non-disclosure agreements --------------------------------------------------------------


def _nda_sections(
    c: Ctx,
    f: Facts,
    *,
    oneway: bool,
    purpose: str,
    survive_years: int,
    term_text: str,
    law: str | None,
) -> list[Node]:
    disc = "the Disclosing Party" if not oneway else c.a
    recv = "the Receiving Party" if not oneway else c.b
    Recv = recv[0].upper() + recv[1:]
    nodes = [
        Node(
            "Purpose",
            (
                f"The {c.parties} wish to exchange certain information in connection with "
                f"{purpose} (the {q('Purpose')})."
                if not oneway
                else f"{c.a} intends to disclose to {c.b} certain information in connection with "
                f"{purpose} (the {q('Purpose')})."
            )
            + f" {c.This} sets out the terms on which such information will be disclosed and "
            "protected.",
        ),
        Node(
            "Confidential Information",
            f"{q('Confidential Information')} means any and all non-public technical, business, "
            f"financial and other information disclosed by or on behalf of "
            + (
                f"a {c.party} (the {q('Disclosing Party')}) to the other {c.party} (the "
                f"{q('Receiving Party')})"
                if not oneway
                else f"{c.a} to {c.b}"
            )
            + ", whether before or after the Effective Date, in any form or medium, including "
            "trade secrets, know-how, inventions, software, source code, product plans, "
            "customer and supplier information, pricing, financial statements and projections, "
            "and the existence and terms of the discussions between the "
            f"{c.parties}, together with all notes, analyses, compilations and other materials "
            f"prepared by {recv} that contain or reflect such information.",
            key="confidentiality",
        ),
        Node(
            "Exclusions",
            f"The obligations of {recv} shall not apply to information that {recv} can "
            "demonstrate by competent evidence (a) is or becomes publicly available through no "
            f"fault of {recv}; (b) was rightfully in {recv}'s possession without restriction "
            f"before receipt from {disc}; (c) is rightfully received from a third party without a "
            f"duty of confidentiality; or (d) is independently developed by {recv} without use of "
            "the Confidential Information.",
        ),
        Node(
            "Obligations",
            f"{Recv} shall (a) hold the Confidential Information in strict confidence and take "
            "all reasonable precautions to protect it, using at least the same degree of care it "
            "uses to protect its own confidential information of a similar nature and in no event "
            "less than reasonable care; (b) not use the Confidential Information for any purpose "
            "other than the Purpose; and (c) not disclose the Confidential Information to any "
            "third party other than its directors, officers, employees, professional advisors and "
            f"financing sources who have a need to know it for the Purpose and who are bound by "
            f"obligations of confidentiality at least as protective as those herein. {Recv} shall "
            "be responsible for any breach of this Agreement by any person to whom it discloses "
            "Confidential Information.",
        ),
        Node(
            "Compelled Disclosure",
            f"If {recv} is required by law, regulation, subpoena or court order to disclose any "
            f"Confidential Information, it shall, to the extent legally permitted, give {disc} "
            "prompt written notice so that it may seek a protective order or other appropriate "
            f"remedy, and shall disclose only that portion of the Confidential Information that "
            "its counsel advises is legally required to be disclosed.",
        ),
        Node(
            "Return or Destruction",
            f"Upon the written request of {disc}, {recv} shall promptly return or destroy all "
            "documents and materials containing Confidential Information and certify such "
            f"destruction in writing within {c.p(10)}; provided that {recv} may retain copies "
            "to the extent required by law or its bona fide document retention policies, subject "
            "to the continuing obligations of this Agreement.",
        ),
        Node(
            "No License; No Warranty",
            f"All Confidential Information remains the property of {disc}. Nothing in this "
            f"Agreement grants {recv} any license or other right in or to any Confidential "
            "Information, patent, copyright or other intellectual property, except the limited "
            "right to use the Confidential Information for the Purpose. ALL CONFIDENTIAL "
            "INFORMATION IS PROVIDED “AS IS” WITHOUT WARRANTY OF ANY KIND.",
        ),
        Node(
            "No Obligation",
            f"Nothing in this Agreement obligates either {c.party} to enter into any further "
            "agreement or transaction. Either party may terminate discussions regarding the "
            "Purpose at any time, for any reason or no reason.",
        ),
        Node("Term and Termination", term_text, key="termination"),
        Node(
            "Remedies",
            f"{Recv} acknowledges that unauthorized use or disclosure of Confidential Information "
            f"may cause {disc} irreparable harm for which damages would be an inadequate remedy. "
            f"Accordingly, {disc} shall be entitled to seek injunctive relief and specific "
            "performance, without the necessity of posting a bond, in addition to any other "
            "remedy available at law or in equity.",
        ),
    ]
    if c.rng.random() < 0.6:
        nodes.append(
            Node(
                "Securities Laws",
                f"{Recv} acknowledges that it is aware, and will advise its representatives, that "
                "the United States securities laws prohibit any person who has material, "
                "non-public information about a company from purchasing or selling securities of "
                "such company or from communicating such information to any other person under "
                "circumstances in which it is reasonably foreseeable that such person is likely "
                "to purchase or sell such securities.",
            )
        )
    if law:
        nodes.append(Node("Governing Law", cl.law_sentence(c, law), key="law"))
    nodes.append(
        Node(
            "Miscellaneous",
            f"{c.This} constitutes the entire agreement between the {c.parties} with respect to its "
            "subject matter and supersedes all prior agreements and understandings, whether "
            f"written or oral. {c.This} may be amended only by a written instrument signed by both "
            f"{c.parties}. Neither {c.party} may assign {c.this} without the prior written consent "
            "of the other. If any provision of " + c.this + " is held unenforceable, the "
            "remaining provisions shall remain in full force and effect. " + c.This + " may be "
            "executed in counterparts, including by electronic signature, each of which shall be "
            "deemed an original.",
        )
    )
    return nodes


def nda_mutual(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """A US mutual NDA in a modern sans-serif layout; ``required_fields``: the date is blank."""
    sectors = rng.sample(["tech", "health", "services", "finance", "logistics"], 2)
    a = names.us_org(rng, sectors[0])
    b = names.us_org(rng, sectors[1])
    blank = error == "contract.required_fields"
    title = rng.choice(
        [
            "MUTUAL NON-DISCLOSURE AGREEMENT",
            "Mutual Nondisclosure Agreement",
            "MUTUAL CONFIDENTIALITY AGREEMENT",
        ]
    )
    if rng.random() < 0.5:
        title = title.upper()
    eff = some_date(rng)
    years = rng.choice([2, 3])
    days = rng.choice([30, 30, 60])
    law = rng.choice(["Delaware", "New York", "California", "Texas"])
    f = Facts(
        kind="nda-mutual",
        title=title,
        parties=[a, b],
        effective=None if blank else eff,
        eff_mode="blank" if blank else "as_of",
        term=(years, "years"),
        convenience_days=days,
        law=law,
    )
    f.sign_dates = [None, None] if blank else []
    c = Ctx(rng, a.short, b.short, cap_party=rng.random() < 0.5)
    term_text = (
        f"{cl.term_sentence(c, f.term, None)} "
        f"{cl.convenience_sentence(c, days)} Notwithstanding any expiration or termination, the "
        f"obligations of the Receiving Party with respect to Confidential Information disclosed "
        f"prior thereto shall survive for a period of {c.p(years + rng.choice([1, 2]), 'years')} "
        "thereafter."
    )
    nodes = _nda_sections(
        c,
        f,
        oneway=False,
        purpose=rng.choice(PURPOSES),
        survive_years=3,
        term_text=term_text,
        law=law,
    )
    blocks: list[Block] = [
        Title(title),
        us_preamble(f, c, f.eff_mode, ref_title=title_case(title), address=rng.random() < 0.5),
        Sections(nodes),
        *us_signatures(f, c, dated=True),
    ]
    accent = rng.choice(ACCENTS)
    look = look_modern(rng, a.name, accent)
    if blank:
        look.footer_left = "Form NDA (rev. 03/2020)"
    return Built(f, Doc(blocks, title_case(title), a.name), look, "nda-mutual")


def nda_three_party(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """A mutual NDA among three companies, effective as of the date of the last signature."""
    a = names.us_org(rng, "tech")
    b = names.us_org(rng, "health")
    c3 = names.us_org(rng, "finance")
    title = "CONFIDENTIALITY AND NON-DISCLOSURE AGREEMENT"
    base = some_date(rng)
    sign = [base + timedelta(days=rng.randint(0, 9)) for _ in range(3)]
    f = Facts(
        kind="nda-mutual",
        title=title,
        parties=[a, b, c3],
        effective=None,
        eff_mode="last_signature",
        sign_dates=list(sign),
        convenience_days=30,
        law="New York",
    )
    c = Ctx(rng, a.short, b.short, cap_party=True, others=[c3.short])
    term_text = (
        f"{cl.term_sentence(c, None, None)} Any {c.party} may withdraw from {c.this} upon "
        f"{c.p(30, possessive=True)} prior written notice to the other {c.parties}, whereupon "
        f"{c.this} shall terminate as to such {c.party}. The obligations of each Receiving Party "
        f"shall survive any termination for a period of {c.p(3, 'years')}."
    )
    nodes = _nda_sections(
        c,
        f,
        oneway=False,
        purpose=rng.choice(PURPOSES),
        survive_years=3,
        term_text=term_text,
        law="New York",
    )
    look = look_lawfirm(rng, numbering="section")
    blocks: list[Block] = [
        Title(title),
        us_preamble(f, c, "last_signature", ref_title=title_case(title), bold_names=True),
        *recitals(
            c,
            [
                f"the {c.parties} desire to engage in discussions concerning "
                + rng.choice(PURPOSES),
                f"in the course of such discussions each {c.party} may disclose Confidential "
                "Information to the others",
            ],
            "whereas",
        ),
        Sections(nodes),
        Para("[<i>Signature page follows</i>]", align="c"),
        Break(),
        *us_signatures(f, c, dated=True, date_style=rng.choice(["us", "slash"])),
    ]
    return Built(f, Doc(blocks, title_case(title), a.name), look, "nda-three-party")


def nda_uk_oneway(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """An English one-way NDA: dated, BETWEEN (1) and (2), background, clauses, execution."""
    a = names.uk_org(rng, "Discloser")
    b = names.uk_org(rng, "Recipient")
    title = rng.choice(["NON-DISCLOSURE AGREEMENT", "CONFIDENTIALITY AGREEMENT"])
    eff = some_date(rng)
    years = rng.choice([3, 5])
    f = Facts(
        kind="nda-oneway",
        title=title,
        parties=[a, b],
        effective=eff,
        eff_mode="uk_dated",
        term=(years, "years"),
        convenience_days=rng.choice([30, 60, 90]),
        law="England and Wales",
    )
    c = Ctx(rng, "the Discloser", "the Recipient", uk=True, numbers=rng.choice(["both", "digits"]))
    assert f.term and f.convenience_days
    purpose = rng.choice(PURPOSES)
    defs = [
        f"{q('Business Day')}: a day other than a Saturday, Sunday or public holiday in England "
        "when banks in London are open for business;",
        f"{q('Confidential Information')}: all confidential information (however recorded or "
        "preserved) disclosed by the Discloser or its Representatives to the Recipient or its "
        "Representatives in connection with the Purpose, including the existence and terms of "
        "this agreement;",
        f"{q('Purpose')}: {purpose};",
        f"{q('Representatives')}: in relation to a party, its employees, officers, "
        "representatives and advisers.",
    ]
    kids = [
        Node(
            "Interpretation",
            None,
            [
                Node(text="The following definitions apply in this agreement:", after=defs),
                Node(
                    text="Clause and paragraph headings shall not affect the interpretation of this "
                    "agreement, and a reference to writing or written includes email."
                ),
            ],
        ),
        Node(
            "Obligations of confidentiality",
            None,
            [
                Node(
                    text="The Recipient shall keep the Discloser's Confidential Information "
                    "confidential and shall not use any of it except for the Purpose, or disclose "
                    "it except in accordance with clause 3 and clause 4."
                ),
                Node(
                    text="The Recipient shall establish and maintain adequate security measures "
                    "to safeguard the Confidential Information from unauthorised access or use."
                ),
                Node(
                    text="The Recipient shall not copy or make any notes of the Confidential "
                    "Information except as strictly necessary for the Purpose."
                ),
            ],
        ),
        Node(
            "Permitted disclosure",
            "The Recipient may disclose the Discloser's Confidential Information to its "
            "Representatives who need to know it for the Purpose, provided that it informs them "
            "of its confidential nature before disclosure and procures that they comply with the "
            "obligations in this agreement as if they were a party to it.",
        ),
        Node(
            "Mandatory disclosure",
            "The Recipient may disclose Confidential Information to the minimum extent required "
            "by an order of any court of competent jurisdiction or any regulatory, judicial, "
            "governmental or similar body, provided that it gives the Discloser as much notice "
            "of the disclosure as possible.",
        ),
        Node(
            "Exceptions",
            "The obligations in clause 2 shall not apply to information that is or becomes "
            "generally available to the public (other than as a result of its disclosure in "
            "breach of this agreement), was available to the Recipient on a non-confidential "
            "basis before disclosure, or was lawfully developed by the Recipient independently.",
        ),
        Node(
            "Return of information",
            f"At the request of the Discloser, the Recipient shall within {c.p(10)} destroy or "
            "return to the Discloser all documents and materials containing the Confidential "
            "Information and erase it from its computer systems, and certify in writing that it "
            "has done so.",
        ),
        Node(
            "Reservation of rights",
            "All Confidential Information shall remain the property of the Discloser. No rights "
            "or obligations in respect of the Confidential Information other than those "
            "expressly stated in this agreement are granted or to be implied from it. No licence "
            "is granted under any patent, copyright or other intellectual property right.",
        ),
        Node(
            "Duration",
            f"{cl.term_sentence(c, f.term, None, start='the date of this agreement')} "
            f"{cl.convenience_sentence(c, f.convenience_days)} Termination shall not affect the "
            "Recipient's obligations in respect of Confidential Information disclosed before "
            "termination, which shall continue until the end of the Initial Term.",
            key="termination",
        ),
        Node(
            "Remedies",
            "Without prejudice to any other rights or remedies that the Discloser may have, the "
            "Recipient acknowledges that damages alone would not be an adequate remedy for any "
            "breach of this agreement and that the Discloser shall be entitled to the remedies "
            "of injunction, specific performance and other equitable relief.",
        ),
        cl.entire_agreement(c, exhibits=False),
        cl.third_parties(c),
        Node(
            "Governing law and jurisdiction",
            cl.law_sentence(c, "England and Wales"),
            key="law",
        ),
    ]
    look = look_uk(rng)
    look.font = "times"
    blocks: list[Block] = [
        Title(title),
        *uk_parties(f, c, eff),
        *recitals(
            c,
            [
                "the Discloser wishes to disclose certain Confidential Information to the "
                "Recipient for the Purpose",
                "the Recipient has agreed to keep the Confidential Information confidential on "
                "the terms of this agreement",
            ],
            "background",
        ),
        Sections(kids),
        Gap(8),
        *uk_signatures(f, c),
    ]
    return Built(f, Doc(blocks, title_case(title), a.name), look, "nda-uk")


def nda_us_oneway(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """A short US one-way NDA "made this 14th day of June, 2022" with a fixed expiry date."""
    a = names.us_org(rng, "industry")
    b = names.us_org(rng, "logistics")
    a.short, b.short = "Company", "Recipient"
    eff = some_date(rng, 2019, 2023)
    exp = date(eff.year + rng.choice([2, 3]), 12, 31)
    f = Facts(
        kind="nda-oneway",
        title="CONFIDENTIALITY AGREEMENT",
        parties=[a, b],
        effective=eff,
        eff_mode="made_day",
        expiration=exp,
        convenience_days=60,
        law=rng.choice(["Georgia", "Illinois", "Ohio"]),
    )
    c = Ctx(rng, "Company", "Recipient")
    term_text = (
        f"{cl.term_sentence(c, None, exp)} Either party may terminate this Agreement earlier upon "
        f"{c.p(60, possessive=True)} written notice to the other party. The Recipient's "
        "obligations shall survive expiration or termination with respect to Confidential "
        f"Information disclosed during the term for a period of {c.p(2, 'years')}."
    )
    nodes = _nda_sections(
        c,
        f,
        oneway=True,
        purpose=rng.choice(PURPOSES),
        survive_years=2,
        term_text=term_text,
        law=f.law,
    )
    look = look_lawfirm(rng, numbering="decimal")
    look.size, look.leading = 11, 13.5
    blocks: list[Block] = [
        Title("CONFIDENTIALITY AGREEMENT", underline=True),
        us_preamble(f, c, "made_day", ref_title="Confidentiality Agreement", address=True),
        Sections(nodes),
        *us_signatures(f, c, roles=["COMPANY:", "RECIPIENT:"]),
    ]
    return Built(f, Doc(blocks, "Confidentiality Agreement", a.name), look, "nda-oneway-us")


UNDERTAKING_EXTRA = [
    (
        "Representatives",
        "We shall be responsible for any breach of the terms of this Undertaking "
        "by any of our directors, employees or professional advisers to whom we disclose the "
        "Information, as if the breach had been committed by us.",
    ),
    (
        "No announcement",
        "We shall not make, or permit any person to make, any public "
        "announcement concerning the Proposed Transaction or the fact that discussions are taking "
        "place without the prior written consent of the Company, except as required by law or by "
        "any regulatory authority.",
    ),
    (
        "No offer",
        "We acknowledge that neither the Company nor any of its advisers makes any "
        "representation or warranty as to the accuracy or completeness of the Information, and that "
        "the provision of the Information does not constitute an offer capable of acceptance.",
    ),
    (
        "Non-solicitation",
        "For a period of twelve months from the date of this Undertaking we "
        "shall not, without the Company's prior written consent, solicit or entice away any senior "
        "employee of the Company with whom we have had contact in connection with the Proposed "
        "Transaction, provided that general recruitment advertising shall not breach this "
        "paragraph.",
    ),
    (
        "Insider information",
        "We acknowledge that some or all of the Information may be inside "
        "information for the purposes of the UK Market Abuse Regulation, and that we are aware of "
        "the restrictions imposed by that regulation and by Part V of the Criminal Justice Act 1993 "
        "on dealing in securities while in possession of inside information.",
    ),
    (
        "No waiver",
        "No failure or delay by the Company in exercising any right under this "
        "Undertaking shall operate as a waiver of it, nor shall any single or partial exercise of "
        "any right preclude any further exercise of it.",
    ),
    (
        "Third party rights",
        "A person who is not the Company shall have no right under the "
        "Contracts (Rights of Third Parties) Act 1999 to enforce any term of this Undertaking.",
    ),
]


def undertaking(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """A unilateral confidentiality undertaking: only the giver is named (contract.two_parties)."""
    o = names.uk_org(rng, "Recipient")
    eff = some_date(rng)
    f = Facts(
        kind="undertaking",
        title="CONFIDENTIALITY UNDERTAKING",
        parties=[o],
        effective=eff,
        eff_mode="uk_dated",
        term=(3, "years"),
        law="England and Wales",
    )
    c = Ctx(rng, "the Company", "the Recipient", uk=True, agr="Undertaking")
    items = [
        "to keep the Information secret and confidential and not to disclose it, or allow it to "
        "be disclosed, in whole or in part, to any third party without the Company's prior "
        "written consent;",
        "to use the Information solely for the purpose of evaluating the Proposed Transaction "
        "and for no other purpose;",
        "to disclose the Information only to those of our directors and employees who need to "
        "know it for that purpose, and to ensure that each of them is made aware of and complies "
        "with the terms of this Undertaking;",
        "to keep all documents and materials containing the Information separate from our other "
        "documents and in a secure place;",
        "on demand, to return to the Company or destroy all documents containing the Information, "
        "without keeping any copies; and",
        "to inform the Company immediately on becoming aware that any of the Information has "
        "been disclosed to, or is in the possession of, an unauthorised person.",
    ]
    blocks: list[Block] = [
        Title("CONFIDENTIALITY UNDERTAKING"),
        Para("To:&nbsp;&nbsp;______________________________________ (the “Company”)", first=False),
        Para(f"Date: {date_uk(eff)}", first=False, space=14),
        Para(
            f"In consideration of the Company making available to us certain information relating "
            f"to a possible acquisition of a business or assets (the {q('Proposed Transaction')}), "
            f"whether in writing, orally or in any other form (the {q('Information')}), we, "
            f"<b>{o.name.upper()}</b>, {o.desc} (the {q('Recipient')}), hereby irrevocably "
            "undertake to the Company:",
            first=False,
        ),
        *lettered(items),
        Para(
            "The undertakings above shall not apply to Information which is or comes into the "
            "public domain otherwise than through a breach of this Undertaking, or which we can "
            "show was already in our possession before it was made available by the Company.",
        ),
        *[Para(f"<b>{h}.</b> {t}") for h, t in UNDERTAKING_EXTRA],
        Para(
            f"This Undertaking shall remain in force for a period of {c.p(3, 'years')} from the "
            "date of this letter. We acknowledge that damages alone may not be an adequate remedy "
            "for a breach of this Undertaking and that the Company shall be entitled to seek "
            "injunctive relief.",
        ),
        Para(
            "This Undertaking and any dispute or claim arising out of or in connection with it "
            "shall be governed by and construed in accordance with the law of England and Wales, "
            "and the courts of England and Wales shall have exclusive jurisdiction.",
        ),
        Gap(10),
        Para("Yours faithfully,", first=False),
        Sig(
            [
                SigBlock(
                    [
                        "",
                        "........................................",
                        f"Signed by <b>{o.signer}</b>, {o.signer_title}",
                        f"for and on behalf of <b>{o.name.upper()}</b>",
                    ]
                )
            ],
            cols=1,
        ),
    ]
    look = look_uk(rng)
    look.footer = None
    return Built(f, Doc(blocks, "Confidentiality Undertaking", o.name), look, "undertaking")


# --- consulting ---------------------------------------------------------------------------------

SERVICES_LIST = [
    "assess the Company's current accounts payable and invoice intake processes and recommend "
    "improvements;",
    "design and document target operating procedures for document capture, classification and "
    "exception handling;",
    "advise on the selection and configuration of document automation software;",
    "prepare a business case, including a cost-benefit analysis, for the proposed program;",
    "provide weekly written status reports to the Company's project sponsor;",
    "support user acceptance testing and train up to twenty (20) Company employees; and",
    "perform such other related services as the parties may agree in writing from time to time.",
]


def consulting_individual(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """US consulting agreement with an individual consultant: hourly rate with a fee cap."""
    co = names.us_org(rng, "tech", entity="corporation")
    co.short = "Company"
    con = names.individual(rng)
    eff = some_date(rng)
    months = rng.choice([6, 12, 18])
    cap = round_money(rng, 40000, 150000, 5000)
    rate = Decimal(rng.choice([150, 175, 185, 200, 225, 250])).quantize(Decimal("0.01"))
    phrase = rng.choice(
        [
            "within thirty (30) days of receipt of Consultant's invoice",
            "within thirty (30) days after receipt of each invoice",
        ]
    )
    f = Facts(
        kind="consulting",
        title=rng.choice(["CONSULTING AGREEMENT", "Consulting Agreement"]),
        parties=[co, con],
        effective=eff,
        eff_mode="as_of",
        term=(months, "months"),
        convenience_days=30,
        law="California",
        value=cap,
        payment_terms=phrase,
    )
    c = Ctx(rng, "Consultant", "Company")
    sections = [
        Node(
            "Services",
            "Consultant shall provide to the Company the consulting services described in "
            "Exhibit A (the “Services”). Consultant shall determine the method, details and means "
            "of performing the Services, and shall devote such time as is reasonably necessary to "
            "perform them in a timely and professional manner.",
        ),
        Node(
            "Compensation",
            None,
            [
                Node(
                    "Fees",
                    f"As full compensation for the Services, the Company shall pay Consultant at "
                    f"the rate of {money(rate)} per hour; provided, however, that the total fees "
                    f"payable under this Agreement shall not exceed {money(cap, cents=rng.random() < 0.5)} "
                    "without the prior written approval of the Company's Chief Financial Officer.",
                ),
                Node(
                    "Invoices and Payment",
                    "Consultant shall submit monthly invoices itemizing the hours worked and the "
                    f"Services performed. {cl.payment_sentence(c, phrase, 'The Company')}",
                ),
                Node("Expenses", cl.expenses(c).replace("Statement of Work", "written approval")),
            ],
        ),
        Node(
            "Term and Termination",
            f"{cl.term_sentence(c, f.term, None)} {cl.convenience_sentence(c, 30)} Upon "
            "termination, the Company shall pay Consultant for Services performed through the "
            "effective date of termination.",
            key="termination",
        ),
        Node(
            "Independent Contractor",
            "Consultant is an independent contractor and not an employee, partner or agent of the "
            "Company. Consultant shall be solely responsible for all taxes, withholdings and "
            "other statutory obligations relating to the compensation paid hereunder, and shall "
            "not be entitled to participate in any employee benefit plan of the Company.",
        ),
        Node(
            "Confidential Information",
            "Consultant shall hold in confidence and not use, except for the benefit of the "
            "Company, or disclose to any third party any confidential or proprietary information "
            "of the Company, including technical data, trade secrets, know-how, customer lists, "
            "business plans and financial information, disclosed to Consultant during the term "
            "of this Agreement. This obligation shall survive termination of this Agreement.",
            key="confidentiality",
        ),
        Node(
            "Inventions",
            "Consultant agrees that all inventions, works of authorship, developments and "
            "improvements conceived or made by Consultant in performing the Services "
            "(“Inventions”) shall be the sole property of the Company. Consultant hereby assigns "
            "to the Company all right, title and interest in and to the Inventions, and agrees to "
            "execute all documents reasonably requested by the Company to perfect such rights. "
            "Consultant acknowledges that this Section does not apply to any invention that "
            "qualifies fully under the provisions of California Labor Code Section 2870.",
        ),
        Node(
            "Conflicts of Interest",
            "Consultant represents that it is not party to any agreement that conflicts with "
            "this Agreement and shall not, during the term, provide services to any direct "
            "competitor of the Company without the Company's prior written consent.",
        ),
        Node(
            "Governing Law",
            cl.law_sentence(c, "California", style=rng.choice(["state", "internal"])),
            key="law",
        ),
        Node(
            "General",
            "This Agreement, including Exhibit A, is the entire agreement of the parties with "
            "respect to its subject matter. It may be amended only in a writing signed by both "
            "parties. Consultant may not assign or subcontract this Agreement without the "
            "Company's prior written consent. If any provision is held unenforceable, the "
            "remainder shall continue in effect. This Agreement may be signed in counterparts.",
        ),
    ]
    look = look_lawfirm(rng, numbering="decimal")
    look.justify = False
    blocks: list[Block] = [
        Title(f.title),
        us_preamble(f, c, "as_of", ref_title="Consulting Agreement"),
        Sections(sections),
        *us_signatures(f, c, roles=["COMPANY:", "CONSULTANT:"], dated=rng.random() < 0.5),
        Break(),
        Head("EXHIBIT A", align="c"),
        Head("DESCRIPTION OF SERVICES AND COMPENSATION", align="c"),
        Para("Consultant shall:", first=False),
        *lettered(SERVICES_LIST),
        Grid(
            [
                ["Item", "Terms"],
                ["Hourly rate", f"{money(rate)} per hour"],
                ["Fee cap", f"{money(cap)} (not to exceed)"],
                ["Estimated effort", f"{rng.randint(8, 24)} hours per week"],
                ["Project sponsor", person(rng)],
            ],
            [0.3, 0.7],
        ),
    ]
    return Built(f, Doc(blocks, "Consulting Agreement", co.name), look, "consulting-individual")


def consulting_short_notice(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """Independent contractor agreement terminable on five days' notice (notice_period_minimum)."""
    co = names.us_org(rng, "health")
    con = names.us_org(rng, "services", entity="limited liability company")
    co.short, con.short = "Company", "Contractor"
    eff = some_date(rng)
    fee = round_money(rng, 30000, 120000, 2500)
    days = 5 if error == "contract.notice_period_minimum" else 30
    phrase = "within fifteen (15) days after receipt of an invoice"
    f = Facts(
        kind="consulting",
        title="INDEPENDENT CONTRACTOR AGREEMENT",
        parties=[co, con],
        effective=eff,
        eff_mode="dated",
        convenience_days=days,
        law="New York",
        value=fee,
        payment_terms=phrase,
    )
    c = Ctx(rng, "Contractor", "Company", services="Services")
    accent = rng.choice(ACCENTS)
    look = look_modern(rng, co.name, accent)
    look.header_left = None
    look.footer = "{n}"
    look.footer_left = f"Independent Contractor Agreement – {con.name}"
    sections = [
        Node(
            "Engagement",
            "The Company engages Contractor, and Contractor agrees, to provide the services "
            "described in Schedule 1 (the “Services”) on the terms of this Agreement.",
        ),
        Node(
            "Fees",
            f"In consideration of the Services, the Company shall pay Contractor a fee of "
            f"{money(fee, style='code', cents=False)}, payable in three (3) equal installments upon "
            "completion of the milestones set out in Schedule 1. Contractor shall invoice each "
            f"installment upon completion of the related milestone, and the Company shall pay "
            f"each invoice {phrase}.",
        ),
        Node(
            "Term; Termination",
            f"{cl.term_sentence(c, None, None)} Either party may terminate this Agreement at any "
            f"time upon {c.p(days, possessive=True)} written notice to the other party. Upon "
            "termination the Company shall pay for Services satisfactorily performed to the date "
            "of termination.",
            key="termination",
        ),
        Node(
            "Status",
            "Contractor is an independent contractor. Contractor's personnel are not employees "
            "of the Company and are not eligible for Company benefits. Contractor is responsible "
            "for the payment of all wages, taxes and insurance of its personnel.",
        ),
        Node(
            "Confidentiality",
            "Contractor shall keep confidential all non-public information of the Company, "
            "including protected health information, and shall comply with the Business "
            "Associate Agreement attached as Schedule 2 to the extent Contractor receives "
            "protected health information.",
            key="confidentiality",
        ),
        Node(
            "Work Product",
            "All deliverables prepared by Contractor for the Company are works made for hire "
            "and are owned exclusively by the Company.",
        ),
        Node(
            "Insurance",
            "Contractor shall maintain professional liability insurance of at least $1,000,000 "
            "per claim and shall provide a certificate of insurance upon request.",
        ),
        Node("Governing Law", cl.law_sentence(c, "New York", style="state"), key="law"),
        Node(
            "Entire Agreement",
            "This Agreement, with its Schedules, is the parties' entire agreement on its subject "
            "and may be changed only in a writing signed by both parties.",
        ),
    ]
    milestones = [
        ["Milestone", "Description", "Target date", "Installment"],
    ]
    third = (fee / 3).quantize(Decimal("0.01"))
    for i, (name, offs) in enumerate(
        [("Discovery", 30), ("Design", 75), ("Implementation support", 120)], 1
    ):
        amt = third if i < 3 else fee - 2 * third
        milestones.append([str(i), name, date_us(eff + timedelta(days=offs)), money(amt)])
    blocks: list[Block] = [
        Title(f.title),
        us_preamble(f, c, "dated", ref_title="Independent Contractor Agreement", caps_lead=True),
        Sections(sections),
        *us_signatures(f, c, dated=True),
        Break(),
        Head("SCHEDULE 1 – SERVICES AND MILESTONES", align="l"),
        Para(
            "Contractor shall review the Company's claims intake workflow, recommend process "
            "improvements, and support the implementation of the agreed improvements.",
            first=False,
        ),
        Grid(milestones, [0.12, 0.43, 0.22, 0.23], align=["c", "l", "l", "r"]),
        Head("SCHEDULE 2 – BUSINESS ASSOCIATE AGREEMENT", align="l"),
        Para(
            "Contractor shall use and disclose protected health information only as permitted by "
            "this Agreement and 45 C.F.R. Part 164, implement appropriate safeguards, report any "
            "breach of unsecured protected health information without unreasonable delay and in "
            "no case later than sixty (60) calendar days after discovery, and return or destroy "
            "all protected health information at termination.",
            first=False,
        ),
    ]
    return Built(
        f, Doc(blocks, "Independent Contractor Agreement", co.name), look, "consulting-contractor"
    )


def consulting_letter(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """A consulting letter agreement; ``governing_law_present``: it has no governing-law clause."""
    co = names.us_org(rng, "finance")
    con = names.us_org(rng, "services", entity="limited liability company")
    co.short, con.short = "Company", "Consultant"
    eff = some_date(rng)
    fee = round_money(rng, 20000, 90000, 1000)
    months = rng.choice([3, 6, 9])
    phrase = "within thirty (30) days of receipt of invoice"
    f = Facts(
        kind="consulting",
        title="Consulting Services Agreement",
        parties=[co, con],
        effective=eff,
        eff_mode="as_of",
        term=(months, "months"),
        convenience_days=30,
        law=None if error == "contract.governing_law_present" else "Connecticut",
        value=fee,
        payment_terms=phrase,
        sign_dates=[None, eff + timedelta(days=rng.randint(1, 6))],
    )
    c = Ctx(rng, "Consultant", "the Company")
    addressee = con.signer
    salutation = addressee.split()[0]
    paras = [
        f"This letter agreement (this {q('Agreement')}) confirms the terms on which {con.name} "
        f"({q('Consultant')}) will provide consulting services to {co.name} (the "
        f"{q('Company')}), effective as of {date_us(eff)}.",
    ]
    items = [
        (
            "Services",
            "Consultant will assist the Company with the review of its vendor "
            "onboarding and contract management processes, including the matters described in "
            "the proposal attached as Annex A (the “Services”).",
        ),
        (
            "Term",
            f"This Agreement will remain in effect for a period of {c.p(months, 'months')} "
            f"from the date set out above, unless earlier terminated. Either party may terminate "
            f"this Agreement upon {c.p(30, possessive=True)} written notice to the other.",
        ),
        (
            "Fees",
            f"The Company will pay Consultant a fixed fee of {money(fee)} for the Services, "
            f"invoiced in equal monthly installments. The Company will pay each invoice {phrase}. "
            "Reasonable pre-approved expenses will be reimbursed at cost.",
        ),
        (
            "Confidentiality",
            "Consultant will keep confidential all non-public information "
            "relating to the Company and its clients and will use it only to perform the Services.",
        ),
        (
            "Work Product",
            "All reports and other materials prepared for the Company will belong "
            "to the Company upon payment.",
        ),
        (
            "Relationship",
            "Consultant is an independent contractor and nothing in this "
            "Agreement creates an employment, partnership or agency relationship.",
        ),
        (
            "Entire Agreement",
            "This letter, together with Annex A, is the entire agreement "
            "between us regarding the Services and may be modified only in a writing signed by "
            "both parties.",
        ),
    ]
    if f.law:
        items.append(
            ("Governing Law", f"This Agreement is governed by the laws of the State of {f.law}.")
        )
    look = look_lawfirm(rng, numbering="decimal")
    look.footer = None
    look.footer_left = None
    look.justify = False
    look.first_indent = 0
    blocks: list[Block] = [
        Para(f"<b>{co.name.upper()}</b>", align="c", first=False, space=0),
        Para(" | ".join(co.address), align="c", style="small", first=False, space=18),
        Para(date_us(eff), first=False, space=12),
        Para(
            "<br/>".join([f"{addressee}", con.signer_title, con.name, *con.address]),
            first=False,
            space=12,
        ),
        Para(f"<b>Re: {f.title}</b>", first=False),
        Para(f"Dear {salutation}:", first=False),
        *[Para(p) for p in paras],
        Sections([Node(h, t) for h, t in items]),
        Para(
            "If the foregoing accurately reflects our agreement, please sign and return a copy "
            "of this letter, whereupon it will become a binding agreement between us.",
        ),
        Para("Very truly yours,", first=False, keep_next=True),
    ]
    blocks.append(
        Sig(
            [
                SigBlock(
                    [
                        f"<b>{co.name.upper()}</b>",
                        "By: ___________________________",
                        f"Name: {co.signer}",
                        f"Title: {co.signer_title}",
                    ]
                ),
                SigBlock(
                    [
                        "<b>ACCEPTED AND AGREED:</b>",
                        f"<b>{con.name.upper()}</b>",
                        "By: ___________________________",
                        f"Name: {con.signer}",
                        f"Title: {con.signer_title}",
                        f"Date: {date_us(f.sign_dates[1])}" if f.sign_dates[1] else "Date:",
                    ]
                ),
            ]
        )
    )
    return Built(f, Doc(blocks, f.title, co.name), look, "consulting-letter")


# --- statement of work ---------------------------------------------------------------------------


def sow(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    cust = names.us_org(rng, "health")
    prov = names.us_org(rng, "services")
    cust.short, prov.short = "Customer", "Provider"
    msa_date = some_date(rng, 2017, 2021)
    eff = msa_date + timedelta(days=rng.randint(120, 900))
    end = add_months(eff, rng.choice([6, 9, 12])) - timedelta(days=1)
    n = rng.randint(2, 7)
    cap = round_money(rng, 120000, 600000, 2500)
    net = rng.choice([30, 45, 60])
    law = rng.choice(["Texas", "New York", "Illinois"])
    f = Facts(
        kind="sow",
        title=f"STATEMENT OF WORK NO. {n}",
        parties=[cust, prov],
        effective=eff,
        eff_mode="as_of",
        expiration=end,
        convenience_days=30,
        law=law,
        value=cap,
        payment_terms=f"Net {net}",
    )
    c = Ctx(rng, "Provider", "Customer", agr="SOW")
    roles = [
        ("Engagement Manager", 225),
        ("Solution Architect", 210),
        ("Business Analyst", 150),
        ("Automation Developer", 165),
        ("QA Analyst", 115),
        ("Operations Analyst (offshore)", 48),
    ]
    rate_rows = [["Role", "Hourly Rate", "Estimated Hours"]]
    for r, base in rng.sample(roles, 4):
        rate = Decimal(base + rng.choice([0, 5, 10, 15])).quantize(Decimal("0.01"))
        rate_rows.append([r, money(rate), str(rng.randrange(80, 900, 20))])
    ms_rows = [["#", "Deliverable / Milestone", "Due Date", "Payment"]]
    shares = [Decimal("0.2"), Decimal("0.3"), Decimal("0.3")]
    paid = Decimal(0)
    for i, (name, frac) in enumerate(
        [
            ("Current-state assessment report", shares[0]),
            ("Solution design document", shares[1]),
            ("Production deployment of invoice capture workflow", shares[2]),
        ],
        1,
    ):
        amt = (cap * frac).quantize(Decimal("0.01"))
        paid += amt
        due = eff + timedelta(days=int((end - eff).days * i / 4))
        ms_rows.append([str(i), name, date_us(due), money(amt)])
    ms_rows.append(["4", "Hypercare and knowledge transfer", date_us(end), money(cap - paid)])
    blocks: list[Block] = [
        Title(f.title, sub=[f"under the Master Services Agreement dated {date_us(msa_date)}"]),
        Para(
            f"This Statement of Work No. {n} (this {q('SOW')}) is entered into as of "
            f"{date_us(eff)} (the {q('SOW Effective Date')}) by and between {intro(cust)} and "
            f"{intro(prov)}, pursuant to the Master Services Agreement dated as of "
            f"{date_us(msa_date)} between Customer and Provider (the {q('Agreement')}). "
            "Capitalized terms used but not defined in this SOW have the meanings given in the "
            "Agreement."
        ),
        Sections(
            [
                Node(
                    "Term",
                    f"This SOW shall commence on the SOW Effective Date and shall remain in "
                    f"effect through {date_us(end)}, unless earlier terminated in accordance with "
                    f"the Agreement. Customer may terminate this SOW for convenience upon "
                    f"{c.p(30, possessive=True)} prior written notice to Provider.",
                    key="termination",
                ),
                Node(
                    "Scope of Services",
                    "Provider shall design, configure and deploy an automated invoice capture "
                    "and validation workflow for Customer's accounts payable department, "
                    "including the activities below.",
                    [
                        Node(
                            text="Assessment of current invoice intake channels, volumes and "
                            "exception rates across Customer's three regional processing centers;"
                        ),
                        Node(
                            text="Design of extraction, validation and routing rules for vendor "
                            "invoices, credit notes and statements;"
                        ),
                        Node(
                            text="Configuration of the capture platform, integration with "
                            "Customer's ERP system, and user acceptance testing support;"
                        ),
                        Node(
                            text="Training of Customer's super-users and preparation of standard "
                            "operating procedures; and"
                        ),
                        Node(text="Four (4) weeks of post-deployment hypercare."),
                    ],
                ),
                Node(
                    "Deliverables and Milestones",
                    "Provider shall deliver the following Deliverables, each subject to "
                    "acceptance in accordance with the Agreement:",
                ),
            ]
        ),
        Grid(ms_rows, [0.07, 0.53, 0.2, 0.2], align=["c", "l", "l", "r"]),
        Sections(
            [
                Node(
                    "Fees",
                    f"Provider shall perform the Services on a time-and-materials basis at the "
                    f"rates below. The total fees for the Services under this SOW shall not "
                    f"exceed {money(cap)} (the {q('Fee Cap')}) without a Change Order executed by "
                    "both parties. Milestone payments above are billed against the Fee Cap.",
                ),
            ],
            start=4,
        ),
        Grid(rate_rows, [0.5, 0.25, 0.25], align=["l", "r", "r"]),
        Sections(
            [
                Node(
                    "Invoicing and Payment",
                    f"Provider shall invoice Customer monthly in arrears. {cl.payment_sentence(c, f'Net {net}')} "
                    "Travel expenses are not included in the Fee Cap and will be reimbursed in "
                    "accordance with the Agreement.",
                ),
                Node(
                    "Customer Responsibilities",
                    "Customer shall provide timely access to subject-matter experts, sample "
                    "documents, test environments and ERP credentials, and shall designate a "
                    "project manager with authority to make decisions on its behalf.",
                ),
                Node(
                    "Assumptions",
                    "The estimate assumes no more than 40,000 invoices per month, no more than "
                    "three (3) ERP company codes, and English, Spanish and French documents only. "
                    "Changes to these assumptions will be handled through the change control "
                    "procedure of the Agreement.",
                ),
                Node(
                    "Governing Law",
                    f"This SOW shall be governed by the laws of the State of {law}, consistent "
                    "with the governing law provision of the Agreement.",
                    key="law",
                ),
            ],
            start=5,
        ),
        *us_signatures(
            f,
            c,
            witness="<b>IN WITNESS WHEREOF</b>, the parties have caused this SOW to be executed "
            "by their authorized representatives as of the SOW Effective Date.",
            dated=rng.random() < 0.5,
        ),
    ]
    look = look_lawfirm(rng, numbering="decimal")
    look.font = "helvetica"
    look.size, look.leading = 10, 13
    look.header_left = f"SOW No. {n} – {cust.name} / {prov.name}"
    look.header_right = "CONFIDENTIAL"
    return Built(f, Doc(blocks, f"Statement of Work No. {n}", prov.name), look, "sow")
