"""Software and supply contracts: a SaaS subscription agreement filed as an EDGAR exhibit (order
form table, [***] redactions), a cloud subscription that renews with no way out stated, an
English software licence, a three-party supply agreement (EDGAR) and a short supply agreement."""

from __future__ import annotations

import random
from datetime import date

from . import clauses as cl
from .clauses import Ctx, q
from .contract_docs import ACCENTS, Built
from .contract_facts import Facts, Names, round_money, some_date
from .contract_parts import (
    REDACTION_NEW,
    REDACTION_OLD,
    edgar_top,
    lettered,
    look_edgar,
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
from .legal_render import Block, Break, Doc, Grid, Head, Node, Para, Sections, Title
from .legal_words import date_us, money, num, period

SAAS_RESTRICTIONS = [
    "sell, resell, license, sublicense, distribute, rent or lease the Subscription Service, or "
    "include it in a service bureau or outsourcing offering;",
    "use the Subscription Service to store or transmit infringing, libelous or otherwise "
    "unlawful material, or material in violation of third-party privacy rights;",
    "use the Subscription Service to store or transmit malicious code;",
    "interfere with or disrupt the integrity or performance of the Subscription Service;",
    "attempt to gain unauthorized access to the Subscription Service or its related systems;",
    "copy, modify or create derivative works of the Subscription Service or any part of it;",
    "reverse engineer, decompile or disassemble the Subscription Service, except to the extent "
    "permitted by applicable law; or",
    "access the Subscription Service to build a competitive product or service.",
]


def _saas_core(c: Ctx, uptime: str, credits: bool) -> list[Node]:
    return [
        Node(
            "Subscription Service",
            None,
            [
                Node(
                    "Provision of the Service",
                    f"{c.a} shall make the Subscription Service available to {c.b} during the "
                    "Subscription Term pursuant to this Agreement, the Documentation and the "
                    "applicable Order Form. Access is granted for the number of Authorized Users "
                    "set forth in the Order Form.",
                ),
                Node(
                    "Authorized Users",
                    f"{c.b} shall ensure that its Authorized Users comply with this Agreement "
                    "and shall be responsible for their acts and omissions. User subscriptions "
                    "may not be shared, but may be reassigned to new Authorized Users replacing "
                    "former users who no longer require access.",
                ),
                Node(
                    "Restrictions",
                    f"{c.b} shall not, and shall not permit any third party to:",
                    [Node(text=t) for t in SAAS_RESTRICTIONS],
                ),
                Node(
                    "Support",
                    f"{c.a} shall provide standard support by e-mail and telephone from 8:00 a.m. "
                    "to 8:00 p.m. Eastern Time on Business Days, and 24x7 support for Severity 1 "
                    "issues, with the response targets set forth in the Support Policy.",
                ),
                Node(
                    "Availability",
                    f"{c.a} shall use commercially reasonable efforts to make the Subscription "
                    f"Service available {uptime} of the time in each calendar month, excluding "
                    "scheduled maintenance announced at least forty-eight (48) hours in advance "
                    "and unavailability caused by circumstances beyond its reasonable control."
                    + (
                        " If availability falls below the target, Customer shall be entitled to "
                        "the service credits set forth in the Service Level Addendum, which are "
                        "Customer's sole remedy for unavailability."
                        if credits
                        else ""
                    ),
                ),
            ],
            key="service",
        ),
        Node(
            "Customer Data",
            None,
            [
                Node(
                    "Ownership",
                    f"As between the parties, {c.b} owns all Customer Data. {c.b} grants {c.a} a "
                    "limited, non-exclusive license to host, copy, process and display Customer "
                    "Data solely as necessary to provide the Subscription Service.",
                ),
                Node(
                    "Protection",
                    f"{c.a} shall maintain administrative, physical and technical safeguards for "
                    "the protection of the security, confidentiality and integrity of Customer "
                    "Data, as described in its Security Overview, and shall not materially "
                    "diminish those safeguards during the Subscription Term.",
                ),
                Node(
                    "Export",
                    f"For thirty (30) days after expiration or termination, {c.a} shall make "
                    "Customer Data available for export in a standard format, after which it may "
                    "delete Customer Data in accordance with its data retention practices.",
                ),
            ],
            key="customer_data",
        ),
    ]


def saas_edgar(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """SaaS subscription agreement as Exhibit 10.2: order form table, auto-renewal with notice."""
    prov = names.us_org(rng, "tech", entity="corporation")
    cust = names.us_org(rng, rng.choice(["health", "finance", "logistics"]), entity="corporation")
    prov.short, cust.short = "Provider", "Customer"
    eff = some_date(rng)
    months = rng.choice([24, 36])
    annual = round_money(rng, 48000, 420000, 1200)
    total = annual * (months // 12)
    notice = rng.choice([60, 90])
    title = rng.choice(["SUBSCRIPTION SERVICES AGREEMENT", "SOFTWARE AS A SERVICE AGREEMENT"])
    f = Facts(
        kind="saas",
        title=title,
        parties=[prov, cust],
        effective=eff,
        eff_mode="as_of",
        term=(months, "months"),
        auto_renewal=True,
        renewal=(12, "months"),
        nonrenewal_days=notice,
        law="Delaware",
        value=total,
        payment_terms="Net 30",
    )
    c = Ctx(rng, "Provider", "Customer", cap_party=False)
    users = rng.choice([150, 250, 400, 750, 1200])
    order = [
        ["Order Form", ""],
        ["Provider", prov.name],
        ["Customer", cust.name],
        ["Order Effective Date", date_us(eff)],
        [
            "Subscription Service",
            f"{prov.name.split()[0]} DocFlow Enterprise – intelligent document "
            "processing platform, production and one (1) sandbox tenant",
        ],
        ["Authorized Users", f"{users:,}"],
        ["Subscription Term", f"{period(months, 'months')} from the Order Effective Date"],
        [
            "Subscription Fees",
            f"{money(total)} for the Subscription Term, invoiced annually in "
            f"advance in installments of {money(annual)}",
        ],
        ["Overage Fees", "$[***] per 1,000 pages processed above the annual page allowance"],
        ["Implementation Fee", "$[***], invoiced upon the Order Effective Date"],
        ["Payment Terms", "Net 30"],
        ["Renewal", f"Automatic renewal for successive {num(12)} month terms; see {{ref:renewal}}"],
    ]
    defs = {
        "Authorized User": "an employee or contractor of Customer who is authorized by Customer "
        "to use the Subscription Service and has been supplied a user identifier",
        "Customer Data": "all electronic data or information submitted by or for Customer to the "
        "Subscription Service, including documents, images and extracted values",
        "Documentation": "Provider's online user guides and technical documentation for the "
        "Subscription Service, as updated from time to time",
        "Order Form": "an ordering document specifying the Subscription Service to be provided "
        "hereunder that is entered into between the parties, including any addenda thereto",
        "Subscription Service": "the online, web-based document processing service identified in "
        "an Order Form, including associated offline components, but excluding Third-Party "
        "Applications",
        "Subscription Term": "the term of the subscription set forth in the applicable Order "
        "Form, including any renewal",
        "Third-Party Applications": "online or offline software products that interoperate with "
        "the Subscription Service and are provided by a party other than Provider",
    }
    sections = [
        Node(
            "Definitions",
            "Capitalized terms have the meanings set forth below or in the Order Form.",
            after=[f"{q(k)} means {v}." for k, v in sorted(defs.items())],
        ),
        *_saas_core(c, "99.9%", credits=True),
        Node(
            "Fees and Payment",
            None,
            [
                Node(
                    "Fees",
                    "Customer shall pay all fees specified in the Order Form. Except as "
                    "otherwise specified herein or in an Order Form, fees are based on "
                    "subscriptions purchased and not actual usage, payment obligations are "
                    "non-cancelable, and fees paid are non-refundable.",
                ),
                Node(
                    "Invoicing and Payment",
                    "Fees will be invoiced annually in advance. "
                    + cl.payment_sentence(c, "Net 30"),
                ),
                Node("Overdue Charges", cl.late_payment(c)),
                Node(
                    "Suspension",
                    "If any undisputed amount owed by Customer is thirty (30) or "
                    "more days overdue, Provider may, upon ten (10) days' prior written notice, "
                    "suspend the Subscription Service until such amounts are paid in full.",
                ),
                Node("Taxes", cl.taxes(c)),
                Node(
                    "Renewal Pricing",
                    "The per-unit pricing during any renewal term shall not "
                    "increase by more than [***] percent over the pricing in effect during the "
                    "immediately preceding term.",
                ),
            ],
        ),
        Node(
            "Proprietary Rights",
            None,
            [
                Node(
                    "Reservation of Rights",
                    "Subject to the limited rights expressly granted "
                    "hereunder, Provider reserves all right, title and interest in and to the "
                    "Subscription Service, including all related Intellectual Property Rights.",
                ),
                Node(
                    "Feedback",
                    "Customer grants Provider a worldwide, perpetual, irrevocable, "
                    "royalty-free license to use and incorporate into the Subscription Service "
                    "any suggestion or feedback provided by Customer or its Authorized Users.",
                ),
                Node(
                    "Aggregated Data",
                    "Provider may collect and use aggregated and "
                    "de-identified data derived from the operation of the Subscription Service, "
                    "provided such data does not identify Customer or any individual.",
                ),
            ],
            key="ip",
        ),
        Node("Confidentiality", None, cl.confidentiality(c, 3).children, key="confidentiality"),
        Node(
            "Warranties and Disclaimers",
            None,
            [
                Node(
                    "Provider Warranties",
                    "Provider warrants that (a) the Subscription Service "
                    "will perform materially in accordance with the Documentation, and (b) the "
                    "functionality of the Subscription Service will not be materially decreased "
                    "during a Subscription Term. For any breach of the foregoing, Customer's "
                    "exclusive remedy shall be as provided in {ref:termcause}.",
                ),
                Node("Disclaimer", cl.warranties(c).children[2].text),
            ],
        ),
        Node("Indemnification", None, cl.indemnification(c).children, key="indemnification"),
        Node(
            "Term and Termination",
            None,
            [
                Node("Term of Agreement", cl.term_sentence(c, f.term, None)),
                Node(
                    "Renewal", cl.renewal_sentence(c, True, f.renewal, notice) or "", key="renewal"
                ),
                Node(
                    "Termination for Cause",
                    " ".join(cl.cause_sentences(c, 30))
                    + " If Customer terminates for cause, Provider shall refund any prepaid fees "
                    "covering the remainder of the Subscription Term.",
                    key="termcause",
                ),
                Node(
                    "Effect of Termination",
                    "Upon any termination, Customer shall cease all "
                    "use of the Subscription Service, and Customer shall pay any unpaid fees "
                    "covering the remainder of the Subscription Term unless Customer terminated "
                    "for cause.",
                ),
            ],
            key="termination",
        ),
        cl.limitation(c, 12),
        Node(
            "General Provisions",
            None,
            [
                Node(
                    "Governing Law and Jurisdiction",
                    cl.law_sentence(c, "Delaware", style="short"),
                    key="law",
                ),
                cl.notices(
                    c,
                    [
                        ("Provider", prov.name, prov.address, "Legal Department"),
                        ("Customer", cust.name, cust.address, "Chief Information Officer"),
                    ],
                ),
                cl.force_majeure(c),
                cl.assignment(c),
                cl.severability(c),
                cl.entire_agreement(c),
                cl.counterparts(c),
                cl.relationship(c),
                cl.third_parties(c),
                cl.publicity(c),
            ],
        ),
    ]
    look = look_edgar(rng, legend=None, roman_articles=False)
    look.numbering = "decimal"
    look.font = "times"
    blocks: list[Block] = [
        *edgar_top("Exhibit 10.2", REDACTION_NEW),
        Title(title),
        us_preamble(f, c, "as_of", ref_title=title_case(title), address=True),
        Para("The Order Form set out below forms part of this Agreement.", first=False),
        Grid(order, [0.3, 0.7], header=True, style="boxed"),
        Sections(sections),
        *us_signatures(f, c, conformed=rng.random() < 0.6, dated=True),
        Break(),
        Head("SERVICE LEVEL ADDENDUM", align="c"),
        Grid(
            [
                ["Monthly Availability", "Service Credit (% of monthly fees)"],
                ["99.0% – 99.9%", "[***]"],
                ["98.0% – 98.99%", "[***]"],
                ["95.0% – 97.99%", "[***]"],
                ["Below 95.0%", "[***]"],
            ],
            [0.5, 0.5],
        ),
        Para(
            "Service credits shall be applied against the next invoice. To receive a credit, "
            "Customer must request it in writing within thirty (30) days after the end of the "
            "month in which the unavailability occurred. Total credits in any month shall not "
            "exceed [***] of the monthly fees."
        ),
    ]
    return Built(f, Doc(blocks, title_case(title), prov.name), look, "saas-edgar")


def saas_no_notice(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """Cloud subscription that renews automatically and states no notice period anywhere
    (``contract.auto_renewal_notice``)."""
    prov = names.us_org(rng, "tech")
    cust = names.us_org(rng, rng.choice(["services", "industry"]))
    prov.short = prov.name.split()[0]
    cust.short = "Subscriber"
    eff = some_date(rng)
    annual = round_money(rng, 12000, 90000, 600)
    no_notice = error == "contract.auto_renewal_notice"
    f = Facts(
        kind="saas",
        title="CLOUD SERVICES SUBSCRIPTION AGREEMENT",
        parties=[prov, cust],
        effective=eff,
        eff_mode="as_of",
        term=(12, "months"),
        auto_renewal=True,
        renewal=(12, "months"),
        nonrenewal_days=None if no_notice else 30,
        law="Washington",
        value=annual,
        payment_terms="annually in advance",
    )
    c = Ctx(rng, prov.short, "Subscriber", cap_party=True)
    term_text = " ".join(
        [
            cl.term_sentence(c, f.term, None),
            cl.renewal_sentence(c, True, f.renewal, f.nonrenewal_days) or "",
        ]
    )
    sections = [
        *_saas_core(c, "99.5%", credits=False),
        Node(
            "Fees",
            f"Subscriber shall pay {prov.short} an annual subscription fee of {money(annual)} for "
            f"the Subscription Service (the {q('Subscription Fee')}). Subscription Fees shall be "
            f"invoiced and paid annually in advance. Fees for any renewal term shall be "
            f"{prov.short}'s list price then in effect. All fees are exclusive of taxes.",
            key="fees",
        ),
        Node("Term and Renewal", term_text, key="term"),
        Node(
            "Termination",
            "Either Party may terminate this Agreement by written notice if the other Party "
            "materially breaches this Agreement and does not cure the breach within a "
            "reasonable time after receiving written notice of it, or if the other Party becomes "
            "the subject of a petition in bankruptcy or any proceeding relating to insolvency. "
            "Upon termination Subscriber's right to access the Subscription Service ends, and "
            "Subscriber shall pay all fees accrued through the end of the then-current term.",
            key="termination",
        ),
        Node("Confidentiality", None, cl.confidentiality(c, 3).children, key="confidentiality"),
        Node("Warranty Disclaimer", cl.warranties(c).children[2].text),
        cl.limitation(c, 12),
        Node("Governing Law", cl.law_sentence(c, "Washington", style="state"), key="law"),
        Node(
            "General",
            "This Agreement is the entire agreement between the Parties regarding "
            "its subject matter. Neither Party may assign this Agreement without the other "
            "Party's consent, except to a successor to all or substantially all of its business. "
            "Any waiver must be in writing. If any provision is unenforceable, the remainder "
            "remains in effect. This Agreement may be signed electronically and in counterparts.",
        ),
    ]
    accent = rng.choice(ACCENTS)
    look = look_modern(rng, prov.name, accent)
    look.font = "times"
    look.size, look.leading = 10.5, 13
    blocks: list[Block] = [
        Title(f.title),
        us_preamble(f, c, "as_of", ref_title="Cloud Services Subscription Agreement"),
        Sections(sections),
        *us_signatures(f, c, dated=True, date_style="slash"),
    ]
    return Built(
        f, Doc(blocks, "Cloud Services Subscription Agreement", prov.name), look, "saas-cloud"
    )


# --- English software licence -------------------------------------------------------------


def licence_uk(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    lic = names.uk_org(rng, "Licensor")
    lee = names.uk_org(rng, "Licensee")
    eff = some_date(rng)
    fee = round_money(rng, 18000, 160000, 500)
    years = rng.choice([3, 5])
    notice = rng.choice([90, 180])
    f = Facts(
        kind="licence",
        title="SOFTWARE LICENCE AGREEMENT",
        parties=[lic, lee],
        effective=eff,
        eff_mode="uk_dated",
        term=(years, "years"),
        auto_renewal=True,
        renewal=(1, "years"),
        nonrenewal_days=notice,
        law="England and Wales",
        value=fee,
        currency="GBP",
        payment_terms="within 30 days of the date of the invoice",
    )
    c = Ctx(rng, "the Licensor", "the Licensee", uk=True, numbers="digits")
    defs = [
        f"{q('Commencement Date')}: the date of this agreement;",
        f"{q('Documentation')}: the operating manuals, user instructions, technical literature "
        "and all other related materials supplied to the Licensee by the Licensor for aiding the "
        "use and application of the Software;",
        f"{q('Licence Fee')}: the fee payable by the Licensee under clause 4;",
        f"{q('Permitted Purpose')}: use for the processing of the Licensee's own business "
        "documents and those of its group companies;",
        f"{q('Site')}: the Licensee's premises at " + ", ".join(lee.address) + ";",
        f"{q('Software')}: the computer programs listed in Schedule 1, in object code form, "
        "including any updates supplied under the Support Services;",
        f"{q('Support Services')}: the maintenance and support services described in Schedule 2;",
        f"{q('Users')}: the employees of the Licensee who are authorised to use the Software, "
        "up to the maximum number set out in Schedule 1.",
    ]
    renewal = (
        f"This agreement shall commence on the Commencement Date and shall continue for a period "
        f"of {years} years (the {q('Initial Term')}) and shall automatically extend for 12 months "
        f"(an {q('Extended Term')}) at the end of the Initial Term and at the end of each Extended "
        f"Term, unless either party gives written notice to the other party, not later than "
        f"{notice} days before the end of the Initial Term or the relevant Extended Term, to "
        "terminate this agreement at the end of the Initial Term or the relevant Extended Term, as "
        "the case may be."
    )
    f.renewal = (12, "months")
    kids = [
        Node(
            "Interpretation",
            None,
            [
                Node(
                    text="The definitions and rules of interpretation in this clause apply in this "
                    "agreement.",
                    after=defs,
                ),
                Node(
                    text="Clause, Schedule and paragraph headings shall not affect the "
                    "interpretation of this agreement."
                ),
                Node(text="A reference to writing or written includes email."),
            ],
        ),
        Node(
            "Licence",
            None,
            [
                Node(
                    text="In consideration of the Licence Fee, the Licensor grants to the Licensee a "
                    "non-exclusive, non-transferable licence for the duration of this agreement to "
                    "use the Software and the Documentation at the Site for the Permitted Purpose."
                ),
                Node(
                    text="The Licensee may make one copy of the Software for back-up purposes only, "
                    "and shall reproduce on such copy all copyright notices and other proprietary "
                    "legends."
                ),
                Node(
                    text="Except as expressly stated in this clause 2, the Licensee has no right "
                    "(and shall not permit any third party) to copy, adapt, reverse engineer, "
                    "decompile, disassemble, modify or adapt the Software in whole or in part, "
                    "except as permitted by the Copyright, Designs and Patents Act 1988."
                ),
                Node(
                    text="The Licensee shall not use the Software to provide a bureau service to "
                    "third parties, and shall ensure that the number of Users does not exceed the "
                    "maximum set out in Schedule 1."
                ),
            ],
        ),
        Node(
            "Delivery and installation",
            "The Licensor shall deliver the Software to the "
            "Licensee within 10 Business Days after the Commencement Date and shall provide "
            "reasonable installation assistance, remotely, for up to 5 days at no additional "
            "charge.",
        ),
        Node(
            "Licence Fee and payment",
            None,
            [
                Node(
                    text=f"The Licensee shall pay the Licensor a licence fee of "
                    f"{money(fee, 'GBP')} (exclusive of VAT) for each year of the Initial Term "
                    "(the Licence Fee), invoiced annually in advance."
                ),
                Node(
                    text=f"The Licensee shall pay each invoice submitted by the Licensor "
                    f"{f.payment_terms}, in full and in cleared funds to the bank account nominated "
                    "in writing by the Licensor."
                ),
                Node(text=cl.late_payment(c)),
                Node(text=cl.taxes(c)),
            ],
        ),
        Node(
            "Support Services",
            "The Licensor shall provide the Support Services for so long "
            "as the Licensee has paid the Licence Fee, in accordance with Schedule 2.",
        ),
        Node(
            "Warranty",
            None,
            [
                Node(
                    text="The Licensor warrants that the Software will, when properly used, perform "
                    "substantially in accordance with the Documentation for a period of 90 days "
                    "from delivery."
                ),
                Node(
                    text="The Licensee accepts that the Software cannot be tested in every possible "
                    "permutation and that it may not be free of errors or run without interruption."
                ),
                Node(text=cl.warranties(c).children[2].text),
            ],
        ),
        Node(
            "Intellectual property rights",
            "The Licensee acknowledges that all intellectual "
            "property rights in the Software and the Documentation belong and shall belong to "
            "the Licensor or its licensors, and that the Licensee shall have no rights in or to "
            "the Software other than the right to use it in accordance with this agreement.",
        ),
        Node(
            "Confidentiality",
            "Each party undertakes that it shall not at any time disclose to "
            "any person any confidential information concerning the business, affairs, "
            "customers, clients or suppliers of the other party, except to its employees, "
            "officers and advisers who need to know such information for the purposes of "
            "exercising its rights or carrying out its obligations under this agreement, or as "
            "required by law.",
            key="confidentiality",
        ),
        cl.limitation(c, 12),
        Node(
            "Data protection",
            "Each party shall comply with all applicable requirements of "
            "the UK GDPR and the Data Protection Act 2018. To the extent the Licensor processes "
            "personal data on behalf of the Licensee in providing the Support Services, it shall "
            "do so only on the Licensee's documented instructions and in accordance with the "
            "data processing terms set out in Schedule 2.",
        ),
        Node(
            "Term and termination",
            None,
            [
                Node(text=renewal),
                Node(text=cl.cause_sentences(c, 30)[0]),
                Node(text=cl.cause_sentences(c, 30)[1]),
                Node(
                    text="On termination for any reason, all rights granted to the Licensee under "
                    "this agreement shall cease, and the Licensee shall destroy or return all copies "
                    "of the Software and Documentation in its possession."
                ),
            ],
            key="termination",
        ),
        cl.force_majeure(c),
        Node(
            "General",
            None,
            [
                Node(text=cl.assignment(c).text),
                Node(
                    text="No variation of this agreement shall be effective unless it is in writing "
                    "and signed by the parties (or their authorised representatives)."
                ),
                Node(text=cl.severability(c).text),
                Node(text=cl.entire_agreement(c).text),
                Node(text=cl.third_parties(c).text),
                Node(
                    text="Any notice shall be in writing and delivered by hand or by pre-paid "
                    "first-class post or other next working day delivery service at the party's "
                    "registered office, or sent by email to the address specified by the party."
                ),
                Node(text=cl.counterparts(c).text),
            ],
        ),
        Node(
            "Governing law",
            "This agreement and any dispute or claim (including "
            "non-contractual disputes or claims) arising out of or in connection with it or its "
            "subject matter or formation shall be governed by and construed in accordance with "
            "the law of England and Wales.",
            key="law",
        ),
        Node(
            "Jurisdiction",
            "Each party irrevocably agrees that the courts of England and Wales "
            "shall have exclusive jurisdiction to settle any dispute or claim (including "
            "non-contractual disputes or claims) arising out of or in connection with this "
            "agreement or its subject matter or formation.",
        ),
    ]
    users = rng.choice([50, 100, 250, 500])
    look = look_uk(rng)
    blocks: list[Block] = [
        Para("Execution version", align="r", style="small", first=False),
        Title(f.title),
        *uk_parties(f, c, eff),
        *recitals(
            c,
            [
                "the Licensor is the owner of the Software and has the right to license it",
                "the Licensee wishes to use the Software in its business for the processing of "
                "supplier invoices and customer correspondence",
                "the Licensor has agreed to grant the Licensee a licence on the terms of this "
                "agreement",
            ],
            "background",
        ),
        Sections(kids),
        Gap_(),
        *uk_signatures(f, c),
        Break(),
        Head("Schedule 1 – The Software", align="l"),
        Grid(
            [
                ["Module", "Version", "Licence metric"],
                [
                    "DocFlow Capture Server",
                    f"{rng.randint(5, 9)}.{rng.randint(0, 9)}",
                    "Per server",
                ],
                [
                    "DocFlow Classification Engine",
                    f"{rng.randint(3, 6)}.{rng.randint(0, 9)}",
                    "Per server",
                ],
                [
                    "DocFlow Verify (desktop)",
                    f"{rng.randint(5, 9)}.{rng.randint(0, 9)}",
                    f"Up to {users} Users",
                ],
                [
                    "Connector for SAP S/4HANA",
                    f"{rng.randint(1, 3)}.{rng.randint(0, 9)}",
                    "Per system",
                ],
            ],
            [0.5, 0.2, 0.3],
        ),
        Head("Schedule 2 – Support Services", align="l"),
        *lettered(
            [
                "Helpdesk: available 9.00 am to 5.30 pm on Business Days by telephone and email;",
                "Priority 1 faults (Software unusable): response within 2 hours, workaround within "
                "1 Business Day;",
                "Priority 2 faults (material function unavailable): response within 4 hours, "
                "workaround within 3 Business Days;",
                "Priority 3 faults: response within 1 Business Day, fix in the next scheduled "
                "release;",
                "Updates and new releases of the Software as generally made available to the "
                "Licensor's customers.",
            ]
        ),
    ]
    return Built(f, Doc(blocks, "Software Licence Agreement", lic.name), look, "licence-uk")


def Gap_() -> Block:
    from .legal_render import Gap

    return Gap(10)


# --- supply ------------------------------------------------------------------------------------

PRODUCTS = [
    ("Sterile specimen container, 120 mL", "case of 500"),
    ("Nitrile examination gloves, medium", "case of 1,000"),
    ("Polypropylene centrifuge tube, 50 mL", "case of 500"),
    ("Injection-molded reagent cartridge housing", "each"),
    ("Thermoformed clamshell tray, PETG", "case of 250"),
    ("Corrugated shipping carton, 12 x 10 x 8 in", "bundle of 25"),
    ("Tamper-evident closure, 38 mm", "case of 2,000"),
    ("Barrier foil pouch, 6 x 9 in", "case of 1,000"),
]


def supply_edgar(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """Three-party supply agreement (supplier, buyer, buyer's parent as guarantor), Exhibit 10.3,
    fixed expiry date and automatic renewal, pricing redacted."""
    sup = names.us_org(rng, "industry", entity="corporation")
    buy = names.us_org(rng, "health", entity="limited liability company")
    par = names.us_org(rng, "health", entity="corporation", state="DE")
    sup.short, buy.short, par.short = "Supplier", "Buyer", "Parent"
    eff = some_date(rng, 2018, 2022)
    exp = date(eff.year + rng.choice([3, 4, 5]), 12, 31)
    notice = rng.choice([180, 120])
    net = rng.choice([45, 60])
    law = rng.choice(["Michigan", "Ohio", "Illinois"])
    f = Facts(
        kind="supply",
        title=rng.choice(["SUPPLY AGREEMENT", "MANUFACTURING AND SUPPLY AGREEMENT"]),
        parties=[sup, buy, par],
        effective=eff,
        eff_mode="as_of",
        expiration=exp,
        auto_renewal=True,
        renewal=(1, "years"),
        nonrenewal_days=notice,
        law=law,
        payment_terms=f"Net {net}",
    )
    c = Ctx(rng, "Supplier", "Buyer", cap_party=True, others=["Parent"])
    term_text = " ".join(
        [
            cl.term_sentence(c, None, exp),
            cl.renewal_sentence(c, True, f.renewal, notice) or "",
        ]
    )
    defs = {
        "Affiliate": cl.DEFINITIONS["Affiliate"].replace("{party}", "Party"),
        "cGMP": "current good manufacturing practices as set forth in 21 C.F.R. Parts 210, 211 "
        "and 820, as amended",
        "Firm Period": "the first three (3) months of each Forecast",
        "Forecast": "a rolling twelve (12) month non-binding forecast of Buyer's requirements for "
        "each Product, other than the Firm Period",
        "Product": "each product listed in Schedule A, as amended from time to time",
        "Purchase Order": "a written purchase order issued by Buyer for Products",
        "Quality Agreement": "the quality agreement between the Parties attached as Schedule C",
        "Specifications": "the specifications for each Product set forth in Schedule B, as "
        "amended in accordance with {ref:changes}",
    }
    sections = [
        Node(
            "Definitions",
            "Capitalized terms used in this Agreement have the following meanings:",
            after=[f"{q(k)} means {v}." for k, v in sorted(defs.items())],
        ),
        Node(
            "Supply and Purchase",
            None,
            [
                Node(
                    "Supply",
                    "Supplier shall manufacture and supply to Buyer, and Buyer shall "
                    "purchase from Supplier, the Products in the quantities ordered by Buyer under "
                    "Purchase Orders in accordance with this Agreement.",
                ),
                Node(
                    "Exclusivity",
                    "During the Term, Buyer shall purchase from Supplier not less than "
                    "[***] percent of its requirements of each Product in the United States.",
                ),
                Node(
                    "Forecasts",
                    "On or before the fifth (5th) Business Day of each calendar month, "
                    "Buyer shall provide Supplier with a Forecast. The quantities in the Firm Period "
                    "of each Forecast shall be binding, and Buyer shall issue Purchase Orders for "
                    "such quantities.",
                ),
                Node(
                    "Purchase Orders",
                    "Each Purchase Order shall specify the Products, quantities, "
                    "delivery dates and delivery locations. Supplier shall accept or reject each "
                    "Purchase Order within five (5) Business Days; Purchase Orders consistent with "
                    "the Firm Period shall be deemed accepted. The terms of this Agreement shall "
                    "prevail over any conflicting terms of a Purchase Order or acknowledgment.",
                ),
                Node(
                    "Capacity",
                    "Supplier shall maintain manufacturing capacity sufficient to supply "
                    "one hundred twenty percent (120%) of the most recent Forecast.",
                ),
            ],
        ),
        Node(
            "Pricing and Payment",
            key="pricing",
            children=[
                Node(
                    "Prices",
                    "The prices for the Products are set forth in Schedule A. Prices shall "
                    "remain firm through December 31 of the first full calendar year of the Term "
                    "and thereafter may be adjusted once per calendar year by not more than [***] "
                    "percent, upon ninety (90) days' prior written notice.",
                ),
                Node(
                    "Invoices",
                    "Supplier shall invoice Buyer upon shipment of each Product. "
                    + cl.payment_sentence(c, f"Net {net}"),
                ),
                Node(
                    "Volume Rebate",
                    "If Buyer's aggregate purchases in a calendar year exceed "
                    "[***], Supplier shall pay Buyer a rebate of [***] percent of such purchases "
                    "within sixty (60) days after the end of such calendar year.",
                ),
            ],
        ),
        Node(
            "Delivery",
            None,
            [
                Node(
                    "Terms",
                    "Products shall be delivered FCA Supplier's facility (Incoterms 2020). "
                    "Title and risk of loss shall pass to Buyer upon delivery to Buyer's carrier.",
                ),
                Node(
                    "Late Delivery",
                    "If Supplier fails to deliver any Products within five (5) "
                    "Business Days after the confirmed delivery date, Supplier shall ship the late "
                    "Products by expedited freight at its own cost and shall credit Buyer [***] "
                    "percent of the price of the late Products for each week of delay.",
                ),
                Node(
                    "Packaging",
                    "Supplier shall package, label and mark each shipment in accordance "
                    "with the Specifications and applicable law, including unique device "
                    "identification requirements, and shall include a certificate of conformance.",
                ),
            ],
        ),
        Node(
            "Quality",
            None,
            [
                Node(
                    "Compliance",
                    "Supplier shall manufacture the Products in accordance with the "
                    "Specifications, cGMP, ISO 13485 and the Quality Agreement.",
                ),
                Node(
                    "Inspection",
                    "Buyer may inspect each shipment within thirty (30) days after "
                    "receipt and reject any Products that do not conform to the Specifications. "
                    "Supplier shall replace rejected Products within ten (10) Business Days at its "
                    "expense.",
                ),
                Node(
                    "Audits",
                    "Buyer may audit Supplier's facilities and quality records upon "
                    "fifteen (15) Business Days' notice, not more than once per calendar year "
                    "except for cause.",
                ),
                Node(
                    "Recalls",
                    "If either Party believes a recall of any Product may be necessary, it "
                    "shall promptly notify the other Party. Supplier shall bear the costs of any "
                    "recall to the extent caused by its breach of this Agreement.",
                ),
            ],
        ),
        Node(
            "Changes",
            key="changes",
            text="Supplier shall not change the Specifications, materials, manufacturing "
            "process or manufacturing location of any Product without Buyer's prior written "
            "approval and at least one hundred eighty (180) days' prior written notice.",
        ),
        Node(
            "Warranties",
            "Supplier warrants that each Product, at the time of delivery and for "
            "its stated shelf life, (a) conforms to the Specifications; (b) is free from defects "
            "in materials and workmanship; (c) has been manufactured in compliance with cGMP and "
            "applicable law; and (d) is free of liens and encumbrances. "
            + cl.warranties(c).children[2].text,
            key="warranties",
        ),
        Node(
            "Term and Termination",
            None,
            [
                Node("Term", term_text),
                Node("Termination for Cause", " ".join(cl.cause_sentences(c, 60))),
                Node(
                    "Last-Time Buy",
                    "Upon any expiration or termination other than for Buyer's "
                    "breach, Buyer may place a last-time buy of Products in quantities not "
                    "exceeding its requirements for the following twelve (12) months.",
                ),
                Node(
                    "Survival",
                    "{ref:pricing}, {ref:warranties}, {ref:confidentiality}, "
                    "{ref:indemnification}, {ref:limitation} and {ref:guarantee} shall survive any "
                    "expiration or termination of this Agreement.",
                ),
            ],
            key="termination",
        ),
        cl.confidentiality(c, 5),
        Node(
            "Indemnification",
            key="indemnification",
            children=[
                *cl.indemnification(c).children[:1],
                Node(
                    "Product Liability",
                    "Supplier shall defend, indemnify and hold harmless Buyer "
                    "and Parent from and against all Losses arising from any Claim that a Product "
                    "caused bodily injury or property damage as a result of a manufacturing defect.",
                ),
            ],
        ),
        cl.limitation(c, 24),
        cl.insurance(c),
        Node(
            "Parent Guarantee",
            "Parent hereby irrevocably and unconditionally guarantees to "
            "Supplier the due and punctual payment of all amounts payable by Buyer under this "
            "Agreement. This guarantee is a guarantee of payment and not of collection and "
            "shall remain in effect until all such amounts have been paid in full.",
            key="guarantee",
        ),
        Node(
            "Miscellaneous",
            None,
            [
                Node("Governing Law", cl.law_sentence(c, law, style="internal"), key="law"),
                cl.notices(
                    c,
                    [
                        ("Supplier", sup.name, sup.address, "President"),
                        ("Buyer", buy.name, buy.address, "Vice President, Supply Chain"),
                        ("Parent", par.name, par.address, "General Counsel"),
                    ],
                ),
                cl.force_majeure(c),
                cl.assignment(c),
                cl.severability(c),
                cl.amendment(c),
                cl.entire_agreement(c),
                cl.counterparts(c),
                cl.relationship(c),
            ],
        ),
    ]
    look = look_edgar(rng, legend=f"CONFIDENTIAL TREATMENT REQUESTED BY {par.name.upper()}")
    look.numbering = "decimal"
    look.first_indent = 0
    look.footer = "{n}"
    look.footer_right = "[***] Confidential treatment requested"
    products = rng.sample(PRODUCTS, 5)
    prod_rows = [["Item No.", "Product", "Unit", "Price per Unit", "Minimum Order"]]
    for i, (name, unit) in enumerate(products, 1):
        prod_rows.append(
            [
                f"{rng.choice('ABCDEFGH')}{rng.randint(1000, 9999)}-{i:02d}",
                name,
                unit,
                "$[***]",
                f"{rng.choice([10, 20, 40, 100])} {'units' if unit == 'each' else unit.split()[0] + 's'}",
            ]
        )
    blocks: list[Block] = [
        *edgar_top("Exhibit 10.3", REDACTION_OLD),
        Title(f.title),
        us_preamble(f, c, "as_of", ref_title=title_case(f.title), address=False),
        *recitals(
            c,
            [
                "Supplier is engaged in the manufacture of medical and laboratory consumables",
                "Buyer, a wholly owned subsidiary of Parent, desires to purchase from Supplier, and "
                "Supplier desires to manufacture and sell to Buyer, the Products",
                "Parent is willing to guarantee the payment obligations of Buyer hereunder",
            ],
            "whereas",
        ),
        Sections(sections),
        Para("[<i>Signature page follows</i>]", align="c"),
        Break(),
        *us_signatures(f, c, conformed=True, cols=2),
        Break(),
        Head("SCHEDULE A", align="c"),
        Head("PRODUCTS AND PRICING", align="c"),
        Grid(prod_rows, [0.14, 0.38, 0.16, 0.16, 0.16]),
        Para(
            "Prices are stated in U.S. Dollars, FCA Supplier's facility, and exclude applicable "
            "taxes. Tooling charges: $[***], payable upon first article approval."
        ),
        Head("SCHEDULE B", align="c"),
        Head("SPECIFICATIONS", align="c"),
        Para(
            "The Specifications for each Product are set forth in the Product specification "
            "documents identified below, as revised from time to time in accordance with "
            "{ref:changes} of the Agreement:"
        ),
        Grid(
            [["Item No.", "Specification No.", "Revision"]]
            + [
                [r[0], f"SPEC-{rng.randint(10000, 99999)}", rng.choice(["C", "D", "F", "G"])]
                for r in prod_rows[1:]
            ],
            [0.3, 0.4, 0.3],
        ),
        Head("SCHEDULE C", align="c"),
        Head("QUALITY AGREEMENT (SUMMARY)", align="c"),
        *lettered(
            [
                "Supplier shall maintain a quality management system certified to ISO 13485:2016;",
                "Supplier shall notify Buyer within two (2) Business Days of any nonconformance "
                "that may affect Products already shipped;",
                "Supplier shall retain batch records for the longer of the shelf life plus two (2) "
                "years and seven (7) years;",
                "Supplier shall not use subcontractors for critical processes without Buyer's "
                "written approval;",
                "complaint investigations shall be completed within thirty (30) days.",
            ]
        ),
    ]
    return Built(f, Doc(blocks, title_case(f.title), sup.name), look, "supply-edgar")


def supply_short(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """A four-page product supply agreement with a contract price (for a scanned PDF)."""
    sup = names.us_org(rng, "industry")
    buy = names.us_org(rng, "logistics")
    sup.short, buy.short = "Seller", "Buyer"
    eff = some_date(rng)
    price = round_money(rng, 60000, 400000, 500)
    conv = rng.choice([60, 90])
    f = Facts(
        kind="supply",
        title="PRODUCT SUPPLY AGREEMENT",
        parties=[sup, buy],
        effective=eff,
        eff_mode="dated",
        term=(24, "months"),
        convenience_days=conv,
        law="Georgia",
        value=price,
        payment_terms="Net 30",
    )
    c = Ctx(rng, "Seller", "Buyer")
    products = rng.sample(PRODUCTS, 4)
    rows = [["Product", "Unit", "Annual Quantity"]]
    for name, unit in products:
        rows.append([name, unit, f"{rng.randrange(200, 5000, 50):,}"])
    sections = [
        Node(
            "Products",
            "Seller shall sell and deliver to Buyer, and Buyer shall purchase from "
            "Seller, the products listed in Schedule A (the “Products”) in accordance with "
            "Buyer's purchase orders.",
        ),
        Node(
            "Contract Price",
            f"Buyer shall purchase the Products for a total purchase price of "
            f"{money(price)} (the {q('Contract Price')}) over the term of this Agreement, "
            "allocated among the Products as set out in Schedule A. Prices include packaging "
            "and delivery to Buyer's distribution centers.",
        ),
        Node(
            "Payment",
            "Seller shall invoice each shipment upon delivery. " + cl.payment_sentence(c, "Net 30"),
        ),
        Node(
            "Delivery",
            "Seller shall deliver the Products DAP Buyer's facility (Incoterms "
            "2020) within ten (10) business days after receipt of each purchase order. Title "
            "and risk of loss pass to Buyer on delivery.",
        ),
        Node(
            "Warranty",
            "Seller warrants that the Products will conform to their "
            "specifications and be free from defects in material and workmanship for twelve "
            "(12) months after delivery. Seller shall repair, replace or credit non-conforming "
            "Products.",
        ),
        Node(
            "Term and Termination",
            f"{cl.term_sentence(c, f.term, None)} "
            f"{cl.convenience_sentence(c, conv)} {cl.cause_sentences(c, 30)[0]}",
            key="termination",
        ),
        Node(
            "Limitation of Liability",
            "Neither party shall be liable for indirect, incidental "
            "or consequential damages. Seller's total liability shall not exceed the amounts "
            "paid by Buyer in the twelve (12) months preceding the claim.",
        ),
        Node("Governing Law", cl.law_sentence(c, "Georgia", style="state"), key="law"),
        Node(
            "Miscellaneous",
            "This Agreement is the entire agreement between the parties on "
            "its subject matter, may be amended only in writing, and may not be assigned "
            "without consent. Notices shall be sent to the addresses above.",
        ),
    ]
    look = look_lawfirm(rng, numbering="decimal")
    look.size, look.leading = 11, 13.5
    blocks: list[Block] = [
        Title(f.title),
        us_preamble(
            f, c, "dated", ref_title="Product Supply Agreement", address=True, caps_lead=True
        ),
        Sections(sections),
        *us_signatures(f, c, dated=True),
        Head("SCHEDULE A – PRODUCTS", align="l"),
        Grid(rows, [0.6, 0.2, 0.2]),
    ]
    return Built(f, Doc(blocks, "Product Supply Agreement", sup.name), look, "supply-short")
