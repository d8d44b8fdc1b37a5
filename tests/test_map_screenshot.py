"""Screenshots of the map (headless Chromium), checked pixel by pixel; the CLI command."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from test_map_render import seed

from conflictmap.cli import main
from maps.render import write_map
from maps.screenshot import take_screenshot
from maps.styles import AREA_FILL_OPACITY, BASEMAP, PLACE_COLORS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shot") / "seed.html"
    return write_map(path, *seed(), title="Seed map")


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _blend(top: str, bottom: str, alpha: float) -> tuple[int, int, int]:
    t, b = _rgb(top), _rgb(bottom)
    return tuple(round(alpha * x + (1 - alpha) * y) for x, y in zip(t, b, strict=True))  # type: ignore[return-value]


def test_screenshot_shows_basemap_area_and_markers(seed_map: Path, tmp_path: Path) -> None:
    from PIL import Image

    png = take_screenshot(seed_map, tmp_path / "seed.png", width=1000, height=700)
    image = Image.open(io.BytesIO(png.read_bytes())).convert("RGB")
    pixels = np.asarray(image, dtype=np.int16).reshape(-1, 3)

    def share(color: tuple[int, int, int], tol: int = 6) -> float:
        return float((np.abs(pixels - np.array(color)).max(axis=1) <= tol).mean())

    assert share(_rgb(BASEMAP["land"])) > 0.05
    assert share(_rgb(BASEMAP["ocean"])) > 0.05
    area_on_sea = _blend(PLACE_COLORS["derived"], BASEMAP["ocean"], AREA_FILL_OPACITY)
    assert share(area_on_sea, tol=8) > 0.05
    assert share(_rgb("#e66101"), tol=20) > 0.0002  # strike marker (explosions)
    assert share(_rgb("#2166ac"), tol=20) > 0.0002  # protest marker


def test_screenshot_command(seed_map: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.png"
    args = ["screenshot", str(seed_map), "-o", str(out), "--width", "640", "--height", "400"]
    assert main(args) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["screenshot", str(tmp_path / "missing.html"), "-o", str(out)]) == 2
