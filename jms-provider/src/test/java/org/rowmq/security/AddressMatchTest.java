package org.rowmq.security;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressMatchTest {

    @Test
    void hashIsAnyNumberOfWordsAndStarExactlyOne() {
        AddressMatch any = new AddressMatch("orders.#");
        assertTrue(any.matches("orders"));
        assertTrue(any.matches("orders.eu"));
        assertTrue(any.matches("orders.eu.paid"));
        assertFalse(any.matches("ordersx"));
        assertFalse(any.matches("billing.orders"));

        AddressMatch one = new AddressMatch("orders.*");
        assertTrue(one.matches("orders.eu"));
        assertFalse(one.matches("orders"));
        assertFalse(one.matches("orders.eu.paid"));

        AddressMatch middle = new AddressMatch("orders.*.paid");
        assertTrue(middle.matches("orders.eu.paid"));
        assertFalse(middle.matches("orders.eu.us.paid"));
        assertTrue(new AddressMatch("#.paid").matches("orders.eu.paid"));
        assertTrue(new AddressMatch("#").matches("anything.at.all"));
        assertTrue(new AddressMatch("orders.eu").matches("orders.eu"));
        assertFalse(new AddressMatch("orders.eu").matches("orders.eu.paid"));
    }

    @Test
    void wildcardsStandForWholeWordsOnly() {
        assertThrows(IllegalArgumentException.class, () -> new AddressMatch("orders.e*"));
        assertThrows(IllegalArgumentException.class, () -> new AddressMatch("orders..eu"));
        assertThrows(IllegalArgumentException.class, () -> new AddressMatch(" "));
    }

    /** Only patterns that match a same name need an order; among those a literal word beats * beats #. */
    @Test
    void theMoreSpecificMatchSortsFirst() {
        List<AddressMatch> matches = new ArrayList<>(List.of(new AddressMatch("#"), new AddressMatch("orders.#"),
                new AddressMatch("orders.*"), new AddressMatch("orders.eu"), new AddressMatch("orders")));
        matches.sort(null);
        assertEquals("[orders.eu, orders.*, orders, orders.#, #]", matches.toString());
    }
}
