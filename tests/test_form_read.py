"""The second reading of a known form's boxes on a scan (pipelines/form_read.py): what is cleared
from a box before it is read, and the boxes of a real scanned CMS-1500 read right."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.api import ExtractSettings
from extractors.claim import ClaimExtractor
from extractors.form_layout import cms1500
from extractors.model import BBox
from pipelines.form_read import _clear_rules, _Crop
from pipelines.read import ReadSettings, read_document
from tests.conftest import SAMPLES

MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
PAPER = 255


def box_with(text: str, *, divider_at: int | None = None, width: int = 240) -> np.ndarray:
    """A 300 dpi box of a form: solid edges left and right, a dotted rule under the line, the
    form's small print clipped at the top, and `text` typed in it (type about 25 px tall)."""
    image = Image.new("L", (width, 72), PAPER)
    draw = ImageDraw.Draw(image)
    draw.line([(14, 0), (14, 71)], fill=0, width=3)  # the box's edges
    draw.line([(width - 15, 0), (width - 15, 71)], fill=0, width=3)
    for x in range(14, width - 15, 12):  # the dotted rule the value is typed on
        draw.line([(x, 58), (x + 6, 58)], fill=0, width=2)
    draw.text((30, -6), "MM DD", fill=0, font=ImageFont.truetype(str(MONO), 14))  # small print
    if divider_at is not None:  # dollars | cents
        for y in range(0, 72, 8):
            draw.line([(divider_at, y), (divider_at, y + 4)], fill=0, width=2)
    draw.text((30, 22), text, fill=0, font=ImageFont.truetype(str(MONO), 34))
    return np.asarray(image, dtype=np.uint8).copy()


def ink_columns(pixels: np.ndarray) -> np.ndarray:
    return np.flatnonzero((pixels < 128).any(axis=0))


def test_edges_rules_and_small_print_are_cleared_and_the_typed_line_kept() -> None:
    box = box_with("D485")
    cleared = _clear_rules(box, PAPER, 25.0, (14.0, 225.0), 10.0)
    assert cleared is not None
    pixels, dividers = cleared
    assert dividers == []
    columns = ink_columns(pixels)
    assert columns.min() > 20 and columns.max() < 215, "no edge left on either side"
    rows = np.flatnonzero((pixels < 128).any(axis=1))
    assert rows.min() >= 20 and rows.max() <= 56, "no small print above, no dotted rule below"
    # the typed characters themselves are untouched
    typed = box[20:56, 25:200] < 128
    assert (pixels[20:56, 25:200] < 128)[typed].mean() > 0.95


def test_a_box_with_only_its_rules_is_empty() -> None:
    assert _clear_rules(box_with(""), PAPER, 25.0, (14.0, 225.0), 10.0) is None


def test_a_dividing_rule_between_dollars_and_cents_is_found() -> None:
    # "519" ends near x=30+3*20; the divider stands in the gap before "80"
    box = box_with("519 80", divider_at=101)
    cleared = _clear_rules(box, PAPER, 25.0, (14.0, 225.0), 10.0)
    assert cleared is not None
    pixels, dividers = cleared
    assert len(dividers) == 1 and abs(dividers[0] - 101) <= 2
    assert not (pixels[:, 100:103] < 128).any(), "the dotted divider is cleared"


def test_a_widened_and_enlarged_crop_maps_back_to_the_cut() -> None:
    # blanks 20 wide let in at x=50 and x=100 of the cut: they start at 50 and 120 once widened
    crop = _Crop(BBox(0, 0, 1, 1), (0, 0, 1, 1), Image.new("L", (1, 1)), (50, 120), 20, 2.0)
    assert crop.to_cut(2 * 40) == 40  # left of both blanks
    assert crop.to_cut(2 * 80) == 60  # past the first blank
    assert crop.to_cut(2 * 150) == 110  # past both


def test_a_name_keeps_its_commas_and_full_stops() -> None:
    box = box_with("DOE, J.", width=300)
    cleared = _clear_rules(box, PAPER, 25.0, (14.0, 285.0), 10.0, punctuation=True)
    assert cleared is not None
    without = _clear_rules(box, PAPER, 25.0, (14.0, 285.0), 10.0)
    assert without is not None
    assert (cleared[0] < 128).sum() > (without[0] < 128).sum(), "the marks are kept"


@pytest.mark.slow
def test_boxes_beside_the_forms_rules_are_read_on_a_real_scan() -> None:
    """Regression: sample 23, a 300 dpi bilevel scan. Its first OCR reading glued box edges to
    the values ("[L400", "|L219") and lost a diagnosis, and the total's dollars | cents rule
    came out as a digit; read box by box, with each box's characters known, all are right."""
    scan = SAMPLES / "claims" / "23-clearview-dermatology-scan.png"
    got = ClaimExtractor().extract(read_document(scan), ExtractSettings())
    assert got.fields["diagnosis_codes"].value == ("D48.5", "L40.0", "L21.9")
    assert got.fields["total_charge"].value == "519.80"
    assert got.fields["amount_paid"].value == "20.00"
    assert got.fields["claim_number"].value == "CDP84933"
    assert [line.charge for line in got.service_lines] == ["209.00", "159.00", "151.80"]
    # and without the second reading the same scan is read worse: the feature is what reads it
    plain = ClaimExtractor().extract(
        read_document(scan, ReadSettings(form_rereads=False)), ExtractSettings()
    )
    assert plain.fields["diagnosis_codes"].value != ("D48.5", "L40.0", "L21.9")


def test_the_cms1500_template_says_what_each_read_box_holds() -> None:
    chars = cms1500().chars
    assert chars["birth_mm"] == "0123456789"
    assert " " in chars["t_charge"], "an amount may be split in dollars and cents"
    assert set(chars["diagnosis1"]) >= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.")
    assert chars["pt_name"] == "", "a name may hold any characters"
    assert "pt_street" not in chars, "boxes no extractor reads are not read again"
