package org.newsroom.memberships.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.memberships.Campaign;
import org.newsroom.memberships.CampaignStore;
import org.newsroom.memberships.CounterDelta;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.GiftJobQueue;
import org.newsroom.memberships.GiftRedemption;
import org.newsroom.memberships.GiftRepository;
import org.newsroom.memberships.ImportIds;
import org.newsroom.memberships.Member;
import org.newsroom.memberships.MemberRepository;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.ProcessedEvents;
import org.newsroom.memberships.RedemptionWrite;
import org.newsroom.memberships.SupporterCounters;
import org.newsroom.memberships.WriteResult;

/**
 * A faithful in-memory stand-in for the memberships table and every repository on it, for unit
 * tests of the services and handlers: the same conditions (event marker absent, expected version,
 * gift state) and the same all-or-nothing writes as the DynamoDB transactions.
 */
public final class InMemoryMembershipTable
        implements MemberRepository,
                GiftRepository,
                GiftJobQueue,
                SupporterCounters,
                CampaignStore,
                ProcessedEvents {

    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, Gift> gifts = new HashMap<>();
    private final Map<String, GiftJob> dueJobs = new LinkedHashMap<>();
    private final Map<String, GiftJob> deadJobs = new LinkedHashMap<>();
    private final Map<String, GiftJob> parkedJobs = new LinkedHashMap<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Set<String> events = new HashSet<>();
    private final Map<String, Long> counters = new HashMap<>();
    private Campaign campaign;
    private int counterReads;
    private int campaignReads;

    /** The pepper of {@link #IMPORT_IDS}: a test value, as the stack's secret would hold one. */
    public static final String TEST_PEPPER = "test-pepper-0123456789-0123456789-abcdef";

    /** Imported members' ids as a stack with {@link #TEST_PEPPER} computes them. */
    public static final ImportIds IMPORT_IDS =
            ImportIds.peppered(new AddressKeys(Pepper.of(TEST_PEPPER)));

    /** The membership service on this table, with the imported members' ids of the test pepper. */
    public MembershipService service(Counting counting, Clock clock) {
        return new MembershipService(this, this, this, counting, IMPORT_IDS, clock);
    }

    /** The membership service on this table, counting supporters only. */
    public MembershipService service(Clock clock) {
        return service(Counting.supportersOnly(), clock);
    }

    /** Gift redemption on this table, counting supporters only. */
    public GiftRedemption redemption(Clock clock) {
        return new GiftRedemption(this, Counting.supportersOnly(), clock);
    }

    @Override
    public synchronized Optional<Member> findMember(String id) {
        return Optional.ofNullable(members.get(id));
    }

    @Override
    public synchronized WriteResult writeMember(String eventId, Member member, CounterDelta delta) {
        if (events.contains(eventId)) {
            return WriteResult.DUPLICATE_EVENT;
        }
        WriteResult result = writeMember(member, delta);
        if (result == WriteResult.APPLIED) {
            events.add(eventId);
        }
        return result;
    }

    @Override
    public synchronized WriteResult writeMembers(
            String eventId, List<Member> written, CounterDelta delta) {
        if (events.contains(eventId)) {
            return WriteResult.DUPLICATE_EVENT;
        }
        for (Member member : written) {
            if (version(members.get(member.id())) != member.version()) {
                return WriteResult.CONFLICT;
            }
        }
        written.forEach(member -> members.put(member.id(), bump(member)));
        apply(delta);
        events.add(eventId);
        return WriteResult.APPLIED;
    }

    @Override
    public synchronized WriteResult writeMember(Member member, CounterDelta delta) {
        if (version(members.get(member.id())) != member.version()) {
            return WriteResult.CONFLICT;
        }
        members.put(member.id(), bump(member));
        apply(delta);
        return WriteResult.APPLIED;
    }

    @Override
    public synchronized WriteResult markProcessed(String eventId) {
        return events.add(eventId) ? WriteResult.APPLIED : WriteResult.DUPLICATE_EVENT;
    }

    @Override
    public synchronized Optional<Gift> findGift(String id) {
        return Optional.ofNullable(gifts.get(id));
    }

    @Override
    public synchronized WriteResult writeGift(
            String eventId, Gift gift, List<GiftJob> jobs, List<GiftJob> awaitingAddress) {
        WriteResult result = writeGift(eventId, gift, jobs, false);
        if (result == WriteResult.APPLIED) {
            awaitingAddress.forEach(job -> parkedJobs.put(jobKey(job), job));
        }
        return result;
    }

    @Override
    public synchronized WriteResult correctRecipient(Gift gift, GiftJob recipientMail) {
        Gift current = gifts.get(gift.id());
        if ((current == null ? 0 : current.version()) != gift.version()) {
            return WriteResult.CONFLICT;
        }
        gifts.put(gift.id(), bumpGift(gift));
        parkedJobs.remove(jobKey(recipientMail));
        deadJobs.remove(jobKey(recipientMail));
        dueJobs.put(jobKey(recipientMail), recipientMail);
        return WriteResult.APPLIED;
    }

    @Override
    public synchronized List<GiftJob> awaitingAddress(int limit) {
        return parkedJobs.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized WriteResult revokeGift(String eventId, Gift gift) {
        return writeGift(eventId, gift, List.of(), true);
    }

    private WriteResult writeGift(
            String eventId, Gift gift, List<GiftJob> newJobs, boolean revoke) {
        if (events.contains(eventId)) {
            return WriteResult.DUPLICATE_EVENT;
        }
        Gift current = gifts.get(gift.id());
        if ((current == null ? 0 : current.version()) != gift.version()) {
            return WriteResult.CONFLICT;
        }
        events.add(eventId);
        gifts.put(gift.id(), bumpGift(gift));
        newJobs.forEach(job -> dueJobs.put(jobKey(job), job));
        if (revoke) {
            for (GiftJob.Kind kind : GiftJob.Kind.values()) {
                dueJobs.remove(gift.id() + "/" + kind);
                deadJobs.remove(gift.id() + "/" + kind);
                parkedJobs.remove(gift.id() + "/" + kind);
            }
        }
        return WriteResult.APPLIED;
    }

    @Override
    public synchronized Optional<String> findGiftIdByCode(String codeHash) {
        return Optional.ofNullable(codes.get(codeHash));
    }

    @Override
    public synchronized RedemptionWrite redeemGift(
            String giftId,
            String codeHash,
            String email,
            Instant now,
            Member member,
            CounterDelta delta,
            GiftJob membershipEnd) {
        Gift current = gifts.get(giftId);
        // Whole seconds on both sides, as the stored validUntil and the condition compare them.
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        if (current == null
                || current.state() != Gift.State.ISSUED
                || !current.codeHash().equals(Optional.of(codeHash))
                || current.expiresAt()
                        .map(until -> !until.truncatedTo(ChronoUnit.SECONDS).isAfter(second))
                        .orElse(true)) {
            return RedemptionWrite.refused(Optional.ofNullable(current));
        }
        if (version(members.get(member.id())) != member.version()) {
            return RedemptionWrite.CONFLICT;
        }
        gifts.put(giftId, bumpGift(current.redeemedBy(email, now)));
        members.put(member.id(), bump(member));
        apply(delta);
        dueJobs.put(jobKey(membershipEnd), membershipEnd);
        return RedemptionWrite.APPLIED;
    }

    @Override
    public synchronized List<GiftJob> due(Instant now, int limit) {
        return dueJobs.values().stream()
                .filter(job -> !job.dueAt().isAfter(now))
                .sorted(Comparator.comparing(GiftJob::dueAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean claim(GiftJob job, Instant now, Instant leaseUntil) {
        GiftJob current = dueJobs.get(jobKey(job));
        if (current == null || !current.dueAt().equals(job.dueAt())) {
            return false;
        }
        dueJobs.put(
                jobKey(job),
                new GiftJob(job.giftId(), job.kind(), leaseUntil, current.attempts() + 1));
        return true;
    }

    @Override
    public synchronized boolean claimIssuingCode(
            GiftJob job, Gift gift, String newCodeHash, Instant now, Instant leaseUntil) {
        GiftJob due = dueJobs.get(jobKey(job));
        if (due == null || !due.dueAt().equals(job.dueAt())) {
            return false;
        }
        Gift current = gifts.get(gift.id());
        if (current == null
                || current.version() != gift.version()
                || !(current.state() == Gift.State.PAID || current.state() == Gift.State.ISSUED)
                || codes.containsKey(newCodeHash)) {
            return false;
        }
        current.codeHash().ifPresent(codes::remove);
        gifts.put(current.id(), bumpGift(current.withCode(newCodeHash, now)));
        codes.put(newCodeHash, current.id());
        return claim(job, now, leaseUntil);
    }

    @Override
    public synchronized void release(GiftJob job, Instant retryAt) {
        GiftJob current = dueJobs.get(jobKey(job));
        if (current != null) {
            dueJobs.put(
                    jobKey(job),
                    new GiftJob(job.giftId(), job.kind(), retryAt, current.attempts()));
        }
    }

    @Override
    public synchronized void delete(GiftJob job) {
        dueJobs.remove(jobKey(job));
        deadJobs.remove(jobKey(job));
        parkedJobs.remove(jobKey(job));
    }

    @Override
    public synchronized boolean deadLetter(GiftJob job, Instant dueAt, Instant now, String reason) {
        GiftJob current = dueJobs.get(jobKey(job));
        if (current == null || !current.dueAt().equals(dueAt)) {
            return false;
        }
        dueJobs.remove(jobKey(job));
        deadJobs.put(jobKey(job), new GiftJob(job.giftId(), job.kind(), now, current.attempts()));
        return true;
    }

    @Override
    public synchronized List<GiftJob> deadLettered(int limit) {
        return deadJobs.values().stream()
                .sorted(Comparator.comparing(GiftJob::dueAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean retry(String giftId, GiftJob.Kind kind, Instant now) {
        GiftJob dead = deadJobs.remove(giftId + "/" + kind);
        if (dead == null) {
            return false;
        }
        dueJobs.put(giftId + "/" + kind, GiftJob.due(giftId, kind, now));
        return true;
    }

    @Override
    public synchronized Reading read() {
        counterReads++;
        return new Reading(counters, Optional.ofNullable(campaign));
    }

    @Override
    public synchronized Optional<Campaign> find() {
        campaignReads++;
        return Optional.ofNullable(campaign);
    }

    @Override
    public synchronized void put(Campaign campaign) {
        this.campaign = campaign;
    }

    @Override
    public synchronized void clear() {
        this.campaign = null;
    }

    // ---- inspection helpers for tests ----

    public synchronized long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** Reads of the counters (each also returns the campaign). */
    public synchronized int counterReads() {
        return counterReads;
    }

    /** Reads of the campaign alone, as the writers do. */
    public synchronized int campaignReads() {
        return campaignReads;
    }

    public synchronized List<GiftJob> pendingJobs() {
        return new ArrayList<>(dueJobs.values());
    }

    public synchronized Optional<Member> member(String id) {
        return Optional.ofNullable(members.get(id));
    }

    public synchronized List<GiftJob> deadJobs() {
        return new ArrayList<>(deadJobs.values());
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
        return m.toBuilder().version(m.version() + 1).build();
    }

    private static Gift bumpGift(Gift g) {
        return g.toBuilder().version(g.version() + 1).build();
    }

    private static String jobKey(GiftJob job) {
        return job.giftId() + "/" + job.kind();
    }
}
