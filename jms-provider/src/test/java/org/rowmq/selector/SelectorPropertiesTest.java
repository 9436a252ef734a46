package org.rowmq.selector;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.InvalidSelectorException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the parser and evaluator: no input makes parse() throw anything but InvalidSelectorException or
 * makes matches() throw at all; every well-formed expression parses; and arithmetic and comparisons agree with an
 * independent model of the specification's rules written below.
 */
class SelectorPropertiesTest {
    private static final List<String> VALID = List.of(
            "JMSType='literal''s'", "myProp0=-9223372036854775808L AND myProp1=9223372036854775807L",
            "myProp=035 OR myProp=0x1d", "myProp0=7E3 AND myProp1=-57.9E3 AND p=.7e4 AND q=7000.",
            "(myProp0 = true OR myProp1 = true) AND JMSType = 'not_foo'", "-myProp0 < 0 AND +myProp1 < 0",
            "myProp0+myProp1*myProp2-myProp3/myProp4 = 6", "myProp0 NOT BETWEEN -4 and 5 AND myProp1 BETWEEN 1 and 2",
            "JMSType NOT IN ('foo','jms','test')", "JMSType LIKE '\\__\\%%' ESCAPE '\\'", "myNullProp IS NOT NULL",
            "myProp0 is null and myProp1 like 'fooG_%' escape 'G' and (myProp4 or false)", "NOT a AND b OR c");

    private static final List<String> TOKENS = List.of("a", "b", "JMSType", "JMSX1", "JMSDestination", "'s'", "'",
            "''", "1", "-", "+", "*", "/", "0x1F", "017", "09", "1.5", ".5", "1e3", "1e", "5L", "1.5F", "9223372036854775808",
            "(", ")", ",", "=", "<>", "<", "<=", ">", ">=", "!", "\"", "AND", "or", "Not", "BETWEEN", "LIKE", "IN",
            "IS", "NULL", "ESCAPE", "TRUE", "false", "%", "_", ".", "\t", "\n", "\u00e9", "\uD83D\uDE00", "\u0000");

    // ---- 1. nothing but InvalidSelectorException escapes parse(), and nothing escapes matches()

    @Property(tries = 3000)
    void junkCharactersNeverBreakTheParser(@ForAll("junkCharacters") String text) {
        parseAndEvaluate(text);
    }

    @Property(tries = 3000)
    void junkTokensNeverBreakTheParser(@ForAll("junkTokens") List<String> tokens, @ForAll boolean spaced) {
        parseAndEvaluate(String.join(spaced ? " " : "", tokens));
    }

    @Property(tries = 3000)
    void mutatedSelectorsNeverBreakTheParser(@ForAll("mutations") String text) {
        parseAndEvaluate(text);
    }

    @Provide
    Arbitrary<String> junkCharacters() {
        return Arbitraries.strings().withChars("abzXJMS_$09185.eExXLlFfDd '\"(),=<>!+-*/%\\\t\n\f\u00e9\u0000")
                .ofMaxLength(40);
    }

    @Provide
    Arbitrary<List<String>> junkTokens() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> insert = Arbitraries.of(TOKENS);
        return Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 3), insert)
                .as((base, where, length, kind, token) -> {
                    int at = where % (base.length() + 1);
                    int end = Math.min(base.length(), at + length);
                    return switch (kind) {
                        case 0 -> base.substring(0, at) + base.substring(end);
                        case 1 -> base.substring(0, at) + token + base.substring(at);
                        case 2 -> base.substring(0, at) + token + base.substring(end);
                        default -> base.substring(0, at) + base.substring(end) + base.substring(at, end);
                    };
                });
    }

    private static final SelectorContext EVERYTHING = name -> switch (name.length() % 5) {
        case 0 -> name;
        case 1 -> name.length();
        case 2 -> name.length() / 3.0;
        case 3 -> name.hashCode() % 2 == 0;
        default -> null;
    };

    private static void parseAndEvaluate(String text) {
        Selector selector;
        try {
            selector = Selector.parse(text);
        } catch (InvalidSelectorException e) {
            assertTrue(e.getMessage().contains(" at position "), e.getMessage());
            return;
        } catch (Throwable t) {
            fail("parse threw " + t + " for: " + text, t);
            return;
        }
        assertDoesNotThrow(() -> selector.matches(EVERYTHING), () -> "matches threw for: " + text);
    }

    // ---- 2. well-formed expressions parse

    @Property(tries = 2000)
    void wellFormedExpressionsParse(@ForAll("conditions") String text) {
        Selector selector = assertDoesNotThrow(() -> Selector.parse(text), () -> "rejected: " + text);
        assertDoesNotThrow(() -> selector.matches(EVERYTHING));
    }

    @Provide
    Arbitrary<String> conditions() {
        return condition(3);
    }

    private Arbitrary<String> keyword(String word) {
        return Arbitraries.of(word, word.toLowerCase(), word.charAt(0) + word.substring(1).toLowerCase());
    }

    /** Property names, whose type only a message tells, so they fit anywhere. */
    private Arbitrary<String> identifier() {
        return Arbitraries.of("a", "b", "_x", "$y", "\u00e9t\u00e9", "JMSXGroupSeq", "JMS_ibm", "isNot", "andy",
                "nullable", "INx");
    }

    private Arbitrary<String> numericIdentifier() {
        return Arbitraries.oneOf(identifier(), Arbitraries.of("JMSPriority", "JMSTimestamp"));
    }

    private Arbitrary<String> stringIdentifier() {
        return Arbitraries.oneOf(identifier(), Arbitraries.of("JMSType", "JMSMessageID", "JMSDeliveryMode"));
    }

    private Arbitrary<String> numericLiteral() {
        return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.longs().map(n -> n + "L"),
                Arbitraries.integers().between(0, 1 << 20).map(n -> "0" + Integer.toOctalString(n)),
                Arbitraries.longs().map(n -> "0x" + Long.toHexString(n)),
                Arbitraries.doubles().map(d -> String.valueOf(Math.abs(d))),
                Arbitraries.of("7E3", "-57.9E3", "7000.", ".7e4", "1.5F", "2d", "0", "0.0", "1e-300"));
    }

    private Arbitrary<String> stringLiteral() {
        return Arbitraries.strings().ofMaxLength(6).map(s -> "'" + s.replace("'", "''") + "'");
    }

    private Arbitrary<String> numeric(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(numericIdentifier(), numericLiteral());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> smaller = numeric(depth - 1);
        return Arbitraries.oneOf(leaf,
                Combinators.combine(smaller, Arbitraries.of("+", "-", "*", "/"), smaller)
                        .as((l, op, r) -> l + " " + op + " " + r),
                smaller.map(n -> "-" + n), smaller.map(n -> "+ " + n), smaller.map(n -> "(" + n + ")"));
    }

    private Arbitrary<String> condition(int depth) {
        Arbitrary<String> num = numeric(1);
        Arbitrary<String> not = Arbitraries.of("", "NOT ", "not ");
        Arbitrary<String> leaf = Arbitraries.oneOf(identifier(), keyword("TRUE"), keyword("FALSE"),
                Combinators.combine(num, Arbitraries.of("=", "<>", "<", "<=", ">", ">="), num)
                        .as((l, op, r) -> l + op + r),
                Combinators.combine(Arbitraries.oneOf(stringIdentifier(), stringLiteral()), Arbitraries.of("=", "<>"),
                        Arbitraries.oneOf(stringIdentifier(), stringLiteral())).as((l, op, r) -> l + " " + op + " " + r),
                Combinators.combine(num, not, keyword("BETWEEN"), num, keyword("AND"), num)
                        .as((v, n, b, lo, a, hi) -> v + " " + n + b + " " + lo + " " + a + " " + hi),
                Combinators.combine(stringIdentifier(), not, keyword("IN"), stringLiteral().list().ofMinSize(1).ofMaxSize(4))
                        .as((v, n, in, list) -> v + " " + n + in + " (" + String.join(", ", list) + ")"),
                Combinators.combine(stringIdentifier(), not, keyword("LIKE"), Arbitraries.strings()
                                .withChars("ab%_!'").ofMaxLength(8), keyword("ESCAPE"), Arbitraries.of(true, false))
                        .as((v, n, like, pattern, esc, escaped) -> {
                            String p = "'" + pattern.replace("'", "''") + "'";
                            boolean usable = !escaped || !pattern.replace("!!", "").endsWith("!");
                            return v + " " + n + like + " " + p + (escaped && usable ? " " + esc + " '!'" : "");
                        }),
                Combinators.combine(Arbitraries.oneOf(stringIdentifier(), numericIdentifier()), keyword("IS"), not, keyword("NULL"))
                        .as((v, is, n, nul) -> v + " " + is + " " + n + nul));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> smaller = condition(depth - 1);
        return Arbitraries.oneOf(leaf, leaf,
                Combinators.combine(smaller, keyword("AND"), smaller).as((l, op, r) -> l + " " + op + " " + r),
                Combinators.combine(smaller, keyword("OR"), smaller).as((l, op, r) -> l + " " + op + " " + r),
                Combinators.combine(keyword("NOT"), smaller).as((n, c) -> n + " " + c),
                smaller.map(c -> "(" + c + ")"),
                Combinators.combine(smaller, Arbitraries.of("=", "<>"), smaller)
                        .as((l, op, r) -> "(" + l + ") " + op + " (" + r + ")"));
    }

    // ---- 3. arithmetic and comparisons agree with an independent model

    /** Expression trees of the model; rendered fully parenthesised so precedence cannot blur the comparison. */
    sealed interface Term permits Constant, Variable, Binary, Negation {
    }

    record Constant(Object value) implements Term {
    }

    record Variable(String name) implements Term {
    }

    record Binary(char operator, Term left, Term right) implements Term {
    }

    record Negation(Term operand) implements Term {
    }

    record Compare(String operator, Term left, Term right) {
    }

    @Property(tries = 5000)
    void evaluatorAgreesWithModel(@ForAll("comparisons") Compare compare, @ForAll("messages") Map<String, Object> message)
            throws InvalidSelectorException {
        String text = render(compare.left()) + " " + compare.operator() + " " + render(compare.right());
        Optional<Boolean> expected = model(compare, message);
        Statistics.collect(expected.map(String::valueOf).orElse("UNKNOWN"));
        SelectorContext context = message::get;
        assertEquals(expected.orElse(false), Selector.parse(text).matches(context), () -> text + " with " + message);
        assertEquals(expected.map(b -> !b).orElse(false), Selector.parse("NOT (" + text + ")").matches(context),
                () -> "NOT (" + text + ") with " + message);
    }

    @Provide
    Arbitrary<Compare> comparisons() {
        return Combinators.combine(Arbitraries.of("=", "<>", "<", "<=", ">", ">="), term(3), term(3))
                .as(Compare::new);
    }

    @Provide
    Arbitrary<Map<String, Object>> messages() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 3).map(i -> (Object) i),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.shorts().map(s -> (Object) s), Arbitraries.bytes().map(b -> (Object) b),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .map(d -> (Object) d),
                Arbitraries.floats().map(f -> (Object) f), Arbitraries.of(0.5, -2.0, 3.0).map(d -> (Object) d),
                Arbitraries.of("x", "1", "").map(s -> (Object) s), Arbitraries.of(true, false).map(b -> (Object) b));
        return Combinators.combine(value.injectNull(0.15), value.injectNull(0.15), value.injectNull(0.15))
                .as((p, q, r) -> {
                    Map<String, Object> values = new HashMap<>();
                    values.put("p", p);
                    values.put("q", q);
                    values.put("r", r);
                    values.values().removeIf(v -> v == null);
                    return values;
                });
    }

    private Arbitrary<Term> term(int depth) {
        Arbitrary<Term> leaf = Arbitraries.oneOf(
                Arbitraries.of("p", "q", "r").map(Variable::new),
                Arbitraries.oneOf(Arbitraries.longs().between(-5, 5), Arbitraries.longs()).map(Constant::new),
                Arbitraries.oneOf(Arbitraries.of(0.0, 0.5, -1.5, 2.0), Arbitraries.doubles()).map(Constant::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Term> smaller = term(depth - 1);
        return Arbitraries.oneOf(leaf, leaf,
                Combinators.combine(Arbitraries.of('+', '-', '*', '/'), smaller, smaller).as(Binary::new),
                smaller.map(Negation::new));
    }

    private static String render(Term term) {
        if (term instanceof Constant c) {
            return String.valueOf(c.value());
        }
        if (term instanceof Variable v) {
            return v.name();
        }
        if (term instanceof Negation n) {
            return "-(" + render(n.operand()) + ")";
        }
        Binary b = (Binary) term;
        return "(" + render(b.left()) + " " + b.operator() + " " + render(b.right()) + ")";
    }

    /** The model's value: a Long or a Double, or empty for UNKNOWN. Strings and booleans stay as they are. */
    private static Optional<Object> value(Term term, Map<String, Object> message) {
        if (term instanceof Constant c) {
            return Optional.of(c.value());
        }
        if (term instanceof Variable v) {
            return Optional.ofNullable(message.get(v.name())).map(SelectorPropertiesTest::widen);
        }
        if (term instanceof Negation n) {
            return value(n.operand(), message).flatMap(v -> v instanceof Long l ? Optional.of((Object) (-l))
                    : v instanceof Double d ? Optional.of((Object) (-d)) : Optional.empty());
        }
        Binary b = (Binary) term;
        Optional<Object> l = value(b.left(), message).filter(SelectorPropertiesTest::isNumber);
        Optional<Object> r = value(b.right(), message).filter(SelectorPropertiesTest::isNumber);
        if (l.isEmpty() || r.isEmpty()) {
            return Optional.empty();
        }
        return arithmetic(b.operator(), l.get(), r.get());
    }

    private static Object widen(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return (double) f;
        }
        return v;
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double;
    }

    private static Optional<Object> arithmetic(char op, Object l, Object r) {
        if (l instanceof Long a && r instanceof Long b) {
            if (op == '/' && b == 0) {
                return Optional.empty();
            }
            return Optional.of(switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> a / b;
            });
        }
        double a = ((Number) l).doubleValue();
        double b = ((Number) r).doubleValue();
        return Optional.of(switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> a / b;
        });
    }

    private static Optional<Boolean> model(Compare compare, Map<String, Object> message) {
        Optional<Object> l = value(compare.left(), message);
        Optional<Object> r = value(compare.right(), message);
        if (l.isEmpty() || r.isEmpty()) {
            return Optional.empty();
        }
        Object a = l.get();
        Object b = r.get();
        String op = compare.operator();
        if (isNumber(a) && isNumber(b)) {
            int sign;
            if (a instanceof Long x && b instanceof Long y) {
                sign = Long.compare(x, y);
            } else {
                double x = ((Number) a).doubleValue();
                double y = ((Number) b).doubleValue();
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    return Optional.of(op.equals("<>"));
                }
                sign = x < y ? -1 : x > y ? 1 : 0;
            }
            return Optional.of(switch (op) {
                case "=" -> sign == 0;
                case "<>" -> sign != 0;
                case "<" -> sign < 0;
                case "<=" -> sign <= 0;
                case ">" -> sign > 0;
                default -> sign >= 0;
            });
        }
        boolean sameKind = a instanceof String && b instanceof String || a instanceof Boolean && b instanceof Boolean;
        if (sameKind && (op.equals("=") || op.equals("<>"))) {
            return Optional.of(a.equals(b) == op.equals("="));
        }
        return Optional.empty();
    }
}
