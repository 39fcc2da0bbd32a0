package org.newsroom.core.time;

import java.time.Instant;

/**
 * Reading the timestamps the project stores: {@code Instant.toString()}'s form, UTC with a {@code
 * Z} and 0 to 9 digits of fraction ({@code 2026-11-29T15:51:13Z}, {@code ...13.250Z}). Those are
 * read field by field, several times faster than {@link Instant#parse}, whose general formatter
 * showed up in every warm read of a list of items; anything else (other forms, out-of-range fields,
 * malformed text) goes to {@link Instant#parse}, so results and exceptions are exactly its. {@link
 * #format} writes them the same way, field by field, for years 0 to 9999 (the rest: {@link
 * Instant#toString}).
 */
public final class Timestamps {

    private static final int[] POWERS = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    private Timestamps() {}

    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20
                || length > 30
                || length == 21
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return Instant.parse(text);
            }
            int fraction = digits(text, 20, length - 1);
            nanos = fraction < 0 ? -1 : fraction * POWERS[9 - (length - 21)];
        } else if (text.charAt(19) != 'Z') {
            return Instant.parse(text);
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysIn(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || nanos < 0) {
            return Instant.parse(text);
        }
        long days = epochDay(year, month, day);
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /**
     * Exactly {@link Instant#toString}: {@code 2026-11-29T15:51:13Z}, with the fraction of a second
     * in groups of three digits when there is one ({@code .250}, {@code .000250}, {@code
     * .000000250}). Written field by field: the JDK's general formatter showed up in warm requests
     * that write several timestamps.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return instant.toString();
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) (seconds - days * 86_400);
        // Civil date from days since 1970-01-01 (years counted from March, as epochDay does).
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra =
                (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthIndex = (int) ((5 * dayOfYear + 2) / 153);
        int day = (int) (dayOfYear - (153L * monthIndex + 2) / 5 + 1);
        int month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int nanos = instant.getNano();
        char[] out = new char[nanos == 0 ? 20 : 30];
        pad(out, 0, year, 4);
        out[4] = '-';
        pad(out, 5, month, 2);
        out[7] = '-';
        pad(out, 8, day, 2);
        out[10] = 'T';
        pad(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        pad(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        pad(out, 17, secondOfDay % 60, 2);
        int length = 19;
        if (nanos != 0) {
            out[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                pad(out, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1_000 == 0) {
                pad(out, length, nanos / 1_000, 6);
                length += 6;
            } else {
                pad(out, length, nanos, 9);
                length += 9;
            }
        }
        out[length++] = 'Z';
        return new String(out, 0, length);
    }

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits. */
    private static final long FIRST_FAST_SECOND = -62_167_219_200L;

    private static final long LAST_FAST_SECOND = 253_402_300_799L;

    /** {@code value} in decimal, {@code width} digits with leading zeros, at {@code out[at]}. */
    private static void pad(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal value of text[from, to), or -1 when any character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean leap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** Days from 1970-01-01 (the proleptic Gregorian calendar, as {@code LocalDate}). */
    private static long epochDay(int year, int month, int day) {
        // Counting from March makes the leap day the last of the year.
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
