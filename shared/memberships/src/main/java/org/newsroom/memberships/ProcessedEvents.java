package org.newsroom.memberships;

/**
 * The payment events already processed, kept long after the provider stops retrying. The writes of
 * {@link MemberRepository} and {@link GiftRepository} mark their event themselves; this records an
 * event that changes nothing else.
 */
public interface ProcessedEvents {

    /** Records {@code eventId}; {@link WriteResult#DUPLICATE_EVENT} when it was recorded before. */
    WriteResult markProcessed(String eventId);
}
