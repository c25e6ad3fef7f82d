"""Delivery: routes alert events to Slack channels and signed webhooks, in order, with retries."""
