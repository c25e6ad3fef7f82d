"""Fold stage: one alert per real-world event, updated as later reports raise the toll."""
