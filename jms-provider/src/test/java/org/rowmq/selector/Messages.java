package org.rowmq.selector;

import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.InvalidSelectorException;
import java.util.HashMap;
import java.util.Map;

/** Test helpers: a message as a map of identifiers to values, and one-line match and rejection checks. */
final class Messages {
    private Messages() {
    }

    /** A message from alternating names and values; a null value leaves the name absent. */
    static SelectorContext message(Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                values.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return values::get;
    }

    static boolean matches(String selector, Object... namesAndValues) {
        try {
            return Selector.parse(selector).matches(message(namesAndValues));
        } catch (InvalidSelectorException e) {
            throw new AssertionError("expected a valid selector: " + selector, e);
        }
    }

    static InvalidSelectorException invalid(String selector) {
        return assertThrows(InvalidSelectorException.class, () -> Selector.parse(selector),
                () -> "expected InvalidSelectorException for: " + selector);
    }
}
