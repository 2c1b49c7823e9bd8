"""Application services: coordinating code between the facade (:mod:`runknee.api`), the core
packages and the store. Faces reach them through the facade only."""
