package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Digests;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.memberships.testing.InMemoryMembershipTable;

class MemberImportTest {

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final MemberImport importer =
            new MemberImport(
                    repository.service(
                            Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC)));

    private MemberImport.Report run(String csv) throws IOException {
        return importer.run(new BufferedReader(new StringReader(csv)));
    }

    @Test
    void run_shouldNotDoubleCount_whenRunAgainWithOverlap() throws IOException {
        MemberImport.Report first =
                run(
                        "email,plan,start_date\nA@Example.org,monthly,2024-03-01\nb@example.org,yearly,2025-01-15\n");
        MemberImport.Report second =
                run(
                        "email,plan,start_date\na@example.org,monthly,2024-03-01\nc@example.org,\"yearly\",2025-02-01\n");
        assertEquals(new MemberImport.Report(2, 0, List.of()), first);
        assertEquals(new MemberImport.Report(1, 1, List.of()), second);
        assertEquals(3, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void run_shouldStoreTheMemberUnderItsPepperedImportId_notTheBareHash() throws IOException {
        run("email,plan,start_date\nAda@Example.org,monthly,2024-03-01\n");
        EmailAddress ada = EmailAddress.parse("ada@example.org").orElseThrow();
        assertTrue(repository.findMember(InMemoryMembershipTable.IMPORT_IDS.of(ada)).isPresent());
        assertFalse(
                repository
                        .findMember("import-" + Digests.sha256Hex("ada@example.org"))
                        .isPresent());
    }

    @Test
    void run_shouldReportBadLinesByNumberWithoutTheirContent() throws IOException {
        MemberImport.Report report =
                run(
                        "email,plan,start_date\nnot-an-address,monthly,2024-03-01\nd@example.org,monthly,01/03/2024\n"
                                + "e@example.org,Month ly,2024-03-01\nonly,two\n");
        assertEquals(0, report.imported());
        assertEquals(
                List.of(
                        "Line 2: the address is not valid",
                        "Line 3: the start date must look like 2024-03-01",
                        "Line 4: the plan must be a short word such as monthly or yearly",
                        "Line 5: expected 3 fields, found 2"),
                report.problems());
        assertFalse(String.join(" ", report.problems()).contains("example.org"));
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }

    @Test
    void run_shouldRefuseAFileWithoutTheHeader() throws IOException {
        assertEquals(1, run("a@example.org,monthly,2024-03-01\n").problems().size());
        assertEquals(0, repository.counter(CounterDelta.SUPPORTERS));
    }
}
