"""Build a form template (`extractors/forms/NAME.json`) from an official fillable PDF form.

    python -m pipelines.form_template ../shared/forms/form-cms1500.pdf cms1500

A template holds, in PDF points from the top-left of the form's first page:
- `fields`: each field's box, and for check boxes and radio buttons the box of each state;
- `anchors`: printed words of the form that occur once on it (read with OCR where the form is
  printed as an image), outside every field: a scanned copy is registered onto the template by
  finding them.
The template is data, committed; this script is how it was made.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pypdf

from extractors.model import BBox
from extractors.values import fold_text
from pipelines.read import read_document


def build(pdf: Path) -> dict[str, object]:
    reader = pypdf.PdfReader(str(pdf))
    page = reader.pages[0]
    height = float(page.mediabox.top)
    fields: dict[str, dict[str, object]] = {}
    boxes: list[BBox] = []
    for ref in page.get("/Annots") or []:
        widget = ref.get_object()
        if widget.get("/Subtype") != "/Widget":
            continue
        node = widget if "/T" in widget else widget["/Parent"].get_object()
        name = str(node["/T"])
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
        box = BBox(round(x0, 1), round(height - y1, 1), round(x1, 1), round(height - y0, 1))
        boxes.append(box)
        kind = node.get("/FT") or widget.get("/FT")
        entry = fields.setdefault(name, {"kind": "button" if kind == "/Btn" else "text"})
        if kind == "/Btn":
            states: dict[str, list[float]] = entry.setdefault("states", {})  # type: ignore[assignment]
            for state in (str(s).lstrip("/") for s in widget["/AP"]["/N"] if str(s) != "/Off"):
                states[state] = box.as_list()
        else:
            entry["box"] = box.as_list()
    document = read_document(pdf)
    words = document.pages[0].words
    counts = Counter(fold_text(w.text) for w in words)
    anchors = [
        [w.text, *[round(v, 1) for v in w.bbox.as_list()]]
        for w in words
        if len(fold_text(w.text)) >= 4
        and counts[fold_text(w.text)] == 1
        and fold_text(w.text).isalpha()
        and w.confidence >= 0.8
        and not any(_inside(w.bbox, b) for b in boxes)
    ]
    return {
        "source": pdf.name,
        "page": [float(page.mediabox.width), float(page.mediabox.height)],
        "fields": fields,
        "anchors": anchors,
    }


def _inside(word: BBox, box: BBox) -> bool:
    return box.x0 - 2 <= word.cx <= box.x1 + 2 and box.top - 2 <= word.cy <= box.bottom + 2


if __name__ == "__main__":
    source, name = Path(sys.argv[1]), sys.argv[2]
    target = Path(__file__).parents[1] / "extractors" / "forms" / f"{name}.json"
    target.write_text(json.dumps(build(source), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {target}")
