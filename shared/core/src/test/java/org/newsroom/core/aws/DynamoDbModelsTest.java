package org.newsroom.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.newsroom.core.aws.DynamoDbModels.Operation;

class DynamoDbModelsTest {

    @Test
    void load_shouldBuildARequestAndAResponseOfEachOperation() {
        // Every operation's builders take the values given (an SDK upgrade that renames or
        // retypes a field the load sets fails to compile or throws here), one request and one
        // response each.
        assertEquals(
                2 * Operation.values().length, DynamoDbModels.load(EnumSet.allOf(Operation.class)));
        assertEquals(2, DynamoDbModels.load(EnumSet.of(Operation.QUERY)));
    }
}
