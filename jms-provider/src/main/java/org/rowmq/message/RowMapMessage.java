package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A message whose body is a set of named, typed values read with the MapMessage conversion table (3.11.2). */
public class RowMapMessage extends RowMessage implements MapMessage {
    static final int TYPE = 3;

    private final Map<String, Object> map = new LinkedHashMap<>();

    public RowMapMessage() {
    }

    private Object get(String name) throws JMSException {
        ensureBody();
        return map.get(name);
    }

    private void put(String name, Object value) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A MapMessage name must not be null or empty");
        }
        ensureBody();
        checkBodyWritable();
        map.put(name, value);
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return TypeConversions.toBoolean(get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return TypeConversions.toByte(get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return TypeConversions.toShort(get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return TypeConversions.toChar(get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return TypeConversions.toInt(get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return TypeConversions.toLong(get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return TypeConversions.toFloat(get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return TypeConversions.toDouble(get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return TypeConversions.toText(get(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return TypeConversions.toBytes(get(name));
    }

    @Override
    public Object getObject(String name) throws JMSException {
        return TypeConversions.copyOut(get(name));
    }

    @Override
    public Enumeration<String> getMapNames() throws JMSException {
        ensureBody();
        return Collections.enumeration(new ArrayList<>(map.keySet()));
    }

    @Override
    public boolean itemExists(String name) throws JMSException {
        ensureBody();
        return map.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value instanceof byte[] bytes) {
            setBytes(name, bytes);
        } else if (value instanceof Character || RowMessage.isPropertyType(value)) {
            put(name, value);
        } else {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("A MapMessage name must not be null or empty");
            }
            throw new MessageFormatException("MapMessage value " + name + " cannot be a " + value.getClass().getName()
                    + ": only Boolean, Byte, Short, Character, Integer, Long, Float, Double, String and byte[]");
        }
    }

    @Override
    int bodyType() {
        return TYPE;
    }

    @Override
    void writeBody(WireOutput out) {
        out.writeLength(map.size());
        for (Map.Entry<String, Object> e : map.entrySet()) {
            out.writeString(e.getKey());
            TypedValues.write(out, e.getValue());
        }
    }

    @Override
    void readBody(WireInput in) throws JMSException {
        int count = in.readLength();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            map.put(name, TypedValues.read(in, true));
        }
    }

    @Override
    void clearBodyContent() {
        map.clear();
    }

    /** A copy of the entries (byte[] values copied too), or null when the map is empty. */
    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        if (map.isEmpty()) {
            return null;
        }
        if (!c.isAssignableFrom(Map.class)) {
            throw new MessageFormatException("A MapMessage body is a java.util.Map and cannot be returned as "
                    + c.getName());
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, TypeConversions.copyOut(v)));
        return c.cast(copy);
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return map.isEmpty() || c.isAssignableFrom(Map.class);
    }
}
