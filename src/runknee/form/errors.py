"""The form check's errors (importable without the optional video packages)."""

from __future__ import annotations

from runknee.errors import RunkneeError


class VideoInputError(RunkneeError):
    """The file is missing, empty, or not a video runknee can decode."""


class PoseModelUnavailable(RunkneeError):
    """The pose model is not installed (the optional ``form`` extra and mediapipe)."""
