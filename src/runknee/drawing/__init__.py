"""Pictures drawn from the knowledge base: the exercises' stick figures as SVG.

Pure functions of knowledge models (no engine, storage or face); the facade hands them out.
"""
