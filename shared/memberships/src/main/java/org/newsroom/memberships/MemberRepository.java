package org.newsroom.memberships;

import java.util.List;
import java.util.Optional;

/**
 * The memberships. Every write that changes who is a member changes the counters in the same
 * transaction, conditioned on the version that was read, so counts stay exact under retries and
 * concurrency.
 */
public interface MemberRepository {

    Optional<Member> findMember(String id);

    /**
     * The members of {@code ids}, in that order, each empty when absent: as many reads as {@link
     * #findMember}, but a store may answer them with one round trip.
     */
    default List<Optional<Member>> findMembers(List<String> ids) {
        return ids.stream().map(this::findMember).toList();
    }

    /**
     * Writes {@code member} (expected to be at {@code member.version()}, 0 meaning absent), marks
     * {@code eventId} as processed and applies {@code delta} to the counters, all in one
     * transaction. {@link WriteResult#DUPLICATE_EVENT} when the event was processed before.
     */
    WriteResult writeMember(String eventId, Member member, CounterDelta delta);

    /**
     * Writes every one of {@code members} (each expected at its version), marks {@code eventId} and
     * applies {@code delta}, all in one transaction: a membership and the imported member it is
     * linked to change together.
     */
    WriteResult writeMembers(String eventId, List<Member> members, CounterDelta delta);

    /** The same without an event (the import, whose ids make it idempotent). */
    WriteResult writeMember(Member member, CounterDelta delta);
}
