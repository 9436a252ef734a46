package org.rowmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.selector.Messages.invalid;
import static org.rowmq.selector.Messages.matches;
import static org.rowmq.selector.Messages.message;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void noSelectorMatchesEverything(String text) throws InvalidSelectorException {
        Selector selector = Selector.parse(text);
        assertTrue(selector.matchesAll());
        assertTrue(selector.matches(message()));
        assertNull(selector.text(), "JMS reports an absent selector as null");
    }

    @Test
    void keepsTextAndReportsNotMatchingAll() throws InvalidSelectorException {
        Selector selector = Selector.parse(" a = 1 ");
        assertEquals(" a = 1 ", selector.text());
        assertFalse(selector.matchesAll());
    }

    @Test
    void identifiersAreCaseSensitiveAndKeywordsAreNot() {
        assertTrue(matches("myProp = 1 and MYPROP = 2", "myProp", 1, "MYPROP", 2));
        assertFalse(matches("myprop = 1", "myProp", 1));
        assertTrue(matches("a Is NoT nUlL AnD NOT FaLsE oR TrUe", "a", 1));
    }

    @Test
    void identifiersUseJavaLetters() {
        assertTrue(matches("$a = 1 AND _b = 2 AND é1 = 3 AND a$_9 = 4", "$a", 1, "_b", 2, "é1", 3, "a$_9", 4));
    }

    @Test
    void headersAndProviderPropertiesAreReadFromTheContext() {
        assertTrue(matches("JMSType = 't' AND JMSPriority > 4 AND JMSDeliveryMode = 'PERSISTENT' "
                        + "AND JMSMessageID LIKE 'ID:%' AND JMSTimestamp > 0 AND JMSCorrelationID IS NULL "
                        + "AND JMSXDeliveryCount = 2 AND JMS_vendor = 'x'",
                "JMSType", "t", "JMSPriority", 9, "JMSDeliveryMode", "PERSISTENT", "JMSMessageID", "ID:1",
                "JMSTimestamp", 5L, "JMSXDeliveryCount", 2, "JMS_vendor", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JMSDestination = 'q'", "JMSReplyTo IS NULL", "JMSExpiration > 0", "JMSRedelivered",
            "JMSDeliveryTime > 0", "JMSFoo = 1"})
    void otherJmsNamesAreRejected(String selector) {
        assertTrue(invalid(selector).getMessage().contains("cannot be used in a selector"));
    }

    @Test
    void headersWithKnownTypesRejectLiteralsOfAnotherType() {
        invalid("JMSPriority = 'high'");
        invalid("JMSType > 3");
        invalid("JMSDeliveryMode = 2");
    }

    @Test
    void stringLiterals() {
        assertTrue(matches("s = 'it''s'", "s", "it's"));
        assertTrue(matches("s = ''", "s", ""));
        assertTrue(matches("s = ''''", "s", "'"));
        assertTrue(matches("s = 'a\nb'", "s", "a\nb"));
        assertTrue(matches("s <> 'x'", "s", "y"));
        assertFalse(matches("s = 'X'", "s", "x"));
    }

    @Test
    void exactNumericLiterals() {
        assertTrue(matches("n = 29 AND n = 035 AND n = 0x1d AND n = 0X1D AND n = 29L AND n = 29l", "n", 29L));
        assertTrue(matches("n = -9223372036854775808", "n", Long.MIN_VALUE));
        assertTrue(matches("n = 9223372036854775807L", "n", Long.MAX_VALUE));
        assertTrue(matches("n = 0xFFFFFFFFFFFFFFFFL", "n", -1L));
        assertTrue(matches("n = 0", "n", 0));
        assertTrue(matches("n = - 5 AND n = -+5 AND n = +-5", "n", -5));
    }

    @Test
    void approximateNumericLiterals() {
        assertTrue(matches("d = 7E3 AND d = 7000. AND d = .7e4 AND d = 7000.0 AND d = 7e+3 AND d = 70000e-1",
                "d", 7000.0));
        assertTrue(matches("d = -57.9E2", "d", -5790.0));
        assertTrue(matches("d = 1.5D AND d = 1.5d AND d = 1.5F AND d = 15e-1f", "d", 1.5));
        assertTrue(matches("f = 1.1F", "f", 1.1f), "an F literal is a float, as in Java");
        assertFalse(matches("f = 1.1", "f", 1.1f), "a float property widened to double is not the double 1.1");
        assertTrue(matches("d = 5f AND d = 5D", "d", 5.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"n = 9223372036854775808", "n = 9223372036854775808L", "n = 08", "n = 0x", "n = 1e",
            "n = 1e+", "n = 12abc", "n = 1.2.3", "n = 1.5L", "n = 0x10000000000000000", "n = 1e400", "n = 0x1.8p1",
            "n = 1_000", "n = 5 5"})
    void malformedNumbersAreRejected(String selector) {
        invalid(selector);
    }

    @Test
    void arithmeticAndPrecedence() {
        assertTrue(matches("a + b * c - d / e = 6", "a", 1f, "b", 2f, "c", 3f, "d", 4f, "e", 4f));
        assertTrue(matches("(a + b) * c = 9", "a", 1, "b", 2, "c", 3));
        assertTrue(matches("- a + b = 0", "a", 5, "b", 5));
        assertTrue(matches("a / 2 = 3", "a", 7), "exact division truncates");
        assertTrue(matches("a / 2 = 3.5", "a", 7.0));
        assertTrue(matches("a / 2.0 = 3.5", "a", 7));
        assertTrue(matches("a - 1 - 1 = 1", "a", 3), "subtraction is left-associative");
        assertTrue(matches("a / 2 / 2 = 2", "a", 8), "division is left-associative");
        assertTrue(matches("a * 2 = -2", "a", Long.MAX_VALUE), "long arithmetic wraps as in Java");
        assertTrue(matches("a + 1 = 2", "a", (byte) 1));
        assertTrue(matches("a + 1 = 2", "a", (short) 1));
        assertTrue(matches("+a = 3", "a", 3));
    }

    @Test
    void arithmeticOnWrongTypesIsUnknown() {
        assertFalse(matches("a + 1 = 2", "a", "1"));
        assertFalse(matches("NOT (a + 1 = 2)", "a", "1"));
        assertFalse(matches("-a = -1", "a", "1"));
        assertFalse(matches("+a = 1", "a", "1"), "unary plus still requires a number");
        invalid("+a = 'x'");
        assertFalse(matches("a * 2 > 0", "a", true));
        assertFalse(matches("a + 1 = 2"));
        assertTrue(matches("(a + 1) IS NULL", "a", "x"));
    }

    @Test
    void divisionByZero() {
        assertFalse(matches("a / 0 = 0", "a", 1));
        assertFalse(matches("NOT (a / 0 = 0)", "a", 1), "integer division by zero is UNKNOWN");
        assertTrue(matches("a / 0.0 > 1000000", "a", 1), "floating division by zero is infinity, as in Java");
        assertTrue(matches("a / 0 > 1000000", "a", 1.0));
    }

    @Test
    void comparisonsAcrossNumericTypes() {
        assertTrue(matches("a < b", "a", 0, "b", 1.5));
        assertTrue(matches("a = b", "a", 2, "b", 2.0f));
        assertTrue(matches("a = 2", "a", 2.0));
        assertTrue(matches("a >= 2 AND a <= 2 AND a > 1 AND a < 3 AND a <> 3", "a", (short) 2));
        assertTrue(matches("a = b", "a", 3, "b", 3L));
        assertFalse(matches("a = 9223372036854775807", "a", 9223372036854775806L), "exact operands compare as long");
    }

    @Test
    void nanComparesAsInJava() {
        assertFalse(matches("a = a", "a", Double.NaN));
        assertTrue(matches("a <> a", "a", Double.NaN));
        assertFalse(matches("a < 1 OR a >= 1", "a", Double.NaN));
    }

    @Test
    void stringsAndBooleansOnlyCompareForEquality() {
        assertTrue(matches("a = b", "a", "x", "b", "x"));
        assertFalse(matches("a < b", "a", "x", "b", "y"));
        assertFalse(matches("NOT (a < b)", "a", "x", "b", "y"), "ordering strings is UNKNOWN, not FALSE");
        assertTrue(matches("a = TRUE AND b <> TRUE AND a <> b", "a", true, "b", false));
        assertFalse(matches("a > b", "a", true, "b", false));
    }

    @Test
    void comparingDifferentKindsIsUnknown() {
        assertFalse(matches("a = 1", "a", "1"));
        assertFalse(matches("NOT (a = 1)", "a", "1"));
        assertFalse(matches("a <> 1", "a", "1"));
        assertFalse(matches("a = 'true'", "a", true));
        assertFalse(matches("a = TRUE", "a", 1));
        assertFalse(matches("a = b", "a", 1, "b", "1"));
        assertFalse(matches("a = 1", "a", new Object()), "an unsupported type from the context is UNKNOWN");
    }

    @Test
    void booleanComparisonsOfConditions() {
        assertTrue(matches("(a > 1) = TRUE", "a", 2));
        assertTrue(matches("(a > 1) <> (b > 1)", "a", 2, "b", 0));
    }

    @Test
    void between() {
        assertTrue(matches("a BETWEEN 1 AND 3", "a", 1));
        assertTrue(matches("a BETWEEN 1 AND 3", "a", 3));
        assertTrue(matches("a BETWEEN 1 AND 3", "a", 2.5));
        assertFalse(matches("a BETWEEN 1 AND 3", "a", 3.5));
        assertTrue(matches("a NOT BETWEEN 1 AND 3", "a", 0));
        assertFalse(matches("a NOT BETWEEN 1 AND 3", "a", 2));
        assertTrue(matches("a BETWEEN b - 1 AND b + 1", "a", 5, "b", 6));
        assertTrue(matches("a BETWEEN 1 AND 3 AND b", "a", 2, "b", true), "BETWEEN's AND binds first");
        assertFalse(matches("a BETWEEN 3 AND 1", "a", 2));
    }

    @Test
    void betweenWithUnknownParts() {
        assertFalse(matches("a BETWEEN 1 AND 3"));
        assertFalse(matches("a NOT BETWEEN 1 AND 3"));
        assertFalse(matches("a NOT BETWEEN 1 AND 3", "a", "2"));
        assertFalse(matches("a BETWEEN b AND 3", "a", 2), "UNKNOWN low bound, true high bound");
        assertTrue(matches("a NOT BETWEEN b AND 3", "a", 5), "FALSE high bound decides despite UNKNOWN low bound");
        assertFalse(matches("a BETWEEN b AND 3", "a", 5));
    }

    @Test
    void in() {
        assertTrue(matches("a IN ('x', 'y')", "a", "y"));
        assertFalse(matches("a IN ('x', 'y')", "a", "Y"));
        assertTrue(matches("a NOT IN ('x', 'y')", "a", "z"));
        assertTrue(matches("a IN ('x')", "a", "x"));
        assertTrue(matches("a IN ('x', 'x')", "a", "x"));
        assertFalse(matches("a IN ('x')"));
        assertFalse(matches("a NOT IN ('x')"));
        assertFalse(matches("a NOT IN ('1')", "a", 1));
    }

    @Test
    void like() {
        assertTrue(matches("a LIKE 'abc'", "a", "abc"));
        assertFalse(matches("a LIKE 'abc'", "a", "abcd"));
        assertTrue(matches("a LIKE 'a_c'", "a", "abc"));
        assertTrue(matches("a LIKE 'a%'", "a", "a"));
        assertTrue(matches("a LIKE '%'", "a", ""));
        assertTrue(matches("a NOT LIKE 'b%'", "a", "abc"));
        assertTrue(matches("a LIKE 'x\\_%' ESCAPE '\\'", "a", "x_y"));
        assertFalse(matches("a LIKE 'x\\_%' ESCAPE '\\'", "a", "xay"));
        assertTrue(matches("a LIKE '100!%' ESCAPE '!'", "a", "100%"));
        assertTrue(matches("a LIKE 'a.*[b]'", "a", "a.*[b]"), "regular expression characters are literal");
        assertFalse(matches("a LIKE '%'", "a", 5));
        assertFalse(matches("a NOT LIKE '%'", "a", 5));
        assertFalse(matches("a NOT LIKE '%'"));
    }

    @Test
    void isNull() {
        assertTrue(matches("a IS NULL"));
        assertFalse(matches("a IS NULL", "a", 0));
        assertTrue(matches("a IS NOT NULL", "a", ""));
        assertFalse(matches("a IS NOT NULL"));
        assertTrue(matches("NOT a IS NULL", "a", 1));
    }

    @Test
    void identifierAsCondition() {
        assertTrue(matches("a", "a", true));
        assertFalse(matches("a", "a", false));
        assertFalse(matches("a"));
        assertFalse(matches("a", "a", "true"));
        assertFalse(matches("NOT a", "a", "true"));
        assertFalse(matches("a OR b", "a", 1, "b", false));
        assertTrue(matches("a OR b", "a", 1, "b", true));
    }

    @Test
    void whiteSpace() {
        assertTrue(matches("\t a\f=\r\n1 ", "a", 1));
    }

    @Test
    void operatorsNeedNoSpaces() {
        assertTrue(matches("a<>1 AND(b>=2)OR(c<=3)", "a", 2, "b", 2));
        assertTrue(matches("a='x'AND b='y'", "a", "x", "b", "y"));
        assertTrue(matches("-a*-2=4", "a", 2));
    }

    @Test
    void deepButReasonableSelectorsParse() {
        String nested = "(".repeat(Parser.MAX_NESTING) + "a = 1" + ")".repeat(Parser.MAX_NESTING);
        assertTrue(matches(nested, "a", 1));
        StringBuilder ors = new StringBuilder("a = 0");
        for (int i = 1; i < 10_000; i++) {
            ors.append(" OR a = ").append(i);
        }
        assertTrue(matches(ors.toString(), "a", 9_999), "long OR chains are one flat node");
    }

    @Test
    void tooDeepSelectorsAreRejected() {
        int n = 100_000;
        assertTrue(invalid("(".repeat(n) + "a" + ")".repeat(n)).getMessage().contains("levels deep"));
        assertTrue(invalid("NOT ".repeat(n) + "a").getMessage().contains("levels deep"));
        assertTrue(invalid("-".repeat(n) + "a = 1").getMessage().contains("levels deep"));
        assertTrue(invalid("a" + " + a".repeat(n) + " = 1").getMessage().contains("deep"));
    }

    @Test
    void errorMessagesNameTheProblemAndPosition() {
        assertEquals("unterminated string literal at position 5 in selector \"a = 'x\"",
                invalid("a = 'x").getMessage());
        assertTrue(invalid("a = 1 b").getMessage().startsWith(
                "expected AND, OR or the end of the selector but found identifier b at position 7"));
        assertTrue(invalid("a != 1").getMessage().contains("inequality is written <>"));
        assertTrue(invalid("a = \"x\"").getMessage().contains("single quotes"));
        assertTrue(invalid("(a = 1").getMessage().contains("expected ')'"));
        assertTrue(invalid("a = 1)").getMessage().contains("without a matching '('"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // syntax
        "a =", "= 1", "a = = 1", "a 1", "()", "a IN ()", "a IN ('x',)", "a IN 'x'", "a BETWEEN 1", "a BETWEEN 1 OR 2",
        "a IS 5", "a IS NOT", "a NOT NULL", "a NOT = 1", "a LIKE", "a LIKE 'x' ESCAPE", "a = 1 AND", "OR a",
        "a = 1 = 1", "a # 1", "a = 'x' 'y'", "a;", "a.b = 1", "a = .", "a = 'x", "'unterminated",
        // keywords in the wrong place
        "NULL = 0", "TRUE = 0", "FALSE = 0", "NOT = 0", "AND = 0", "OR = 0", "BETWEEN = 0", "LIKE = 0", "IN = 0",
        "IS = 0", "ESCAPE = 0", "a = NULL", "a IN (NULL)", "not", "a AND",
        // types known at parse time
        "1", "'x'", "a + 1", "TRUE > 5", "'a' + 1", "1 + TRUE", "'a' = 1", "TRUE = 1", "a > 'foo'", "a >= 'foo'",
        "a < 'foo'", "a <= 'foo'", "'foo' > TRUE", "TRUE < FALSE", "a BETWEEN 'a' AND 'b'", "'a' BETWEEN 1 AND 2",
        "a IN (1, 2, 3)", "a IN ('x', 1)", "5 IN ('5')", "a LIKE 7", "a LIKE b", "5 LIKE '5'", "a LIKE 'x' ESCAPE 5",
        "a LIKE 'x' ESCAPE ''", "a LIKE 'x' ESCAPE 'ab'", "a LIKE 'x!' ESCAPE '!'", "NOT 5", "a AND 'x'", "1 OR a",
        "(a > 1) + 1", "-(a > 1) = 1", "-'x' = 1", "(a = 1) > (b = 1)", "a = 1 AND (b + 1)"})
    void invalidSelectorsAreRejected(String selector) {
        invalid(selector);
    }

    @Test
    void literalConditions() {
        assertTrue(matches("TRUE"));
        assertFalse(matches("FALSE"));
        assertTrue(matches("TRUE OR (FALSE AND FALSE)"));
        assertTrue(matches("'a' = 'a' AND 1 < 2.5 AND TRUE <> FALSE AND NOT 'a' IN ('b')"));
        assertTrue(matches("'abc' LIKE 'a%'"));
    }

    @Test
    void selectorsAreReusableAcrossMessages() throws InvalidSelectorException {
        Selector selector = Selector.parse("color = 'red' AND weight > 10");
        assertTrue(selector.matches(message("color", "red", "weight", 11)));
        assertFalse(selector.matches(message("color", "red", "weight", 10)));
        assertFalse(selector.matches(message("color", "blue", "weight", 11)));
        assertTrue(selector.matches(message("color", "red", "weight", 10.5f)));
    }
}
