package io.gatehouse.messaging.retention;

import java.util.List;

/**
 * What a service (or a library) keeps only for a while. Each implementation is a bean; {@link RetentionSchedule} purges
 * the windows of all of them, in the order each lists them (a target whose condition looks at another table comes after
 * that table's own purge).
 */
public interface RetentionRules {

    List<RetentionWindow> windows();
}
