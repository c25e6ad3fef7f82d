"""Ingest: validate articles and put them on the `tocsin:articles` stream; dead-letter the rest."""
