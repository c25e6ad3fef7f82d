"""Test doubles and real local servers the tests run against (never mocks of our modules)."""
