package io.gatehouse.connector.service;

/** Fired when a transaction made a request due; after commit it wakes the worker instead of waiting for its tick. */
public record WorkQueued() {
}
