"""What many tests share: the checkout's paths, a headless browser, SPARQL servers, store checks."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout
DATA = ROOT / "data"
SEED = DATA / "izmir-manisa-fed.txt"  # the one real article the project ships (the user's own)
