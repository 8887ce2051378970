"""Documents that are none of invoice, claim or contract, for the classifier's ``unknown`` class.

    python -m samples.generator.unknown [--seed 2024] [--out samples/unknown] [--check]

Twelve documents in several layouts: business letters (one mentions invoices in passing, one
sends a contract for signature, one is a reference letter), meeting agendas (board meeting,
steering committee), a two-column resume and an English CV, an advance ship notice, a packing slip
and an English delivery note (item codes and quantities, no prices, no totals), a German
Lieferschein and a French letter. Three are scans (the steering committee agenda as an image-only
PDF, the packing slip as PNG, the French letter as JPEG). Expected JSON:
``{"document_type": "unknown", "scanned": …, "fields": {}}`` plus ``layout``, ``language``,
``pages`` (and ``scan`` for scans), as in the invoice set. Seeded and byte-reproducible.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen.canvas import Canvas

from . import fakedata as fd
from .contract_facts import Names, gb_address, person, us_address
from .formatting import fmt_date
from .layouts.base import FONTSETS, LOGO_KINDS, Pen, draw_logo
from .legal_words import date_us
from .scan import EXTENSIONS, ScanSettings, scan_pdf
from .sets import expected_documents, pages_and_text, run_cli

RGB = tuple[float, float, float]
COLORS: list[RGB] = [
    (0.1, 0.25, 0.5),
    (0.0, 0.38, 0.35),
    (0.45, 0.12, 0.12),
    (0.3, 0.3, 0.3),
    (0.36, 0.2, 0.5),
]


@dataclass
class Page:
    """A canvas with a pen and a cursor, for documents drawn top-down."""

    c: Canvas
    pen: Pen
    width: float
    height: float
    left: float
    right: float
    y: float
    pages: int = 1

    def para(
        self,
        text: str,
        size: float = 10,
        style: str = "r",
        leading: float | None = None,
        indent: float = 0,
        after: float = 6,
        width: float | None = None,
    ) -> None:
        lead = leading or size * 1.32
        w = (width or (self.right - self.left)) - indent
        for line in self.pen.wrap(text, w, size, style):
            if self.y < 60:
                self.new_page()
            self.pen.text(self.left + indent, self.y, line, size, style)
            self.y -= lead
        self.y -= after

    def new_page(self) -> None:
        self.c.showPage()
        self.pages += 1
        self.y = self.height - 60


def canvas(
    path: Path, size: tuple[float, float], font: str, title: str, author: str, margin: float = 72
) -> Page:
    c = Canvas(str(path), pagesize=size, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator(author)
    c.setProducer("bpo-toolkit sample generator")
    pen = Pen(c, FONTSETS[font], (0.1, 0.1, 0.1))
    return Page(c, pen, size[0], size[1], margin, size[0] - margin, size[1] - margin)


def letterhead(
    p: Page, rng: random.Random, name: str, lines: list[str], color: RGB, style: str
) -> None:
    pen = p.pen
    if style == "bar":
        pen.rect(0, p.height - 14, p.width, 14, fill=color)
        draw_logo(
            pen,
            rng.choice(LOGO_KINDS),
            p.left,
            p.height - 78,
            34,
            color,
            (0.7, 0.7, 0.7),
            "".join(w[0] for w in name.split()[:2]),
        )
        pen.text(p.left + 44, p.height - 58, name, 15, "b", color=color)
        pen.text(p.left + 44, p.height - 72, " · ".join(lines), 7.5, color=(0.35, 0.35, 0.35))
        p.y = p.height - 120
    elif style == "centered":
        pen.text(p.width / 2, p.height - 58, name.upper(), 14, "b", "c", color=color, spacing=1.2)
        pen.text(p.width / 2, p.height - 72, " | ".join(lines), 8, align="c")
        pen.hline(p.left, p.right, p.height - 80, 0.6, color)
        p.y = p.height - 118
    else:  # right-aligned block
        draw_logo(
            pen,
            rng.choice(LOGO_KINDS),
            p.left,
            p.height - 86,
            40,
            color,
            (0.75, 0.75, 0.75),
            "".join(w[0] for w in name.split()[:2]),
        )
        y = p.height - 54
        pen.text(p.right, y, name, 12, "b", "r", color=color)
        for ln in lines:
            y -= 11
            pen.text(p.right, y, ln, 8, align="r")
        p.y = p.height - 130


def some_day(rng: random.Random) -> date:
    return date(2023, 1, 2) + timedelta(days=rng.randrange(700))


# --- letters --------------------------------------------------------------------------------------

LETTER_BODIES: dict[str, list[str]] = {
    "address": [
        "We are writing to let you know that, effective {date2}, our accounting and customer "
        "service teams will move to our new regional office at the address shown above. Our "
        "telephone numbers and e-mail addresses will not change.",
        "Please update your vendor records accordingly. Invoices issued after the move will show "
        "the new remittance address; payments already scheduled to our former address will be "
        "forwarded for ninety days, so no action is needed on open items.",
        "Our warehouse and pickup hours are not affected by the move. If you have any questions, "
        "please contact your account representative, {contact}, at {phone}.",
        "Thank you for your continued business. We look forward to serving you from our new home.",
    ],
    "cover": [
        "Further to our conversation last week, I enclose two originals of the services "
        "agreement between {org} and {them}, which has been updated to reflect the changes to "
        "the reporting schedule that we discussed.",
        "If the document is acceptable, please have both originals signed by an authorized "
        "officer and return one fully executed copy to my attention in the enclosed envelope. "
        "Alternatively, a scanned copy sent by e-mail will be sufficient for our records.",
        "Please note that our legal team has not made any other changes since the draft "
        "circulated on {date2}. A redline against that draft is enclosed for your convenience.",
        "Should you have any questions, please do not hesitate to call me directly at {phone}.",
    ],
    "reference": [
        "It is my pleasure to recommend {candidate}, who worked in our accounts payable "
        "department from {year1} until {year2}, most recently as Senior Processing Specialist.",
        "During that time {candidate_first} handled a portfolio of more than four hundred "
        "suppliers, trained new team members and led the move of our scanning operation to a new "
        "document management platform. {candidate_first} was consistently accurate, dependable "
        "and well liked by colleagues and suppliers alike.",
        "{candidate_first} leaves us on excellent terms to pursue a career in operations "
        "management, and I have no hesitation in recommending {candidate_first} for a role of "
        "greater responsibility.",
        "Please feel free to contact me at {phone} if I can provide any further information.",
    ],
}
SUBJECTS = {
    "address": "Notice of change of address",
    "cover": "Services agreement – documents for signature",
    "reference": "Letter of recommendation",
}


def letter_us(path: Path, rng: random.Random, names: Names, kind: str) -> dict[str, Any]:
    org = names.us_org(rng, rng.choice(["services", "logistics", "industry", "finance"]))
    them = names.us_org(rng, rng.choice(["health", "tech", "finance"]))
    font = rng.choice(["times", "helvetica"])
    size = letter
    p = canvas(path, size, font, SUBJECTS[kind], org.name)
    color = rng.choice(COLORS)
    phone = f"({rng.randint(201, 989)}) 555-01{rng.randint(10, 99)}"
    letterhead(
        p, rng, org.name, [*org.address, phone], color, rng.choice(["bar", "centered", "right"])
    )
    when = some_day(rng)
    pen = p.pen
    pen.text(p.left, p.y, date_us(when), 10.5)
    p.y -= 30
    recipient = them.signer
    for ln in [recipient, them.signer_title, them.name, *them.address]:
        pen.text(p.left, p.y, ln, 10.5)
        p.y -= 13
    p.y -= 14
    candidate = person(rng)
    values = {
        "date2": date_us(when + timedelta(days=rng.randint(14, 45)))
        if kind == "address"
        else date_us(when - timedelta(days=rng.randint(5, 20))),
        "contact": person(rng),
        "phone": phone,
        "org": org.name,
        "them": them.name,
        "candidate": candidate,
        "candidate_first": candidate.split()[0],
        "year1": str(when.year - rng.randint(4, 9)),
        "year2": str(when.year),
    }
    if kind != "reference":
        pen.text(p.left, p.y, f"Re: {SUBJECTS[kind]}", 10.5, "b")
        p.y -= 24
        p.para(
            f"Dear {recipient.split()[0]}:" if rng.random() < 0.5 else f"Dear {recipient}:", 10.5
        )
    else:
        pen.text(p.left, p.y, "To whom it may concern:", 10.5)
        p.y -= 22
    for para in LETTER_BODIES[kind]:
        text = para
        for k, v in values.items():
            text = text.replace("{" + k + "}", v)
        p.para(text, 10.5, after=9)
    p.y -= 6
    p.para(rng.choice(["Sincerely,", "Very truly yours,", "Best regards,", "Kind regards,"]), 10.5)
    p.y -= 30
    pen.text(p.left, p.y, org.signer, 10.5)
    pen.text(p.left, p.y - 13, f"{org.signer_title}, {org.name}", 10.5)
    p.y -= 42
    if kind == "cover":
        pen.text(p.left, p.y, "Enclosures (3)", 9)
        pen.text(p.left, p.y - 12, f"cc: {person(rng)}, Legal Department", 9)
    p.c.showPage()
    p.c.save()
    return {"layout": f"letter-{kind}", "language": "en", "pages": p.pages}


def letter_fr(path: Path, rng: random.Random, names: Names, kind: str) -> dict[str, Any]:
    zip_, city = rng.choice(fd.FR_CITIES)
    org = f"{rng.choice(fd.FR_WORD)} {rng.choice(['Conseil', 'Services', 'Gestion', 'Logistique'])} {rng.choice(fd.FR_FORMS)}"
    p = canvas(path, A4, "times", "Courrier", org)
    pen = p.pen
    color = rng.choice(COLORS)
    when = some_day(rng)
    pen.text(p.left, p.y, org, 13, "b", color=color)
    street = fd.fr_street(rng)
    pen.text(p.left, p.y - 14, street, 9.5)
    pen.text(p.left, p.y - 26, f"{zip_} {city}", 9.5)
    pen.text(
        p.left,
        p.y - 38,
        f"Tél. : 0{rng.randint(1, 5)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        9.5,
    )
    rz, rcity = rng.choice(fd.FR_CITIES)
    who = f"{rng.choice(['Madame', 'Monsieur'])} {rng.choice(fd.FR_FIRST)} {rng.choice(fd.FR_LAST)}"
    y = p.y - 80
    for ln in [
        who,
        f"{rng.choice(fd.FR_WORD)} {rng.choice(['Immobilier', 'Industrie', 'Distribution'])}",
        fd.fr_street(rng),
        f"{rz} {rcity}",
    ]:
        pen.text(p.width / 2 + 20, y, ln, 10.5)
        y -= 13
    p.y = y - 30
    pen.text(p.right, p.y, f"{city}, le {fmt_date(when, 'fr_long')}", 10.5, align="r")
    p.y -= 34
    pen.text(p.left, p.y, "Objet : Transfert de nos bureaux et nouvelles coordonnées", 10.5, "b")
    p.y -= 28
    p.para("Madame, Monsieur,", 10.5, after=10)
    body = [
        "Nous avons le plaisir de vous informer qu'à compter du "
        f"{fmt_date(when + timedelta(days=30), 'fr_long')}, nos équipes s'installeront dans de "
        "nouveaux locaux, plus spacieux et plus accessibles, situés au "
        f"{fd.fr_street(rng)}, {zip_} {city}.",
        "Ce déménagement n'aura aucune incidence sur la continuité de nos prestations ni sur les "
        "conditions de votre contrat en cours, qui reste inchangé. Nos numéros de téléphone et "
        "nos adresses électroniques demeurent également les mêmes.",
        "Nous vous invitons à mettre à jour vos fichiers et à nous faire parvenir votre courrier "
        "à notre nouvelle adresse dès cette date. Une journée portes ouvertes sera organisée le "
        f"{fmt_date(when + timedelta(days=45), 'fr_long')} : nous serions ravis de vous y "
        "accueillir.",
        "Nous restons à votre entière disposition pour tout renseignement complémentaire.",
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    ]
    for para in body:
        p.para(para, 10.5, after=9)
    p.y -= 24
    signer = f"{rng.choice(fd.FR_FIRST)} {rng.choice(fd.FR_LAST)}"
    pen.text(p.width / 2 + 20, p.y, signer, 10.5)
    pen.text(p.width / 2 + 20, p.y - 13, "Directeur administratif et financier", 10.5)
    p.c.showPage()
    p.c.save()
    return {"layout": "lettre-fr", "language": "fr", "pages": p.pages}


# --- agendas -----------------------------------------------------------------------------------

BOARD_ITEMS = [
    ("Call to order and confirmation of quorum", "Chair"),
    ("Approval of minutes of the previous meeting", "Corporate Secretary"),
    ("Chief Executive Officer's report", "CEO"),
    ("Financial results for the quarter and full-year outlook", "CFO"),
    ("Report of the Audit Committee", "Audit Committee Chair"),
    ("Report of the Compensation Committee", "Compensation Committee Chair"),
    ("Enterprise risk review: cybersecurity and business continuity", "Chief Risk Officer"),
    ("Strategic plan update: automation of back-office operations", "COO"),
    ("Approval of the annual budget", "CFO"),
    ("Executive session (independent directors only)", "Lead Director"),
    ("Other business", "Chair"),
    ("Adjournment", "Chair"),
]
STEERING_ITEMS = [
    ("Review of action items from the last meeting", "PMO"),
    ("Status by workstream: intake, extraction, validation, export", "Workstream leads"),
    ("Accuracy dashboard and exception trends", "Data team"),
    ("Risks and issues log", "PMO"),
    ("Change requests for decision", "Project Manager"),
    ("User acceptance testing plan and schedule", "QA Lead"),
    ("Training and communications", "Change Manager"),
    ("Next steps and date of next meeting", "Sponsor"),
]


def agenda(path: Path, rng: random.Random, names: Names, kind: str) -> dict[str, Any]:
    org = names.us_org(rng, rng.choice(["health", "finance", "tech"]))
    font = "helvetica" if kind == "steering" else "times"
    p = canvas(path, letter, font, "Agenda", org.name)
    pen = p.pen
    color = rng.choice(COLORS)
    when = some_day(rng)
    if kind == "board":
        pen.text(p.width / 2, p.y, org.name.upper(), 13, "b", "c")
        pen.text(p.width / 2, p.y - 18, "MEETING OF THE BOARD OF DIRECTORS", 12, "b", "c")
        pen.text(p.width / 2, p.y - 36, "AGENDA", 12, "b", "c")
        p.y -= 66
        start_hour = rng.choice([8, 9, 10])
        rows = [
            ("Date:", f"{when.strftime('%A')}, {date_us(when)}"),
            ("Time:", f"{start_hour}:00 a.m. – {rng.choice([1, 2, 3])}:00 p.m. Eastern Time"),
            ("Location:", f"Board Room, {org.address[0]}, {org.address[-1]}"),
            (
                "Dial-in:",
                f"+1 (888) 555-01{rng.randint(10, 99)}, access code {rng.randint(100000, 999999)}",
            ),
        ]
        for k, v in rows:
            pen.text(p.left, p.y, k, 10.5, "b")
            pen.text(p.left + 70, p.y, v, 10.5)
            p.y -= 15
        p.y -= 15
        t = start_hour * 60
        items = BOARD_ITEMS[:]
        for i, (item, who) in enumerate(items, 1):
            mins = rng.choice([5, 10, 15, 20, 30, 45])
            pen.text(p.left, p.y, f"{t // 60}:{t % 60:02d}", 10.5)
            pen.text(p.left + 50, p.y, f"{i}.", 10.5)
            pen.text(p.left + 70, p.y, item, 10.5)
            pen.text(p.left + 70, p.y - 12, who, 9, "i", color=(0.35, 0.35, 0.35))
            if i in (3, 4, 9):
                pen.text(p.right, p.y, "Tab " + str(i), 9, align="r")
            p.y -= 30
            t += mins
        p.y -= 10
        p.para(
            "Materials for items 2 through 9 are available in the board portal. Directors are "
            "requested to notify the Corporate Secretary of any conflict of interest relating "
            "to agenda items before the meeting.",
            9.5,
        )
    else:
        pen.rect(p.left, p.y - 8, p.right - p.left, 30, fill=color)
        pen.text(
            p.left + 10,
            p.y + 4,
            "Steering Committee – Document Automation Program",
            13,
            "b",
            color=(1, 1, 1),
        )
        p.y -= 36
        info = [
            ("Meeting", f"Steering Committee #{rng.randint(4, 19)}"),
            ("Date", date_us(when)),
            ("Time", f"{rng.choice([1, 2, 3])}:00 – {rng.choice([4, 5])}:00 p.m."),
            ("Location", f"Conference Room {rng.choice('ABCD')}{rng.randint(1, 4)} / video call"),
            ("Chair", org.signer),
            ("Note taker", person(rng)),
        ]
        for k, v in info:
            pen.text(p.left, p.y, k, 9.5, "b")
            pen.text(p.left + 80, p.y, v, 9.5)
            p.y -= 13
        p.y -= 12
        pen.text(p.left, p.y, "Attendees", 10.5, "b", color=color)
        p.y -= 14
        p.para(", ".join(person(rng) for _ in range(rng.randint(6, 9))), 9.5)
        p.y -= 4
        pen.text(p.left, p.y, "Agenda", 10.5, "b", color=color)
        p.y -= 6
        cols = [p.left, p.left + 40, p.left + 110, p.right - 120]
        pen.hline(p.left, p.right, p.y, 0.8, color)
        p.y -= 13
        for x, h in zip(cols, ["#", "Time", "Topic", "Owner"], strict=True):
            pen.text(x + 3, p.y, h, 9, "b")
        p.y -= 6
        pen.hline(p.left, p.right, p.y, 0.5)
        t = 13 * 60
        for i, (topic, owner) in enumerate(STEERING_ITEMS, 1):
            p.y -= 14
            pen.text(cols[0] + 3, p.y, str(i), 9)
            pen.text(cols[1] + 3, p.y, f"{t // 60}:{t % 60:02d}", 9)
            pen.text(cols[2] + 3, p.y, topic, 9)
            pen.text(cols[3] + 3, p.y, owner, 9)
            t += rng.choice([5, 10, 15, 20])
            p.y -= 5
            pen.hline(p.left, p.right, p.y, 0.3)
        p.y -= 24
        pen.text(p.left, p.y, "Open action items", 10.5, "b", color=color)
        p.y -= 16
        actions = [
            "Confirm the go-live date for the invoice intake workstream with Finance",
            "Share the sample set of scanned claims with the vendor for accuracy testing",
            "Draft the communication to business units about the new exception queue",
            "Review the data retention requirements with Legal and Compliance",
        ]
        for a in actions:
            due = date_us(when + timedelta(days=rng.randint(3, 20)))
            p.para(f"•  {a} – {person(rng)} – due {due}", 9.5, indent=8, after=3)
    p.c.showPage()
    p.c.save()
    return {"layout": f"agenda-{kind}", "language": "en", "pages": p.pages}


# --- resumes -----------------------------------------------------------------------------------

JOBS = [
    (
        "Accounts Payable Supervisor",
        [
            "Led a team of 9 processing 14,000 vendor invoices per month across three entities",
            "Reduced invoice cycle time from 11 to 4 days by introducing automated capture and "
            "exception queues",
            "Owned the vendor master file and monthly accrual and reconciliation process",
        ],
    ),
    (
        "Senior Claims Examiner",
        [
            "Adjudicated complex professional and institutional claims, including coordination of "
            "benefits",
            "Maintained 99.3% financial accuracy over 24 consecutive months",
            "Trained 15 new examiners and wrote desk procedures for pended claims",
        ],
    ),
    (
        "Business Process Analyst",
        [
            "Mapped intake, classification and routing processes for a back-office transformation",
            "Built Power BI dashboards for turnaround time and first-pass yield",
            "Coordinated user acceptance testing with vendors and business users",
        ],
    ),
    (
        "Document Control Specialist",
        [
            "Managed the scanning and indexing of contracts, correspondence and HR records",
            "Implemented retention schedules and legal-hold procedures",
            "Supported annual ISO 9001 and SOC 2 audits",
        ],
    ),
]
SKILLS = [
    "SAP S/4HANA",
    "Oracle EBS",
    "Excel (advanced)",
    "Power BI",
    "SQL",
    "Lean Six Sigma Green Belt",
    "Process mapping (BPMN)",
    "Vendor management",
    "Team leadership",
    "Spanish (fluent)",
    "Python (basic)",
    "Document management systems",
]


def resume(path: Path, rng: random.Random, names: Names, kind: str) -> dict[str, Any]:
    uk = kind == "cv-uk"
    who = person(rng, "GB" if uk else "US")
    size = A4 if uk else letter
    font = rng.choice(["helvetica", "times"]) if not uk else "times"
    p = canvas(
        path, size, font, f"{who} – {'CV' if uk else 'Resume'}", who, margin=54 if not uk else 64
    )
    pen = p.pen
    color = rng.choice(COLORS)
    addr = gb_address(rng) if uk else us_address(rng)
    email = f"{who.split()[0].lower()}.{who.split()[-1].lower()}@example.com"
    phone = (
        f"07700 900{rng.randint(100, 999)}"
        if uk
        else f"({rng.randint(201, 989)}) 555-01{rng.randint(10, 99)}"
    )
    jobs = rng.sample(JOBS, 3)
    employers = (
        [
            names.us_org(rng, rng.choice(["health", "finance", "logistics", "services"])).name
            for _ in jobs
        ]
        if not uk
        else [
            f"{rng.choice(fd.GB_WORD)} {rng.choice(['Insurance', 'Housing Association', 'Logistics', 'NHS Trust'])}"
            for _ in jobs
        ]
    )
    year = 2024
    if not uk:
        side = 170
        pen.rect(0, 0, side, p.height, fill=(0.93, 0.94, 0.96))
        y = p.height - 70
        pen.text(20, y, who.split()[0], 20, "b", color=color)
        pen.text(20, y - 22, " ".join(who.split()[1:]), 20, "b", color=color)
        y -= 60
        for head, lines in [
            ("CONTACT", [*addr, phone, email]),
            ("SKILLS", rng.sample(SKILLS, 7)),
            (
                "EDUCATION",
                [
                    f"B.S. {rng.choice(['Accounting', 'Business Administration', 'Finance'])}",
                    f"{rng.choice(['Ohio State', 'University of Texas', 'Rutgers', 'Arizona State'])} University",
                    str(year - rng.randint(10, 18)),
                ],
            ),
            ("CERTIFICATIONS", ["Certified Accounts Payable", "Professional (CAPP)"]),
        ]:
            pen.text(20, y, head, 9.5, "b", color=color)
            y -= 14
            for ln in lines:
                for part in pen.wrap(ln, side - 30, 8.5):
                    pen.text(20, y, part, 8.5)
                    y -= 11
            y -= 14
        p.left = side + 24
        p.y = p.height - 70
        pen.text(p.left, p.y, "PROFESSIONAL SUMMARY", 10.5, "b", color=color)
        p.y -= 16
        p.para(
            "Operations professional with more than ten years of experience in high-volume "
            "back-office processing, process improvement and team leadership. Known for "
            "turning manual, paper-based workflows into measurable, automated processes.",
            9.5,
        )
        p.y -= 6
        pen.text(p.left, p.y, "EXPERIENCE", 10.5, "b", color=color)
        p.y -= 18
    else:
        pen.text(p.width / 2, p.y, "CURRICULUM VITAE", 10, "b", "c", spacing=2)
        pen.text(p.width / 2, p.y - 22, who, 18, "b", "c")
        pen.text(
            p.width / 2, p.y - 38, f"{', '.join(addr)}  ·  {phone}  ·  {email}", 8.5, align="c"
        )
        pen.hline(p.left, p.right, p.y - 48, 0.8, color)
        p.y -= 72
        pen.text(p.left, p.y, "Personal profile", 11, "b", color=color)
        p.y -= 16
        p.para(
            "A conscientious and well-organised finance operations professional with experience "
            "in purchase-to-pay and claims administration, seeking a team leader role in a "
            "shared service centre.",
            10,
        )
        pen.text(p.left, p.y, "Employment history", 11, "b", color=color)
        p.y -= 18
    for (title, bullets), employer in zip(jobs, employers, strict=True):
        start = year - rng.randint(2, 5)
        pen.text(p.left, p.y, title, 10, "b")
        pen.text(p.right, p.y, f"{start} – {'Present' if year == 2024 else year}", 9, align="r")
        p.y -= 13
        pen.text(p.left, p.y, employer, 9.5, "i")
        p.y -= 15
        for b in bullets:
            p.para(f"•  {b}", 9.5, indent=8, after=3)
        p.y -= 8
        year = start
    if uk:
        pen.text(p.left, p.y, "Education and qualifications", 11, "b", color=color)
        p.y -= 16
        p.para(
            f"BA (Hons) Business Management, University of {rng.choice(['Leeds', 'Sheffield', 'Exeter', 'Nottingham'])}, 2:1",
            10,
            after=3,
        )
        p.para("AAT Level 4 Diploma in Professional Accounting", 10, after=3)
        p.para("A levels: Mathematics (A), Economics (B), Geography (B)", 10)
        pen.text(p.left, p.y, "Interests", 11, "b", color=color)
        p.y -= 16
        p.para(
            "Fell walking, volunteer treasurer of a local youth football club, and amateur "
            "photography.",
            10,
        )
        p.para("References available on request.", 10, "i")
    else:
        pen.text(p.left, p.y, "VOLUNTEER", 10.5, "b", color=color)
        p.y -= 16
        p.para(
            "Treasurer, Riverside Community Food Bank (2019 – present): prepare monthly "
            "financial reports and coordinate volunteer schedules.",
            9.5,
        )
    p.c.showPage()
    p.c.save()
    return {"layout": kind, "language": "en", "pages": p.pages}


# --- shipping documents ------------------------------------------------------------------------

ITEMS = [
    ("Copy paper A4 80 g/m², 500 sheets", "ream"),
    ("Toner cartridge, black, high yield", "ea"),
    ("Lever arch file A4, 80 mm spine", "ea"),
    ("Nitrile gloves, medium, box of 100", "box"),
    ("Corrugated carton 40 x 30 x 30 cm", "bdl"),
    ("Stretch film 500 mm x 300 m", "roll"),
    ("Hex bolt M10 x 40, zinc plated", "box"),
    ("Cable ties 300 mm, black, pack of 100", "pk"),
    ("Safety glasses, clear lens", "ea"),
    ("Label roll 100 x 150 mm, thermal", "roll"),
    ("Barcode scanner, USB, handheld", "ea"),
    ("Pallet label holder, self-adhesive", "pk"),
]
DE_ITEMS = [
    ("Kopierpapier A4 80 g/m², 500 Blatt", "Pck."),
    ("Ordner A4, 80 mm Rückenbreite, blau", "Stk."),
    ("Nitril-Handschuhe Gr. M, 100 Stück", "Pck."),
    ("Sechskantschraube M10 x 40, verzinkt", "Pck."),
    ("Kabelbinder 300 mm, schwarz, 100 Stück", "Pck."),
    ("Stretchfolie 500 mm x 300 m", "Rolle"),
    ("Versandkarton 40 x 30 x 30 cm", "Bund"),
    ("Schutzbrille, klar", "Stk."),
    ("Thermoetiketten 100 x 150 mm", "Rolle"),
]
CARRIERS = ["UPS Ground", "FedEx Freight", "XPO Logistics", "Estes Express", "Old Dominion"]


def _code(rng: random.Random) -> str:
    return f"{rng.choice(['SKU', 'ITM', 'P', 'AR'])}-{rng.randint(10000, 99999)}"


def shipping(path: Path, rng: random.Random, names: Names, kind: str) -> dict[str, Any]:
    """``asn`` advance ship notice, ``packing`` packing slip, ``delivery`` English delivery note
    (A4), ``lieferschein`` German delivery note. Quantities and codes only; no prices."""
    de = kind == "lieferschein"
    uk = kind == "delivery"
    size = A4 if (de or uk) else letter
    font = rng.choice(["helvetica", "courier"]) if kind == "packing" else "helvetica"
    title = {
        "asn": "ADVANCE SHIP NOTICE",
        "packing": "PACKING SLIP",
        "delivery": "DELIVERY NOTE",
        "lieferschein": "Lieferschein",
    }[kind]
    if de:
        org = f"{rng.choice(fd.DE_REGION)} {rng.choice(['Logistik', 'Bürobedarf', 'Industriebedarf'])} GmbH"
        zip_, city = rng.choice(fd.DE_CITIES)
        addr = [fd.de_street(rng), f"{zip_} {city}"]
    elif uk:
        org = (
            f"{rng.choice(fd.GB_WORD)} {rng.choice(['Distribution', 'Supplies', 'Logistics'])} Ltd"
        )
        addr = gb_address(rng)
    else:
        o = names.us_org(rng, rng.choice(["logistics", "industry"]))
        org, addr = o.name, o.address
    p = canvas(path, size, font, title, org, margin=50)
    pen = p.pen
    color = rng.choice(COLORS)
    when = some_day(rng)
    draw_logo(pen, rng.choice(LOGO_KINDS), p.left, p.y - 10, 30, color, (0.7, 0.7, 0.7), org[:2])
    pen.text(p.left + 40, p.y + 6, org, 12, "b", color=color)
    pen.text(p.left + 40, p.y - 6, ", ".join(addr), 8)
    pen.text(p.right, p.y + 4, title, 16, "b", "r", color=color)
    p.y -= 50
    if de:
        cust_zip, cust_city = rng.choice(fd.DE_CITIES)
        cust = [
            f"{rng.choice(fd.DE_REGION)} {rng.choice(fd.DE_CUSTOMER)} GmbH",
            f"z. Hd. {rng.choice(['Frau', 'Herrn'])} {rng.choice(fd.DE_LAST)}",
            fd.de_street(rng),
            f"{cust_zip} {cust_city}",
        ]
        pen.text(p.left, p.y + 12, f"{org} · {addr[0]} · {addr[1]}", 6.5, color=(0.4, 0.4, 0.4))
        y = p.y
        for ln in cust:
            pen.text(p.left, y, ln, 10)
            y -= 12.5
        info = [
            ("Lieferschein-Nr.", f"LS-{rng.randint(200000, 299999)}"),
            ("Datum", fmt_date(when, "de_dot")),
            ("Kundennummer", str(rng.randint(10000, 99999))),
            (
                "Ihre Bestellung",
                f"{rng.randint(4500000000, 4599999999)} vom "
                f"{fmt_date(when - timedelta(days=rng.randint(2, 12)), 'de_dot')}",
            ),
            ("Versandart", rng.choice(["Spedition", "DHL Paket", "Abholung"])),
            ("Packstücke", str(rng.randint(1, 6))),
        ]
    else:
        ship_to = names.us_org(rng, rng.choice(["health", "services", "tech"])) if not uk else None
        to_lines = (
            [ship_to.name, f"Attn: Receiving – {person(rng)}", *ship_to.address]
            if ship_to
            else [
                f"{rng.choice(fd.GB_WORD)} {rng.choice(fd.GB_CUSTOMER)}",
                "Goods In",
                *gb_address(rng),
            ]
        )
        pen.text(p.left, p.y + 14, "SHIP TO", 8, "b", color=color)
        y = p.y
        for ln in to_lines:
            pen.text(p.left, y, ln, 9.5)
            y -= 12
        order = f"SO-{rng.randint(100000, 999999)}"
        info = [
            (
                "Ship date" if not uk else "Delivery date",
                date_us(when) if not uk else fmt_date(when, "uk_long"),
            ),
            ("Order no.", order),
            ("Customer PO", f"PO-{rng.randint(400000, 499999)}"),
            (
                "Carrier",
                rng.choice(CARRIERS)
                if not uk
                else rng.choice(["DPD", "Own vehicle", "Palletline"]),
            ),
            (
                "Tracking / PRO",
                f"1Z{rng.randint(10**9, 10**10 - 1)}"
                if not uk
                else f"{rng.randint(10**7, 10**8 - 1)}",
            ),
            ("Cartons" if not uk else "Packages", str(rng.randint(1, 9))),
        ]
        if kind == "asn":
            info.insert(0, ("ASN no.", f"ASN{rng.randint(1000000, 9999999)}"))
    ix = p.width / 2 + 30
    iy = p.y
    for k, v in info:
        pen.text(ix, iy, k, 9, "b")
        pen.text(ix + 95, iy, v, 9)
        iy -= 13
    p.y = min(y, iy) - 24
    pool = DE_ITEMS if de else ITEMS
    lines = rng.sample(pool, rng.randint(5, min(9, len(pool))))
    if de:
        heads = ["Pos.", "Artikel-Nr.", "Bezeichnung", "Menge", "Einheit"]
        xs = [p.left, p.left + 35, p.left + 115, p.right - 90, p.right - 45]
    elif kind == "packing":
        heads = ["Item", "Description", "Ordered", "Shipped", "B/O"]
        xs = [p.left, p.left + 80, p.right - 150, p.right - 95, p.right - 40]
    else:
        heads = ["Line", "Item code", "Description", "Qty", "UOM"]
        xs = [p.left, p.left + 35, p.left + 115, p.right - 90, p.right - 45]
    pen.rect(p.left, p.y - 4, p.right - p.left, 16, fill=(0.9, 0.9, 0.9))
    for x, h in zip(xs, heads, strict=True):
        pen.text(x + 3, p.y, h, 8.5, "b")
    p.y -= 18
    for i, (desc, uom) in enumerate(lines, 1):
        qty = rng.choice([1, 2, 4, 5, 6, 10, 12, 20, 24, 40, 50])
        if kind == "packing":
            shipped = qty if rng.random() < 0.8 else max(qty - rng.randint(1, qty), 0)
            row = [_code(rng), desc, str(qty), str(shipped), str(qty - shipped)]
        else:
            row = [
                str(i * 10 if de else i),
                _code(rng),
                desc,
                str(qty) if not de else f"{qty}",
                uom,
            ]
        for x, v in zip(xs, row, strict=True):
            pen.text(x + 3, p.y, v, 8.5)
        p.y -= 5
        pen.hline(p.left, p.right, p.y, 0.3)
        p.y -= 11
    p.y -= 16
    notes = {
        "asn": [
            "Goods shipped on pallets; please report any visible damage on the carrier's "
            "delivery receipt.",
            "This notice is sent electronically ahead of the shipment. "
            "Quantities are per the attached pick list.",
        ],
        "packing": [
            "Please check the contents against this packing slip. Items marked B/O are "
            "back-ordered and will ship separately.",
            "Questions about your order? Call customer service and quote your order number.",
        ],
        "delivery": [
            "Received in good condition. Any shortages or damage must be noted on this "
            "delivery note and reported within 48 hours."
        ],
        "lieferschein": [
            "Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum. "
            "Bitte prüfen Sie die Lieferung sofort auf Vollständigkeit und "
            "Transportschäden."
        ],
    }[kind]
    for n in notes:
        p.para(n, 8.5, after=4, width=p.right - p.left)
    p.y -= 30
    if de:
        pen.text(p.left, p.y, "Ware erhalten am: ______________", 9)
        pen.text(p.width / 2 + 20, p.y, "Unterschrift / Stempel: ______________", 9)
    elif kind != "asn":
        pen.text(p.left, p.y, "Received by (print): ____________________", 9)
        pen.text(p.width / 2 + 20, p.y, "Signature: ____________________", 9)
    p.c.showPage()
    p.c.save()
    layout = {"asn": "ship-notice", "packing": "packing-slip", "delivery": "delivery-note"}
    return {"layout": layout.get(kind, kind), "language": "de" if de else "en", "pages": p.pages}


# --- plan ------------------------------------------------------------------------------------

Maker = Callable[[Path, random.Random, Names, str], dict[str, Any]]


@dataclass(frozen=True)
class Entry:
    maker: Maker
    kind: str
    scan: ScanSettings | None = None


S = ScanSettings
PLAN: list[Entry] = [
    Entry(letter_us, "address"),
    Entry(letter_us, "cover"),
    Entry(letter_us, "reference"),
    Entry(agenda, "board"),
    Entry(agenda, "steering", S("pdf", 150, 0.7, noise=2.5, jpeg_quality=50)),
    Entry(resume, "resume"),
    Entry(resume, "cv-uk"),
    Entry(shipping, "asn"),
    Entry(shipping, "packing", S("png", 150, -1.1, noise=2.0, gray_bits=4)),
    Entry(shipping, "lieferschein"),
    Entry(letter_fr, "lettre", S("jpeg", 150, 0.9, noise=3.0, jpeg_quality=55)),
    Entry(shipping, "delivery"),
]
GENERATED_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".json")


def generate(out: Path, seed: int, log: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for f in out.iterdir():
        if f.is_file() and f.suffix.lower() in GENERATED_SUFFIXES:
            f.unlink()
    names = Names()
    written = []
    for i, e in enumerate(PLAN, 1):
        rng = random.Random(f"{seed}:unknown:{i}")
        with tempfile.TemporaryDirectory() as td:
            tmp = Path(td) / "digital.pdf"
            meta = e.maker(tmp, rng, names, e.kind)
            stem = f"{i:02d}-{meta['layout']}"
            exp: dict[str, Any] = {
                "document_type": "unknown",
                "scanned": e.scan is not None,
                "layout": meta["layout"],
                "language": meta["language"],
                "pages": meta["pages"],
                "fields": {},
                "planted_errors": [],
            }
            if e.scan is None:
                path = out / f"{stem}.pdf"
                tmp.replace(path)
            else:
                path = out / f"{stem}-scan{EXTENSIONS[e.scan.fmt]}"
                scan_seed = random.Random(f"{seed}:unknown-scan:{i}").randrange(2**32)
                exp["scan"] = scan_pdf(tmp, path, e.scan, scan_seed)
        (out / f"{path.stem}.expected.json").write_text(
            json.dumps(exp, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(path)
        if log:
            print(f"{path.name:40s} {exp['layout']:14s} {exp['language']}  {exp['pages']} p")
    return written


SHIPPING = ("ship-notice", "packing-slip", "delivery-note", "lieferschein")
PRICE = re.compile(r"[$€£]\s?\d|\d[.,]\d\d\s?(€|EUR|USD)\b|\b(total|subtotal|summe|gesamt)\b", re.I)


def verify(out: Path) -> list[str]:
    found, problems = expected_documents(out)
    for path, doc in found:
        if doc["document_type"] != "unknown" or doc["fields"]:
            problems.append(f"{path.name}: must be type unknown with no fields")
        try:
            n, text = pages_and_text(path)
        except Exception as exc:  # report files that do not open
            problems.append(f"{path.name}: does not open: {exc}")
            continue
        if path.suffix == ".pdf":
            if doc["scanned"] == bool(text.strip()):
                problems.append(
                    f"{path.name}: text layer {'present' if text.strip() else 'missing'}"
                )
            if doc["layout"] in SHIPPING and PRICE.search(text):
                problems.append(f"{path.name}: a shipping document prints a price or total")
        if n != doc["pages"]:
            problems.append(f"{path.name}: {n} pages, expected {doc['pages']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    return run_cli(
        argv,
        prog="python -m samples.generator.unknown",
        description=__doc__,
        seed=2024,
        out=Path(__file__).resolve().parent.parent / "unknown",
        generate=generate,
        verify=verify,
    )


if __name__ == "__main__":
    sys.exit(main())
