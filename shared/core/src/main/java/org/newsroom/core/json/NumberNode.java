package org.newsroom.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON number. Whole numbers are held as {@code Integer}, {@code Long} or {@code BigInteger} (the
 * smallest that fits), others as {@code Double}, or as the {@code BigDecimal} a caller put in.
 */
public final class NumberNode extends JsonNode {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Number value;

    private NumberNode(Number value) {
        this.value = Objects.requireNonNull(value);
    }

    public static NumberNode valueOf(int value) {
        return new NumberNode(value);
    }

    public static NumberNode valueOf(long value) {
        return new NumberNode(value == (int) value ? (Number) (int) value : (Number) value);
    }

    public static NumberNode valueOf(double value) {
        return new NumberNode(value);
    }

    /**
     * Any {@code Number}: whole ones as integers, {@code BigDecimal} kept exact, the rest as
     * double.
     */
    public static NumberNode valueOf(Number value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new NumberNode(value.intValue());
        }
        if (value instanceof Long l) {
            return valueOf(l.longValue());
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return new NumberNode(value);
        }
        if (value instanceof java.util.concurrent.atomic.AtomicInteger
                || value instanceof java.util.concurrent.atomic.AtomicLong) {
            return valueOf(value.longValue());
        }
        return new NumberNode(value.doubleValue());
    }

    private boolean integral() {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    @Override
    public boolean isNumber() {
        return true;
    }

    @Override
    public boolean isIntegralNumber() {
        return integral();
    }

    @Override
    public boolean isInt() {
        return value instanceof Integer;
    }

    @Override
    public String asText() {
        return value.toString();
    }

    @Override
    public int asInt(int defaultValue) {
        return value.intValue();
    }

    @Override
    public long asLong(long defaultValue) {
        return value.longValue();
    }

    @Override
    public double asDouble(double defaultValue) {
        return value.doubleValue();
    }

    @Override
    public boolean asBoolean(boolean defaultValue) {
        return integral() ? value.longValue() != 0 : defaultValue;
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public BigDecimal decimalValue() {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (integral()) {
            return BigDecimal.valueOf(value.longValue());
        }
        return BigDecimal.valueOf(value.doubleValue());
    }

    @Override
    public boolean canConvertToLong() {
        if (value instanceof Integer || value instanceof Long) {
            return true;
        }
        if (value instanceof BigInteger i) {
            return i.compareTo(LONG_MIN) >= 0 && i.compareTo(LONG_MAX) <= 0;
        }
        if (value instanceof BigDecimal d) {
            return d.compareTo(new BigDecimal(LONG_MIN)) >= 0
                    && d.compareTo(new BigDecimal(LONG_MAX)) <= 0;
        }
        double d = value.doubleValue();
        return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE;
    }

    @Override
    public Object toPlain() {
        return value;
    }

    @Override
    void write(JsonWriter out) {
        out.number(value);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof NumberNode n) || n.integral() != integral()) {
            return false;
        }
        if (value instanceof Double a && n.value instanceof Double b) {
            return a.equals(b);
        }
        return decimalValue().compareTo(n.decimalValue()) == 0;
    }

    @Override
    public int hashCode() {
        return integral() || !(value instanceof Double)
                ? decimalValue().stripTrailingZeros().hashCode()
                : value.hashCode();
    }
}
