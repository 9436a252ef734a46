package org.rowmq.selector;

/**
 * A header field or property reference. The value comes straight from the {@link SelectorContext}, unconverted, so
 * reading an identifier costs one lookup and no allocation; the operators check its type.
 */
final class Identifier extends Expression {
    private final String name;
    private final Kind kind;

    Identifier(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    String name() {
        return name;
    }

    @Override
    Kind kind() {
        return kind;
    }

    @Override
    Object evaluate(SelectorContext message) {
        return message.value(name);
    }
}
