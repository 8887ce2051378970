"""A library of contract clauses in several wordings, as US and English contracts write them.

Every function takes a :class:`Ctx` (who the parties are called, US or English drafting, a seeded
``random.Random``) and returns :class:`~.legal_render.Node` sections or plain paragraph strings.
Clauses that state a fact (term, renewal, termination notice, payment, governing law) take it as
an argument; everything else is boilerplate of the kind real agreements carry.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from .legal_render import Node, Para
from .legal_words import date_uk, date_us, period

Q = "“{}”"


@dataclass
class Ctx:
    rng: random.Random
    a: str  # defined name of the first party (provider / landlord / licensor / supplier)
    b: str  # defined name of the second party (customer / tenant / licensee / buyer)
    uk: bool = False
    agr: str = "Agreement"  # defined name of the document ("Agreement", "Lease", "SOW")
    cap_party: bool = False  # "Party" / "party"
    numbers: str = "both"  # how periods are spelled: both | digits
    services: str = "Services"
    others: list[str] = field(default_factory=list)  # further parties (three-party deals)

    @property
    def party(self) -> str:
        return "Party" if self.cap_party else "party"

    @property
    def parties(self) -> str:
        return "Parties" if self.cap_party else "parties"

    @property
    def this(self) -> str:
        """ "this Agreement" / "this agreement" (English drafting writes it in lower case)."""
        return f"this {self.agr.lower() if self.uk and self.agr == 'Agreement' else self.agr}"

    @property
    def This(self) -> str:
        t = self.this
        return t[0].upper() + t[1:]

    def p(self, n: int, unit: str = "days", possessive: bool = False) -> str:
        return period(n, unit, self.numbers, possessive)

    def d(self, day: date) -> str:
        return date_uk(day) if self.uk else date_us(day)

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    @property
    def licence(self) -> str:
        return "licence" if self.uk else "license"


def q(term: str) -> str:
    return Q.format(term)


# --- definitions -----------------------------------------------------------------------------

DEFINITIONS = {
    "Affiliate": "any entity that directly or indirectly controls, is controlled by, or is under "
    "common control with a {party}, where “control” means ownership of more than fifty percent "
    "(50%) of the voting securities or other ownership interests of such entity",
    "Applicable Law": "all federal, state, local and foreign laws, statutes, ordinances, rules, "
    "regulations, codes, orders, judgments and decrees applicable to a {party} or to the subject "
    "matter of {this}",
    "Business Day": "any day other than a Saturday, Sunday or a day on which commercial banks in "
    "{city} are authorized or required by law to close",
    "Change Order": "a written document, executed by authorized representatives of both "
    "{parties}, that modifies the scope, schedule or fees of a Statement of Work",
    "Claim": "any claim, demand, suit, action or proceeding brought by a third party",
    "Confidential Information": "has the meaning set forth in {ref:confidentiality}",
    "Customer Data": "all data, information and materials, including Personal Data, submitted "
    "by or on behalf of {b} to {a} or processed by {a} in the course of performing the "
    "{services}",
    "Deliverables": "all reports, documents, software, materials and other work product that "
    "{a} delivers or is required to deliver to {b} under a Statement of Work",
    "Documentation": "the user guides, specifications, operating manuals and other technical "
    "materials relating to the {services} that {a} makes generally available to its customers",
    "Fees": "the fees and charges payable by {b} for the {services} as set forth in the "
    "applicable Statement of Work or Order",
    "Intellectual Property Rights": "all patents, copyrights, trademarks, service marks, trade "
    "secrets, database rights, moral rights, know-how and all other intellectual property and "
    "proprietary rights, whether registered or unregistered, and all applications, renewals and "
    "extensions thereof, in any jurisdiction throughout the world",
    "Losses": "all losses, liabilities, damages, judgments, settlements, fines, penalties, costs "
    "and expenses, including reasonable attorneys' fees and costs of investigation",
    "Personal Data": "any information relating to an identified or identifiable natural person "
    "that is processed by {a} on behalf of {b} in connection with {this}",
    "Personnel": "the employees, agents, independent contractors and Subcontractors of a {party} "
    "who perform any obligation of such {party} under {this}",
    "Pre-Existing Materials": "all materials, software, tools, methodologies and know-how owned "
    "or licensed by {a} prior to the Effective Date or developed independently of {this}",
    "Security Incident": "any actual or reasonably suspected unauthorized access to, or "
    "acquisition, use, disclosure, alteration or destruction of, Customer Data",
    "Service Levels": "the service levels and performance standards set forth in the Service "
    "Level Agreement attached as Exhibit A",
    "Statement of Work": "a statement of work, substantially in the form attached as Exhibit C, "
    "that describes the {services} to be performed, the Deliverables, the schedule and the Fees, "
    "and that has been executed by both {parties}",
    "Subcontractor": "any third party to whom {a} delegates the performance of any portion of "
    "the {services} in accordance with {ref:subcontracting}",
    "Taxes": "all sales, use, value added, goods and services, excise, withholding and similar "
    "taxes, duties and charges imposed by any governmental authority",
    "Term": "the Initial Term together with any Renewal Term",
    "Third-Party Materials": "any software, data or other materials owned by a third party and "
    "incorporated into or provided with the {services} or Deliverables",
    "Work Product": "all Deliverables and other work product, in whatever form, that is "
    "conceived, created or reduced to practice by {a} or its Personnel in the course of "
    "performing the {services}",
}


def fill(text: str, c: Ctx, **extra: str) -> str:
    values = {
        "a": c.a,
        "b": c.b,
        "party": c.party,
        "parties": c.parties,
        "this": c.this,
        "This": c.This,
        "services": c.services,
        "city": extra.get("city", "New York, New York"),
        **extra,
    }
    out = text
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out


def definitions(c: Ctx, terms: list[str], extra: dict[str, str] | None = None, **kw: str) -> Node:
    table = {**DEFINITIONS, **(extra or {})}
    lead = c.pick(
        f"As used in {c.this}, the following capitalized terms have the meanings set forth below. "
        "Other capitalized terms are defined elsewhere in this " + c.agr + ".",
        f"Capitalized terms used in {c.this} have the meanings given to them in this "
        f"{'clause' if c.uk else 'Section'} or elsewhere in {c.this}.",
        "For purposes of " + c.this + ", the following terms shall have the following meanings:",
    )
    verb = " means " if not c.uk else ": "
    after = [f"{q(t)}{verb}{fill(table[t], c, **kw)}{';' if c.uk else '.'}" for t in sorted(terms)]
    return Node("Definitions", lead, after=after, key="definitions")


def interpretation_uk(c: Ctx) -> Node:
    items = [
        "clause, Schedule and paragraph headings shall not affect the interpretation of this "
        "agreement;",
        "a person includes a natural person, corporate or unincorporated body (whether or not "
        "having separate legal personality);",
        "the Schedules form part of this agreement and shall have effect as if set out in full in "
        "the body of this agreement, and any reference to this agreement includes the Schedules;",
        "unless the context otherwise requires, words in the singular shall include the plural "
        "and in the plural shall include the singular;",
        "a reference to a statute or statutory provision is a reference to it as amended, "
        "extended or re-enacted from time to time;",
        "a reference to writing or written includes email but not fax;",
        "any words following the terms including, include, in particular, for example or any "
        "similar expression shall be construed as illustrative and shall not limit the sense of "
        "the words preceding those terms.",
    ]
    return Node(
        "Interpretation",
        "In this agreement:",
        children=[Node(text=t) for t in items],
    )


# --- fact clauses ----------------------------------------------------------------------------


def term_sentence(
    c: Ctx,
    term: tuple[int, str] | None,
    expiration: date | None,
    start: str = "the Effective Date",
) -> str:
    """The initial term as the contract states it (duration, end date, both, or indefinite)."""
    if term and expiration:
        return c.pick(
            f"The term of {c.this} shall be {c.p(*term)}, commencing on {start} and ending on "
            f"{c.d(expiration)} (the {q('Initial Term')}), unless sooner terminated as provided "
            "herein.",
            f"{c.This} shall have an initial term of {c.p(*term)} beginning on {start} and "
            f"expiring on {c.d(expiration)} (the {q('Initial Term')}).",
        )
    if term:
        return c.pick(
            f"{c.This} shall commence on {start} and shall continue in full force and effect for "
            f"a period of {c.p(*term)} (the {q('Initial Term')}), unless earlier terminated in "
            f"accordance with its terms.",
            f"The term of {c.this} begins on {start} and continues for an initial term of "
            f"{c.p(*term)} (the {q('Initial Term')}).",
            f"Unless terminated earlier as provided herein, {c.this} will remain in effect for an "
            f"initial period of {c.p(*term)} from {start} (the {q('Initial Term')}).",
        )
    if expiration:
        return c.pick(
            f"The term of {c.this} shall commence on {start} and, unless earlier terminated in "
            f"accordance with its terms, shall expire on {c.d(expiration)} (the "
            f"{q('Initial Term')}).",
            f"{c.This} shall become effective on {start} and shall continue in effect until "
            f"{c.d(expiration)} (the {q('Expiration Date')}), unless sooner terminated.",
        )
    return c.pick(
        f"{c.This} shall commence on {start} and shall continue in effect until terminated by "
        f"either {c.party} in accordance with {{ref:termination}}.",
        f"{c.This} shall remain in full force and effect from {start} until terminated as "
        "provided herein.",
    )


def renewal_sentence(
    c: Ctx,
    auto: bool | None,
    renewal: tuple[int, str] | None,
    notice_days: int | None,
) -> str | None:
    if auto is None:
        return None
    if not auto:
        return c.pick(
            f"{c.This} shall not renew automatically. Any renewal or extension of the term shall "
            f"require a written amendment executed by both {c.parties}.",
            f"There shall be no automatic renewal of {c.this}; upon expiration of the Initial Term "
            f"the {c.parties} may, but shall not be obliged to, agree in writing to extend it.",
            f"{c.This} will not be automatically renewed. The {c.parties} may renew it only by "
            "mutual written agreement entered into before the end of the then-current term.",
        )
    assert renewal is not None
    rp = c.p(*renewal)
    if notice_days is None:  # renews with no way out stated: contract.auto_renewal_notice
        return c.pick(
            f"Upon expiration of the Initial Term, {c.this} shall automatically renew for "
            f"successive renewal periods of {rp} each (each, a {q('Renewal Term')}).",
            f"Thereafter, {c.this} will renew automatically for additional {rp} terms (each, a "
            f"{q('Renewal Term')}) on the terms then in effect.",
        )
    nd = c.p(notice_days)
    return c.pick(
        f"Thereafter, {c.this} shall automatically renew for successive {rp} periods (each, a "
        f"{q('Renewal Term')}) unless either {c.party} gives written notice of non-renewal to the "
        f"other {c.party} at least {nd} prior to the expiration of the then-current term.",
        f"Upon expiration of the Initial Term, {c.this} will automatically renew for additional "
        f"terms of {rp} each (each, a {q('Renewal Term')}), unless either {c.party} notifies the "
        f"other in writing of its intention not to renew no less than {nd} before the end of the "
        "then-current term.",
        f"{c.This} shall be renewed automatically for successive renewal terms of {rp} each "
        f"(each, a {q('Renewal Term')}) unless either {c.party} provides written notice of its "
        f"election not to renew at least {nd} prior to the end of the then-current term.",
    )


def convenience_sentence(c: Ctx, days: int, who: str | None = None) -> str:
    nd, ndp = c.p(days), c.p(days, possessive=True)
    if who:
        return c.pick(
            f"{who} may terminate {c.this}, or any Statement of Work, in whole or in part, for "
            f"convenience upon {ndp} prior written notice to the other {c.party}.",
            f"{who} may terminate {c.this} at any time, for any reason or no reason, by giving "
            f"not less than {nd} written notice.",
        )
    if c.uk:
        return c.pick(
            f"Either party may terminate {c.this} at any time by giving not less than {ndp} "
            "written notice to the other party.",
            f"Without affecting any other right or remedy available to it, either party may "
            f"terminate {c.this} for convenience on giving the other party not less than {ndp} "
            "written notice.",
        )
    return c.pick(
        f"Either {c.party} may terminate {c.this} for any reason or no reason upon {ndp} prior "
        f"written notice to the other {c.party}.",
        f"Either {c.party} may terminate {c.this} for convenience on not less than {nd} written "
        f"notice to the other {c.party}.",
        f"{c.This} may be terminated by either {c.party} at any time, with or without cause, by "
        f"giving the other {c.party} at least {ndp} advance written notice.",
    )


def cause_sentences(c: Ctx, cure_days: int = 30, payment_cure: int | None = None) -> list[str]:
    out = [
        c.pick(
            f"Either {c.party} may terminate {c.this} immediately upon written notice if the other "
            f"{c.party} materially breaches {c.this} and fails to cure such breach within "
            f"{c.p(cure_days)} after receipt of written notice describing the breach in reasonable "
            "detail.",
            f"Either {c.party} may terminate {c.this} by written notice to the other {c.party} if "
            f"the other {c.party} commits a material breach of {c.this} which is incapable of "
            f"remedy or, if remediable, is not remedied within {c.p(cure_days)} of being notified "
            "in writing to do so.",
        ),
        c.pick(
            f"Either {c.party} may terminate {c.this} immediately upon written notice if the other "
            f"{c.party} becomes insolvent, makes a general assignment for the benefit of creditors, "
            "files a voluntary petition in bankruptcy, suffers or permits the appointment of a "
            "receiver for its business or assets, or becomes subject to any proceeding under any "
            "bankruptcy or insolvency law that is not dismissed within sixty (60) days.",
            f"Either {c.party} may terminate {c.this} with immediate effect by giving written notice "
            f"to the other {c.party} if the other {c.party} suspends, or threatens to suspend, "
            "payment of its debts, is unable to pay its debts as they fall due, has an "
            "administrator, receiver or liquidator appointed, or takes or suffers any similar "
            "action in any jurisdiction.",
        ),
    ]
    if payment_cure:
        out.append(
            f"{c.a} may suspend performance of the {c.services} if any undisputed amount remains "
            f"unpaid more than {c.p(payment_cure)} after written notice of non-payment."
        )
    return out


def termination_effects(c: Ctx, return_days: int = 10) -> list[str]:
    return [
        c.pick(
            f"Upon any expiration or termination of {c.this}, (a) {c.b} shall pay {c.a} all "
            f"undisputed Fees for {c.services} performed through the effective date of "
            f"termination; (b) each {c.party} shall return or destroy the other {c.party}'s "
            f"Confidential Information within {c.p(return_days)}; and (c) all licenses granted "
            "hereunder shall terminate, except as expressly provided otherwise.",
            f"On termination of {c.this} for any reason, {c.b} shall immediately pay to {c.a} all "
            f"of {c.a}'s outstanding unpaid invoices and interest, and each {c.party} shall within "
            f"{c.p(return_days)} return any materials of the other {c.party} in its possession.",
        ),
        c.pick(
            f"Termination or expiration of {c.this} shall not affect any rights, remedies, "
            f"obligations or liabilities of the {c.parties} that have accrued up to the date of "
            "termination or expiry.",
            f"Expiration or termination of {c.this} shall be without prejudice to any rights or "
            f"liabilities accrued prior thereto.",
        ),
    ]


def payment_sentence(c: Ctx, phrase: str, payer: str | None = None) -> str:
    payer = payer or c.b
    mid = payer[0].lower() + payer[1:] if payer.startswith("The ") else payer
    if phrase.lower().startswith("net"):
        return c.pick(
            f"All invoices are payable {phrase}.",
            f"Payment terms are {phrase} from the date of {c.a}'s invoice.",
            f"{payer} shall pay each invoice on terms of {phrase}.",
        )
    if phrase.lower().startswith(("monthly", "quarterly", "annually")):
        return f"Fees shall be invoiced and paid {phrase}."
    return c.pick(
        f"{payer} shall pay all undisputed amounts {phrase}.",
        f"Payment of each invoice shall be due {phrase}.",
        f"{payer} will pay each properly submitted invoice {phrase}.",
        f"Unless otherwise specified in the applicable order, {mid} shall pay the Fees {phrase}.",
    )


def late_payment(c: Ctx) -> str:
    if c.uk:
        return (
            f"If {c.b} fails to make any payment due to {c.a} under {c.this} by the due date for "
            f"payment, then {c.b} shall pay interest on the overdue amount at the rate of 4% a "
            "year above the Bank of England's base rate from time to time. Such interest shall "
            "accrue on a daily basis from the due date until actual payment of the overdue amount."
        )
    return c.pick(
        "Any amount not paid when due shall bear interest at the lesser of one and one-half "
        "percent (1.5%) per month and the maximum rate permitted by law, from the due date until "
        "paid in full.",
        "Late payments shall accrue interest at the rate of one percent (1%) per month, or the "
        "highest rate allowed by applicable law, whichever is lower.",
    )


def disputed_invoices(c: Ctx) -> str:
    return (
        f"If {c.b} disputes any portion of an invoice in good faith, {c.b} shall notify {c.a} in "
        f"writing of the disputed amount and the basis for the dispute within "
        f"{c.p(15)} after receipt of the invoice and shall pay the undisputed portion when due. "
        f"The {c.parties} shall work together in good faith to resolve any such dispute promptly."
    )


def taxes(c: Ctx) -> str:
    if c.uk:
        return (
            f"All amounts payable under {c.this} are exclusive of amounts in respect of value added "
            f"tax chargeable from time to time (VAT). Where any taxable supply for VAT purposes is "
            f"made under {c.this} by {c.a} to {c.b}, {c.b} shall, on receipt of a valid VAT "
            f"invoice from {c.a}, pay to {c.a} such additional amounts in respect of VAT as are "
            "chargeable on the supply at the same time as payment is due for the supply."
        )
    return (
        f"The Fees are exclusive of all Taxes. {c.b} shall be responsible for all sales, use and "
        f"similar Taxes imposed on the {c.services}, other than Taxes based on {c.a}'s net income, "
        f"property or employees. If {c.b} is required by law to withhold any Taxes from its "
        f"payments to {c.a}, {c.b} shall provide {c.a} with an official receipt or other evidence "
        "of payment of such Taxes."
    )


def expenses(c: Ctx) -> str:
    return c.pick(
        f"{c.b} shall reimburse {c.a} for reasonable, pre-approved travel and out-of-pocket "
        f"expenses incurred in performing the {c.services}, in accordance with {c.b}'s travel and "
        "expense policy as provided to " + c.a + " in writing, upon submission of receipts or "
        "other reasonable documentation.",
        f"Except as expressly set out in a Statement of Work, {c.a} shall bear all of its own "
        f"costs and expenses incurred in performing the {c.services}.",
    )


def law_sentence(c: Ctx, law: str, style: str | None = None, venue: str | None = None) -> str:
    if law == "England and Wales":
        s = c.pick(
            f"{c.This} and any dispute or claim (including non-contractual disputes or claims) "
            f"arising out of or in connection with it or its subject matter or formation shall be "
            f"governed by and construed in accordance with the law of England and Wales.",
            f"{c.This} shall be governed by and construed in accordance with the laws of England "
            f"and Wales.",
        )
        s += (
            " Each party irrevocably agrees that the courts of England and Wales shall have "
            "exclusive jurisdiction to settle any dispute or claim (including non-contractual "
            f"disputes or claims) arising out of or in connection with {c.this} or its subject "
            "matter or formation."
        )
        return s
    style = style or c.rng.choice(["state", "state", "internal", "short"])
    if style == "short":
        s = (
            f"{c.This} and all claims arising out of or relating to it will be governed by {law} "
            "law, without giving effect to any choice or conflict of law provision or rule that "
            f"would cause the application of the laws of any other jurisdiction."
        )
    elif style == "internal":
        s = (
            f"The validity, interpretation, construction and performance of {c.this} shall be "
            f"governed by the internal laws of the State of {law}, without regard to the "
            "conflicts of law provisions thereof."
        )
    else:
        s = (
            f"{c.This} shall be governed by and construed in accordance with the laws of the State "
            f"of {law}, without regard to its conflict of laws principles."
        )
    where = venue or law
    county = {
        "New York": "New York County, New York",
        "Delaware": "New Castle County, Delaware",
        "California": "Santa Clara County, California",
        "Texas": "Travis County, Texas",
        "Illinois": "Cook County, Illinois",
        "Washington": "King County, Washington",
        "Ohio": "Franklin County, Ohio",
        "Michigan": "Oakland County, Michigan",
        "Georgia": "Fulton County, Georgia",
        "Colorado": "the City and County of Denver, Colorado",
        "North Carolina": "Mecklenburg County, North Carolina",
        "Massachusetts": "Suffolk County, Massachusetts",
    }.get(where, f"the State of {where}")
    s += " " + c.pick(
        f"Each {c.party} irrevocably submits to the exclusive jurisdiction of the state and "
        f"federal courts located in {county} for any action arising out of or relating to "
        f"{c.this}, and waives any objection to venue in such courts.",
        f"Any legal suit, action or proceeding arising out of or related to {c.this} shall be "
        f"instituted exclusively in the federal courts of the United States or the courts of the "
        f"State of {where}, in each case located in {county}.",
    )
    return s


def jury_waiver(c: Ctx) -> str:
    return (
        "EACH PARTY HEREBY IRREVOCABLY WAIVES, TO THE FULLEST EXTENT PERMITTED BY APPLICABLE LAW, "
        "ANY RIGHT IT MAY HAVE TO A TRIAL BY JURY IN ANY LEGAL PROCEEDING DIRECTLY OR INDIRECTLY "
        f"ARISING OUT OF OR RELATING TO {c.this.upper()} OR THE TRANSACTIONS CONTEMPLATED HEREBY."
    )


# --- notices -----------------------------------------------------------------------------------


def notice_lines(name: str, address: list[str], attention: str) -> str:
    return "<br/>".join([name, *address, f"Attention: {attention}"])


def notices(
    c: Ctx,
    who: list[tuple[str, str, list[str], str]],
    copy_to: tuple[str, list[str], str] | None = None,
) -> Node:
    """``who``: (defined name, legal name, address lines, attention)."""
    lead = c.pick(
        f"All notices, requests, consents, claims, demands, waivers and other communications "
        f"under {c.this} shall be in writing and shall be deemed to have been given (a) when "
        "delivered by hand (with written confirmation of receipt); (b) when received by the "
        "addressee if sent by a nationally recognized overnight courier (receipt requested); or "
        "(c) on the third (3rd) day after the date mailed, by certified or registered mail, return "
        "receipt requested, postage prepaid. Such communications must be sent to the respective "
        f"{c.parties} at the following addresses (or at such other address for a {c.party} as "
        "shall be specified in a notice given in accordance with this Section):",
        f"Any notice given to a party under or in connection with {c.this} shall be in writing "
        "and shall be delivered by hand or by pre-paid first-class post or other next working day "
        "delivery service at its registered office (if a company) or its principal place of "
        "business (in any other case), as follows:",
    )
    after: list[Para] = []
    for short, legal, addr, attn in who:
        after.append(Para(f"If to {short}:", indent=36, first=False, space=2, keep_next=True))
        after.append(Para(notice_lines(legal, addr, attn), indent=72, first=False, align="l"))
    if copy_to:
        firm, addr, attn = copy_to
        after.append(
            Para(
                "with a copy (which shall not constitute notice) to:",
                indent=36,
                first=False,
                space=2,
                keep_next=True,
            )
        )
        after.append(Para(notice_lines(firm, addr, attn), indent=72, first=False, align="l"))
    return Node("Notices", lead, after=after, key="notices")


LAW_FIRMS = [
    ("Whitfield Barrow LLP", ["1290 Avenue of the Americas", "New York, NY 10104"]),
    ("Corrigan Hale & Pryor LLP", ["555 California Street", "San Francisco, CA 94104"]),
    ("Mendel Ostrowski LLP", ["200 Clarendon Street", "Boston, MA 02116"]),
    ("Ashdown Kessler LLP", ["71 South Wacker Drive", "Chicago, IL 60606"]),
]


# --- confidentiality -------------------------------------------------------------------------


def confidentiality(c: Ctx, years: int | None = 3, key: str = "confidentiality") -> Node:
    recv = "the Receiving Party"
    kids = [
        Node(
            "Definition",
            f"{q('Confidential Information')} means all non-public information disclosed by or on "
            f"behalf of a {c.party} (the {q('Disclosing Party')}) to the other {c.party} (the "
            f"{q('Receiving Party')}), whether orally, visually or in writing, that is designated "
            "as confidential or that reasonably should be understood to be confidential given the "
            "nature of the information and the circumstances of disclosure, including business and "
            "marketing plans, technology and technical information, product designs, pricing, "
            "customer lists and business processes. The terms of " + c.this + " are the "
            f"Confidential Information of both {c.parties}.",
        ),
        Node(
            "Exclusions",
            "Confidential Information does not include information that (a) is or becomes "
            f"generally known to the public without breach of any obligation owed to the "
            f"Disclosing Party; (b) was known to {recv} prior to its disclosure by the Disclosing "
            f"Party without breach of any obligation owed to the Disclosing Party; (c) is received "
            f"from a third party without breach of any obligation owed to the Disclosing Party; or "
            f"(d) was independently developed by {recv} without use of or reference to the "
            "Disclosing Party's Confidential Information.",
        ),
        Node(
            "Obligations",
            c.pick(
                f"{recv[0].upper() + recv[1:]} shall (i) use the same degree of care that it uses "
                "to protect the confidentiality of its own confidential information of like kind "
                "(but in no event less than reasonable care) to protect the Disclosing Party's "
                "Confidential Information; (ii) not use any Confidential Information of the "
                f"Disclosing Party for any purpose outside the scope of {c.this}; and (iii) except "
                "as otherwise authorized by the Disclosing Party in writing, limit access to "
                "Confidential Information of the Disclosing Party to those of its and its "
                "Affiliates' employees, contractors and advisors who need that access for purposes "
                f"consistent with {c.this} and who are bound by written obligations of "
                "confidentiality no less protective than those herein.",
                f"{recv[0].upper() + recv[1:]} shall hold the Disclosing Party's Confidential "
                "Information in strict confidence, shall not disclose it to any third party except "
                "as permitted herein, and shall use it solely to exercise its rights and perform "
                f"its obligations under {c.this}.",
            ),
        ),
        Node(
            "Compelled Disclosure",
            f"{recv[0].upper() + recv[1:]} may disclose Confidential Information of the "
            "Disclosing Party to the extent compelled by law to do so, provided that it gives the "
            "Disclosing Party prior notice of the compelled disclosure (to the extent legally "
            "permitted) and reasonable assistance, at the Disclosing Party's cost, if the "
            "Disclosing Party wishes to contest the disclosure or seek a protective order.",
        ),
    ]
    if years:
        kids.append(
            Node(
                "Duration",
                f"The obligations in this {'clause' if c.uk else 'Section'} shall survive any "
                f"expiration or termination of {c.this} for a period of {c.p(years, 'years')}; "
                "provided that, with respect to any trade secret, such obligations shall continue "
                "for so long as such information remains a trade secret under applicable law.",
            )
        )
    return Node("Confidentiality", None, kids, key=key)


# --- intellectual property, warranties, liability ------------------------------------------


def ip_services(c: Ctx) -> Node:
    return Node(
        "Intellectual Property",
        None,
        [
            Node(
                "Ownership of Work Product",
                f"Subject to {c.b}'s payment of all Fees due, all Work Product shall be the sole "
                f"and exclusive property of {c.b}. {c.a} hereby assigns to {c.b} all right, title "
                "and interest in and to the Work Product, including all Intellectual Property "
                f"Rights therein, and shall execute such documents and take such other actions as "
                f"{c.b} may reasonably request to perfect such assignment.",
            ),
            Node(
                "Pre-Existing Materials",
                f"{c.a} retains all right, title and interest in and to its Pre-Existing "
                f"Materials. To the extent any Pre-Existing Materials are incorporated into any "
                f"Deliverable, {c.a} hereby grants to {c.b} a non-exclusive, perpetual, "
                f"irrevocable, worldwide, royalty-free {c.licence} to use, copy, modify and "
                "distribute such Pre-Existing Materials solely as part of such Deliverable.",
            ),
            Node(
                "Residual Knowledge",
                f"Nothing in {c.this} shall restrict {c.a} from using the general skills, "
                "knowledge, experience, ideas, concepts and techniques retained in the unaided "
                "memory of its Personnel, provided that this shall not permit the disclosure of "
                "Confidential Information or any infringement of Intellectual Property Rights.",
            ),
        ],
        key="ip",
    )


def warranties(c: Ctx, months: int = 3) -> Node:
    disclaimer = (
        "EXCEPT AS EXPRESSLY SET FORTH IN THIS SECTION, NEITHER PARTY MAKES ANY WARRANTY OF ANY "
        "KIND, WHETHER EXPRESS, IMPLIED, STATUTORY OR OTHERWISE, AND EACH PARTY SPECIFICALLY "
        "DISCLAIMS ALL IMPLIED WARRANTIES, INCLUDING ANY WARRANTIES OF MERCHANTABILITY, FITNESS "
        "FOR A PARTICULAR PURPOSE, TITLE AND NON-INFRINGEMENT, TO THE MAXIMUM EXTENT PERMITTED BY "
        "APPLICABLE LAW."
    )
    if c.uk:
        disclaimer = (
            "Except as expressly stated in this agreement, all warranties, conditions and other "
            "terms implied by statute or common law are, to the fullest extent permitted by law, "
            "excluded from this agreement."
        )
    return Node(
        "Representations and Warranties",
        None,
        [
            Node(
                "Mutual",
                f"Each {c.party} represents and warrants that (a) it is duly organized, validly "
                "existing and in good standing under the laws of its jurisdiction of organization; "
                f"(b) it has full power and authority to enter into and perform {c.this}; (c) the "
                f"execution and performance of {c.this} do not conflict with any other agreement "
                "to which it is a party; and (d) it will comply with all Applicable Laws in its "
                f"performance of {c.this}.",
            ),
            Node(
                "Performance",
                f"{c.a} warrants that the {c.services} will be performed in a professional and "
                "workmanlike manner in accordance with generally recognized industry standards, "
                f"and that each Deliverable will conform in all material respects to its "
                f"specifications for a period of {c.p(months, 'months')} after acceptance. {c.a}'s "
                f"sole obligation, and {c.b}'s exclusive remedy, for breach of this warranty "
                f"shall be for {c.a} to re-perform the non-conforming {c.services} at no additional "
                "charge.",
            ),
            Node("Disclaimer", disclaimer),
        ],
        key="warranties",
    )


def indemnification(c: Ctx) -> Node:
    return Node(
        "Indemnification",
        None,
        [
            Node(
                f"By {c.a}",
                f"{c.a} shall defend, indemnify and hold harmless {c.b} and its Affiliates and "
                "their respective officers, directors, employees and agents from and against all "
                "Losses arising out of any Claim (a) alleging that the Deliverables or the "
                f"{c.services} infringe or misappropriate any Intellectual Property Right of a "
                "third party; (b) for bodily injury, death or damage to real or tangible personal "
                f"property caused by the negligence or willful misconduct of {c.a} or its "
                f"Personnel; or (c) arising from {c.a}'s violation of Applicable Law.",
            ),
            Node(
                f"By {c.b}",
                f"{c.b} shall defend, indemnify and hold harmless {c.a} and its officers, "
                "directors and employees from and against all Losses arising out of any Claim "
                f"alleging that materials provided by {c.b} and used by {c.a} in accordance with "
                f"{c.this} infringe the Intellectual Property Rights of a third party.",
            ),
            Node(
                "Procedure",
                "The indemnified party shall (a) give the indemnifying party prompt written notice "
                "of the Claim (provided that any delay shall relieve the indemnifying party of its "
                "obligations only to the extent it is prejudiced thereby); (b) permit the "
                "indemnifying party to control the defense and settlement of the Claim; and (c) "
                "provide reasonable cooperation at the indemnifying party's expense. The "
                "indemnifying party shall not settle any Claim in a manner that imposes any "
                "liability or obligation on the indemnified party without its prior written "
                "consent.",
            ),
        ],
        key="indemnification",
    )


def limitation(c: Ctx, months: int = 12) -> Node:
    if c.uk:
        kids = [
            Node(
                text="Nothing in this agreement shall limit or exclude either party's liability "
                "for death or personal injury caused by its negligence, fraud or fraudulent "
                "misrepresentation, or any other liability which cannot be limited or excluded by "
                "applicable law."
            ),
            Node(
                text="Subject to the preceding sub-clause, neither party shall be liable to the "
                "other, whether in contract, tort (including negligence), breach of statutory "
                "duty or otherwise, for any loss of profits, loss of sales or business, loss of "
                "agreements or contracts, loss of anticipated savings, loss of or damage to "
                "goodwill, or any indirect or consequential loss."
            ),
            Node(
                text="Subject to the preceding sub-clauses, each party's total aggregate liability "
                "arising under or in connection with this agreement shall be limited to 100% of "
                f"the total charges paid in the {c.p(months, 'months')} immediately preceding the "
                "date on which the claim arose."
            ),
        ]
        return Node("Limitation of liability", None, kids, key="limitation")
    text = (
        "EXCEPT FOR A PARTY'S INDEMNIFICATION OBLIGATIONS, BREACH OF ITS CONFIDENTIALITY "
        "OBLIGATIONS, OR GROSS NEGLIGENCE OR WILLFUL MISCONDUCT, (A) IN NO EVENT SHALL EITHER "
        "PARTY BE LIABLE TO THE OTHER FOR ANY INDIRECT, INCIDENTAL, CONSEQUENTIAL, SPECIAL, "
        "EXEMPLARY OR PUNITIVE DAMAGES, INCLUDING LOST PROFITS OR LOST REVENUE, EVEN IF ADVISED OF "
        "THE POSSIBILITY OF SUCH DAMAGES; AND (B) EACH PARTY'S TOTAL CUMULATIVE LIABILITY ARISING "
        f"OUT OF OR RELATED TO {c.this.upper()} SHALL NOT EXCEED THE TOTAL FEES PAID OR PAYABLE BY "
        f"{c.b.upper()} UNDER {c.this.upper()} DURING THE {c.p(months, 'months').upper()} "
        "IMMEDIATELY PRECEDING THE EVENT GIVING RISE TO THE CLAIM."
    )
    return Node("Limitation of Liability", text, key="limitation")


def insurance(c: Ctx) -> Node:
    cover = [
        "Commercial general liability insurance with limits of not less than $1,000,000 per "
        "occurrence and $2,000,000 in the aggregate;",
        "Workers' compensation insurance as required by applicable law and employer's liability "
        "insurance with limits of not less than $1,000,000 per accident;",
        "Professional liability (errors and omissions) insurance, including cyber liability "
        "coverage, with limits of not less than $5,000,000 per claim and in the aggregate; and",
        "Commercial automobile liability insurance with a combined single limit of not less than "
        "$1,000,000.",
    ]
    if c.uk:
        cover = [
            "public liability insurance with a limit of not less than £5,000,000 for any one "
            "occurrence;",
            "professional indemnity insurance with a limit of not less than £2,000,000 for each "
            "and every claim; and",
            "employer's liability insurance as required by law.",
        ]
    return Node(
        "Insurance",
        f"During the Term and for one (1) year thereafter, {c.a} shall maintain, at its own "
        "expense, with insurers rated A- or better by A.M. Best, the following insurance coverage:"
        if not c.uk
        else f"During the term of {c.this} and for a period of two years thereafter, {c.a} shall "
        "maintain in force, with a reputable insurance company:",
        [Node(text=t) for t in cover],
        after=[
            f"Upon request, {c.a} shall furnish certificates of insurance evidencing the required "
            f"coverage and naming {c.b} as an additional insured where permitted."
        ],
        key="insurance",
    )


# --- general provisions ------------------------------------------------------------------------


def force_majeure(c: Ctx) -> Node:
    return Node(
        "Force Majeure",
        c.pick(
            f"Neither {c.party} shall be liable for any failure or delay in performance under "
            f"{c.this} (other than payment obligations) to the extent such failure or delay is "
            "caused by events beyond its reasonable control, including acts of God, flood, fire, "
            "earthquake, epidemic or pandemic, war, terrorism, civil unrest, labor disputes (other "
            "than those involving the affected party's own employees), governmental action, or "
            "failure of public utilities or telecommunications networks (each, a "
            f"{q('Force Majeure Event')}). The affected {c.party} shall promptly notify the other "
            "and use commercially reasonable efforts to mitigate the effects of the Force Majeure "
            "Event. If a Force Majeure Event continues for more than sixty (60) days, either "
            f"{c.party} may terminate {c.this} upon written notice.",
            f"Neither party shall be in breach of {c.this} nor liable for delay in performing, or "
            "failure to perform, any of its obligations under it if such delay or failure results "
            "from events, circumstances or causes beyond its reasonable control. In such "
            "circumstances the affected party shall be entitled to a reasonable extension of the "
            "time for performing such obligations. If the period of delay or non-performance "
            "continues for three months, the party not affected may terminate this agreement by "
            "giving 14 days' written notice to the affected party.",
        ),
        key="force_majeure",
    )


def assignment(c: Ctx) -> Node:
    return Node(
        "Assignment",
        c.pick(
            f"Neither {c.party} may assign or transfer {c.this}, in whole or in part, by operation "
            f"of law or otherwise, without the prior written consent of the other {c.party}, which "
            f"shall not be unreasonably withheld; provided, however, that either {c.party} may "
            f"assign {c.this} without such consent to an Affiliate or to a successor in connection "
            "with a merger, acquisition, corporate reorganization or sale of all or substantially "
            "all of its assets or business to which this " + c.agr + " relates. Any purported "
            "assignment in violation of this Section shall be null and void. " + c.This + " shall "
            f"bind and inure to the benefit of the {c.parties} and their respective successors and "
            "permitted assigns.",
            f"Neither party shall assign, transfer, mortgage, charge, subcontract, declare a trust "
            f"over or deal in any other manner with any of its rights and obligations under "
            f"{c.this} without the prior written consent of the other party (such consent not to "
            "be unreasonably withheld or delayed).",
        ),
        key="assignment",
    )


def severability(c: Ctx) -> Node:
    return Node(
        "Severability",
        c.pick(
            f"If any provision of {c.this} is held invalid, illegal or unenforceable in any "
            "jurisdiction, such invalidity, illegality or unenforceability shall not affect any "
            f"other term or provision of {c.this} or invalidate or render unenforceable such term "
            "or provision in any other jurisdiction, and such provision shall be reformed to the "
            "minimum extent necessary to make it enforceable.",
            f"If any provision or part-provision of {c.this} is or becomes invalid, illegal or "
            "unenforceable, it shall be deemed modified to the minimum extent necessary to make it "
            "valid, legal and enforceable. If such modification is not possible, the relevant "
            "provision or part-provision shall be deemed deleted, without affecting the validity "
            f"and enforceability of the rest of {c.this}.",
        ),
    )


def entire_agreement(c: Ctx, exhibits: bool = True) -> Node:
    return Node(
        "Entire Agreement",
        c.pick(
            f"{c.This}, together with "
            + ("its Exhibits and Schedules and " if exhibits else "")
            + "any documents expressly incorporated herein by reference, constitutes the entire "
            f"agreement between the {c.parties} with respect to its subject matter and supersedes "
            "all prior and contemporaneous understandings, agreements, representations and "
            "warranties, both written and oral, with respect to such subject matter.",
            f"{c.This} constitutes the entire agreement between the parties and supersedes and "
            "extinguishes all previous agreements, promises, assurances, warranties, "
            "representations and understandings between them, whether written or oral, relating "
            "to its subject matter. Each party acknowledges that in entering into this agreement "
            "it does not rely on any statement, representation, assurance or warranty that is not "
            "set out in this agreement.",
        ),
    )


def amendment(c: Ctx) -> Node:
    return Node(
        "Amendment and Waiver",
        f"No amendment to or modification of {c.this} is effective unless it is in writing and "
        f"signed by an authorized representative of each {c.party}. No waiver by any {c.party} of "
        "any of the provisions hereof shall be effective unless explicitly set forth in writing "
        f"and signed by the {c.party} so waiving. No failure to exercise, or delay in exercising, "
        "any right, remedy, power or privilege arising from " + c.this + " shall operate or be "
        "construed as a waiver thereof.",
    )


def counterparts(c: Ctx) -> Node:
    return Node(
        "Counterparts",
        c.pick(
            f"{c.This} may be executed in counterparts, each of which shall be deemed an original, "
            "but all of which together shall be deemed to be one and the same agreement. A signed "
            f"copy of {c.this} delivered by facsimile, e-mail or other means of electronic "
            "transmission (including any electronic signature complying with the U.S. federal "
            "ESIGN Act of 2000) shall be deemed to have the same legal effect as delivery of an "
            f"original signed copy of {c.this}.",
            f"{c.This} may be executed in any number of counterparts, each of which when executed "
            "shall constitute a duplicate original, but all the counterparts shall together "
            "constitute the one agreement.",
        ),
    )


def relationship(c: Ctx) -> Node:
    return Node(
        "Relationship of the Parties",
        f"The relationship between the {c.parties} is that of independent contractors. Nothing "
        f"contained in {c.this} shall be construed as creating any agency, partnership, joint "
        f"venture or other form of joint enterprise, employment or fiduciary relationship between "
        f"the {c.parties}, and neither {c.party} shall have authority to contract for or bind the "
        f"other {c.party} in any manner whatsoever.",
    )


def third_parties(c: Ctx) -> Node:
    if c.uk:
        return Node(
            "Third party rights",
            f"Unless it expressly states otherwise, {c.this} does not give rise to any rights "
            "under the Contracts (Rights of Third Parties) Act 1999 to enforce any term of this "
            "agreement.",
        )
    return Node(
        "No Third-Party Beneficiaries",
        f"{c.This} is for the sole benefit of the {c.parties} and their respective successors and "
        "permitted assigns, and nothing herein, express or implied, is intended to or shall "
        "confer upon any other person any legal or equitable right, benefit or remedy of any "
        f"nature whatsoever under or by reason of {c.this}.",
    )


def publicity(c: Ctx) -> Node:
    return Node(
        "Publicity",
        f"Neither {c.party} shall issue any press release or public announcement regarding "
        f"{c.this} or use the other {c.party}'s name, trademarks or logos without the other "
        f"{c.party}'s prior written consent, except as required by Applicable Law or the rules of "
        "any securities exchange on which such party's securities are listed.",
    )


def compliance(c: Ctx) -> Node:
    return Node(
        "Compliance with Laws; Anti-Corruption",
        f"Each {c.party} shall comply with all Applicable Laws in connection with its performance "
        f"of {c.this}, including the U.S. Foreign Corrupt Practices Act of 1977 and the UK "
        "Bribery Act 2010. Neither " + c.party + " shall, directly or indirectly, offer, pay, "
        "promise or authorize the payment of any money or thing of value to any government "
        "official or other person for the purpose of improperly obtaining or retaining business. "
        f"Each {c.party} shall comply with all applicable export control and economic sanctions "
        "laws and regulations.",
    )


def headings_construction(c: Ctx) -> Node:
    return Node(
        "Interpretation",
        "The headings in " + c.this + " are for reference only and shall not affect its "
        "interpretation. The words “include,” “includes” and “including” shall be deemed to be "
        "followed by “without limitation.” The word “or” is not exclusive. Each party has "
        "participated in the drafting of " + c.this + ", and no rule of construction against the "
        "drafting party shall apply.",
    )


def equitable_relief(c: Ctx) -> Node:
    return Node(
        "Equitable Relief",
        f"Each {c.party} acknowledges that a breach of its obligations with respect to "
        "Confidential Information or Intellectual Property Rights may cause irreparable harm for "
        "which monetary damages would be an inadequate remedy, and that the non-breaching "
        f"{c.party} shall be entitled to seek equitable relief, including injunction and specific "
        "performance, in addition to all other remedies available at law or in equity, without the "
        "necessity of posting a bond.",
    )


def survival(c: Ctx, refs: list[str]) -> Node:
    listed = ", ".join("{ref:" + r + "}" for r in refs)
    return Node(
        "Survival",
        f"The provisions of {listed} and any other provision that by its nature is intended to "
        f"survive shall survive any expiration or termination of {c.this}.",
    )


def non_solicit(c: Ctx, months: int = 12) -> Node:
    return Node(
        "Non-Solicitation",
        f"During the Term and for {c.p(months, 'months')} thereafter, neither {c.party} shall, "
        "directly or indirectly, solicit for employment any employee of the other "
        f"{c.party} who was directly involved in the performance of {c.this}, without the prior "
        "written consent of the other " + c.party + "; provided that general solicitations not "
        "targeted at such employees (such as job postings) shall not violate this Section.",
    )


def dispute_escalation(c: Ctx, arbitration: bool = False) -> Node:
    kids = [
        Node(
            "Escalation",
            f"The {c.parties} shall attempt in good faith to resolve any dispute arising out of or "
            f"relating to {c.this} promptly by negotiation between executives who have authority "
            "to settle the controversy. Either party may give the other written notice of any "
            "dispute not resolved in the normal course of business. Within fifteen (15) days "
            "after delivery of such notice, the receiving party shall submit a written response, "
            "and within thirty (30) days after delivery of the initial notice, the executives of "
            "both parties shall meet at a mutually acceptable time and place.",
        )
    ]
    if arbitration:
        kids.append(
            Node(
                "Arbitration",
                "Any dispute not resolved within forty-five (45) days after delivery of the "
                "initial notice shall be finally resolved by binding arbitration administered by "
                "the American Arbitration Association under its Commercial Arbitration Rules by a "
                "single arbitrator. Judgment on the award may be entered in any court having "
                "jurisdiction. Nothing in this Section shall preclude either party from seeking "
                "interim or provisional relief from a court of competent jurisdiction.",
            )
        )
    return Node("Dispute Resolution", None, kids, key="disputes")


# --- services --------------------------------------------------------------------------------


def services_scope(c: Ctx) -> Node:
    return Node(
        "Services",
        None,
        [
            Node(
                "Statements of Work",
                f"{c.a} shall provide to {c.b} the services described in one or more Statements "
                f"of Work entered into by the {c.parties} from time to time (the "
                f"{q('Services')}). Each Statement of Work shall reference {c.this}, shall be "
                f"governed by its terms, and shall be deemed incorporated herein. In the event of "
                f"any conflict between {c.this} and a Statement of Work, {c.this} shall control "
                "unless the Statement of Work expressly states that it is intended to supersede a "
                "specific provision of this " + c.agr + ".",
            ),
            Node(
                "Change Orders",
                f"Either {c.party} may request changes to the scope of the {c.services} under a "
                f"Statement of Work. {c.a} shall, within ten (10) Business Days after receipt of a "
                f"change request, provide {c.b} with a written estimate of the impact of the "
                "change on the schedule and Fees. No change shall be effective until the parties "
                "execute a Change Order.",
            ),
            Node(
                "Non-Exclusivity",
                f"Nothing in {c.this} shall be construed as a requirements contract or shall "
                f"obligate {c.b} to purchase any minimum volume of {c.services}, and {c.b} may "
                "obtain services similar to the Services from any third party.",
            ),
            Node(
                "Cooperation",
                f"{c.b} shall provide {c.a} with such access to its premises, systems, personnel "
                "and information as is reasonably necessary for the performance of the "
                f"{c.services}, subject to {c.b}'s reasonable security and safety policies.",
            ),
        ],
        key="services",
    )


def personnel(c: Ctx) -> Node:
    return Node(
        "Personnel",
        None,
        [
            Node(
                "Qualified Personnel",
                f"{c.a} shall assign to the {c.services} Personnel who are properly trained, "
                "qualified and experienced. All Personnel shall comply with " + c.b + "'s site, "
                "safety, security and conduct policies while on its premises or accessing its "
                "systems.",
            ),
            Node(
                "Key Personnel",
                f"The Personnel identified as key personnel in a Statement of Work shall not be "
                f"removed or reassigned by {c.a} without {c.b}'s prior written consent, except "
                "in the case of death, disability, resignation or termination of employment.",
            ),
            Node(
                "Background Checks",
                f"{c.a} shall conduct, at its own expense and to the extent permitted by law, a "
                "background check of each individual assigned to perform Services that require "
                f"access to {c.b}'s systems or Customer Data, including verification of identity "
                "and employment eligibility and a criminal records search covering at least the "
                "preceding seven (7) years.",
            ),
            Node(
                "Removal",
                f"{c.b} may require {c.a} to remove any individual from the {c.services} for any "
                f"lawful reason, in which case {c.a} shall promptly provide a suitably qualified "
                "replacement at no additional cost.",
            ),
        ],
        key="personnel",
    )


def subcontracting(c: Ctx) -> Node:
    return Node(
        "Subcontracting",
        f"{c.a} shall not subcontract any of its obligations under {c.this} without the prior "
        f"written consent of {c.b}. {c.a} shall remain fully responsible for the performance of "
        "each Subcontractor and for any act or omission of a Subcontractor as if it were its own, "
        "and shall ensure that each Subcontractor is bound by written obligations at least as "
        "protective of " + c.b + " as those set forth herein. The Subcontractors approved as of "
        "the Effective Date are listed in Schedule 1.",
        key="subcontracting",
    )


def acceptance(c: Ctx, days: int = 10) -> Node:
    return Node(
        "Acceptance",
        f"Within {c.p(days)} after delivery of a Deliverable, {c.b} shall review and test the "
        f"Deliverable and notify {c.a} in writing whether it accepts or rejects the Deliverable. "
        f"If {c.b} rejects a Deliverable, its notice shall describe the non-conformities in "
        f"reasonable detail, and {c.a} shall correct the non-conformities and re-deliver the "
        "Deliverable within ten (10) Business Days. If a Deliverable fails to conform after its "
        f"second re-delivery, {c.b} may terminate the applicable Statement of Work and receive a "
        "refund of all Fees paid for the non-conforming Deliverable.",
        key="acceptance",
    )


def records_audit(c: Ctx) -> Node:
    return Node(
        "Records and Audit",
        f"{c.a} shall maintain complete and accurate records relating to the {c.services} and "
        f"the Fees invoiced under {c.this} for at least three (3) years after the final payment. "
        f"Upon thirty (30) days' prior written notice, and not more than once in any twelve (12) "
        f"month period, {c.b} or its independent auditors may audit such records during normal "
        f"business hours. If an audit reveals an overcharge, {c.a} shall promptly refund the "
        "overcharge and, if the overcharge exceeds five percent (5%) of the amounts invoiced for "
        "the audited period, reimburse the reasonable cost of the audit.",
    )


def data_security(c: Ctx) -> Node:
    return Node(
        "Data Protection and Security",
        None,
        [
            Node(
                "Security Program",
                f"{c.a} shall implement and maintain a comprehensive written information security "
                "program that includes administrative, technical and physical safeguards designed "
                "to protect Customer Data against Security Incidents, that complies with "
                "Applicable Law and that is no less rigorous than the requirements set forth in "
                "Exhibit D.",
            ),
            Node(
                "Security Incidents",
                f"{c.a} shall notify {c.b} without undue delay, and in any event within "
                "seventy-two (72) hours, after becoming aware of a Security Incident, and shall "
                f"provide {c.b} with such information and cooperation as {c.b} may reasonably "
                "request to investigate, remediate and mitigate the effects of the Security "
                "Incident.",
            ),
            Node(
                "Processing",
                f"To the extent {c.a} processes Personal Data on behalf of {c.b}, the "
                "Parties shall comply with the Data Processing Addendum attached as Exhibit E.",
            ),
        ],
        key="data",
    )


def service_levels(c: Ctx) -> Node:
    return Node(
        "Service Levels",
        f"{c.a} shall perform the {c.services} so as to meet or exceed the Service Levels. If "
        f"{c.a} fails to meet any Service Level, {c.a} shall (a) promptly investigate and report "
        "on the root cause of the failure; (b) correct the failure and begin meeting the Service "
        f"Level as soon as practicable; and (c) credit {c.b} the service credits set forth in "
        "Exhibit A. Service credits are a price adjustment reflecting the reduced value of the "
        f"{c.services} and are not an exclusive remedy.",
        key="sla",
    )


def transition(c: Ctx, months: int = 6) -> Node:
    return Node(
        "Transition Assistance",
        f"Upon expiration or termination of {c.this} for any reason, and for up to "
        f"{c.p(months, 'months')} thereafter, {c.a} shall provide such assistance as {c.b} may "
        f"reasonably request to transfer the {c.services} to {c.b} or a successor provider, "
        "including the services described in Exhibit H, at the rates then in effect.",
        key="transition",
    )


# --- lists of lines for long exhibits ---------------------------------------------------------

SECURITY_CONTROLS = [
    (
        "Governance",
        "Provider shall designate a qualified information security officer responsible for the "
        "information security program and shall review the program at least annually.",
    ),
    (
        "Policies",
        "Provider shall maintain written information security policies approved by management, "
        "communicated to all Personnel and reviewed at least annually.",
    ),
    (
        "Risk Assessment",
        "Provider shall perform a formal information security risk assessment at least annually "
        "and upon any material change to its systems or operations.",
    ),
    (
        "Asset Inventory",
        "Provider shall maintain an inventory of all hardware and software assets that store or "
        "process Customer Data, including their owners and locations.",
    ),
    (
        "Access Control",
        "Access to Customer Data shall be granted on a least-privilege and need-to-know basis, "
        "approved by an appropriate manager and reviewed at least quarterly.",
    ),
    (
        "Authentication",
        "Provider shall require multi-factor authentication for all remote access and for all "
        "administrative access to systems that store or process Customer Data.",
    ),
    (
        "Passwords",
        "Passwords shall be at least twelve characters long, shall not be shared, and shall be "
        "stored only in salted and hashed form using an industry-standard algorithm.",
    ),
    (
        "Encryption in Transit",
        "Customer Data transmitted over public networks shall be encrypted using TLS 1.2 or higher "
        "with strong cipher suites.",
    ),
    (
        "Encryption at Rest",
        "Customer Data at rest shall be encrypted using AES-256 or an equivalent algorithm, with "
        "keys managed in a dedicated key management system.",
    ),
    (
        "Network Security",
        "Provider shall protect its networks with firewalls, network segmentation and intrusion "
        "detection systems configured in accordance with industry standards.",
    ),
    (
        "Vulnerability Management",
        "Provider shall scan its systems for vulnerabilities at least monthly and shall remediate "
        "critical vulnerabilities within fifteen (15) days and high vulnerabilities within thirty "
        "(30) days of discovery.",
    ),
    (
        "Penetration Testing",
        "Provider shall engage an independent third party to perform penetration testing of its "
        "externally facing systems at least annually and shall share an executive summary of the "
        "results upon request.",
    ),
    (
        "Malware Protection",
        "Provider shall deploy and keep current anti-malware software on all endpoints and "
        "servers that access Customer Data.",
    ),
    (
        "Logging and Monitoring",
        "Provider shall log security-relevant events, protect logs against tampering, retain them "
        "for at least twelve (12) months and review them for anomalous activity.",
    ),
    (
        "Change Management",
        "Changes to production systems shall be documented, tested, approved and reversible, and "
        "emergency changes shall be reviewed after implementation.",
    ),
    (
        "Secure Development",
        "Provider shall follow a secure software development lifecycle, including code review, "
        "static analysis and security testing before release.",
    ),
    (
        "Segregation of Environments",
        "Development and test environments shall be separated from production, and Customer Data "
        "shall not be used in non-production environments without Customer's written consent.",
    ),
    (
        "Physical Security",
        "Facilities housing Customer Data shall be protected by badge access, visitor logs, video "
        "surveillance and environmental controls.",
    ),
    (
        "Personnel Security",
        "Personnel shall complete security awareness training upon hire and at least annually, "
        "and access shall be revoked within twenty-four (24) hours of termination.",
    ),
    (
        "Vendor Management",
        "Provider shall assess the security of each Subcontractor with access to Customer Data "
        "before engagement and periodically thereafter.",
    ),
    (
        "Backup",
        "Provider shall back up Customer Data at least daily, store backups in a geographically "
        "separate location and test restoration at least semi-annually.",
    ),
    (
        "Business Continuity",
        "Provider shall maintain and test at least annually a business continuity and disaster "
        "recovery plan with a recovery time objective of no more than twenty-four (24) hours.",
    ),
    (
        "Incident Response",
        "Provider shall maintain a documented incident response plan, test it at least annually "
        "and notify Customer of Security Incidents as required by the Agreement.",
    ),
    (
        "Data Retention and Disposal",
        "Customer Data shall be retained only as long as required to perform the Services and "
        "shall be securely destroyed in accordance with NIST SP 800-88 upon termination.",
    ),
    (
        "Mobile Devices",
        "Customer Data shall not be stored on removable media or mobile devices unless encrypted "
        "and approved in writing by Customer.",
    ),
    (
        "Audits and Certifications",
        "Provider shall maintain a SOC 2 Type II report or ISO/IEC 27001 certification covering "
        "the Services and shall provide the current report or certificate upon request.",
    ),
]

DPA_PARAGRAPHS = [
    (
        "Scope",
        "This Data Processing Addendum applies to the processing of Personal Data by Provider on "
        "behalf of Customer in connection with the Agreement. Customer is the controller and "
        "Provider is the processor of such Personal Data.",
    ),
    (
        "Instructions",
        "Provider shall process Personal Data only on the documented instructions of Customer, "
        "including with regard to transfers of Personal Data to a third country, unless required "
        "to do so by applicable law, in which case Provider shall inform Customer of that legal "
        "requirement before processing.",
    ),
    (
        "Confidentiality of Processing",
        "Provider shall ensure that persons authorized to process Personal Data have committed "
        "themselves to confidentiality or are under an appropriate statutory obligation of "
        "confidentiality.",
    ),
    (
        "Security of Processing",
        "Provider shall implement appropriate technical and organizational measures to ensure a "
        "level of security appropriate to the risk, including the measures described in Exhibit D.",
    ),
    (
        "Sub-processors",
        "Provider shall not engage another processor without the prior specific or general "
        "written authorization of Customer. Provider shall inform Customer of any intended "
        "changes concerning the addition or replacement of sub-processors at least thirty (30) "
        "days in advance, giving Customer the opportunity to object to such changes.",
    ),
    (
        "Data Subject Requests",
        "Taking into account the nature of the processing, Provider shall assist Customer by "
        "appropriate technical and organizational measures, insofar as possible, in responding to "
        "requests from data subjects to exercise their rights under applicable data protection law.",
    ),
    (
        "Assistance",
        "Provider shall assist Customer in ensuring compliance with its obligations relating to "
        "security of processing, notification of personal data breaches, data protection impact "
        "assessments and prior consultation with supervisory authorities.",
    ),
    (
        "Deletion or Return",
        "At the choice of Customer, Provider shall delete or return all Personal Data to Customer "
        "after the end of the provision of Services relating to processing, and delete existing "
        "copies unless applicable law requires their storage.",
    ),
    (
        "Audits",
        "Provider shall make available to Customer all information necessary to demonstrate "
        "compliance with this Addendum and shall allow for and contribute to audits, including "
        "inspections, conducted by Customer or another auditor mandated by Customer.",
    ),
    (
        "International Transfers",
        "Provider shall not transfer Personal Data outside the country in which it was collected "
        "unless such transfer is made in compliance with applicable data protection law, "
        "including, where required, by means of standard contractual clauses approved by the "
        "competent authority.",
    ),
    (
        "California Consumer Privacy Act",
        "To the extent the CCPA applies, Provider shall not sell or share Personal Data, retain, "
        "use or disclose Personal Data for any purpose other than performing the Services, or "
        "combine Personal Data with personal information received from other sources, except as "
        "permitted by the CCPA.",
    ),
    (
        "Liability",
        "Each party's liability arising out of or related to this Addendum is subject to the "
        "limitations and exclusions of liability set forth in the Agreement.",
    ),
]

EXIT_ITEMS = [
    "delivery of all Customer Data in a commonly used, machine-readable format reasonably "
    "specified by Customer;",
    "delivery of current run books, operating procedures, configuration documentation and "
    "knowledge articles used to provide the Services;",
    "knowledge transfer sessions between Provider's Key Personnel and Customer's or its "
    "successor provider's personnel;",
    "continued performance of the Services, in accordance with the Service Levels, during the "
    "transition period;",
    "reasonable cooperation with Customer's successor provider, including answering questions and "
    "providing information about the Services;",
    "assignment or transfer, where permitted, of third-party contracts used exclusively to "
    "provide the Services; and",
    "certified deletion of Customer Data from Provider's systems after Customer confirms the "
    "successful transfer.",
]

CHANGE_STEPS = [
    (
        "Change Request",
        "Either party may initiate a change by submitting a written change request describing "
        "the proposed change, its reason and the desired implementation date.",
    ),
    (
        "Impact Assessment",
        "Within ten (10) Business Days after receipt of a change request, Provider shall deliver "
        "an impact assessment setting out the effect of the change on the Services, Service "
        "Levels, Deliverables, schedule, Fees and any other terms.",
    ),
    (
        "Approval",
        "Customer shall approve or reject the impact assessment within ten (10) Business Days. "
        "No change shall be implemented until a Change Order has been executed by authorized "
        "representatives of both parties.",
    ),
    (
        "Emergency Changes",
        "Provider may implement an emergency change without prior approval where necessary to "
        "prevent imminent harm to Customer's systems or data, provided that Provider notifies "
        "Customer as soon as practicable and submits a change request within two (2) Business "
        "Days.",
    ),
    (
        "Records",
        "Provider shall maintain a log of all change requests, impact assessments and Change "
        "Orders and make it available to Customer upon request.",
    ),
]
