"""News sources: RSS/Atom feeds polled on a schedule onto the `tocsin:articles` stream."""
