package org.rowmq.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which roles may do what on which destinations, as Artemis's security settings: for a destination, the most specific
 * match that covers it decides alone (permissions of less specific matches do not add up), and an operation that match
 * does not list is refused. A destination no match covers is refused everything.
 */
final class Permissions {
    /** One match with the roles allowed each operation. */
    record Rule(AddressMatch match, Map<Operation, Set<String>> roles) {
        Rule {
            EnumMap<Operation, Set<String>> copy = new EnumMap<>(Operation.class);
            roles.forEach((op, r) -> copy.put(op, Set.copyOf(r)));
            roles = copy;
        }

        boolean allows(Operation op, Set<String> userRoles) {
            Set<String> allowed = roles.getOrDefault(op, Set.of());
            return userRoles.stream().anyMatch(allowed::contains);
        }
    }

    private static final int MAX_CACHED = 100_000;
    private final List<Rule> rules;
    /** The deciding rule per destination name; checks run on every send, the rules never change. */
    private final ConcurrentHashMap<String, Optional<Rule>> deciding = new ConcurrentHashMap<>();

    Permissions(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::match));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).match().equals(sorted.get(i - 1).match()))
                throw new IllegalArgumentException("the match '" + sorted.get(i).match() + "' is given twice");
        }
        this.rules = List.copyOf(sorted);
    }

    /** The rule that decides for this destination, if any. */
    Optional<Rule> decidingRule(String destination) {
        Optional<Rule> r = deciding.get(destination);
        if (r != null) return r;
        r = rules.stream().filter(rule -> rule.match().matches(destination)).findFirst();
        if (deciding.size() >= MAX_CACHED) deciding.clear();
        deciding.put(destination, r);
        return r;
    }
}
