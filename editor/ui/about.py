"""Help > About: what the catalog holds and where it comes from (its recorded sources)."""

from __future__ import annotations

from editor.core.catalog.catalog import Catalog


def about_text(catalog: Catalog, title: str) -> str:
    provenance = catalog.provenance
    sources = "".join(
        f"<li>{s.package or s.file or s.url} {s.version or ''}: {s.used_for}</li>"
        for s in provenance.sources
    )
    return (
        f"<h3>{title}</h3>"
        f"<p>{len(catalog.messaging_actions)} messaging actions of "
        f"{len(catalog.actions)} Chime actions.</p>"
        f"<p>Catalog generated {provenance.generated} by {provenance.generator} from:</p>"
        f"<ul>{sources}</ul>"
    )
