"""Application services: coordinate storage and the pure domain packages for the faces."""
