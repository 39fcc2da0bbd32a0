package org.newsroom.core.http;

/**
 * One invalid field, with a message written for the person filling the form ("Please enter a
 * correct email address"), never an internal detail.
 */
public record FieldError(String field, String message) {}
