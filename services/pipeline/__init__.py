"""The pipeline stage: a batch of stream entries -> classify -> fold -> dispatch -> ack."""
