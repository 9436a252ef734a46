package org.rowmq.selector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.selector.Messages.invalid;
import static org.rowmq.selector.Messages.matches;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The selector cases of the Jakarta Messaging TCK (core.selectorQueue and core.selectorTopic, which share their
 * cases, and the selectors that core20 and core use), restated as our own tests: for each, the selector, the
 * messages the TCK sends, and which of them must be delivered.
 */
class TckSelectorCasesTest {

    @Test
    void literalsOfEveryForm() {
        assertTrue(matches("JMSType='literal'", "JMSType", "literal"));
        assertTrue(matches("JMSType='literal''s'", "JMSType", "literal's"));
        assertTrue(matches("myProp0=" + Long.MIN_VALUE + "L AND myProp1=" + Long.MAX_VALUE + "L",
                "myProp0", Long.MIN_VALUE, "myProp1", Long.MAX_VALUE));
        assertTrue(matches("myProp0=-957 AND myProp1=+62", "myProp0", -957L, "myProp1", 62L));
        assertTrue(matches("myProp=035", "myProp", 29L), "octal");
        assertTrue(matches("myProp=0x1d", "myProp", 29L), "hexadecimal");
        assertTrue(matches("myProp0=7E3 AND myProp1=-57.9E3", "myProp0", 7000.0, "myProp1", -57900.0));
        assertTrue(matches("myProp=7000.", "myProp", 7000.0));
        assertTrue(matches("myProp0=.7e4", "myProp0", 7000.0));
        assertTrue(matches("myProp0=TRUE AND myProp1=FALSE", "myProp0", true, "myProp1", false));
        assertTrue(matches("myProp0=false AND myProp1=true", "myProp0", false, "myProp1", true));
    }

    @Test
    void identifiers() {
        assertTrue(matches("$myProp=TRUE AND _myProp=FALSE", "$myProp", true, "_myProp", false));
        assertTrue(matches("myProp=TRUE AND MYpROP=FALSE", "myProp", true, "MYpROP", false));
        assertTrue(matches("myProp ='foo'", "myProp", "foo"));
        assertTrue(matches("TEST = 'test'", "TEST", "test"));
        assertTrue(matches("lastMessage = TRUE", "lastMessage", true));
        assertFalse(matches("lastMessage=TRUE", "lastMessage", false));
        assertTrue(matches("COM_SUN_JMS_TESTNAME='test1' AND TestCaseNum NOT BETWEEN 1 AND 9999",
                "COM_SUN_JMS_TESTNAME", "test1", "TestCaseNum", 0));
        assertTrue(matches("COM_SUN_JMS_TESTNAME='test1' AND TestCaseNum < 1",
                "COM_SUN_JMS_TESTNAME", "test1", "TestCaseNum", 0));
        assertFalse(matches("TEST", "TEST", "x"), "a lone identifier is a valid selector, TRUE only for true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL = 0", "TRUE = 0", "FALSE = 0", "NOT = 0", "AND = 0", "OR = 0", "BETWEEN = 0",
            "LIKE = 0", "IN = 0", "IS = 0", "ESCAPE = 0",
            "myProp > 'foo'", "myProp >= 'foo'", "myProp < 'foo'", "myProp <= 'foo'",
            "'foo' > TRUE ", "'foo' >= TRUE ", "'foo' < TRUE ", "'foo' <= TRUE ",
            "myProp BETWEEN 'foo' and 'test'", "myProp NOT IN (1,2,3)", "myProp LIKE 7", "=TEST 'test'"})
    void invalidSelectors(String selector) {
        invalid(selector);
    }

    @Test
    void whiteSpace() {
        assertTrue(matches("JMSType   =   'foo'", "JMSType", "foo"));
        assertTrue(matches("JMSType\t=\t'foo'", "JMSType", "foo"));
        assertTrue(matches("JMSType\f=\f'foo'", "JMSType", "foo"));
        assertTrue(matches("JMSType\n= \n'foo'", "JMSType", "foo"));
    }

    @Test
    void booleanIdentifiersAsExpressions() {
        assertTrue(matches("myProp", "myProp", true));
        assertFalse(matches("myProp", "myProp", false));
        assertFalse(matches("myNullProp"));
        assertTrue(matches("myNullProp", "myNullProp", true));
    }

    @Test
    void bracketing() {
        assertFalse(matches("(myTrueProp OR myFalseProp) AND myFalseProp", "myTrueProp", true, "myFalseProp", false));
        assertTrue(matches("(myTrueProp OR myFalseProp) AND myFalseProp", "myTrueProp", true, "myFalseProp", true));
        assertTrue(matches("TRUE OR (FALSE AND FALSE)"));
        String selector = "(myProp0 = true OR myProp1 = true) AND JMSType = 'not_foo'";
        assertFalse(matches(selector, "JMSType", "foo", "myProp0", true, "myProp1", false));
        assertTrue(matches(selector, "JMSType", "not_foo", "myProp0", true, "myProp1", false));
        assertTrue(matches("(myProp1 = true AND JMSType = 'not_foo') OR myProp0 = true",
                "JMSType", "foo", "myProp0", true, "myProp1", false));
    }

    @Test
    void comparisons() {
        assertTrue(matches("myProp0 = 'foo' AND myProp1 > 0 AND myProp2 >= 2 AND myProp3 >= 2 AND myProp4 < 5 AND "
                        + "myProp5 <= 6 AND myProp6 <= 6 AND myProp7 <> 7",
                "myProp0", "foo", "myProp1", 1, "myProp2", 2.0f, "myProp3", 3, "myProp4", 4.0, "myProp5", 5,
                "myProp6", 6, "myProp7", 0f));
        String anyOf = "myProp0 = 'foo' OR myProp1 > 0 OR myProp2 >= 2 OR myProp3 < 5 OR myProp4 <= 6 OR myProp5 <> 7";
        Object[] none = {"myProp0", "not_foo", "myProp1", 0, "myProp2", 1.5f, "myProp3", 5.0, "myProp4", 7,
            "myProp5", 7f};
        assertFalse(matches(anyOf, none));
        assertTrue(matches(anyOf, "myProp0", "foo"));
        assertTrue(matches("myProp0 < myProp1", "myProp0", 0, "myProp1", 1.5));
        assertTrue(matches("JMSType = 'foo' AND myProp <> 'not_foo'", "JMSType", "foo", "myProp", "foo"));
        assertTrue(matches("myProp0 = TRUE AND myProp1 <> FALSE", "myProp0", true, "myProp1", true));
    }

    @Test
    void operators() {
        assertTrue(matches("-myProp0 < 0 AND +myProp1 < 0", "myProp0", 5, "myProp1", -5));
        assertTrue(matches("myProp0*2 = 10 AND myProp1/2 = -5", "myProp0", 5, "myProp1", -10));
        assertTrue(matches("myProp0+5 = 0 AND myProp1-5 = 5", "myProp0", -5, "myProp1", 10));
    }

    @Test
    void between() {
        assertTrue(matches("myProp0 BETWEEN 5 and 10 AND myProp1 BETWEEN -1 and 1 AND myProp2 BETWEEN 0 and 2",
                "myProp0", 7, "myProp1", -1, "myProp2", 2));
        String either = "myProp0 BETWEEN  -4 and 5 OR myProp1 BETWEEN -5 and 4";
        assertFalse(matches(either, "myProp0", -5, "myProp1", 5));
        assertTrue(matches(either, "myProp0", 0, "myProp1", 5));
        assertTrue(matches("myProp0 NOT BETWEEN  -4 and 5 AND myProp1 NOT BETWEEN -5 and 4",
                "myProp0", -5, "myProp1", 5));
        String notEither = "myProp0 NOT BETWEEN 5 and 10 OR myProp1 NOT BETWEEN -1 and 1 OR myProp2 NOT BETWEEN 0 and 2";
        assertFalse(matches(notEither, "myProp0", 7, "myProp1", -1, "myProp2", 2));
        assertTrue(matches(notEither, "myProp0", 0, "myProp1", -1, "myProp2", 2));
        assertFalse(matches("myProp BETWEEN 5 and 10", "myProp", "7"));
        assertFalse(matches("myProp BETWEEN 5 and 10", "myProp", "seven"));
        assertTrue(matches("myProp BETWEEN 5 and 10", "myProp", 7));
    }

    @Test
    void in() {
        String in = "JMSType IN ('foo','jms','test')";
        assertTrue(matches(in, "JMSType", "jms"));
        assertFalse(matches(in, "JMSType", "JMS"));
        String notIn = "JMSType NOT IN ('foo','jms','test')";
        assertTrue(matches(notIn, "JMSType", "FOO"));
        assertFalse(matches(notIn, "JMSType", "foo"));
        assertFalse(matches("myNullProp IN ('foo','jms','test')"));
        assertTrue(matches("myNullProp IN ('foo','jms','test')", "myNullProp", "jms"));
        assertFalse(matches("myNullProp NOT IN ('foo','jms','test')"));
        assertTrue(matches("myNullProp NOT IN ('foo','jms','test')", "myNullProp", "JMS"));
        assertFalse(matches("myProp NOT IN ('foo','jms','test')", "myProp", 0));
        assertTrue(matches("myProp NOT IN ('foo','jms','test')", "myProp", "zero"));
    }

    @Test
    void likeMatching() {
        assertTrue(matches("JMSType LIKE 'jms'", "JMSType", "jms"));
        assertTrue(matches("JMSType LIKE 's_lector' AND myProp0 LIKE '_bcd' AND myProp1 LIKE '123_'",
                "JMSType", "selector", "myProp0", "abcd", "myProp1", "1234"));
        assertTrue(matches("JMSType LIKE 's%tor' AND myProp0 LIKE '%cd' AND myProp1 LIKE '1%' AND "
                        + "myProp2 LIKE 'AB%CD' AND myProp3 LIKE '%'",
                "JMSType", "selector", "myProp0", "abcd", "myProp1", "1234", "myProp2", "ABCD", "myProp3", "foo"));
        assertTrue(matches("JMSType LIKE 'A_fo_A%f%' ESCAPE 'A'", "JMSType", "_foo%foo"));
        assertTrue(matches("JMSType LIKE '\\__\\%%' ESCAPE '\\'", "JMSType", "_a%b"));
        assertTrue(matches("JMSType NOT LIKE 'jms_foo'", "JMSType", "jms"));
        assertTrue(matches("JMSType NOT LIKE 's_ector' AND myProp0 NOT LIKE '_cd' AND myProp1 NOT LIKE '12_'",
                "JMSType", "selector", "myProp0", "abcd", "myProp1", "1234"));
        assertTrue(matches("myProp0 NOT LIKE '%cde' AND myProp1 NOT LIKE '01%' AND myProp2 NOT LIKE 'A%x%D'",
                "myProp0", "abcd", "myProp1", "1234", "myProp2", "ABCD"));
        assertTrue(matches("JMSType NOT LIKE 'A_A_' ESCAPE 'A'", "JMSType", "_A"));
    }

    @Test
    void likeNotMatching() {
        String either = "JMSType LIKE '123' OR myProp LIKE 'jms0'";
        assertFalse(matches(either, "JMSType", "1234", "myProp", "jms"));
        assertTrue(matches(either, "JMSType", "1234", "myProp", "jms0"));
        String underscores = "JMSType LIKE 'se_ector' OR myProp0 LIKE '_cd' OR myProp1 LIKE '12_'";
        assertFalse(matches(underscores, "JMSType", "seleector", "myProp0", "abcd", "myProp1", "1234"));
        assertTrue(matches(underscores, "JMSType", "selector"));
        assertFalse(matches("JMSType LIKE '12%3'", "JMSType", "1234"));
        assertTrue(matches("JMSType LIKE '12%3'", "JMSType", "12333"));
        assertFalse(matches("JMSType LIKE 'A%fooA_' ESCAPE 'A'", "JMSType", "_foo%"));
        assertTrue(matches("JMSType LIKE 'A%fooA_' ESCAPE 'A'", "JMSType", "%foo_"));
        String notEither = "JMSType NOT LIKE '1234' OR myProp NOT LIKE 'jms'";
        assertFalse(matches(notEither, "JMSType", "1234", "myProp", "jms"));
        assertTrue(matches(notEither, "JMSType", "foo"));
        String notUnderscores = "JMSType NOT LIKE 'se_ector' OR myProp0 NOT LIKE '_bcd' OR myProp1 NOT LIKE '123_'";
        assertFalse(matches(notUnderscores, "JMSType", "selector", "myProp0", "abcd", "myProp1", "1234"));
        assertTrue(matches(notUnderscores, "JMSType", "foo"));
        assertFalse(matches("JMSType NOT LIKE '12%'", "JMSType", "1234"));
        assertTrue(matches("JMSType NOT LIKE '12%'", "JMSType", "foo"));
        assertFalse(matches("JMSType NOT LIKE 'A_fooA%' ESCAPE 'A'", "JMSType", "_foo%"));
        assertTrue(matches("JMSType NOT LIKE 'A_fooA%' ESCAPE 'A'", "JMSType", "jms"));
    }

    @Test
    void likeWithMissingOrMistypedValues() {
        assertFalse(matches("myNullProp LIKE '1_3'"));
        assertTrue(matches("myNullProp LIKE '1_3'", "myNullProp", "123"));
        assertFalse(matches("myNullProp NOT LIKE '1_3'"));
        assertTrue(matches("myNullProp NOT LIKE '1_3'", "myNullProp", "foo"));
        assertFalse(matches("myProp LIKE '1_3'", "myProp", 123));
        assertTrue(matches("myProp LIKE '1_3'", "myProp", "123"));
    }

    @Test
    void isNull() {
        assertTrue(matches("myNullProp IS NULL"));
        assertFalse(matches("myProp IS NULL", "myProp", "foo"));
        assertTrue(matches("myProp IS NOT NULL", "myProp", 10f));
        assertFalse(matches("myNullProp IS NOT NULL"));
        assertTrue(matches("myNullProp IS NOT NULL", "myNullProp", "foo"));
    }

    @Test
    void lowerCaseKeywords() {
        assertTrue(matches("myProp0 is null and myProp1 like 'fooG_%' escape 'G' and myProp2 in ('a', 'b') and "
                        + "myProp3 not between 0 and 10 and (myProp4 or false)",
                "myProp1", "foo_test", "myProp2", "a", "myProp3", 20, "myProp4", true));
    }

    @Test
    void precedence() {
        assertFalse(matches("NOT myTrueProp AND myFalseProp", "myTrueProp", true, "myFalseProp", false));
        assertTrue(matches("NOT myTrueProp AND myFalseProp", "myTrueProp", false, "myFalseProp", true));
        assertTrue(matches("myTrueProp AND NOT myFalseProp", "myTrueProp", true, "myFalseProp", false));
        assertTrue(matches("myTrueProp OR myTrueProp AND myFalseProp", "myTrueProp", true, "myFalseProp", false));
        assertTrue(matches("- myProp0 + myProp1 = 0", "myProp0", 5, "myProp1", 5));
        assertTrue(matches("myProp0+myProp1*myProp2-myProp3/myProp4 = 6",
                "myProp0", 1f, "myProp1", 2f, "myProp2", 3f, "myProp3", 4f, "myProp4", 4f));
    }

    @Test
    void nulls() {
        assertFalse(matches("myProp + 2 < 10"));
        assertTrue(matches("myProp + 2 < 10", "myProp", 0));
        assertFalse(matches("myProp = 'foo'"));
        assertFalse(matches("myProp NOT IN ('a', 'b')"));
        assertTrue(matches("myTrueProp AND myTrueProp", "myTrueProp", true));
        String allFalse = "(myTrueProp AND myFalseProp) OR (myTrueProp AND myNullProp) OR (myFalseProp AND myTrueProp) "
                + "OR (myFalseProp AND myFalseProp) OR (myFalseProp AND myNullProp) OR (MyNullProp AND myTrueProp) "
                + "OR (MyNullProp AND myFalseProp) OR (MyNullProp AND myNullProp)";
        assertFalse(matches(allFalse, "myTrueProp", true, "myFalseProp", false));
        assertTrue(matches(allFalse, "myTrueProp", true, "myFalseProp", true));
        assertTrue(matches("(myTrueProp OR myTrueProp) AND (myTrueProp OR myFalseProp) AND (myTrueProp OR myNullProp) "
                + "AND (myFalseProp OR myTrueProp) AND (myNullProp OR myTrueProp)", "myTrueProp", true, "myFalseProp", false));
        String noneTrue = "(myFalseProp OR myFalseProp) OR (myFalseProp OR myNullProp) OR (myNullProp OR myFalseProp) "
                + "OR (myNullProp OR myNullProp)";
        assertFalse(matches(noneTrue, "myFalseProp", false));
        assertTrue(matches(noneTrue, "myFalseProp", true));
        assertTrue(matches("NOT myFalseProp", "myFalseProp", false));
        assertFalse(matches("NOT myTrueProp", "myTrueProp", true));
        assertFalse(matches("NOT myNullProp"));
        assertTrue(matches("NOT myNullProp", "myNullProp", false));
    }
}
