package org.newsroom.core.time;

import java.time.Instant;

/**
 * Reading the timestamps the project stores: {@code Instant.toString()}'s form, UTC with a {@code
 * Z} and 0 to 9 digits of fraction ({@code 2026-11-29T15:51:13Z}, {@code ...13.250Z}). Those are
 * read field by field, several times faster than {@link Instant#parse}, whose general formatter
 * showed up in every warm read of a list of items; anything else (other forms, out-of-range fields,
 * malformed text) goes to {@link Instant#parse}, so results and exceptions are exactly its.
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
