package org.newsroom.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.newsroom.core.aws.DynamoDbModels.Operation;

class DynamoDbModelsTest {

    @Test
    void load_shouldBuildARequestAndAResponseOfEachOperation() {
        // Every operation's builders accept the values given (a wrong field type or a missing
        // required part would throw), and each gives two objects.
        assertEquals(
                2 * Operation.values().length, DynamoDbModels.load(EnumSet.allOf(Operation.class)));
        assertEquals(2, DynamoDbModels.load(EnumSet.of(Operation.QUERY)));
    }
}
