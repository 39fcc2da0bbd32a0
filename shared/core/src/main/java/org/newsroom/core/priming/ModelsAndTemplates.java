package org.newsroom.core.priming;

import java.util.Set;
import org.newsroom.core.aws.DynamoDbModels;
import org.newsroom.core.aws.DynamoDbModels.Operation;
import org.newsroom.core.template.Templates;

/**
 * The warm-up of a function that renders email: the models of the DynamoDB operations its first
 * request calls and its templates. A class of its own, not a method of {@link WarmUpThread}, which
 * every function reaches through {@link Priming}: a function jar keeps only the classes it reaches,
 * and only the functions that render carry the template engine.
 */
public final class ModelsAndTemplates {

    private ModelsAndTemplates() {}

    /**
     * Starts a {@link WarmUpThread} that loads the models of {@code operations} ({@link
     * DynamoDbModels#load}) and compiles {@code templates}, resources next to {@code anchor}
     * ({@link Templates#prepare}).
     */
    public static Thread warmUp(
            String name, Set<Operation> operations, Class<?> anchor, String... templates) {
        return WarmUpThread.start(
                name,
                () -> {
                    DynamoDbModels.load(operations);
                    Templates.prepare(anchor, templates);
                });
    }
}
