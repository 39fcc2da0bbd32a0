package org.newsroom.issues;

import java.time.Instant;

/** A ledger entry as stored: its state and when it last changed. */
public record Delivery(DeliveryState state, Instant at) {}
