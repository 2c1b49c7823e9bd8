"""The evaluation harness behind ``runknee eval``: the engine scored against labelled cases.

It drives the engine as a runner would (whole cases and simulated interviews) and adds no
domain rules of its own; the facade, ``benchmarks/`` and the README's figures use it.
"""
