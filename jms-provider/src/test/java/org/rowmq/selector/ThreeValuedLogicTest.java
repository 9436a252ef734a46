package org.rowmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rowmq.selector.Messages.matches;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The truth tables of section 3.8.1.1 (SQL's three-valued logic). An expression's value is read through two
 * selectors: it is TRUE if {@code e} matches, FALSE if {@code NOT (e)} matches, UNKNOWN if neither does.
 */
class ThreeValuedLogicTest {
    /** T is a TRUE property, F a FALSE one, U an absent one (UNKNOWN). */
    private static String truth(String expression) {
        Object[] message = {"T", true, "F", false};
        boolean isTrue = matches(expression, message);
        boolean isFalse = matches("NOT (" + expression + ")", message);
        if (isTrue && isFalse) {
            throw new AssertionError("both TRUE and FALSE: " + expression);
        }
        return isTrue ? "T" : isFalse ? "F" : "U";
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({"T,T,T", "T,F,F", "T,U,U", "F,T,F", "F,F,F", "F,U,F", "U,T,U", "U,F,F", "U,U,U"})
    void and(String a, String b, String expected) {
        assertEquals(expected, truth(a + " AND " + b));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({"T,T,T", "T,F,T", "T,U,T", "F,T,T", "F,F,F", "F,U,U", "U,T,T", "U,F,U", "U,U,U"})
    void or(String a, String b, String expected) {
        assertEquals(expected, truth(a + " OR " + b));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"T,F", "F,T", "U,U"})
    void not(String a, String expected) {
        assertEquals(expected, truth("NOT " + a));
    }

    @ParameterizedTest(name = "{0} AND {1} AND {2} = {3}")
    @CsvSource({"T,T,T,T", "T,U,T,U", "U,T,F,F", "F,U,U,F", "U,U,T,U"})
    void andChain(String a, String b, String c, String expected) {
        assertEquals(expected, truth(a + " AND " + b + " AND " + c));
    }

    @ParameterizedTest(name = "{0} OR {1} OR {2} = {3}")
    @CsvSource({"F,F,F,F", "F,U,F,U", "U,F,T,T", "T,U,U,T", "U,U,F,U"})
    void orChain(String a, String b, String c, String expected) {
        assertEquals(expected, truth(a + " OR " + b + " OR " + c));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "U = 1|U", "U <> 1|U", "U > 1|U", "U IS NULL|T", "U IS NOT NULL|F", "T IS NULL|F",
        "U BETWEEN 1 AND 2|U", "U NOT BETWEEN 1 AND 2|U", "U IN ('a')|U", "U NOT IN ('a')|U", "U LIKE 'a'|U",
        "U NOT LIKE 'a'|U", "U + 1 = 2|U", "-U = 1|U", "T = TRUE|T", "T = F|F", "T = U|U", "T > 1|U", "T + 1 = 2|U",
        "T LIKE 'true'|U", "T IN ('true')|U", "T BETWEEN 0 AND 1|U", "(U = 1) = TRUE|U", "U = U|U",
        "U OR NOT U|U", "U AND NOT U|U"})
    void operatorsWithUnknownOrMistypedOperands(String expression, String expected) {
        assertEquals(expected, truth(expression));
    }

    /** NOT binds tighter than AND, AND tighter than OR, and comparisons tighter than NOT. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "NOT T AND F|F", "NOT (T AND F)|T", "T OR T AND F|T", "(T OR T) AND F|F", "NOT T OR T|T", "NOT 1 = 2|T",
        "F AND T OR T|T", "NOT F AND NOT F|T"})
    void precedence(String expression, String expected) {
        assertEquals(expected, truth(expression));
    }
}
