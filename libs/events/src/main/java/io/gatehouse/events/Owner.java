package io.gatehouse.events;

/** The person who owns a data source and completes its Connect Card. */
public record Owner(String name, String email) {
}
