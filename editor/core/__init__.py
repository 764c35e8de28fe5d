"""The engine, free of Qt: text -> JSON tree -> policy model -> checks and exports.

Packages in pipeline order; each may import only the ones before it (tests/test_architecture.py).
"""
