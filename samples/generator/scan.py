"""Turn a digital PDF into a plausible scan: raster, skew, noise, uneven paper, optional binarisation.

Output formats: PNG, JPEG, (multi-page) TIFF and image-only PDF (no text layer).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter, ImageOps

FIXED_DATE = time.strptime("2024-01-01", "%Y-%m-%d")  # keeps scanned PDFs byte-reproducible


@dataclass(frozen=True)
class ScanSettings:
    fmt: str = "png"  # png | jpeg | tiff | pdf
    dpi: int = 200
    angle: float = 0.8  # skew in degrees (positive = counter-clockwise)
    quarter_turns: int = 0  # 0, 1 (page fed sideways, 90°) or 2 (upside down, 180°)
    binarize: bool = False
    noise: float = 5.0  # std-dev of sensor noise in grey levels
    blur: float = 0.6  # optics blur radius in px
    paper: float = 0.93  # paper brightness (1 = white)
    unevenness: float = 0.04  # low-frequency illumination variation
    edge_shadow: bool = True  # dark band along one edge (scanner lid)
    jpeg_quality: int = 70
    gray_bits: int = 8  # posterise grey output (4 = 16 levels, as many office scanners do)

    @property
    def rotation(self) -> int:
        return 90 * self.quarter_turns

    def describe(self) -> dict[str, Any]:
        d = asdict(self)
        d["rotation"] = self.rotation
        return {k: d[k] for k in ("fmt", "dpi", "angle", "rotation", "binarize")}


def render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [
            doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for i in range(len(doc))
        ]
    finally:
        doc.close()


def _smooth_field(
    shape: tuple[int, int], rng: np.random.Generator, cells: tuple[int, int] = (4, 3)
) -> np.ndarray:
    """Low-frequency random field in [-1, 1], upsampled from a coarse grid."""
    coarse = rng.uniform(-1, 1, size=(cells[0], cells[1])).astype(np.float32)
    img = Image.fromarray(((coarse + 1) * 127.5).astype(np.uint8), "L").resize(
        (shape[1], shape[0]), Image.Resampling.BICUBIC
    )
    return np.asarray(img, dtype=np.float32) / 127.5 - 1


def degrade(page: Image.Image, s: ScanSettings, rng: np.random.Generator) -> Image.Image:
    h, w = page.height, page.width
    ink = 255 - np.asarray(page, dtype=np.float32)  # 0 = paper, 255 = full ink
    ink_img = Image.fromarray(ink.clip(0, 255).astype(np.uint8), "L")
    if s.blur:
        ink_img = ink_img.filter(ImageFilter.GaussianBlur(s.blur))
    # skew plus a small offset of the sheet on the glass
    dx, dy = int(rng.integers(-12, 13)), int(rng.integers(-10, 11))
    ink_img = ink_img.rotate(
        s.angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=0, translate=(dx, dy)
    )
    ink = np.asarray(ink_img, dtype=np.float32) / 255.0

    paper = np.full((h, w), s.paper, dtype=np.float32)
    paper += s.unevenness * _smooth_field((h, w), rng)
    if s.edge_shadow:
        side = int(rng.integers(0, 4))
        depth = rng.uniform(0.15, 0.35)
        width = max(w, h) * rng.uniform(0.008, 0.02)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        dist = [xx, w - 1 - xx, yy, h - 1 - yy][side]
        paper -= depth * np.exp(-dist / width)
    ink_level = rng.uniform(0.82, 0.92)  # toner is never pure black
    out = paper * (1 - ink * ink_level)
    out = out * 255 + rng.normal(0, s.noise, size=(h, w)).astype(np.float32)
    # a few specks of dust
    for _ in range(int(rng.integers(8, 30))):
        cy, cx = int(rng.integers(0, h)), int(rng.integers(0, w))
        r = int(rng.integers(1, 3))
        out[max(cy - r, 0) : cy + r, max(cx - r, 0) : cx + r] *= rng.uniform(0.2, 0.6)
    img = Image.fromarray(out.clip(0, 255).astype(np.uint8), "L")
    if s.gray_bits < 8 and not s.binarize:
        img = ImageOps.posterize(img, s.gray_bits)
    if s.binarize:
        threshold = int(255 * s.paper * 0.62)
        img = img.point(lambda p: 255 if p > threshold else 0, mode="1")
    if s.quarter_turns == 1:
        img = img.transpose(Image.Transpose.ROTATE_90)
    elif s.quarter_turns == 2:
        img = img.transpose(Image.Transpose.ROTATE_180)
    return img


def save(pages: list[Image.Image], out: Path, s: ScanSettings) -> None:
    dpi = (s.dpi, s.dpi)
    if s.fmt == "png":
        if len(pages) != 1:
            raise ValueError("PNG holds one page")
        pages[0].save(out, "PNG", optimize=True, dpi=dpi)
    elif s.fmt == "jpeg":
        if len(pages) != 1:
            raise ValueError("JPEG holds one page")
        pages[0].convert("L").save(out, "JPEG", quality=s.jpeg_quality, optimize=True, dpi=dpi)
    elif s.fmt == "tiff":
        comp = "group4" if s.binarize else "tiff_adobe_deflate"
        pages[0].save(
            out, "TIFF", save_all=True, append_images=pages[1:], compression=comp, dpi=dpi
        )
    elif s.fmt == "pdf":
        # Pillow stores mode "1" as CCITT G4 and mode "L" as JPEG (DCT); no text layer
        extra: dict[str, Any] = {} if s.binarize else {"quality": s.jpeg_quality}
        pages[0].save(
            out,
            "PDF",
            save_all=True,
            append_images=pages[1:],
            resolution=float(s.dpi),
            creationDate=FIXED_DATE,
            modDate=FIXED_DATE,
            title="Scanned document",
            producer="Scanner",
            **extra,
        )
    else:
        raise ValueError(s.fmt)


def scan_pdf(pdf: Path, out: Path, s: ScanSettings, seed: int) -> dict[str, Any]:
    """Render ``pdf`` and save it as a degraded scan at ``out``; returns scan metadata for the expected JSON."""
    rng = np.random.default_rng(seed)
    pages = [degrade(p, s, rng) for p in render_pages(pdf, s.dpi)]
    save(pages, out, s)
    return s.describe()


EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "tiff": ".tif", "pdf": ".pdf"}
