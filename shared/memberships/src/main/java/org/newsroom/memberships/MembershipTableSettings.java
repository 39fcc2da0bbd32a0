package org.newsroom.memberships;

import org.newsroom.core.config.Config;

/**
 * Where the memberships live, as every function that touches them reads it: {@code
 * MEMBERSHIPS_TABLE} (required) and {@code COUNTER_SHARDS} (1 to 50, default 10; the writers and
 * the readers of one table must agree, and it may only be raised).
 */
public record MembershipTableSettings(String table, int counterShards) {

    public static final int DEFAULT_COUNTER_SHARDS = 10;
    public static final int MAX_COUNTER_SHARDS = 50;

    public static MembershipTableSettings from(Config config) {
        return new MembershipTableSettings(
                config.require("MEMBERSHIPS_TABLE"),
                config.getInt("COUNTER_SHARDS", DEFAULT_COUNTER_SHARDS, 1, MAX_COUNTER_SHARDS));
    }
}
