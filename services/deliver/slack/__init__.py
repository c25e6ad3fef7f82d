"""Slack delivery: Block Kit rendering and a slack-sdk notifier that never sleeps."""
