package org.newsroom.memberships;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link MemberRepository} on the {@link MembershipTable}. */
public final class DynamoDbMemberRepository implements MemberRepository {

    private final MembershipTable table;

    public DynamoDbMemberRepository(MembershipTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<Member> findMember(String id) {
        return table.get(MembershipItems.memberKey(id), "Could not read a membership")
                .map(MembershipItems::toMember);
    }

    /** {@inheritDoc} One BatchGetItem, strongly consistent like {@link #findMember}. */
    @Override
    public List<Optional<Member>> findMembers(List<String> ids) {
        // Loops rather than streams: this runs on every first membership.
        List<Map<String, AttributeValue>> keys = new ArrayList<>(ids.size());
        for (String id : ids) {
            keys.add(MembershipItems.memberKey(id));
        }
        List<Optional<Map<String, AttributeValue>>> items =
                table.getAll(keys, "Could not read memberships");
        List<Optional<Member>> members = new ArrayList<>(items.size());
        for (Optional<Map<String, AttributeValue>> item : items) {
            members.add(item.map(MembershipItems::toMember));
        }
        return Collections.unmodifiableList(members);
    }

    @Override
    public WriteResult writeMember(String eventId, Member member, CounterDelta delta) {
        return commitNextVersion(table.transaction().markEvent(eventId), member, delta);
    }

    @Override
    public WriteResult writeMembers(String eventId, List<Member> members, CounterDelta delta) {
        MembershipTable.Transaction transaction = table.transaction().markEvent(eventId);
        for (Member member : members) {
            transaction.putVersioned(
                    MembershipItems.toItem(member, member.version() + 1), member.version());
        }
        return transaction.count(delta).commit();
    }

    @Override
    public WriteResult writeMember(Member member, CounterDelta delta) {
        return commitNextVersion(table.transaction(), member, delta);
    }

    /**
     * Adds the member's next version and the counter change to {@code transaction}, and commits.
     */
    private static WriteResult commitNextVersion(
            MembershipTable.Transaction transaction, Member member, CounterDelta delta) {
        return transaction
                .putVersioned(
                        MembershipItems.toItem(member, member.version() + 1), member.version())
                .count(delta)
                .commit();
    }
}
