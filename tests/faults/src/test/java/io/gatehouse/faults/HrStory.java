package io.gatehouse.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The HR side of the many-instances story, and the memberships it should leave: people join businesses, move around,
 * and some leave for good. Built from a fixed seed, in three phases the story sends at different moments: the joins,
 * the churn (leaves and joins of the people who stay), and the departures (every business of the leavers left). The
 * desired state is computed here, from these changes alone, never from what the services did.
 */
final class HrStory {

    /** One HR fact: {@code login} joins or leaves {@code business}. */
    record Change(String login, String business, boolean join) {
    }

    final List<String> people;
    final List<String> businesses;
    /** People whose last changes leave every business they are in; nothing about them follows. */
    final Set<String> departed = new TreeSet<>();
    final List<Change> joins = new ArrayList<>();
    final List<Change> churn = new ArrayList<>();
    final List<Change> departures = new ArrayList<>();

    /**
     * {@code total} changes over {@code people} and {@code businesses}: everyone joins one business (every fifth
     * person a second), {@code departing} people leave all theirs at the end, the rest is churn among the others.
     */
    HrStory(List<String> people, List<String> businesses, int departing, int total) {
        this.people = List.copyOf(people);
        this.businesses = List.copyOf(businesses);
        Map<String, Set<String>> member = new TreeMap<>();
        for (int i = 0; i < people.size(); i++) {
            joins.add(new Change(people.get(i), businesses.get(i % businesses.size()), true));
            if (i % 5 == 0) {
                joins.add(new Change(people.get(i), businesses.get((i + 1) % businesses.size()), true));
            }
        }
        apply(member, joins);
        departed.addAll(people.subList(0, departing));
        int departureCount = departed.stream().mapToInt(login -> member.get(login).size()).sum();
        Random random = new Random(13);
        List<String> staying = people.subList(departing, people.size());
        while (churn.size() < total - joins.size() - departureCount) {
            String login = staying.get(random.nextInt(staying.size()));
            String business = businesses.get(random.nextInt(businesses.size()));
            Change change = new Change(login, business, !member.get(login).contains(business));
            churn.add(change);
            apply(member, List.of(change));
        }
        for (String login : departed) {
            member.get(login).forEach(business -> departures.add(new Change(login, business, false)));
        }
        if (joins.size() + churn.size() + departures.size() != total) {
            throw new IllegalStateException("the story has " + (joins.size() + churn.size() + departures.size()) + " changes");
        }
    }

    /** Each business's members after the given phases, in the order sent. */
    @SafeVarargs
    final Map<String, Set<String>> membersAfter(List<Change>... phases) {
        Map<String, Set<String>> member = new TreeMap<>();
        for (List<Change> phase : phases) {
            apply(member, phase);
        }
        Map<String, Set<String>> byBusiness = new TreeMap<>();
        businesses.forEach(business -> byBusiness.put(business, new TreeSet<>()));
        member.forEach((login, theirs) -> theirs.forEach(business -> byBusiness.get(business).add(login)));
        return byBusiness;
    }

    /** Each business's members once everything is sent. */
    Map<String, Set<String>> membersAtEnd() {
        return membersAfter(joins, churn, departures);
    }

    private static void apply(Map<String, Set<String>> member, List<Change> changes) {
        for (Change change : changes) {
            Set<String> theirs = member.computeIfAbsent(change.login(), login -> new TreeSet<>());
            if (change.join()) {
                theirs.add(change.business());
            } else {
                theirs.remove(change.business());
            }
        }
    }
}
