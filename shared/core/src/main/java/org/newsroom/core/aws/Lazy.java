package org.newsroom.core.aws;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use, once, however many threads ask at the same time: for SDK clients that
 * only a rare request needs, so that the cold start of the common ones does not build them.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(factory.get(), "the factory made null");
                    value = made;
                }
            }
        }
        return made;
    }
}
