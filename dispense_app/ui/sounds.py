"""OK and STOP sounds (QtMultimedia's QSoundEffect; WAVs in resources/sounds, see tools/make_sounds.py).

The effects are created lazily, after the window has painted, so QtMultimedia does not slow the cold
start. Without an audio output (no PulseAudio, a CI machine) Qt logs a warning and plays nothing;
the verdict is always on screen anyway, so a missing sound never hides anything.
"""

from __future__ import annotations

from typing import Any, Protocol

from dispense_app.ui.resources import resource_path
from dispense_app.ui.viewmodel import Level

SOUND_FILES = {Level.OK: "ok.wav", Level.STOP: "stop.wav"}


class Sounds(Protocol):
    """What the counter window needs of its sounds: play one per verdict; ``enabled`` follows the settings."""

    enabled: bool

    def play(self, level: Level) -> None: ...


class SoundPlayer:
    """Plays ``ok.wav`` for OK and ``stop.wav`` for STOP (nothing for CHECK); ``enabled`` switches it."""

    def __init__(self, *, enabled: bool = True, volume: float = 0.8) -> None:
        self.enabled = enabled
        self.volume = volume
        self._effects: dict[Level, Any] = {}

    def _effect(self, level: Level) -> Any:
        if level not in self._effects:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect

            path = resource_path("sounds", SOUND_FILES[level])
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self.volume)
            self._effects[level] = effect
        return self._effects[level]

    def preload(self) -> None:
        """Create the effects now (call once the window is shown)."""
        if self.enabled:
            for level in SOUND_FILES:
                self._effect(level)

    def play(self, level: Level) -> None:
        if self.enabled and level in SOUND_FILES:
            self._effect(level).play()
