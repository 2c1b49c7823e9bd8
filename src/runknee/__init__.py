"""runknee: offline, evidence-cited help for runners with knee pain.

Education and self-management, not diagnosis. The public API is :class:`runknee.api.Runknee`.
"""

from __future__ import annotations

__version__ = "0.1.0"
