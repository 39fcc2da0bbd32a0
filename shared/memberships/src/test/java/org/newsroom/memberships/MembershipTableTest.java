package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MembershipTableTest {

    @Test
    void addExpression_shouldNameEveryCounterOnce_whetherMadeAheadOrNot() {
        assertEquals("ADD #c0 :d0", MembershipTable.addExpression(1));
        assertEquals("ADD #c0 :d0, #c1 :d1", MembershipTable.addExpression(2));
        assertEquals("ADD #c0 :d0, #c1 :d1, #c2 :d2", MembershipTable.addExpression(3));
        assertEquals("ADD #c0 :d0, #c1 :d1, #c2 :d2, #c3 :d3", MembershipTable.addExpression(4));
        for (int n = 1; n <= 10; n++) {
            assertEquals(MembershipTable.buildAddExpression(n), MembershipTable.addExpression(n));
        }
    }
}
