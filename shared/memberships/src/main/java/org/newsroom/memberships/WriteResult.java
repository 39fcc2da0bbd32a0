package org.newsroom.memberships;

/** What a conditional write did. */
public enum WriteResult {
    /** The change, its event marker and its counter changes were written together. */
    APPLIED,
    /** The event id was already recorded: nothing was written. */
    DUPLICATE_EVENT,
    /**
     * The item changed since it was read (or a concurrent transaction touched it): read again and
     * retry.
     */
    CONFLICT
}
