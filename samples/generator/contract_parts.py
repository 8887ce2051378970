"""Pieces every contract composer uses: preambles, recitals, signature blocks, EDGAR headers,
and the looks (typesetting styles) the contracts come in."""

from __future__ import annotations

import random
from datetime import date

from .clauses import Ctx, q
from .contract_facts import Facts, Org
from .legal_render import Block, Look, Para, Sig, SigBlock
from .legal_words import date_day_of, date_slash, date_uk, date_uk_ord, date_us

SMALL_WORDS = {"of", "and", "to", "for", "the", "a", "an", "in", "on", "as"}


def title_case(text: str) -> str:
    """ "MASTER SERVICES AGREEMENT" -> "Master Services Agreement"."""
    out = []
    for i, w in enumerate(text.split()):
        lw = w.lower()
        if i and lw in SMALL_WORDS:
            out.append(lw)
        elif w.upper() in ("NO.", "SAAS"):
            out.append("No." if w.upper() == "NO." else "SaaS")
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def join_names(items: list[str], final: str = "and") -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {final} {items[1]}"
    return ", ".join(items[:-1]) + f", {final} " + items[-1]


def intro(o: Org, address: bool = False, bold: bool = False) -> str:
    """ "Acme Corp., a Delaware corporation ("Acme")" in one of the usual shapes."""
    name = f"<b>{o.name}</b>" if bold else o.name
    if o.individual:
        return f"{name}, {o.desc} ({q(o.short)})"
    s = f"{name}, {o.desc}"
    if address:
        s += f", with its principal place of business at {o.one_line_address}"
    return f"{s} ({q(o.short)})"


def us_preamble(
    f: Facts,
    c: Ctx,
    mode: str,
    *,
    ref_title: str,
    defined: str = "Agreement",
    address: bool = False,
    bold_names: bool = False,
    caps_lead: bool = False,
) -> Para:
    """The opening sentence: who, what and as of when."""
    orgs = [intro(o, address, bold_names) for o in f.parties]
    among = "among" if len(orgs) > 2 else "between"
    who = join_names(orgs)
    the = c.pick("this", "the") if defined == "Agreement" else "this"
    tref = ref_title.upper() if caps_lead else ref_title
    lead = f"{'THIS' if caps_lead else 'This'} {tref} ({the} {q(defined)})"
    if mode == "as_of":
        assert f.effective
        text = c.pick(
            f"{lead} is entered into as of {date_us(f.effective)} (the {q('Effective Date')}) by "
            f"and {among} {who}.",
            f"{lead} is made and entered into effective as of {date_us(f.effective)} (the "
            f"{q('Effective Date')}), by and {among} {who}.",
        )
    elif mode == "dated":
        assert f.effective
        text = (
            f"{lead}, dated as of {date_us(f.effective)} (the {q('Effective Date')}), is by and "
            f"{among} {who}."
        )
    elif mode == "made_day":
        assert f.effective
        text = (
            f"{lead} is made and entered into this {date_day_of(f.effective)} (the "
            f"{q('Effective Date')}), by and {among} {who}."
        )
    elif mode == "last_signature":
        text = (
            f"{lead} is entered into by and {among} {who}, and is effective as of the date of the "
            f"last signature set forth on the signature page hereto (the {q('Effective Date')})."
        )
    elif mode == "blank":
        text = (
            f"{lead} is entered into as of ____________________, 20____ (the "
            f"{q('Effective Date')}) by and {among} {who}."
        )
    else:
        raise ValueError(mode)
    tail = c.pick(
        "",
        f" {join_names([q(o.short) for o in f.parties])} are each referred to herein as a "
        f"{q(c.party)} and together as the {q(c.parties)}.",
    )
    return Para(text + tail)


def uk_parties(f: Facts, c: Ctx, dated: date | None) -> list[Block]:
    """ "THIS AGREEMENT is dated 3 March 2021 / PARTIES / (1) ... (2) ..." (English style)."""
    blocks: list[Block] = []
    if dated is None:
        blocks.append(
            Para("<b>THIS AGREEMENT</b> is dated ____________________ 20____", first=False)
        )
    else:
        when = c.pick(date_uk(dated), date_uk_ord(dated))
        blocks.append(Para(f"<b>THIS AGREEMENT</b> is dated {when}", first=False))
    blocks.append(Para("<b>PARTIES</b>", first=False, keep_next=True))
    for i, o in enumerate(f.parties, 1):
        end = "; and" if i < len(f.parties) - 1 else ("." if i == len(f.parties) else "; and")
        if i == len(f.parties) - 1 and len(f.parties) > 1:
            end = "; and"
        if i == len(f.parties):
            end = "."
        blocks.append(
            Para(
                f"({i})&nbsp;&nbsp;<b>{o.name.upper()}</b> {o.desc} ({q(o.short)}){end}", indent=18
            )
        )
    return blocks


def recitals(c: Ctx, items: list[str], style: str) -> list[Block]:
    if style == "whereas":
        out: list[Block] = (
            [Para("<b>RECITALS</b>", align="c", first=False)] if c.rng.random() < 0.5 else []
        )
        for i, t in enumerate(items):
            end = "; and" if i < len(items) - 1 else "."
            out.append(Para(f"<b>WHEREAS</b>, {t}{end}"))
        out.append(
            Para(
                "<b>NOW, THEREFORE</b>, in consideration of the mutual covenants, terms and "
                "conditions set forth herein, and for other good and valuable consideration, the "
                "receipt and sufficiency of which are hereby acknowledged, the "
                f"{c.parties} agree as follows:"
            )
        )
        return out
    if style == "background":
        out = [Para("<b>BACKGROUND</b>", first=False, keep_next=True)]
        for i, t in enumerate(items):
            out.append(Para(f"({chr(65 + i)})&nbsp;&nbsp;{t[0].upper() + t[1:]}.", indent=18))
        out.append(Para("<b>AGREED TERMS</b>", first=False, keep_next=True))
        return out
    # letters: "Recitals" A. B.
    out = [Para("<b>RECITALS</b>", align="c", first=False)]
    for i, t in enumerate(items):
        out.append(Para(f"{chr(65 + i)}.&nbsp;&nbsp;{t[0].upper() + t[1:]}."))
    out.append(
        Para(
            "<b>AGREEMENT</b>",
            align="c",
            first=False,
        )
    )
    out.append(
        Para(
            f"In consideration of the foregoing and of the mutual promises herein, the "
            f"{c.parties} agree as follows:"
        )
    )
    return out


def lettered(items: list[str], indent: float = 36, roman_labels: bool = False) -> list[Block]:
    """A lettered list (a), (b) … as hanging paragraphs."""
    out: list[Block] = []
    for i, t in enumerate(items):
        label = (
            f"({['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'][i]})"
            if roman_labels
            else f"({chr(97 + i)})"
        )
        out.append(Para(f"{label}&nbsp;&nbsp;{t}", indent=indent, first=False, space=4))
    return out


def sign_date(d: date | None, style: str) -> str:
    if d is None:
        return "_______________________"
    if style == "slash":
        return date_slash(d)
    if style == "uk":
        return date_uk(d)
    return date_us(d)


def us_signatures(
    f: Facts,
    c: Ctx,
    *,
    conformed: bool = False,
    dated: bool = False,
    date_style: str = "us",
    roles: list[str] | None = None,
    witness: str | None = None,
    cols: int = 2,
) -> list[Block]:
    lead = witness or c.pick(
        f"<b>IN WITNESS WHEREOF</b>, the {c.parties} hereto have caused {c.this} to be executed by "
        f"their duly authorized representatives as of the {'Effective Date' if f.eff_mode != 'made_day' else 'date first above written'}.",
        f"<b>IN WITNESS WHEREOF</b>, the {c.parties} have executed {c.this} as of the date first "
        "written above.",
    )
    if f.eff_mode in ("last_signature", "blank"):
        lead = (
            f"<b>IN WITNESS WHEREOF</b>, the {c.parties} have executed {c.this} by their duly "
            "authorized representatives, effective as of the Effective Date."
        )
    blocks = []
    for i, o in enumerate(f.parties):
        lines = []
        if roles:
            lines.append(f"<b>{roles[i]}</b>")
        if o.individual:
            lines.append("" if roles else f"<b>{o.short.upper()}</b>")
            lines.append(f"<i>/s/ {o.name}</i>" if conformed else "______________________________")
            lines.append(o.name)
        else:
            lines.append(f"<b>{o.name.upper()}</b>")
            lines.append(
                f"By: <i>/s/ {o.signer}</i>" if conformed else "By: ___________________________"
            )
            lines.append(f"Name: {o.signer}")
            lines.append(
                f"{'Its' if roles and c.rng.random() < 0.5 else 'Title'}: {o.signer_title}"
            )
        if dated:
            d = f.sign_dates[i] if i < len(f.sign_dates) else None
            lines.append(f"Date: {sign_date(d, date_style)}")
        blocks.append(SigBlock(lines))
    return [Para(lead, keep_next=True), Sig(blocks, cols=cols)]


def uk_signatures(f: Facts, c: Ctx, *, deed: bool = False) -> list[Block]:
    out: list[Block] = [
        Para(
            "This agreement has been entered into on the date stated at the beginning of it."
            if not deed
            else "Executed as a deed on the date stated at the beginning of it.",
            first=False,
        )
    ]
    blocks = []
    for o in f.parties:
        lines = [
            f"Signed by <b>{o.signer}</b>",
            f"for and on behalf of <b>{o.name.upper()}</b>",
            "",
            "........................................",
            o.signer_title,
        ]
        blocks.append(SigBlock(lines))
    out.append(Sig(blocks, cols=1))
    return out


def edgar_top(exhibit: str, legend: str | None) -> list[Block]:
    out: list[Block] = [Para(f"<b>{exhibit}</b>", align="r", first=False, space=10)]
    if legend:
        out.append(Para(legend, style="legend", align="j", first=False, space=14))
    return out


REDACTION_NEW = (
    "CERTAIN IDENTIFIED INFORMATION HAS BEEN EXCLUDED FROM THIS EXHIBIT BECAUSE IT IS BOTH (I) "
    "NOT MATERIAL AND (II) WOULD LIKELY CAUSE COMPETITIVE HARM TO THE COMPANY IF PUBLICLY "
    "DISCLOSED. [***] INDICATES THAT INFORMATION HAS BEEN REDACTED."
)
REDACTION_OLD = (
    "[***] Certain confidential information contained in this document, marked by brackets, has "
    "been omitted and filed separately with the Securities and Exchange Commission pursuant to "
    "Rule 24b-2 of the Securities Exchange Act of 1934, as amended."
)


def doc_id(rng: random.Random) -> str:
    return rng.choice(
        [
            f"NYDOCS01/{rng.randint(1000000, 1999999)}.{rng.randint(2, 9)}",
            f"US-DOCS\\{rng.randint(100000000, 139999999)}.{rng.randint(1, 6)}",
            f"ACTIVE/{rng.randint(10000000, 99999999)}.{rng.randint(2, 7)}",
            f"{rng.randint(4000000, 4999999)}v{rng.randint(2, 9)}",
        ]
    )


# --- looks -----------------------------------------------------------------------------------


def look_edgar(rng: random.Random, legend: str | None = None, roman_articles: bool = True) -> Look:
    return Look(
        key="edgar",
        font="times",
        size=(size := rng.choice([11.5, 12])),
        leading=size * 1.25,
        justify=True,
        first_indent=36,
        numbering="article-roman" if roman_articles else "article-arabic",
        footer=rng.choice(["{n}", "-{n}-", "- {n} -"]),
        legend=legend,
        title_size=13,
        space=7,
    )


def look_lawfirm(rng: random.Random, numbering: str = "decimal") -> Look:
    return Look(
        key="lawfirm",
        font="times",
        size=11.5,
        leading=14,
        justify=rng.random() < 0.5,
        first_indent=rng.choice([0, 36]),
        numbering=numbering,
        footer=rng.choice(["Page {n} of {N}", "{n}"]),
        footer_left=doc_id(rng),
        title_size=14,
        space=8,
    )


def look_modern(rng: random.Random, company: str, accent: tuple[float, float, float]) -> Look:
    return Look(
        key="modern",
        font="helvetica",
        size=9.5,
        leading=12.5,
        justify=False,
        numbering="decimal",
        heading_underline=False,
        footer="Page {n} of {N}",
        footer_left="Confidential",
        header_left=company,
        header_rule=True,
        accent=accent,
        title_size=15,
        space=6,
        margins=(64, 64, 72, 64),
    )


def look_uk(rng: random.Random) -> Look:
    return Look(
        key="uk",
        font=rng.choice(["helvetica", "times"]),
        size=10.5,
        leading=14,
        justify=rng.random() < 0.6,
        numbering="uk",
        hang=True,
        sub_headings=False,
        page="a4",
        footer="{n}",
        title_size=14,
        space=7,
        margins=(72, 66, 72, 72),
    )


def look_typewriter(rng: random.Random) -> Look:
    return Look(
        key="typewriter",
        font="courier",
        size=10,
        leading=12.5,
        justify=False,
        first_indent=0,
        numbering="section",
        footer="Page {n} of {N}",
        footer_right="Initials: ______ / ______",
        straight_quotes=True,
        title_size=13,
        space=8,
    )
