"""Write the counter window's sounds into resources/sounds (small 16-bit mono WAVs, made here, not downloaded).

    .venv/bin/python tools/make_sounds.py

ok.wav: one short, rising two-tone chime (pleasant, quiet). stop.wav: three low, harsh buzzes, so
the two can never be confused, even by someone who does not look at the screen.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds"


def tone(freq: float, ms: int, *, volume: float = 0.4, square: bool = False) -> list[float]:
    n = int(RATE * ms / 1000)
    fade = max(1, int(RATE * 0.008))  # 8 ms ramps: no clicks
    out = []
    for i in range(n):
        phase = math.sin(2 * math.pi * freq * i / RATE)
        value = (1.0 if phase >= 0 else -1.0) * 0.6 if square else phase
        envelope = min(1.0, i / fade, (n - 1 - i) / fade)
        out.append(value * volume * envelope)
    return out


def silence(ms: int) -> list[float]:
    return [0.0] * int(RATE * ms / 1000)


def write(name: str, samples: list[float]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples))
    return path


def main() -> int:
    ok = tone(880, 90) + silence(20) + tone(1320, 140)
    stop = []
    for _ in range(3):
        stop += tone(220, 160, volume=0.5, square=True) + silence(70)
    for path in (write("ok.wav", ok), write("stop.wav", stop)):
        print(f"{path.relative_to(OUT.parents[1])}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
