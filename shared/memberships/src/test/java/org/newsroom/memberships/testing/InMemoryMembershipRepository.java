package org.newsroom.memberships.testing;

import org.newsroom.memberships.CounterDelta;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.MailJob;
import org.newsroom.memberships.Member;
import org.newsroom.memberships.MembershipRepository;
import org.newsroom.memberships.WriteResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A faithful in-memory stand-in for the table, for unit tests of the services and handlers:
 * the same conditions (event marker absent, expected version, gift state) and the same
 * all-or-nothing writes as the DynamoDB transactions.
 */
public final class InMemoryMembershipRepository implements MembershipRepository {

    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, Gift> gifts = new HashMap<>();
    private final Map<String, MailJob> dueJobs = new LinkedHashMap<>();
    private final Map<String, MailJob> claimedJobs = new HashMap<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Set<String> events = new HashSet<>();
    private final Map<String, Long> counters = new HashMap<>();
    private final Map<String, Long> attempts = new HashMap<>();
    private int counterReads;

    @Override
    public synchronized Optional<Member> findMember(String id) {
        return Optional.ofNullable(members.get(id));
    }

    @Override
    public synchronized WriteResult writeMember(Optional<String> eventId, Member member, CounterDelta delta) {
        if (eventId.isPresent() && events.contains(eventId.get())) {
            return WriteResult.DUPLICATE_EVENT;
        }
        if (version(members.get(member.id())) != member.version()) {
            return WriteResult.CONFLICT;
        }
        eventId.ifPresent(events::add);
        members.put(member.id(), bump(member));
        apply(delta);
        return WriteResult.APPLIED;
    }

    @Override
    public synchronized WriteResult markEvent(String eventId) {
        return events.add(eventId) ? WriteResult.APPLIED : WriteResult.DUPLICATE_EVENT;
    }

    @Override
    public synchronized Optional<Gift> findGift(String id) {
        return Optional.ofNullable(gifts.get(id));
    }

    @Override
    public synchronized WriteResult writeGift(Optional<String> eventId, Gift gift, List<MailJob> newJobs, boolean revoke) {
        if (eventId.isPresent() && events.contains(eventId.get())) {
            return WriteResult.DUPLICATE_EVENT;
        }
        Gift current = gifts.get(gift.id());
        if ((current == null ? 0 : current.version()) != gift.version()) {
            return WriteResult.CONFLICT;
        }
        eventId.ifPresent(events::add);
        gifts.put(gift.id(), bumpGift(gift));
        newJobs.forEach(job -> dueJobs.put(jobKey(job), job));
        if (revoke) {
            for (MailJob.Kind kind : MailJob.Kind.values()) {
                dueJobs.remove(gift.id() + "/" + kind);
                claimedJobs.remove(gift.id() + "/" + kind);
            }
        }
        return WriteResult.APPLIED;
    }

    @Override
    public synchronized Optional<String> findGiftIdByCode(String codeHash) {
        return Optional.ofNullable(codes.get(codeHash));
    }

    @Override
    public synchronized WriteResult redeemGift(Gift gift, String codeHash, Instant now, Member member, CounterDelta delta,
                                               MailJob membershipEnd) {
        Gift current = gifts.get(gift.id());
        if (current == null || current.version() != gift.version() || current.state() != Gift.State.ISSUED
                || !current.codeHash().equals(Optional.of(codeHash))
                || current.expiresAt().map(until -> !until.isAfter(now)).orElse(true)) {
            return WriteResult.CONFLICT;
        }
        if (version(members.get(member.id())) != member.version()) {
            return WriteResult.CONFLICT;
        }
        gifts.put(gift.id(), bumpGift(gift));
        members.put(member.id(), bump(member));
        apply(delta);
        dueJobs.put(jobKey(membershipEnd), membershipEnd);
        return WriteResult.APPLIED;
    }

    @Override
    public synchronized List<MailJob> dueMailJobs(Instant now, int limit) {
        return dueJobs.values().stream().filter(job -> !job.dueAt().isAfter(now))
                .sorted(Comparator.comparing(MailJob::dueAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean claimMailJob(MailJob job, Optional<Gift> issueCodeFor, Optional<String> newCodeHash, Instant now) {
        if (!dueJobs.containsKey(jobKey(job))) {
            return false;
        }
        if (issueCodeFor.isPresent()) {
            Gift expected = issueCodeFor.get();
            Gift current = gifts.get(expected.id());
            if (current == null || current.version() != expected.version()
                    || !(current.state() == Gift.State.PAID || current.state() == Gift.State.ISSUED)
                    || codes.containsKey(newCodeHash.orElseThrow())) {
                return false;
            }
            current.codeHash().ifPresent(codes::remove);
            gifts.put(current.id(), bumpGift(current.withCode(newCodeHash.get(), now)));
            codes.put(newCodeHash.get(), current.id());
        }
        claimedJobs.put(jobKey(job), dueJobs.remove(jobKey(job)));
        return true;
    }

    @Override
    public synchronized void releaseMailJob(MailJob job, Instant retryAt) {
        if (claimedJobs.remove(jobKey(job)) != null || dueJobs.containsKey(jobKey(job))) {
            dueJobs.put(jobKey(job), new MailJob(job.giftId(), job.kind(), retryAt, job.attempts() + 1));
        }
    }

    @Override
    public synchronized void deleteMailJob(MailJob job) {
        dueJobs.remove(jobKey(job));
        claimedJobs.remove(jobKey(job));
    }

    @Override
    public synchronized Map<String, Long> readCounters(Collection<String> names) {
        counterReads++;
        Map<String, Long> values = new LinkedHashMap<>();
        names.forEach(name -> values.put(name, counters.getOrDefault(name, 0L)));
        return values;
    }

    @Override
    public synchronized long countAttempt(String key, Instant windowEnd) {
        return attempts.merge(key, 1L, Long::sum);
    }

    // ---- inspection helpers for tests ----

    public synchronized long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public synchronized int counterReads() {
        return counterReads;
    }

    public synchronized List<MailJob> pendingJobs() {
        return new ArrayList<>(dueJobs.values());
    }

    public synchronized boolean eventRecorded(String eventId) {
        return events.contains(eventId);
    }

    /** Puts a gift directly, as if earlier events had created it. */
    public synchronized void putGift(Gift gift) {
        gifts.put(gift.id(), bumpGift(gift));
        gift.codeHash().ifPresent(hash -> codes.put(hash, gift.id()));
    }

    private void apply(CounterDelta delta) {
        delta.changes().forEach((name, change) -> counters.merge(name, change, Long::sum));
    }

    private static long version(Member member) {
        return member == null ? 0 : member.version();
    }

    private static Member bump(Member m) {
        return new Member(m.id(), m.status(), m.plan(), m.email(), m.source(), m.startedAt(), m.endedAt(), m.updatedAt(), m.version() + 1);
    }

    private static Gift bumpGift(Gift g) {
        return new Gift(g.id(), g.state(), g.buyerEmail(), g.recipientEmail(), g.recipientName(), g.message(), g.deliverOn(),
                g.purchasedAt(), g.expiresAt(), g.codeHash(), g.redeemedBy(), g.updatedAt(), g.version() + 1);
    }

    private static String jobKey(MailJob job) {
        return job.giftId() + "/" + job.kind();
    }
}
