package io.gatehouse.grant.service;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A fact made of pairs (a group published in a business, a member of a shared schema...) as a preview changes it:
 * the pairs it added or removed, laid over the stored ones read from either side. The last change of a pair wins,
 * as the database's insert and delete would.
 */
final class PreviewPairs<A, B> {

    private final Map<Map.Entry<A, B>, Boolean> changes = new LinkedHashMap<>();
    private final Comparator<A> firstOrder;
    private final Comparator<B> secondOrder;

    PreviewPairs(Comparator<A> firstOrder, Comparator<B> secondOrder) {
        this.firstOrder = firstOrder;
        this.secondOrder = secondOrder;
    }

    void put(A first, B second, boolean present) {
        changes.put(Map.entry(first, second), present);
    }

    /** The seconds paired with {@code first}, given those stored; sorted as the database's reads are. */
    Set<B> secondsOf(A first, Set<B> stored) {
        Set<B> seconds = new TreeSet<>(secondOrder);
        seconds.addAll(stored);
        changes.forEach((pair, present) -> {
            if (pair.getKey().equals(first)) {
                change(seconds, pair.getValue(), present);
            }
        });
        return seconds;
    }

    /** The firsts paired with {@code second}, given those stored; sorted as the database's reads are. */
    Set<A> firstsOf(B second, Set<A> stored) {
        Set<A> firsts = new TreeSet<>(firstOrder);
        firsts.addAll(stored);
        changes.forEach((pair, present) -> {
            if (pair.getValue().equals(second)) {
                change(firsts, pair.getKey(), present);
            }
        });
        return firsts;
    }

    /** Whether the preview changed a pair with this second (otherwise the stored answer stands). */
    boolean changedSecond(B second) {
        return changes.keySet().stream().anyMatch(pair -> pair.getValue().equals(second));
    }

    private static <T> void change(Set<T> set, T value, boolean present) {
        if (present) {
            set.add(value);
        } else {
            set.remove(value);
        }
    }
}
