"""Webhook delivery: Standard Webhooks signing, subscriptions, SSRF guard, retries."""
