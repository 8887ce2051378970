"""Leases: a commercial lease with a basic lease information table, an office lease, a one-page
lease amendment; and a one-page services agreement (for image scans)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from .clauses import Ctx, q
from .contract_docs import Built
from .contract_facts import Facts, Names, add_months, round_money, some_date
from .contract_parts import intro, look_lawfirm, look_typewriter, us_signatures
from .legal_render import Block, Break, Doc, Grid, Head, Look, Node, Para, Sections, Title
from .legal_words import date_day_of, date_us, money, money_words, num, period

RULES = [
    "Sidewalks, entrances, passages, elevators and stairways shall not be obstructed or used "
    "for any purpose other than ingress and egress.",
    "No sign, advertisement or notice shall be displayed on any part of the Building except as "
    "approved in writing by Landlord.",
    "Tenant shall not overload the floors of the Premises beyond fifty (50) pounds per square "
    "foot live load.",
    "No additional locks shall be placed on any door without Landlord's prior written consent.",
    "Tenant shall not use the Premises for lodging or for any illegal purpose.",
    "Deliveries of furniture, equipment and bulky items shall be made only through the service "
    "entrance and freight elevator at times approved by Landlord.",
    "Tenant shall not keep animals (other than service animals) in the Building.",
    "Tenant shall comply with the Building's recycling and waste separation program.",
    "Smoking and vaping are prohibited in the Building and within twenty-five (25) feet of any "
    "entrance.",
    "Tenant shall close all windows and lock all doors of the Premises at the end of each "
    "business day.",
    "Canvassing, soliciting and peddling in the Building are prohibited.",
    "Tenant shall not install any antenna, satellite dish or other equipment on the roof "
    "without Landlord's prior written consent.",
]


def _lease_sections(
    c: Ctx,
    f: Facts,
    *,
    premises: str,
    rsf: int,
    annual: Decimal,
    monthly: Decimal,
    deposit: Decimal,
    escalation: int,
    comm: date,
    option_days: int,
    law: str,
) -> list[Node]:
    assert f.term and f.expiration and f.payment_terms
    nodes = [
        Node(
            "Premises",
            f"Landlord hereby leases to Tenant, and Tenant hereby leases from Landlord, the "
            f"premises located at {premises}, consisting of approximately {rsf:,} rentable square "
            "feet as shown on Exhibit A (the “Premises”), together with the non-exclusive right "
            "to use the common areas of the Building and the Project.",
        ),
        Node(
            "Term",
            c.pick(
                f"The term of this Lease shall be {period(f.term[0], f.term[1])} (the {q('Term')}), "
                f"commencing on {date_us(comm)} (the {q('Commencement Date')}) and ending on "
                f"{date_us(f.expiration)} (the {q('Expiration Date')}), unless sooner terminated "
                "as provided herein.",
                f"The {q('Term')} of this Lease shall commence on {date_us(comm)} (the "
                f"{q('Commencement Date')}) and shall expire at 11:59 p.m. local time on "
                f"{date_us(f.expiration)} (the {q('Expiration Date')}), a period of "
                f"{period(f.term[0], f.term[1])}, unless sooner terminated in accordance with "
                "this Lease.",
            )
            + " "
            + c.pick(
                "This Lease shall not renew automatically.",
                "There is no automatic renewal of this Lease, and any holding over shall be "
                "governed by the holdover provisions below.",
            )
            + f" Provided Tenant is not then in default, Tenant shall have one (1) option to "
            f"extend the Term for a period of five (5) years by delivering written notice to "
            f"Landlord not less than {period(option_days, 'days')} prior to the Expiration Date, "
            "at a Base Rent equal to ninety-five percent (95%) of the then fair market rent.",
            key="term",
        ),
        Node(
            "Rent",
            None,
            [
                Node(
                    "Base Rent",
                    c.pick(
                        f"Tenant shall pay to Landlord annual base rent of {money(annual)} "
                        f"({q('Base Rent')}) for the first Lease Year, payable in equal monthly "
                        f"installments of {money(monthly)}.",
                        f"Base Rent for the first Lease Year shall be {money_words(annual)} per "
                        f"annum, payable in equal monthly installments of {money(monthly)} each.",
                    )
                    + f" Base Rent shall increase by {num(escalation)} percent ({escalation}%) on "
                    "the first day of each Lease Year thereafter, as set forth in Exhibit B.",
                ),
                Node(
                    "Payment",
                    f"Base Rent and Tenant's Share of Operating Expenses shall be payable "
                    f"{f.payment_terms}, without demand, deduction or set-off, at the address of "
                    "Landlord set forth herein or such other place as Landlord may designate. "
                    "Rent for any partial month shall be prorated on a per diem basis.",
                ),
                Node(
                    "Late Charge",
                    "If any installment of Rent is not received by Landlord within five (5) days "
                    "after its due date, Tenant shall pay a late charge equal to five percent (5%) "
                    "of the overdue amount, and overdue amounts shall bear interest at the rate "
                    "of twelve percent (12%) per annum until paid.",
                ),
            ],
        ),
        Node(
            "Security Deposit",
            f"Upon execution of this Lease, Tenant shall deposit with Landlord the sum of "
            f"{money(deposit)} as security for the performance of Tenant's obligations. Landlord "
            "may apply the deposit to cure any default, and Tenant shall restore the deposit "
            "within ten (10) days after demand. Landlord shall return any unapplied balance "
            "within thirty (30) days after the expiration of the Term.",
        ),
        Node(
            "Operating Expenses and Taxes",
            "Tenant shall pay, as additional rent, Tenant's Share of the amount by which "
            "Operating Expenses and Taxes for each calendar year exceed those for the Base Year. "
            "Landlord shall deliver an estimate before the beginning of each calendar year and a "
            "reconciliation statement within one hundred twenty (120) days after its end. Tenant "
            "may audit Landlord's records relating to Operating Expenses once per calendar year "
            "upon sixty (60) days' prior notice.",
        ),
        Node(
            "Use",
            "Tenant shall use the Premises solely for general office purposes and for no other "
            "purpose without Landlord's prior written consent. Tenant shall comply with all laws, "
            "ordinances and regulations applicable to its use of the Premises and with the Rules "
            "and Regulations attached as Exhibit C.",
        ),
        Node(
            "Utilities and Services",
            "Landlord shall furnish heating, ventilation and air conditioning during Building "
            "hours (8:00 a.m. to 6:00 p.m. Monday through Friday and 9:00 a.m. to 1:00 p.m. on "
            "Saturday, excluding holidays), electricity for normal office use, water, elevator "
            "service and janitorial service five (5) days per week. After-hours HVAC shall be "
            "provided at Landlord's then-standard hourly charge.",
        ),
        Node(
            "Maintenance and Repairs",
            "Landlord shall maintain the structural portions of the Building, the roof, and the "
            "base Building systems in good condition and repair. Tenant shall, at its expense, "
            "keep the interior of the Premises in good condition and repair, reasonable wear and "
            "tear and casualty excepted.",
        ),
        Node(
            "Alterations",
            "Tenant shall not make any alterations, additions or improvements to the Premises "
            "without Landlord's prior written consent, which shall not be unreasonably withheld "
            "for non-structural alterations costing less than $25,000. All alterations shall be "
            "performed by licensed contractors approved by Landlord and in compliance with all "
            "applicable laws.",
        ),
        Node(
            "Assignment and Subletting",
            "Tenant shall not assign this Lease or sublet all or any part of the Premises without "
            "Landlord's prior written consent, which shall not be unreasonably withheld, "
            "conditioned or delayed. Any transfer to an affiliate of Tenant or to a successor by "
            "merger shall not require consent, provided Tenant gives Landlord written notice "
            "thereof. Tenant shall pay Landlord fifty percent (50%) of any sublease profit.",
        ),
        Node(
            "Insurance",
            "Tenant shall maintain commercial general liability insurance with limits of not "
            "less than $2,000,000 per occurrence, property insurance covering its personal "
            "property and improvements at full replacement cost, and business interruption "
            "insurance. Landlord shall maintain property insurance on the Building. Each party "
            "waives claims against the other to the extent covered by its property insurance.",
        ),
        Node(
            "Indemnity",
            "Except to the extent caused by the negligence or willful misconduct of Landlord, "
            "Tenant shall indemnify and hold harmless Landlord from all claims arising from the "
            "use of the Premises by Tenant or its agents, employees or invitees.",
        ),
        Node(
            "Casualty and Condemnation",
            "If the Premises are damaged by fire or other casualty, Landlord shall repair the "
            "damage within one hundred eighty (180) days, and Rent shall abate in proportion to "
            "the untenantable portion. If the repairs cannot be completed within such period, "
            "either party may terminate this Lease. If all or a material part of the Premises is "
            "taken by eminent domain, this Lease shall terminate as of the date of the taking.",
        ),
        Node(
            "Default",
            "Each of the following shall be an event of default: (a) Tenant's failure to pay Rent "
            "within five (5) days after written notice that it is due; (b) Tenant's failure to "
            "perform any other obligation within thirty (30) days after written notice; or (c) "
            "Tenant's bankruptcy or insolvency. Upon an event of default, Landlord may terminate "
            "this Lease, re-enter the Premises and recover all damages permitted by law, "
            "including the present value of the Rent for the remainder of the Term.",
        ),
        Node(
            "Surrender; Holdover",
            "Upon the expiration or termination of this Lease, Tenant shall surrender the "
            "Premises in good condition, ordinary wear and tear excepted. If Tenant remains in "
            "possession after the expiration of the Term, Tenant shall be a tenant at sufferance "
            "and shall pay Base Rent at one hundred fifty percent (150%) of the rate in effect "
            "immediately before the expiration.",
        ),
        Node(
            "Quiet Enjoyment",
            "So long as Tenant is not in default, Tenant shall peaceably and quietly enjoy the "
            "Premises during the Term without hindrance by Landlord or anyone claiming through "
            "Landlord.",
        ),
        Node(
            "Subordination; Estoppel Certificates",
            "This Lease is subordinate to any mortgage now or hereafter encumbering the Building, "
            "provided the holder agrees not to disturb Tenant's possession so long as Tenant is "
            "not in default. Within ten (10) business days after request, Tenant shall deliver "
            "an estoppel certificate in the form reasonably required by Landlord or its lender.",
        ),
        Node(
            "Hazardous Materials",
            "Tenant shall not bring any hazardous materials onto the Premises other than "
            "customary office and cleaning supplies used in compliance with applicable law.",
        ),
        Node(
            "Access",
            "Landlord may enter the Premises upon at least twenty-four (24) hours' notice (except "
            "in an emergency) to inspect, make repairs or show the Premises to prospective "
            "purchasers, lenders or, during the last nine (9) months of the Term, tenants.",
        ),
        Node(
            "Parking",
            "Tenant shall have the right to use, in common with other tenants, up to three (3) "
            "parking spaces per 1,000 rentable square feet of the Premises in the Project's "
            "parking facilities, at no additional charge during the initial Term.",
        ),
        Node(
            "Brokers",
            "Each party represents that it has dealt with no broker in connection with this "
            "Lease other than the brokers named in the Basic Lease Information, whose "
            "commissions Landlord shall pay under separate agreement.",
        ),
        Node(
            "Notices",
            "All notices under this Lease shall be in writing and delivered personally, by "
            "certified mail, return receipt requested, or by nationally recognized overnight "
            "courier to the addresses set forth in the Basic Lease Information.",
        ),
        Node(
            "Governing Law",
            f"This Lease shall be governed by and construed in accordance with the laws of the "
            f"State of {law}.",
            key="law",
        ),
        Node(
            "Miscellaneous",
            "This Lease, including its Exhibits, contains the entire agreement between the "
            "parties and may be modified only by a written instrument signed by both parties. "
            "Time is of the essence of this Lease. If any provision is held invalid, the "
            "remainder of this Lease shall not be affected. This Lease shall bind and benefit "
            "the parties and their respective successors and permitted assigns. Submission of "
            "this Lease for examination does not constitute an offer to lease. This Lease may be "
            "executed in counterparts.",
        ),
    ]
    return nodes


def lease(key: str, rng: random.Random, names: Names, error: str | None, variant: str) -> Built:
    """``typewriter``: Courier commercial lease, "made this 3rd day of March, 2021";
    ``office``: office lease in a law-firm layout; ``contract.expiration_after_effective``: the
    stated expiry date has the wrong year."""
    ll = names.us_org(
        rng, "realty", entity=rng.choice(["limited liability company", "limited partnership"])
    )
    tn = names.us_org(rng, rng.choice(["tech", "services", "health"]))
    ll.short, tn.short = "Landlord", "Tenant"
    eff = some_date(rng, 2018, 2024)
    comm = add_months(date(eff.year, eff.month, 1), rng.choice([1, 2, 3]))
    if variant == "office":
        term = (rng.choice([62, 63, 65, 87]), "months")
        exp = add_months(comm, term[0]) - timedelta(days=1)
        law = rng.choice(["Illinois", "Georgia", "Colorado"])
        state_city = {
            "Illinois": ("Chicago", "IL", "60606"),
            "Georgia": ("Atlanta", "GA", "30303"),
            "Colorado": ("Denver", "CO", "80202"),
        }[law]
    else:
        term = (rng.choice([3, 5, 7, 10]), "years")
        exp = date(comm.year + term[0], comm.month, 1) - timedelta(days=1)
        law = "Texas"
        state_city = rng.choice(
            [("Austin", "TX", "78701"), ("Dallas", "TX", "75201"), ("Houston", "TX", "77002")]
        )
    if error == "contract.expiration_after_effective":
        exp = date(comm.year - 1, exp.month, exp.day)  # typo in the year
    rsf = rng.randrange(2400, 18000, 50)
    rate = Decimal(rng.choice([18.5, 21, 22.75, 24, 26.5, 29, 32.25])).quantize(Decimal("0.01"))
    annual = (rsf * rate).quantize(Decimal("1")).quantize(Decimal("0.01"))
    annual -= annual % 12  # keep monthly installments in whole cents
    monthly = (annual / 12).quantize(Decimal("0.01"))
    deposit = (monthly * 2).quantize(Decimal("0.01"))
    escalation = rng.choice([2, 3, 3, 4])
    phrase = rng.choice(
        [
            "monthly in advance on the first day of each calendar month",
            "in advance on the first (1st) day of each calendar month",
        ]
    )
    title = (
        rng.choice(["COMMERCIAL LEASE AGREEMENT", "LEASE AGREEMENT"])
        if variant != "office"
        else "OFFICE LEASE"
    )
    f = Facts(
        kind="lease",
        title=title,
        parties=[ll, tn],
        effective=eff,
        eff_mode="made_day" if variant != "office" else "as_of",
        commencement=comm,
        term=term,
        expiration=exp,
        auto_renewal=False,
        law=law,
        value=annual,
        payment_terms=phrase,
    )
    c = Ctx(rng, "Landlord", "Tenant", agr="Lease")
    city, st, zip_ = state_city
    premises = f"Suite {rng.randint(1, 9)}{rng.choice(['00', '10', '50'])}, {rng.randint(100, 9900)} {rng.choice(['Commerce Street', 'Congress Avenue', 'Main Street', 'Peachtree Road', 'West Adams Street', 'Larimer Street'])}, {city}, {st} {zip_}"
    option_days = rng.choice([180, 270, 365])
    nodes = _lease_sections(
        c,
        f,
        premises=premises,
        rsf=rsf,
        annual=annual,
        monthly=monthly,
        deposit=deposit,
        escalation=escalation,
        comm=comm,
        option_days=option_days,
        law=law,
    )
    ref_title = "Lease Agreement" if title != "OFFICE LEASE" else "Office Lease"
    if f.eff_mode == "made_day":
        pre = (
            f"THIS {title} (this {q('Lease')}) is made and entered into this {date_day_of(eff)}, "
            f"by and between {intro(ll)} and {intro(tn)}."
        )
    else:
        pre = (
            f"This {ref_title} (this {q('Lease')}) is entered into as of {date_us(eff)} (the "
            f"{q('Effective Date')}) by and between {intro(ll)}, and {intro(tn)}."
        )
    bli = [
        ["Item", "Basic Lease Information"],
        ["Landlord", f"{ll.name}<br/>{', '.join(ll.address)}"],
        ["Tenant", f"{tn.name}<br/>{', '.join(tn.address)}"],
        ["Premises", f"{premises} (approximately {rsf:,} rentable square feet)"],
        ["Term", period(*term)],
        ["Commencement Date", date_us(comm)],
        ["Expiration Date", date_us(exp)],
        ["Base Rent (Lease Year 1)", f"{money(annual)} per annum ({money(monthly)} per month)"],
        ["Annual Escalation", f"{escalation}%"],
        ["Security Deposit", money(deposit)],
        ["Tenant's Share", f"{rng.uniform(2, 18):.2f}%"],
        ["Permitted Use", "General office use"],
        [
            "Brokers",
            f"{rng.choice(['Cushman', 'Colliers', 'Newmark', 'Avison'])} {rng.choice(['Realty Advisors', 'Commercial Group', 'Partners'])} (Landlord); {rng.choice(['Tenant Advisory Group', 'Occupier Services LLC', 'none'])} (Tenant)",
        ],
    ]
    rent_rows = [["Lease Year", "Period", "Annual Base Rent", "Monthly Installment"]]
    years = term[0] if term[1] == "years" else (term[0] + 11) // 12
    yearly = annual
    start = comm
    for y in range(1, years + 1):
        end = (
            min(add_months(start, 12) - timedelta(days=1), exp)
            if error is None
            else add_months(start, 12) - timedelta(days=1)
        )
        rent_rows.append(
            [
                str(y),
                f"{date_us(start)} – {date_us(end)}",
                money(yearly),
                money((yearly / 12).quantize(Decimal("0.01"))),
            ]
        )
        start = end + timedelta(days=1)
        yearly = (yearly * (100 + escalation) / 100).quantize(Decimal("0.01"))
    allowance = Decimal(rsf * rng.choice([10, 15, 25, 40])).quantize(Decimal("0.01"))
    blocks: list[Block] = [
        Title(title),
        Para(pre),
    ]
    if variant == "office":
        look = look_lawfirm(rng, numbering="article-arabic")
        blocks += [
            Head("BASIC LEASE INFORMATION", align="c"),
            Grid(bli, [0.3, 0.7], style="boxed"),
            Para(
                "The Basic Lease Information is incorporated into and made a part of this Lease. "
                "In the event of any conflict between the Basic Lease Information and the "
                "remainder of this Lease, the remainder of this Lease shall control."
            ),
            Sections(nodes),
        ]
    else:
        look = look_typewriter(rng)
        look.size, look.leading = 10.5, 13.5
        blocks += [
            Para(
                "In consideration of the rents, covenants and agreements herein contained, "
                "Landlord and Tenant agree as follows:"
            ),
            Sections(nodes[:1]),
            Grid(bli[1:], [0.3, 0.7], header=False, style="grid"),
            Sections(nodes[1:], start=2),
        ]
    blocks += [
        Para("[Signature page follows]", align="c"),
        Break(),
        *us_signatures(
            f,
            c,
            roles=["LANDLORD:", "TENANT:"],
            witness=f"IN WITNESS WHEREOF, Landlord and Tenant have executed this Lease as of the "
            f"{'day and year first above written' if f.eff_mode == 'made_day' else 'Effective Date'}.",
            cols=1 if variant != "office" else 2,
        ),
        Break(),
        Head("EXHIBIT A", align="c"),
        Head("DESCRIPTION OF THE PREMISES", align="c"),
        Para(
            f"The Premises consist of approximately {rsf:,} rentable square feet located at "
            f"{premises}, as outlined on the floor plan on file with Landlord and initialed by "
            "the parties. The floor plan is attached solely to show the location of the Premises "
            "and does not constitute a representation as to the dimensions of the Premises."
        ),
        Head("EXHIBIT B", align="c"),
        Head("BASE RENT SCHEDULE", align="c"),
        Grid(rent_rows, [0.12, 0.44, 0.22, 0.22], align=["c", "l", "r", "r"]),
        Head("EXHIBIT C", align="c"),
        Head("RULES AND REGULATIONS", align="c"),
        *[Para(f"{i}.&nbsp;&nbsp;{r}", first=False, space=4) for i, r in enumerate(RULES, 1)],
        Break(),
        Head("EXHIBIT D", align="c"),
        Head("WORK LETTER", align="c"),
        *[
            Para(f"{i}.&nbsp;&nbsp;<u>{h}</u>. {t}")
            for i, (h, t) in enumerate(work_letter(allowance), 1)
        ],
        Head("EXHIBIT E", align="c"),
        Head("FORM OF ESTOPPEL CERTIFICATE", align="c"),
        Para(
            "The undersigned, as Tenant under the Lease described below, hereby certifies to "
            "Landlord and to any prospective purchaser or lender of the Building as follows:"
        ),
        *[Para(f"{i}.&nbsp;&nbsp;{t}", first=False, space=4) for i, t in enumerate(ESTOPPEL, 1)],
        Para(
            "TENANT: ______________________________<br/>By: ______________________________<br/>"
            "Name: ____________________________<br/>Title: _____________________________<br/>"
            "Date: _____________________________",
            first=False,
        ),
        Break(),
        Head("EXHIBIT F", align="c"),
        Head("FORM OF COMMENCEMENT DATE MEMORANDUM", align="c"),
        Para(
            "This Commencement Date Memorandum is entered into by Landlord and Tenant pursuant to "
            "the Lease. Landlord and Tenant confirm that: (a) the Commencement Date of the Lease is "
            "____________________; (b) the Expiration Date of the Lease is ____________________; "
            "(c) the Premises contain ________ rentable square feet; and (d) Tenant has accepted "
            "the Premises in their present condition, subject to punch-list items to be completed "
            "by Landlord within thirty (30) days."
        ),
        Grid(
            [
                ["LANDLORD", "TENANT"],
                ["By: ____________________", "By: ____________________"],
                ["Name: __________________", "Name: __________________"],
                ["Title: ___________________", "Title: ___________________"],
            ],
            [0.5, 0.5],
            style="plain",
        ),
    ]
    return Built(f, Doc(blocks, ref_title, ll.name), look, f"lease-{variant}")


ESTOPPEL = [
    "The Lease is in full force and effect and has not been modified, supplemented or amended "
    "except as follows: ____________________.",
    "Tenant has accepted and is in possession of the Premises, and all improvements required to "
    "be made by Landlord have been completed to Tenant's satisfaction.",
    "Base Rent is currently payable in the amount of $____________ per month and has been paid "
    "through ____________________. No Rent has been paid more than one month in advance.",
    "To Tenant's knowledge, Landlord is not in default under the Lease and Tenant has no "
    "defense, offset or counterclaim against the enforcement of the Lease.",
    "Tenant has not assigned the Lease or sublet any portion of the Premises.",
    "The security deposit held by Landlord is $____________.",
    "Tenant has no option or right of first refusal to purchase the Premises or the Building.",
]


def work_letter(allowance: Decimal) -> list[tuple[str, str]]:
    return [
        (
            "Tenant Improvements",
            "Landlord shall construct the improvements to the Premises shown "
            "on the space plan approved by the parties (the “Tenant Improvements”) using Building "
            "standard materials, in a good and workmanlike manner and in compliance with all "
            "applicable laws, including the Americans with Disabilities Act.",
        ),
        (
            "Allowance",
            f"Landlord shall provide an allowance of up to {money(allowance)} (the "
            "“Allowance”) toward the cost of the design and construction of the Tenant Improvements. "
            "Any cost in excess of the Allowance shall be paid by Tenant within thirty (30) days "
            "after invoice. Any unused portion of the Allowance shall remain the property of "
            "Landlord.",
        ),
        (
            "Construction Documents",
            "Tenant shall deliver its final space plan within twenty (20) "
            "business days after the date of this Lease. Landlord's architect shall prepare "
            "construction documents based on the approved space plan, which Tenant shall approve "
            "within five (5) business days after receipt.",
        ),
        (
            "Change Orders",
            "Tenant may request changes to the approved construction documents. "
            "Any delay or additional cost caused by a change requested by Tenant shall be a Tenant "
            "Delay and shall be borne by Tenant.",
        ),
        (
            "Substantial Completion",
            "The Tenant Improvements shall be deemed substantially "
            "complete when Landlord's architect certifies that they have been completed in "
            "accordance with the construction documents, subject only to punch-list items that do "
            "not materially interfere with Tenant's use of the Premises.",
        ),
        (
            "Tenant Delay",
            "If substantial completion is delayed by any act or omission of Tenant, "
            "the Commencement Date shall be the date on which substantial completion would have "
            "occurred but for such delay.",
        ),
        (
            "Supervision Fee",
            "Landlord shall be entitled to a construction supervision fee equal "
            "to three percent (3%) of the total cost of the Tenant Improvements, payable out of the "
            "Allowance.",
        ),
    ]


def lease_typewriter(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    return lease(key, rng, names, error, "typewriter")


def lease_office(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    return lease(key, rng, names, error, "office")


def lease_amendment(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """One page: FIRST AMENDMENT TO LEASE, extends the term and sets the new rent."""
    ll = names.us_org(rng, "realty", entity="limited liability company")
    tn = names.us_org(rng, "logistics")
    ll.short, tn.short = "Landlord", "Tenant"
    orig = some_date(rng, 2014, 2018)
    eff = orig + timedelta(days=rng.randint(1300, 1900))
    old_exp = date(eff.year, 12, 31) if eff.month < 10 else date(eff.year + 1, 12, 31)
    years = rng.choice([2, 3, 5])
    new_exp = date(old_exp.year + years, 12, 31)
    annual = round_money(rng, 60000, 240000, 600)
    law = "Colorado"
    ordinal = rng.choice(["FIRST", "SECOND"])
    f = Facts(
        kind="lease-amendment",
        title=f"{ordinal} AMENDMENT TO LEASE AGREEMENT",
        parties=[ll, tn],
        effective=eff,
        eff_mode="as_of",
        term=(years, "years"),
        expiration=new_exp,
        law=law,
        value=annual,
        payment_terms="monthly in advance",
    )
    c = Ctx(rng, "Landlord", "Tenant", agr="Amendment")
    premises = f"{rng.randint(1000, 9999)} {rng.choice(['Industrial Parkway', 'Distribution Drive', 'Quebec Street'])}, {rng.choice(['Aurora', 'Denver', 'Commerce City'])}, Colorado"
    items = [
        f"<u>Extension of Term</u>. The Term of the Lease is hereby extended for a period of "
        f"{period(years, 'years')} (the {q('Extension Term')}), commencing on "
        f"{date_us(old_exp + timedelta(days=1))} and expiring on {date_us(new_exp)}.",
        f"<u>Base Rent</u>. During the Extension Term, Tenant shall pay annual Base Rent of "
        f"{money(annual)}, payable monthly in advance in equal installments of "
        f"{money((annual / 12).quantize(Decimal('0.01')))}, in accordance with Section 4 of the "
        "Lease.",
        "<u>Condition of Premises</u>. Tenant accepts the Premises in their “as-is” condition, "
        "and Landlord shall have no obligation to make any improvements for the Extension Term.",
        "<u>No Further Renewal</u>. Tenant's option to extend under Section 3.2 of the Lease is "
        "hereby deleted and is of no further force or effect.",
        "<u>Ratification</u>. Except as modified by this Amendment, the Lease remains unmodified "
        "and in full force and effect, and is hereby ratified and confirmed. In the event of a "
        "conflict between the Lease and this Amendment, this Amendment shall control.",
        f"<u>Governing Law; Counterparts</u>. This Amendment shall be governed by the laws of the "
        f"State of {law}. This Amendment may be executed in counterparts and by electronic "
        "signature.",
    ]
    blocks: list[Block] = [
        Title(f.title, size=12),
        Para(
            f"This {ordinal.title()} Amendment to Lease Agreement (this {q('Amendment')}) is "
            f"entered into as of {date_us(eff)} by and between {intro(ll)}, and {intro(tn)}."
        ),
        Para("<b>RECITALS</b>", align="c", first=False, space=3),
        Para(
            f"A. Landlord and Tenant are parties to that certain Lease Agreement dated "
            f"{date_us(orig)} (the {q('Lease')}) for premises located at {premises} (the "
            f"{q('Premises')}), the term of which is scheduled to expire on {date_us(old_exp)}."
        ),
        Para(
            "B. Landlord and Tenant desire to extend the term of the Lease and to amend the Lease "
            "as set forth below. NOW, THEREFORE, for good and valuable consideration, the receipt "
            "and sufficiency of which are acknowledged, the parties agree as follows:"
        ),
        *[Para(f"{i}.&nbsp;&nbsp;{t}", space=3) for i, t in enumerate(items, 1)],
        *us_signatures(
            f,
            c,
            roles=["LANDLORD:", "TENANT:"],
            witness="IN WITNESS WHEREOF, the parties have executed this Amendment as of the date "
            "first written above.",
        ),
    ]
    look = Look(
        key="amendment",
        font="times",
        size=10,
        leading=12,
        justify=True,
        first_indent=0,
        numbering="section",
        footer=None,
        margins=(66, 66, 54, 48),
        title_size=12,
        space=4,
    )
    return Built(f, Doc(blocks, "Lease Amendment", ll.name), look, "lease-amendment")


def services_one_page(key: str, rng: random.Random, names: Names, error: str | None) -> Built:
    """A one-page facilities services agreement with a header table (for an image scan)."""
    prov = names.us_org(rng, "facilities", entity="limited liability company")
    cli = names.us_org(rng, "health")
    prov.short, cli.short = "Contractor", "Client"
    eff = some_date(rng)
    monthly = round_money(rng, 1200, 6000, 25)
    f = Facts(
        kind="services",
        title="SERVICES AGREEMENT",
        parties=[prov, cli],
        effective=eff,
        eff_mode="as_of",
        term=(1, "years"),
        auto_renewal=True,
        renewal=(1, "years"),
        nonrenewal_days=30,
        law="Ohio",
        value=monthly,
        payment_terms="within fifteen (15) days of the invoice date",
    )
    c = Ctx(rng, "Contractor", "Client", numbers="both")
    head = [
        ["Contractor", f"{prov.name}, {', '.join(prov.address)}"],
        ["Client", f"{cli.name}, {', '.join(cli.address)}"],
        ["Effective Date", date_us(eff)],
        [
            "Services",
            "Janitorial and day-porter services for the Client's medical office building "
            "(see Section 1)",
        ],
        ["Monthly Fee", f"{money(monthly)} per month"],
    ]
    terms = [
        (
            "Services",
            "Contractor shall provide nightly janitorial services five (5) nights per "
            "week, restroom sanitation, trash and recycling removal, and a day porter from 8:00 a.m. "
            "to 4:30 p.m. on business days, in accordance with the cleaning specification agreed by "
            "the parties.",
        ),
        (
            "Term and Renewal",
            f"This Agreement has an initial term of {period(1, 'years')} from "
            "the Effective Date and shall automatically renew for successive one (1) year terms "
            "unless either party gives written notice of non-renewal at least thirty (30) days "
            "prior to the end of the then-current term.",
        ),
        (
            "Fees and Payment",
            f"Client shall pay the Monthly Fee of {money(monthly)}. Contractor "
            f"shall invoice monthly in arrears, and Client shall pay each invoice {f.payment_terms}. "
            "Supplies are included; extra work requested in writing is billed at $38.00 per hour.",
        ),
        (
            "Personnel",
            "Contractor's employees shall be trained in bloodborne pathogen and HIPAA "
            "awareness, shall wear identification badges, and shall comply with Client's security "
            "procedures.",
        ),
        (
            "Insurance",
            "Contractor shall maintain general liability insurance of $1,000,000 per "
            "occurrence, workers' compensation as required by law, and a janitorial fidelity bond "
            "of $25,000.",
        ),
        (
            "Termination for Cause",
            "Either party may terminate this Agreement if the other party "
            "fails to cure a material breach within thirty (30) days after written notice.",
        ),
        ("Governing Law", "This Agreement is governed by the laws of the State of Ohio."),
        (
            "Entire Agreement",
            "This Agreement is the entire agreement of the parties regarding "
            "the Services and may be amended only in a writing signed by both parties.",
        ),
    ]
    blocks: list[Block] = [
        Title("SERVICES AGREEMENT", size=13),
        Grid(head, [0.2, 0.8], header=False, style="grid", size=8.5),
        Para(
            f"This Services Agreement is entered into as of the Effective Date by and between "
            f"{prov.name} ({q('Contractor')}) and {cli.name} ({q('Client')}).",
            first=False,
        ),
        *[Para(f"<b>{i}. {h}.</b> {t}", first=False, space=3) for i, (h, t) in enumerate(terms, 1)],
        *us_signatures(
            f,
            c,
            dated=False,
            witness="Agreed and accepted by the parties' authorized representatives:",
        ),
    ]
    look = Look(
        key="onepage",
        font="helvetica",
        size=8.5,
        leading=10.5,
        justify=False,
        numbering="section",
        footer=None,
        margins=(54, 54, 48, 40),
        title_size=13,
        space=3,
    )
    return Built(f, Doc(blocks, "Services Agreement", prov.name), look, "services-onepage")


__all__ = [
    "lease_amendment",
    "lease_office",
    "lease_typewriter",
    "services_one_page",
]
