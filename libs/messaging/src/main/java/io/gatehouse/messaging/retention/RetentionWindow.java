package io.gatehouse.messaging.retention;

import java.time.Duration;

/** How long the rows of a {@link RetentionTarget} are kept: a row older than {@code window} goes at the next purge. */
public record RetentionWindow(RetentionTarget target, Duration window) {
}
