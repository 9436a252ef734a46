package org.rowmq.message;

import jakarta.jms.MessageFormatException;

/**
 * Reads what {@link WireOutput} wrote. Every length and count is checked against the bytes that remain, so corrupt
 * input ends in a MessageFormatException and never in an unchecked exception or a huge allocation.
 */
final class WireInput {
    private final byte[] bytes;
    private final int end;
    private int position;

    WireInput(byte[] bytes, int offset, int end) {
        this.bytes = bytes;
        this.position = offset;
        this.end = end;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    byte[] source() {
        return bytes;
    }

    int end() {
        return end;
    }

    void skipToEnd() {
        position = end;
    }

    int readByte() throws MessageFormatException {
        if (position >= end) {
            throw corrupt("unexpected end of data");
        }
        return bytes[position++];
    }

    long readVarLong() throws MessageFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("variable-length integer too long");
    }

    long readSignedVarLong() throws MessageFormatException {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A length or count; it cannot exceed the bytes that remain since every element takes at least one byte. */
    int readLength() throws MessageFormatException {
        long length = readVarLong();
        if (length < 0 || length > remaining()) {
            throw corrupt("length " + length + " exceeds the " + remaining() + " bytes that remain");
        }
        return (int) length;
    }

    int readFixed32() throws MessageFormatException {
        if (remaining() < 4) {
            throw corrupt("unexpected end of data");
        }
        int p = position;
        position += 4;
        return (bytes[p] & 0xFF) << 24 | (bytes[p + 1] & 0xFF) << 16 | (bytes[p + 2] & 0xFF) << 8 | (bytes[p + 3] & 0xFF);
    }

    long readFixed64() throws MessageFormatException {
        long high = readFixed32();
        return high << 32 | (readFixed32() & 0xFFFFFFFFL);
    }

    byte[] readBytes() throws MessageFormatException {
        int length = readLength();
        byte[] copy = new byte[length];
        System.arraycopy(bytes, position, copy, 0, length);
        position += length;
        return copy;
    }

    String readString() throws MessageFormatException {
        int length = readLength();
        int p = position;
        int limit = p + length;
        char[] chars = new char[length];
        int n = 0;
        byte[] b = bytes;
        while (p < limit) {
            int c = b[p++];
            if (c >= 0) {
                chars[n++] = (char) c;
            } else if ((c & 0xE0) == 0xC0) {
                requireContinuation(p, 1, limit);
                int v = (c & 0x1F) << 6 | (b[p++] & 0x3F);
                if (v < 0x80) {
                    throw corrupt("overlong UTF-8 sequence");
                }
                chars[n++] = (char) v;
            } else if ((c & 0xF0) == 0xE0) {
                requireContinuation(p, 2, limit);
                int v = (c & 0x0F) << 12 | (b[p++] & 0x3F) << 6 | (b[p++] & 0x3F);
                if (v < 0x800) {
                    throw corrupt("overlong UTF-8 sequence");
                }
                chars[n++] = (char) v;
            } else if ((c & 0xF8) == 0xF0) {
                requireContinuation(p, 3, limit);
                int v = (c & 0x07) << 18 | (b[p++] & 0x3F) << 12 | (b[p++] & 0x3F) << 6 | (b[p++] & 0x3F);
                if (v < 0x10000 || v > Character.MAX_CODE_POINT) {
                    throw corrupt("invalid UTF-8 code point");
                }
                chars[n++] = Character.highSurrogate(v);
                chars[n++] = Character.lowSurrogate(v);
            } else {
                throw corrupt("invalid UTF-8 lead byte");
            }
        }
        position = limit;
        return new String(chars, 0, n);
    }

    private void requireContinuation(int p, int count, int limit) throws MessageFormatException {
        if (p + count > limit) {
            throw corrupt("truncated UTF-8 sequence");
        }
        for (int i = p; i < p + count; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                throw corrupt("invalid UTF-8 continuation byte");
            }
        }
    }

    MessageFormatException corrupt(String what) {
        return new MessageFormatException("Corrupt RowMQ message encoding at byte " + position + ": " + what);
    }
}
