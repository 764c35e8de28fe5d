"""Lint rules, one module per family; each rule is (ctx) -> Iterable[Finding]."""
