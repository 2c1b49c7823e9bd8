"""The knowledge base: versioned data files, their schemas, the loader and the linter."""
