package org.rowmq.message;

import java.util.Arrays;

/**
 * Writes the message encoding: variable-length integers, fixed-width floats and strings as UTF-8 (unpaired
 * surrogates, which Java strings may hold, as their three-byte generalized UTF-8 form, so every string round-trips).
 * Not thread-safe; one instance per encoded message.
 */
final class WireOutput {
    private byte[] buffer;
    private int size;

    WireOutput(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    void writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** Unsigned LEB128. */
    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    /** Zig-zag then LEB128, so small negative numbers stay short. */
    void writeSignedVarLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    void writeLength(int length) {
        writeVarLong(length);
    }

    void writeFixed32(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    void writeFixed64(long value) {
        writeFixed32((int) (value >>> 32));
        writeFixed32((int) value);
    }

    void writeBytes(byte[] bytes) {
        writeLength(bytes.length);
        writeRaw(bytes, 0, bytes.length);
    }

    void writeString(String s) {
        int length = s.length();
        // Reserve the worst case (3 bytes per char) behind a length prefix of at most 5 bytes, then patch the prefix.
        ensure(5 + 3 * length);
        int start = size + 5;
        int p = start;
        byte[] b = buffer;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        int encodedLength = p - start;
        writeLength(encodedLength);
        System.arraycopy(b, start, b, size, encodedLength);
        size += encodedLength;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
