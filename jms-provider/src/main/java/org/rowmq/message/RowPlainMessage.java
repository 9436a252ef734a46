package org.rowmq.message;

/** A message with headers and properties only (Session.createMessage()). Its body is always null. */
public final class RowPlainMessage extends RowMessage {
    static final int TYPE = 0;

    public RowPlainMessage() {
    }

    @Override
    int bodyType() {
        return TYPE;
    }

    @Override
    void writeBody(WireOutput out) {
        // No body to write.
    }

    @Override
    void readBody(WireInput in) {
        // No body to read; the codec checks that nothing is left over.
    }

    @Override
    void clearBodyContent() {
        // No body to clear.
    }

    @Override
    <T> T bodyAs(Class<T> c) {
        return null;
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return true;
    }
}
