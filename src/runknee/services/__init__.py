"""The application layer: coordinates storage, the clock and the pure domain for the facade.

Domain code (``engine/``, ``knowledge/``) knows nothing of storage; storage knows nothing of
the domain's rules; a service here brings the two together for one feature, and the facade
(:mod:`runknee.api`) hands services out to the faces.
"""
