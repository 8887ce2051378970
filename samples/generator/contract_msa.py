"""The long one: an EDGAR-filed master services agreement (40+ pages) with a table of contents,
articles and sections, a definitions article, boilerplate, a signature page and exhibits (service
levels, pricing with [***] redactions, a form of statement of work, security requirements, a data
processing addendum, responsibility matrices, change control, exit assistance, subcontractors)."""

from __future__ import annotations

import random

from . import clauses as cl
from .clauses import Ctx
from .contract_docs import Built
from .contract_facts import Facts, Names, person, some_date
from .contract_parts import (
    REDACTION_NEW,
    edgar_top,
    lettered,
    look_edgar,
    recitals,
    us_preamble,
    us_signatures,
)
from .legal_render import Block, Break, Contents, Doc, Grid, Head, Node, Para, Sections, Title
from .legal_words import date_us

TOWERS: dict[str, list[str]] = {
    "Claims Processing": [
        "Receive paper and electronic claims from all intake channels",
        "Scan, index and classify incoming claim documents",
        "Key and validate claim data against eligibility and benefit files",
        "Adjudicate claims pended for manual review in accordance with desk procedures",
        "Maintain and update claims adjudication desk procedures",
        "Approve changes to benefit configuration and pricing rules",
        "Process provider correspondence and claim reconsideration requests",
        "Perform pre-payment quality audits on a statistically valid sample",
        "Prepare and issue explanation of benefits and remittance advice files",
        "Report daily inventory, aging and turnaround time metrics",
        "Define claims processing policies and medical policy",
        "Resolve escalated provider disputes",
    ],
    "Document Management": [
        "Operate mailroom, scanning and imaging services",
        "Maintain document retention schedules",
        "Approve document retention schedules and legal holds",
        "Perform quality control of scanned images",
        "Index documents in the enterprise content management system",
        "Retrieve and deliver archived documents upon request",
        "Securely destroy paper originals after the retention period",
        "Administer user access to the content management system",
        "Maintain chain-of-custody records for physical media",
    ],
    "Accounts Payable": [
        "Receive and register vendor invoices",
        "Match invoices to purchase orders and receiving records",
        "Resolve price and quantity exceptions with requisitioners",
        "Approve invoices above delegated authority limits",
        "Prepare payment proposals and payment runs",
        "Release payments from Customer's bank accounts",
        "Maintain the vendor master file",
        "Approve additions and changes to the vendor master file",
        "Respond to vendor inquiries through the supplier help desk",
        "Perform month-end accruals and reconciliations",
        "Prepare Form 1099 information returns",
    ],
    "Service Desk": [
        "Provide a single point of contact for incidents and service requests",
        "Log, categorize and prioritize all contacts in the ticketing system",
        "Resolve Level 1 incidents at first contact where possible",
        "Escalate incidents to Level 2 and third-party resolver groups",
        "Define business priorities and escalation contacts",
        "Maintain the knowledge base and self-help content",
        "Conduct customer satisfaction surveys",
        "Report on service desk performance against Service Levels",
    ],
    "Application Maintenance": [
        "Monitor batch schedules and interfaces",
        "Correct defects in supported applications",
        "Perform minor enhancements of less than forty (40) hours of effort",
        "Approve releases for deployment to production",
        "Maintain technical documentation and run books",
        "Perform root cause analysis for Severity 1 and Severity 2 incidents",
        "Apply vendor patches and upgrades",
        "Provide business requirements for enhancements",
        "Conduct user acceptance testing",
    ],
    "Infrastructure Operations": [
        "Monitor servers, storage and network devices",
        "Perform backups and test restorations",
        "Manage capacity and performance",
        "Apply operating system and firmware patches",
        "Maintain the configuration management database",
        "Approve infrastructure architecture standards",
        "Execute disaster recovery tests",
        "Procure third-party hardware and software licenses",
    ],
}
MATRIX = ["P", "C", "P/A", "A", "P/C", "S"]

SLAS = [
    ("Claims turnaround time (clean claims)", "98% within 10 Business Days", "Monthly"),
    ("Claims financial accuracy", "99.5% of dollars paid", "Monthly"),
    ("Claims procedural accuracy", "97%", "Monthly"),
    ("Document indexing accuracy", "99.0%", "Monthly"),
    ("Imaging turnaround", "100% within 1 Business Day of receipt", "Daily"),
    ("Invoice processing cycle time", "95% within 3 Business Days", "Monthly"),
    ("Duplicate payment rate", "Less than 0.01% of payments", "Quarterly"),
    ("Service desk speed to answer", "80% within 30 seconds", "Monthly"),
    ("Service desk abandonment rate", "Less than 5%", "Monthly"),
    ("First contact resolution", "75%", "Monthly"),
    ("Severity 1 incident resolution", "4 hours", "Per incident"),
    ("Severity 2 incident resolution", "8 hours", "Per incident"),
    ("System availability (production)", "99.9%", "Monthly"),
    ("Backup success rate", "99%", "Monthly"),
    ("Customer satisfaction score", "4.0 out of 5.0", "Quarterly"),
]

ROLES = [
    "Engagement Executive",
    "Delivery Manager",
    "Service Delivery Lead",
    "Claims Examiner",
    "Senior Claims Examiner",
    "Quality Analyst",
    "Document Specialist",
    "Accounts Payable Specialist",
    "Business Analyst",
    "Application Developer",
    "Systems Administrator",
    "Service Desk Analyst",
    "Project Manager",
    "Data Analyst",
]


def msa_long(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    cust = names.us_org(rng, rng.choice(["health", "finance"]), entity="corporation")
    prov = names.us_org(rng, "services")
    cust.short, prov.short = "Customer", "Provider"
    eff = some_date(rng, 2018, 2023)
    months = rng.choice([36, 48, 60])
    nonrenew, conv = rng.choice([(90, 120), (90, 180), (120, 180)])
    phrase = rng.choice(
        [
            "within forty-five (45) days after receipt of a correct invoice",
            "within sixty (60) days after receipt of a correct and undisputed invoice",
        ]
    )
    f = Facts(
        kind="msa",
        title="MASTER SERVICES AGREEMENT",
        parties=[cust, prov],
        effective=eff,
        eff_mode="as_of",
        term=(months, "months"),
        auto_renewal=True,
        renewal=(1, "years"),
        nonrenewal_days=nonrenew,
        convenience_days=conv,
        law="New York",
        payment_terms=phrase,
    )
    c = Ctx(rng, "Provider", "Customer", cap_party=False)
    terms = [
        "Affiliate",
        "Applicable Law",
        "Business Day",
        "Change Order",
        "Claim",
        "Confidential Information",
        "Customer Data",
        "Deliverables",
        "Documentation",
        "Fees",
        "Intellectual Property Rights",
        "Losses",
        "Personal Data",
        "Personnel",
        "Pre-Existing Materials",
        "Security Incident",
        "Service Levels",
        "Statement of Work",
        "Subcontractor",
        "Taxes",
        "Term",
        "Third-Party Materials",
        "Work Product",
    ]
    extra_defs = {
        "Critical Service Level": "a Service Level designated as critical in Exhibit A",
        "Disaster": "any event that causes an interruption of the Services at a Provider "
        "facility that is reasonably expected to exceed twenty-four (24) hours",
        "Governance Committee": "the committee established under {ref:governance}",
        "Initial Term": "has the meaning set forth in {ref:term}",
        "Key Personnel": "the Provider Personnel identified in Exhibit F",
        "Renewal Term": "has the meaning set forth in {ref:term}",
        "Service Credit": "a credit against the Fees calculated in accordance with Exhibit A",
        "Service Location": "each facility from which Provider performs the Services, as "
        "listed in the applicable Statement of Work",
        "Transition Period": "the period of up to twelve (12) months following expiration or "
        "termination during which Provider performs transition assistance",
    }
    terms += list(extra_defs)
    term_node = Node(
        "Term",
        " ".join(
            [
                cl.term_sentence(c, f.term, None),
                cl.renewal_sentence(c, True, f.renewal, nonrenew) or "",
                "The term of each Statement of Work shall be as set forth therein; provided that "
                "any Statement of Work in effect upon expiration of this Agreement shall continue "
                "to be governed by this Agreement until its completion or termination.",
            ]
        ),
        key="term",
    )
    articles = [
        Node(
            "Definitions",
            None,
            [
                cl.definitions(c, terms, extra_defs, city="New York, New York"),
                Node("Construction", cl.headings_construction(c).text),
            ],
        ),
        Node(
            "Services",
            None,
            [
                *cl.services_scope(c).children,
                Node("Personnel", cl.personnel(c).children[0].text),
                Node("Key Personnel", cl.personnel(c).children[1].text),
                Node("Background Checks", cl.personnel(c).children[2].text),
                Node("Subcontracting", cl.subcontracting(c).text, key="subcontracting"),
                Node("Acceptance", cl.acceptance(c).text),
                Node(
                    "Service Locations",
                    "Provider shall perform the Services only from the Service Locations. "
                    "Provider shall not relocate any Services, or perform any Services from a "
                    "location outside the United States, without Customer's prior written "
                    "consent, which Customer may withhold in its sole discretion with respect to "
                    "any Services involving Personal Data.",
                ),
            ],
            key="services",
        ),
        Node(
            "Transition Services",
            None,
            [
                Node(
                    "Transition Plan",
                    "Within thirty (30) days after the Effective Date, Provider shall deliver to "
                    "Customer a detailed plan for the transition of the Services from Customer "
                    "and its incumbent providers to Provider (the “Transition Plan”), including "
                    "the transition activities, milestones, acceptance criteria, dependencies, "
                    "risks and mitigation measures, and the resources to be provided by each "
                    "party. The Transition Plan shall be subject to Customer's approval, which "
                    "shall not be unreasonably withheld.",
                ),
                Node(
                    "Performance of Transition",
                    "Provider shall perform the transition in accordance with the Transition "
                    "Plan so as to minimize disruption to Customer's operations, members and "
                    "providers. Provider shall not commence the processing of live transactions "
                    "for any Service tower until Customer has confirmed in writing that the "
                    "readiness criteria for such tower have been met.",
                ),
                Node(
                    "Transition Milestones",
                    "If Provider fails to achieve a transition milestone identified as critical "
                    "in the Transition Plan by its due date, Provider shall pay Customer the "
                    "milestone credit specified in the Transition Plan, which shall not exceed "
                    "[***] in the aggregate. Milestone credits are not a penalty and represent a "
                    "reasonable estimate of the damages Customer would suffer from the delay.",
                ),
                Node(
                    "Transferred Employees",
                    "Provider may, but shall not be obliged to, offer employment to Customer "
                    "employees engaged in the functions to be transitioned. Customer shall "
                    "remain responsible for all wages, benefits and other liabilities relating "
                    "to such employees arising before the date they commence employment with "
                    "Provider.",
                ),
            ],
        ),
        Node(
            "Customer Responsibilities",
            None,
            [
                Node(
                    "Cooperation",
                    "Customer shall perform the tasks assigned to it in the responsibility "
                    "matrices in Exhibit G and in each Statement of Work, and shall make timely "
                    "decisions and provide timely approvals reasonably requested by Provider.",
                ),
                Node(
                    "Customer Systems",
                    "Customer shall provide Provider with access to the Customer systems "
                    "identified in each Statement of Work, subject to Customer's access policies. "
                    "Provider shall use such systems solely to perform the Services.",
                ),
                Node(
                    "Savings Clause",
                    "Provider's failure to perform its obligations shall be excused to the extent "
                    "caused by Customer's failure to perform its responsibilities, provided that "
                    "Provider promptly notifies Customer of such failure and uses commercially "
                    "reasonable efforts to perform notwithstanding such failure.",
                ),
            ],
        ),
        Node(
            "Service Levels",
            None,
            [
                Node("Performance Standards", cl.service_levels(c).text, key="sla"),
                Node(
                    "Measurement and Reporting",
                    "Provider shall measure its performance against each Service Level using the "
                    "tools and methodologies described in Exhibit A and shall deliver to Customer, "
                    "within ten (10) Business Days after the end of each month, a report showing "
                    "its performance against each Service Level, any failures and their root "
                    "causes, and the corrective actions taken.",
                ),
                Node(
                    "Service Credits",
                    "The total Service Credits payable in any month shall not exceed [***] "
                    "percent of the Fees invoiced for that month (the “At-Risk Amount”). Service "
                    "Credits shall be shown as a credit on the invoice for the month following "
                    "the month in which the failure occurred.",
                ),
                Node(
                    "Chronic Failure",
                    "If Provider fails to meet the same Critical Service Level in three (3) "
                    "consecutive months, or in any four (4) months during a rolling twelve (12) "
                    "month period, Customer may terminate this Agreement or the affected "
                    "Statement of Work for cause without payment of any termination charge.",
                ),
                Node(
                    "Continuous Improvement",
                    "On each anniversary of the Effective Date, the Service Levels for claims "
                    "financial accuracy and claims turnaround time shall be increased by [***] "
                    "of the difference between the then-current Service Level and one hundred "
                    "percent (100%), based on Provider's actual performance during the preceding "
                    "twelve (12) months.",
                ),
            ],
        ),
        Node(
            "Fees and Payment",
            None,
            [
                Node(
                    "Fees",
                    key="fees_main",
                    text=f"In consideration of the Services, {c.b} shall pay {c.a} the Fees set forth "
                    "in Exhibit B and in each Statement of Work. Except as expressly provided in "
                    "Exhibit B, the Fees are fixed for the Initial Term and may not be increased "
                    "during any Renewal Term by more than the lesser of [***] percent and the "
                    "percentage increase in the Consumer Price Index for All Urban Consumers for "
                    "the preceding twelve (12) months.",
                ),
                Node(
                    "Invoices",
                    "Provider shall invoice Customer monthly in arrears for the Fees for Services "
                    "performed during the preceding month. Each invoice shall reference the "
                    "applicable Statement of Work and purchase order number, itemize the Fees by "
                    "Service tower and include such supporting detail as Customer may reasonably "
                    "require.",
                ),
                Node("Payment", cl.payment_sentence(c, phrase)),
                Node("Disputed Amounts", cl.disputed_invoices(c)),
                Node("Late Payment", cl.late_payment(c)),
                Node("Taxes", cl.taxes(c)),
                Node("Expenses", cl.expenses(c)),
                Node(
                    "Most Favored Customer",
                    "Provider represents that the Fees are no less favorable than the fees "
                    "charged by Provider to any other customer for substantially similar services "
                    "in similar volumes. If Provider offers more favorable fees to another such "
                    "customer, Provider shall promptly offer the same fees to Customer.",
                ),
                Node("Records and Audit", cl.records_audit(c).text),
            ],
            key="fees",
        ),
        Node(
            "Term and Termination",
            None,
            [
                term_node,
                Node(
                    "Termination for Convenience",
                    cl.convenience_sentence(c, conv, who="Customer")
                    + " Upon any such termination Customer shall pay the termination charges, "
                    "if any, set forth in Exhibit B.",
                ),
                Node("Termination for Cause", " ".join(cl.cause_sentences(c, 30))),
                Node(
                    "Termination upon Change of Control",
                    "If Provider undergoes a change of control, Customer may terminate this "
                    "Agreement upon written notice given within one hundred eighty (180) days "
                    "after the change of control becomes effective.",
                ),
                Node("Effect of Termination", " ".join(cl.termination_effects(c, 30))),
                Node("Transition Assistance", cl.transition(c, 12).text, key="transition"),
            ],
            key="termination",
        ),
        Node("Confidentiality", None, cl.confidentiality(c, 5).children, key="confidentiality"),
        Node(
            "Data Protection and Security",
            None,
            [
                *cl.data_security(c).children,
                Node(
                    "Business Continuity",
                    "Provider shall maintain and test a business "
                    "continuity and disaster recovery plan that meets the requirements of "
                    "Exhibit D and shall implement such plan upon the occurrence of a Disaster.",
                ),
            ],
            key="data",
        ),
        Node(
            "Compliance and Audit",
            None,
            [
                Node(
                    "Regulatory Compliance",
                    "Provider shall perform the Services in compliance with all laws applicable "
                    "to Customer's business to the extent Customer notifies Provider of such "
                    "requirements in writing, including the Health Insurance Portability and "
                    "Accountability Act of 1996 and its implementing regulations, state prompt-pay "
                    "statutes and the requirements of the Centers for Medicare and Medicaid "
                    "Services applicable to first-tier, downstream and related entities.",
                ),
                Node(
                    "Operational Audits",
                    "Customer, its external auditors and any regulator having jurisdiction over "
                    "Customer may audit Provider's performance of the Services, including the "
                    "facilities, systems, records and Personnel used to perform them, upon "
                    "reasonable notice. Provider shall provide reasonable assistance in "
                    "connection with such audits at no additional charge, not more than twice "
                    "per contract year except for audits by regulators or for cause.",
                ),
                Node(
                    "Controls Reports",
                    "Provider shall deliver to Customer annually a SOC 1 Type II report and a "
                    "SOC 2 Type II report covering the Services, prepared by an independent "
                    "certified public accounting firm, and shall promptly remediate any material "
                    "control deficiency identified in such reports.",
                ),
                Node(
                    "Excluded Persons",
                    "Provider shall not assign to the Services any individual who is excluded "
                    "from participation in any federal health care program, and shall screen all "
                    "Personnel against the applicable exclusion lists before assignment and "
                    "monthly thereafter.",
                ),
            ],
        ),
        Node("Intellectual Property", None, cl.ip_services(c).children, key="ip"),
        Node(
            "Representations and Warranties", None, cl.warranties(c, 6).children, key="warranties"
        ),
        Node("Indemnification", None, cl.indemnification(c).children, key="indemnification"),
        Node(
            "Limitation of Liability",
            None,
            [
                Node("Exclusion of Damages", cl.limitation(c, 12).text),
                Node(
                    "Exceptions",
                    "The limitations in this Article shall not apply to (a) a party's obligations "
                    "under {ref:indemnification} (Indemnification); (b) damages arising from a "
                    "party's breach of {ref:confidentiality} (Confidentiality) or {ref:data} (Data "
                    "Protection and Security), which shall be subject to a separate cap of [***]; "
                    "or (c) "
                    "damages arising from a party's gross negligence, fraud or willful misconduct.",
                ),
            ],
            key="limitation",
        ),
        cl.insurance(c),
        Node(
            "Governance",
            None,
            [
                Node(
                    "Relationship Managers",
                    "Each party shall appoint a relationship manager who shall be responsible for "
                    "the overall relationship between the parties and shall have authority to "
                    "make day-to-day decisions regarding the Services.",
                ),
                Node(
                    "Governance Committee",
                    "The parties shall establish a Governance Committee consisting of three (3) "
                    "representatives of each party. The Governance Committee shall meet at least "
                    "quarterly to review performance against the Service Levels, approve the "
                    "annual service improvement plan, and resolve issues escalated to it.",
                    key="governance",
                ),
                Node(
                    "Reports",
                    "Provider shall deliver to Customer the monthly, quarterly and annual reports "
                    "described in Exhibit A and such other reports as Customer may reasonably "
                    "request.",
                ),
                Node(
                    "Change Control",
                    "All changes to the Services shall be made in accordance with the change "
                    "control procedure set forth in Exhibit G.",
                ),
            ],
        ),
        Node(
            "Dispute Resolution",
            None,
            cl.dispute_escalation(c, arbitration=False).children,
            key="disputes",
        ),
        Node(
            "General Provisions",
            None,
            [
                cl.notices(
                    c,
                    [
                        ("Customer", cust.name, cust.address, "General Counsel"),
                        ("Provider", prov.name, prov.address, "Chief Legal Officer"),
                    ],
                    copy_to=(
                        cl.LAW_FIRMS[0][0],
                        cl.LAW_FIRMS[0][1],
                        person(rng) + ", Esq.",
                    ),
                ),
                Node(
                    "Governing Law; Venue", cl.law_sentence(c, "New York", style="state"), key="law"
                ),
                Node("Waiver of Jury Trial", cl.jury_waiver(c)),
                cl.force_majeure(c),
                cl.assignment(c),
                cl.severability(c),
                cl.amendment(c),
                cl.entire_agreement(c),
                cl.counterparts(c),
                cl.relationship(c),
                cl.third_parties(c),
                cl.publicity(c),
                cl.compliance(c),
                cl.non_solicit(c),
                cl.equitable_relief(c),
                cl.survival(c, ["confidentiality", "ip", "indemnification", "limitation", "law"]),
            ],
        ),
    ]
    look = look_edgar(rng, legend=None, roman_articles=True)
    look.size, look.leading, look.space = 12, 15.5, 8
    blocks: list[Block] = [
        *edgar_top("Exhibit 10.1", REDACTION_NEW),
        Title(
            f.title,
            sub=[
                "between",
                cust.name.upper(),
                "and",
                prov.name.upper(),
                f"Dated as of {date_us(eff)}",
            ],
            size=16,
        ),
        Break(),
        Contents(),
        Title(f.title),
        us_preamble(f, c, "as_of", ref_title="Master Services Agreement", address=True),
        *recitals(
            c,
            [
                f"{c.b} is engaged in the business of providing health benefits administration "
                "and related services and desires to obtain certain business process services",
                f"{c.a} is in the business of providing claims processing, document management, "
                "finance and accounting and related information technology services, and has "
                "represented that it has the experience and resources to provide such services",
                f"{c.b} desires to engage {c.a} to provide, and {c.a} desires to provide, such "
                "services on the terms and conditions set forth in this Agreement",
            ],
            "whereas",
        ),
        Sections(articles, toc=True),
        Para("[<i>Signature Page Follows</i>]", align="c"),
        Break(),
        *us_signatures(
            f,
            c,
            conformed=True,
            witness="<b>IN WITNESS WHEREOF</b>, the parties have caused this Master "
            "Services Agreement to be executed by their duly authorized "
            "representatives as of the Effective Date.",
        ),
        Para("[<i>Signature Page to Master Services Agreement</i>]", align="c"),
        Break(),
    ]
    blocks += exhibits(c, rng, f)
    return Built(f, Doc(blocks, "Master Services Agreement", cust.name), look, "msa-edgar")


def exhibits(c: Ctx, rng: random.Random, f: Facts) -> list[Block]:
    out: list[Block] = []

    def head(label: str, name: str) -> None:
        out.append(Head(f"{label}<br/>{name}", align="c", toc=True))

    # Exhibit A: Service Levels
    head("EXHIBIT A", "SERVICE LEVEL AGREEMENT")
    out.append(
        Para(
            "This Exhibit A sets forth the Service Levels applicable to the Services, the "
            "methodology for measuring Provider's performance, and the Service Credits payable "
            "for failures. Capitalized terms not defined herein have the meanings set forth in "
            "the Agreement."
        )
    )
    rows = [["Service Level", "Target", "Measurement Window", "Service Credit"]]
    for name, target, window in SLAS:
        rows.append([name, target, window, "[***]"])
    out.append(Grid(rows, [0.38, 0.27, 0.18, 0.17]))
    sla_paras = [
        (
            "Measurement Period",
            "Unless otherwise specified, each Service Level shall be measured "
            "monthly, beginning on the first day of the first full calendar month after the "
            "commencement date of the applicable Services.",
        ),
        (
            "Exclusions",
            "A failure to meet a Service Level shall be excused to the extent caused "
            "by (a) a breach of the Agreement by Customer; (b) a Force Majeure Event, provided "
            "Provider has complied with its business continuity obligations; or (c) scheduled "
            "maintenance performed during an agreed maintenance window.",
        ),
        (
            "Earnback",
            "If Provider meets or exceeds the applicable Service Level in each of the "
            "three (3) months following a month in which a Service Credit was incurred, Provider "
            "shall be entitled to earn back [***] of such Service Credit.",
        ),
        (
            "Allocation of Pool",
            "Customer may allocate the Service Level credit pool among the "
            "Critical Service Levels upon ninety (90) days' notice, provided that no single "
            "Service Level may be allocated more than [***] of the pool.",
        ),
        (
            "Root Cause Analysis",
            "For each Service Level failure, Provider shall deliver a root "
            "cause analysis within ten (10) Business Days and implement the corrective action plan "
            "approved by Customer.",
        ),
        (
            "New Service Levels",
            "Customer may add new Service Levels, not more than twice per "
            "contract year, by providing written notice to Provider. The target for a new Service "
            "Level shall be set on the basis of at least three (3) months of measured performance.",
        ),
    ]
    out.append(Sections([Node(h, t) for h, t in sla_paras], numbering="decimal"))
    out.append(Break())

    out.append(
        Para(
            "<b>Reports.</b> Provider shall deliver the following reports:",
            first=False,
            keep_next=True,
        )
    )
    reports = [["Report", "Frequency", "Due"]]
    for name, freq in [
        ("Service Level performance report", "Monthly"),
        ("Claims inventory and aging", "Daily"),
        ("Pended claims by reason code", "Weekly"),
        ("Quality audit results", "Monthly"),
        ("Accounts payable exceptions", "Weekly"),
        ("Service desk volumes and trends", "Monthly"),
        ("Security incident log", "Monthly"),
        ("Personnel changes (Key Personnel)", "As occurs"),
        ("Business continuity test results", "Annually"),
        ("Continuous improvement plan", "Annually"),
        ("Invoice reconciliation", "Monthly"),
        ("Subcontractor performance", "Quarterly"),
    ]:
        due = {
            "Daily": "9:00 a.m. next Business Day",
            "Weekly": "Monday 12:00 p.m.",
            "Monthly": "10th Business Day",
            "Quarterly": "15th Business Day",
            "Annually": "January 31",
            "As occurs": "Within 5 Business Days",
        }[freq]
        reports.append([name, freq, due])
    out.append(Grid(reports, [0.5, 0.2, 0.3]))
    out.append(Break())

    # Exhibit A-1: Services description
    head("EXHIBIT A-1", "SERVICES DESCRIPTION")
    out.append(
        Para(
            "This Exhibit A-1 describes the Services to be provided by Provider in each "
            "Service tower. The Services include the functions, responsibilities and "
            "tasks described below, together with any functions, responsibilities and "
            "tasks that are an inherent and necessary part of them, whether or not "
            "specifically described."
        )
    )
    intro_by_tower = {
        "Claims Processing": "Provider shall process medical, dental and vision claims submitted "
        "by or on behalf of Customer's members and participating and non-participating providers.",
        "Document Management": "Provider shall receive, image, index, store and retrieve all "
        "documents relating to the Services, whether received on paper or electronically.",
        "Accounts Payable": "Provider shall perform Customer's accounts payable processing for "
        "the legal entities identified in the applicable Statement of Work.",
        "Service Desk": "Provider shall operate a service desk for Customer's employees and "
        "contractors using the Services and the supported applications.",
        "Application Maintenance": "Provider shall maintain and support the applications listed "
        "in the applicable Statement of Work.",
        "Infrastructure Operations": "Provider shall operate the infrastructure used to provide "
        "the Services, whether located at Provider or Customer facilities.",
    }
    for k, (tower, tasks) in enumerate(TOWERS.items(), 1):
        out.append(
            Para(
                f"<b>{k}. {tower}.</b> {intro_by_tower[tower]} In particular, Provider shall:",
                first=False,
            )
        )
        items = [
            t[0].lower() + t[1:] + ";"
            for t in tasks
            if not t.startswith(
                ("Approve", "Define", "Release", "Provide business", "Conduct user")
            )
        ]
        items[-1] = items[-1][:-1] + "."
        out += lettered(items)
    out.append(Break())

    # Exhibit B: Pricing
    head("EXHIBIT B", "PRICING")
    out.append(
        Para(
            "<b>1. Transaction-Based Fees.</b> Customer shall pay the following unit "
            "prices for each transaction processed by Provider:",
            first=False,
        )
    )
    units = [["Transaction", "Unit of Measure", "Unit Price", "Volume Band"]]
    for t, u in [
        ("Professional claim (electronic)", "per claim"),
        ("Professional claim (paper)", "per claim"),
        ("Institutional claim", "per claim"),
        ("Claim adjustment", "per adjustment"),
        ("Document imaged and indexed", "per page"),
        ("Vendor invoice processed", "per invoice"),
        ("Provider correspondence", "per item"),
        ("Service desk contact", "per contact"),
    ]:
        units.append([t, u, "$[***]", rng.choice(["0 – 250,000", "250,001 – 500,000", "All"])])
    out.append(Grid(units, [0.38, 0.2, 0.17, 0.25]))
    out.append(
        Para(
            "<b>2. Time-and-Materials Rates.</b> Services performed on a time-and-"
            "materials basis under a Statement of Work shall be charged at the following "
            "hourly rates:",
            first=False,
        )
    )
    rates = [["Role", "Onshore Rate", "Nearshore Rate", "Offshore Rate"]]
    for r in ROLES:
        rates.append([r, "$[***]", "$[***]", "$[***]"])
    out.append(Grid(rates, [0.4, 0.2, 0.2, 0.2]))
    pricing_paras = [
        (
            "Annual Minimum",
            "Customer's annual minimum revenue commitment shall be [***] in each "
            "contract year. If the Fees invoiced in a contract year are less than the annual "
            "minimum, Provider may invoice the shortfall within sixty (60) days after the end of "
            "the contract year.",
        ),
        (
            "Productivity Credits",
            "Provider shall provide Customer with an annual productivity "
            "credit equal to [***] of the transaction-based Fees invoiced in the preceding contract "
            "year, beginning with the second contract year.",
        ),
        (
            "Termination Charges",
            "If Customer terminates the Agreement for convenience, Customer "
            "shall pay the termination charge set forth below for the contract year in which the "
            "termination becomes effective: contract year 1: [***]; contract year 2: [***]; "
            "contract year 3: [***]; thereafter: none.",
        ),
        (
            "Cost-of-Living Adjustment",
            "The rates set forth in this Exhibit B shall be adjusted "
            "annually in accordance with {ref:fees_main} of the Agreement.",
        ),
    ]
    out.append(Sections([Node(h, t) for h, t in pricing_paras], start=3, numbering="decimal"))
    out.append(Break())

    # Exhibit C: Form of SOW
    head("EXHIBIT C", "FORM OF STATEMENT OF WORK")
    out.append(Para("<b>STATEMENT OF WORK NO. [__]</b>", align="c", first=False))
    out.append(
        Para(
            "This Statement of Work No. [__] (this “SOW”) is entered into as of [__________] by "
            f"and between {f.parties[0].name} (“Customer”) and {f.parties[1].name} "
            "(“Provider”) pursuant to the Master Services Agreement dated as of "
            f"{date_us(f.effective)} between Customer and Provider (the “Agreement”)."  # type: ignore[arg-type]
        )
    )
    form = [
        (
            "Description of Services",
            "[Describe the Services, including the scope, locations and any exclusions.]",
        ),
        ("Deliverables", "[List each Deliverable, its acceptance criteria and due date.]"),
        ("Key Personnel", "[Identify Key Personnel by name and role.]"),
        (
            "Fees",
            "[Describe the Fees: fixed fee, time-and-materials with estimate, or "
            "transaction-based.]",
        ),
        ("Customer Responsibilities", "[Describe Customer resources and dependencies.]"),
        ("Service Levels", "[Identify applicable Service Levels, if different from Exhibit A.]"),
        ("Term", "[State the commencement date and the term of the SOW.]"),
        ("Assumptions", "[List assumptions on which the Fees and schedule are based.]"),
    ]
    out.append(Sections([Node(h, t) for h, t in form], numbering="decimal"))
    out.append(
        Grid(
            [
                ["CUSTOMER", "PROVIDER"],
                ["By: ________________", "By: ________________"],
                ["Name: ______________", "Name: ______________"],
                ["Title: _______________", "Title: _______________"],
            ],
            [0.5, 0.5],
            style="plain",
        )
    )
    out.append(Break())

    # Exhibit D: Security
    head("EXHIBIT D", "INFORMATION SECURITY REQUIREMENTS")
    out.append(
        Para(
            "Provider shall comply with the following minimum information security "
            "requirements in performing the Services. These requirements supplement, and "
            "do not limit, Provider's obligations under {ref:data} of the Agreement."
        )
    )
    out.append(Sections([Node(h, t) for h, t in cl.SECURITY_CONTROLS], numbering="decimal"))
    out.append(Break())

    # Exhibit E: DPA
    head("EXHIBIT E", "DATA PROCESSING ADDENDUM")
    out.append(
        Para(
            "This Data Processing Addendum forms part of the Master Services Agreement "
            "between Customer and Provider and reflects the parties' agreement with "
            "regard to the processing of Personal Data."
        )
    )
    out.append(Sections([Node(h, t) for h, t in cl.DPA_PARAGRAPHS], numbering="decimal"))
    out.append(Para("<b>Annex 1 – Details of Processing</b>", first=False))
    out.append(
        Grid(
            [
                ["Item", "Description"],
                ["Subject matter", "Performance of the Services under the Agreement"],
                ["Duration", "The term of the Agreement and the Transition Period"],
                [
                    "Nature and purpose",
                    "Claims adjudication, document imaging and indexing, accounts "
                    "payable processing, service desk support",
                ],
                [
                    "Categories of data subjects",
                    "Members, beneficiaries, providers, employees and vendors of Customer",
                ],
                [
                    "Categories of data",
                    "Identification and contact data, member identifiers, claims and "
                    "health information, bank account details of vendors",
                ],
                ["Special categories", "Health data (protected health information)"],
            ],
            [0.3, 0.7],
        )
    )
    out.append(Break())

    # Exhibit F: Key personnel
    head("EXHIBIT F", "KEY PERSONNEL")
    kp = [["Role", "Name", "Minimum Commitment"]]
    for r in [
        "Engagement Executive",
        "Delivery Manager",
        "Claims Operations Lead",
        "Quality and Compliance Lead",
        "Information Security Officer",
        "Transition Manager",
    ]:
        kp.append([r, person(rng), rng.choice(["100%", "50%", "100% during transition"])])
    out.append(Grid(kp, [0.4, 0.3, 0.3]))

    # Exhibit G: Responsibility matrix
    head("EXHIBIT G", "RESPONSIBILITY MATRIX AND CHANGE CONTROL")
    out.append(
        Para(
            "In the tables below, “P” means the party performs the task, “A” means the "
            "party approves, “C” means the party is consulted, and “S” means the party "
            "provides support."
        )
    )
    for tower, tasks in TOWERS.items():
        out.append(Para(f"<b>{tower}</b>", first=False, keep_next=True))
        rows = [["Task", "Provider", "Customer"]]
        for t in tasks:
            p = rng.choice(["P", "P", "P", "P", "P/C"])
            cu = rng.choice(["A", "C", "I", "-"]) if p == "P" else "A"
            if t.startswith(("Approve", "Define", "Release", "Provide business", "Conduct user")):
                p, cu = "S", "P/A"
            rows.append([t, p, cu])
        out.append(Grid(rows, [0.7, 0.15, 0.15], align=["l", "c", "c"]))
    out.append(Para("<b>Change Control Procedure</b>", first=False, keep_next=True))
    out.append(Sections([Node(h, t) for h, t in cl.CHANGE_STEPS], numbering="decimal"))
    out.append(Break())

    # Exhibit H: Exit
    head("EXHIBIT H", "EXIT ASSISTANCE")
    out.append(
        Para(
            "Upon Customer's request, Provider shall provide the following exit "
            "assistance services during the Transition Period:"
        )
    )
    out += lettered(cl.EXIT_ITEMS)
    out.append(
        Para(
            "Provider shall prepare, within ninety (90) days after the Effective Date, and "
            "update annually, a written exit plan describing how it will perform the exit "
            "assistance services, including a timeline, responsibilities and the "
            "resources required."
        )
    )

    out.append(Break())
    # Exhibit I: Business associate agreement
    head("EXHIBIT I", "BUSINESS ASSOCIATE AGREEMENT")
    out.append(
        Para(
            "This Business Associate Agreement (“BAA”) is incorporated into the Master "
            "Services Agreement between Customer, as covered entity, and Provider, as "
            "business associate. Terms used but not defined in this BAA have the meanings "
            "given in 45 C.F.R. Parts 160 and 164 (the “HIPAA Rules”)."
        )
    )
    baa = [
        (
            "Permitted Uses and Disclosures",
            "Provider may use or disclose protected health "
            "information (“PHI”) only as necessary to perform the Services, as required by law, or "
            "for the proper management and administration of Provider, provided that any such "
            "disclosure is required by law or Provider obtains reasonable assurances from the "
            "recipient.",
        ),
        (
            "Minimum Necessary",
            "Provider shall limit its uses and disclosures of, and requests "
            "for, PHI to the minimum necessary to accomplish the intended purpose.",
        ),
        (
            "Safeguards",
            "Provider shall use appropriate safeguards, and comply with Subpart C of "
            "45 C.F.R. Part 164 with respect to electronic PHI, to prevent use or disclosure of PHI "
            "other than as provided for by this BAA.",
        ),
        (
            "Reporting",
            "Provider shall report to Customer any use or disclosure of PHI not "
            "provided for by this BAA, including breaches of unsecured PHI as required by 45 C.F.R. "
            "164.410, without unreasonable delay and in no case later than ten (10) days after "
            "discovery, and any security incident of which it becomes aware.",
        ),
        (
            "Subcontractors",
            "Provider shall ensure that any subcontractor that creates, receives, "
            "maintains or transmits PHI on behalf of Provider agrees in writing to the same "
            "restrictions, conditions and requirements that apply to Provider.",
        ),
        (
            "Access and Amendment",
            "Provider shall make PHI in a designated record set available "
            "to Customer as necessary to satisfy Customer's obligations under 45 C.F.R. 164.524 and "
            "164.526.",
        ),
        (
            "Accounting of Disclosures",
            "Provider shall maintain and make available the "
            "information required to provide an accounting of disclosures in accordance with 45 "
            "C.F.R. 164.528.",
        ),
        (
            "Books and Records",
            "Provider shall make its internal practices, books and records "
            "available to the Secretary of Health and Human Services for purposes of determining "
            "compliance with the HIPAA Rules.",
        ),
        (
            "Term and Termination",
            "This BAA shall remain in effect for as long as Provider "
            "maintains PHI. Customer may terminate the Agreement if Provider violates a material "
            "term of this BAA and fails to cure the violation within the period specified by "
            "Customer.",
        ),
        (
            "Return or Destruction",
            "Upon termination, Provider shall return or destroy all PHI, "
            "or, if return or destruction is infeasible, extend the protections of this BAA to such "
            "PHI and limit further uses and disclosures to those purposes that make the return or "
            "destruction infeasible.",
        ),
        (
            "Interpretation",
            "Any ambiguity in this BAA shall be resolved to permit compliance "
            "with the HIPAA Rules.",
        ),
    ]
    out.append(Sections([Node(h, t) for h, t in baa], numbering="decimal"))
    out.append(Break())

    # Schedule 1
    head("SCHEDULE 1", "APPROVED SUBCONTRACTORS")
    sub = [["Subcontractor", "Services", "Location", "Access to Personal Data"]]
    for name, svc, loc in [
        ("Harborview Imaging Services, Inc.", "Mailroom and scanning", "Columbus, OH"),
        ("Lumen Data Centers LLC", "Co-location hosting", "Dallas, TX"),
        ("Keystone Print & Mail Co.", "EOB printing and mailing", "Harrisburg, PA"),
        ("Nimbus Cloud Services", "Infrastructure as a service", "US regions only"),
        ("Bayside Translation Group", "Translation of correspondence", "Miami, FL"),
    ]:
        sub.append([name, svc, loc, rng.choice(["Yes", "No", "Yes (limited)"])])
    out.append(Grid(sub, [0.32, 0.3, 0.2, 0.18]))
    return out
